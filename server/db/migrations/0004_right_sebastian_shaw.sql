CREATE TABLE "completion_reopenings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"reopened_by" uuid,
	"previous" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "issued_credentials_entry_idx";--> statement-breakpoint
ALTER TABLE "completion_reopenings" ADD CONSTRAINT "completion_reopenings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completion_reopenings" ADD CONSTRAINT "completion_reopenings_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "completion_reopenings_workspace_idx" ON "completion_reopenings" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "issued_credentials_entry_idx" ON "issued_credentials" USING btree ("entry_id","issued_at");