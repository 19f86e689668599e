CREATE TABLE "brief_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"thread_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"anchor_start" "bytea",
	"anchor_end" "bytea",
	"quote" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_thread_id_brief_comments_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."brief_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_comments" ADD CONSTRAINT "brief_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_comments_workspace_idx" ON "brief_comments" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "brief_comments_thread_idx" ON "brief_comments" USING btree ("thread_id");