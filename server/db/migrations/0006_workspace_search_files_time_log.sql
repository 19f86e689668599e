CREATE TYPE "public"."time_log_status" AS ENUM('submitted', 'confirmed', 'returned');--> statement-breakpoint
CREATE TABLE "workspace_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"card_id" text,
	"comment_id" uuid,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_attachments_one_target" CHECK (("workspace_attachments"."card_id" is null) <> ("workspace_attachments"."comment_id" is null))
);
--> statement-breakpoint
CREATE TABLE "time_log_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"intern_id" uuid NOT NULL,
	"week" text NOT NULL,
	"hours" numeric(4, 2) NOT NULL,
	"summary" text NOT NULL,
	"status" time_log_status DEFAULT 'submitted' NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_log_entries_hours_check" CHECK ("time_log_entries"."hours" >= 0 and "time_log_entries"."hours" <= 60)
);
--> statement-breakpoint
CREATE TABLE "workspace_time_logs" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"enabled_by" uuid,
	"enabled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspace_attachments" ADD CONSTRAINT "workspace_attachments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_attachments" ADD CONSTRAINT "workspace_attachments_comment_id_brief_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."brief_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_attachments" ADD CONSTRAINT "workspace_attachments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_log_entries" ADD CONSTRAINT "time_log_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_log_entries" ADD CONSTRAINT "time_log_entries_intern_id_users_id_fk" FOREIGN KEY ("intern_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_log_entries" ADD CONSTRAINT "time_log_entries_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_time_logs" ADD CONSTRAINT "workspace_time_logs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_time_logs" ADD CONSTRAINT "workspace_time_logs_enabled_by_users_id_fk" FOREIGN KEY ("enabled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_attachments_workspace_idx" ON "workspace_attachments" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "workspace_attachments_card_idx" ON "workspace_attachments" USING btree ("workspace_id","card_id");--> statement-breakpoint
CREATE INDEX "workspace_attachments_comment_idx" ON "workspace_attachments" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "workspace_attachments_sha256_idx" ON "workspace_attachments" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "time_log_entries_week_idx" ON "time_log_entries" USING btree ("workspace_id","intern_id","week");--> statement-breakpoint
CREATE INDEX "time_log_entries_confirmed_idx" ON "time_log_entries" USING btree ("workspace_id") WHERE "time_log_entries"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "chat_messages_search_idx" ON "chat_messages" USING gin (to_tsvector('english', "body"));--> statement-breakpoint
CREATE INDEX "brief_comments_search_idx" ON "brief_comments" USING gin (to_tsvector('english', "body"));