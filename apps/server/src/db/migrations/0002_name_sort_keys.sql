ALTER TABLE "group_members" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "sort_key" text DEFAULT '' NOT NULL;