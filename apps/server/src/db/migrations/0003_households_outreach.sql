CREATE TABLE "coverage_snapshots" (
	"hamlet_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"day" date NOT NULL,
	"households" integer NOT NULL,
	"covered" integer NOT NULL,
	CONSTRAINT "coverage_snapshots_hamlet_id_day_pk" PRIMARY KEY("hamlet_id","day")
);
--> statement-breakpoint
CREATE TABLE "household_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hamlet_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" integer NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"use_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"group_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"consent_version" text NOT NULL,
	"consent_purposes" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"member_id" uuid,
	"manage_token_hash" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "households_hamlet_idx";--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "rules" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "deputies_see_phones" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "household_confirmed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "consent_version" text;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "consent_purposes" jsonb;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "consent_collected_by" text;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "consent_withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "manage_token_hash" text;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "invite_id" uuid;--> statement-breakpoint
ALTER TABLE "group_members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "phones" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "contact_status" text DEFAULT 'not_contacted' NOT NULL;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "last_import_id" uuid;--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "coverage_snapshots" ADD CONSTRAINT "coverage_snapshots_hamlet_id_hamlets_id_fk" FOREIGN KEY ("hamlet_id") REFERENCES "public"."hamlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_snapshots" ADD CONSTRAINT "coverage_snapshots_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_imports" ADD CONSTRAINT "household_imports_hamlet_id_hamlets_id_fk" FOREIGN KEY ("hamlet_id") REFERENCES "public"."hamlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_imports" ADD CONSTRAINT "household_imports_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coverage_snapshots_commune_idx" ON "coverage_snapshots" USING btree ("commune_id","day");--> statement-breakpoint
CREATE INDEX "invites_household_idx" ON "invites" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "join_requests_group_idx" ON "join_requests" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "group_members_household_idx" ON "group_members" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_members_manage_token_uq" ON "group_members" USING btree ("manage_token_hash");--> statement-breakpoint
CREATE INDEX "households_commune_idx" ON "households" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "households_hamlet_code_uq" ON "households" USING btree ("hamlet_id","code") WHERE code is not null;--> statement-breakpoint
CREATE INDEX "households_hamlet_idx" ON "households" USING btree ("hamlet_id","status");