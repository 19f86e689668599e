ALTER TABLE "projects" ADD COLUMN "onsite_days" integer;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "travel_km" integer;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD COLUMN "travel_minutes" integer;