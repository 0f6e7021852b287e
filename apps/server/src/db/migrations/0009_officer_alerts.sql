CREATE TABLE "officer_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"commune_id" uuid,
	"kind" text NOT NULL,
	"report_id" uuid,
	"title" text NOT NULL,
	"link" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "officer_alerts_dedupe_uq" ON "officer_alerts" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "officer_alerts_user_idx" ON "officer_alerts" USING btree ("user_id","created_at");