-- Keep the single phone of existing rows as the first of the new list before dropping it.
UPDATE "households" SET "phones" = ARRAY["phone"] WHERE "phone" IS NOT NULL AND cardinality("phones") = 0;--> statement-breakpoint
ALTER TABLE "households" DROP COLUMN "phone";
