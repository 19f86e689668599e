CREATE TYPE "public"."milestone_review_kind" AS ENUM('submitted', 'changes_requested', 'accepted', 'dropped');--> statement-breakpoint
ALTER TYPE "public"."milestone_status" ADD VALUE 'dropped';--> statement-breakpoint
CREATE TABLE "milestone_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"milestone_id" uuid NOT NULL,
	"kind" "milestone_review_kind" NOT NULL,
	"comment" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "onsite_days" integer;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "travel_km" integer;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "travel_minutes" integer;--> statement-breakpoint
ALTER TABLE "portfolio_entries" ADD COLUMN "task_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "reminder_days" jsonb;--> statement-breakpoint
ALTER TABLE "milestone_reviews" ADD CONSTRAINT "milestone_reviews_milestone_id_workspace_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."workspace_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reviews" ADD CONSTRAINT "milestone_reviews_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_reviews_milestone_idx" ON "milestone_reviews" USING btree ("milestone_id","created_at");