CREATE TABLE "report_intake_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"sealed_receipt" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "flagged_spam" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "report_intake_keys" ADD CONSTRAINT "report_intake_keys_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;