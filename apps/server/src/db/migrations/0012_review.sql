CREATE TABLE "commendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"report_id" uuid,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"form" text NOT NULL,
	"amount_vnd" integer,
	"decision_number" text,
	"decided_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"claim_reference" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_numbers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"doc_type" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"symbol" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"document_number_id" uuid,
	"narrative" jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commendations" ADD CONSTRAINT "commendations_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_reports" ADD CONSTRAINT "review_reports_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commendations_commune_idx" ON "commendations" USING btree ("commune_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "document_numbers_uq" ON "document_numbers" USING btree ("agency","doc_type","year","number");--> statement-breakpoint
CREATE INDEX "review_reports_commune_idx" ON "review_reports" USING btree ("commune_id","created_at");