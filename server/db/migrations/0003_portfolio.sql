CREATE TYPE "public"."deliverable_kind" AS ENUM('file', 'link');--> statement-breakpoint
CREATE TYPE "public"."entry_visibility" AS ENUM('private', 'unlisted', 'public');--> statement-breakpoint
CREATE TYPE "public"."feedback_side" AS ENUM('intern', 'supervisor');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('open', 'submitted', 'accepted', 'changes_requested');--> statement-breakpoint
CREATE TABLE "deliverables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"kind" "deliverable_kind" NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_name" text,
	"mime_type" text,
	"size_bytes" bigint,
	"sha256" text,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issued_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"json" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "portfolio_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"title" text NOT NULL,
	"organisation" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"visibility" "entry_visibility" DEFAULT 'private' NOT NULL,
	"share_token" text NOT NULL,
	"deliverable_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"completed_tasks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_entries_share_token_unique" UNIQUE("share_token")
);
--> statement-breakpoint
CREATE TABLE "portfolio_handles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"handle" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_handles_handle_unique" UNIQUE("handle")
);
--> statement-breakpoint
CREATE TABLE "workspace_completions" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"endorsement" text NOT NULL,
	"skills" jsonb NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"completed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"side" "feedback_side" NOT NULL,
	"rating" integer NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"week" integer,
	"status" "milestone_status" DEFAULT 'open' NOT NULL,
	"comment" text,
	"submitted_at" timestamp with time zone,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_milestone_id_workspace_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."workspace_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverables" ADD CONSTRAINT "deliverables_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_entry_id_portfolio_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."portfolio_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_entries" ADD CONSTRAINT "portfolio_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_entries" ADD CONSTRAINT "portfolio_entries_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_handles" ADD CONSTRAINT "portfolio_handles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_completions" ADD CONSTRAINT "workspace_completions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_completions" ADD CONSTRAINT "workspace_completions_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_feedback" ADD CONSTRAINT "workspace_feedback_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_feedback" ADD CONSTRAINT "workspace_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_milestones" ADD CONSTRAINT "workspace_milestones_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliverables_workspace_idx" ON "deliverables" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deliverables_sha256_idx" ON "deliverables" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "issued_credentials_entry_idx" ON "issued_credentials" USING btree ("entry_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_entries_workspace_student_key" ON "portfolio_entries" USING btree ("workspace_id","student_id");--> statement-breakpoint
CREATE INDEX "portfolio_entries_student_idx" ON "portfolio_entries" USING btree ("student_id","end_date");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_feedback_author_key" ON "workspace_feedback" USING btree ("workspace_id","author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_milestones_position_key" ON "workspace_milestones" USING btree ("workspace_id","position");