ALTER TABLE "issued_credentials" ADD COLUMN "status_list" integer;--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD COLUMN "status_list_index" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_credentials_status_key" ON "issued_credentials" USING btree ("status_list","status_list_index");