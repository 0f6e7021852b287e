CREATE TABLE "zalo_connections" (
	"commune_id" uuid PRIMARY KEY NOT NULL,
	"app_id" text,
	"oa_id" text,
	"oa_name" text,
	"app_secret_sealed" text,
	"oa_secret_sealed" text,
	"signature_mode" jsonb DEFAULT '{"secret":"auto","firstTerm":"auto"}'::jsonb NOT NULL,
	"signature_seen" text,
	"oa_status" text DEFAULT 'disconnected' NOT NULL,
	"access_token_sealed" text,
	"refresh_token_sealed" text,
	"access_expires_at" timestamp with time zone,
	"refresh_expires_at" timestamp with time zone,
	"token_version" integer DEFAULT 0 NOT NULL,
	"refresh_lease_until" timestamp with time zone,
	"last_refresh_at" timestamp with time zone,
	"oauth_state_hash" text,
	"pkce_verifier_sealed" text,
	"oa_last_error" text,
	"oa_last_error_at" timestamp with time zone,
	"oa_info" jsonb,
	"checked_at" timestamp with time zone,
	"bot_status" text DEFAULT 'none' NOT NULL,
	"bot_token_sealed" text,
	"bot_secret_sealed" text,
	"bot_secret_key" text,
	"bot_name" text,
	"bot_last_error" text,
	"connected_by_user_id" uuid,
	"connected_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zalo_groups" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"zalo_group_id" text NOT NULL,
	"group_link" text,
	"name" text,
	"status" text DEFAULT 'enabled' NOT NULL,
	"total_member" integer DEFAULT 0 NOT NULL,
	"max_member" integer,
	"asset_id" text,
	"asset_type" text,
	"valid_through" timestamp with time zone,
	"auto_delete_date" timestamp with time zone,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"admins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"linked_by_user_id" uuid,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zalo_inbound_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "zalo_inbound_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"commune_id" uuid NOT NULL,
	"source" text NOT NULL,
	"event_name" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload_sealed" text NOT NULL,
	"event_at" timestamp with time zone,
	"received_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "zalo_members" (
	"group_id" uuid NOT NULL,
	"zalo_user_id" text NOT NULL,
	"member_id" uuid,
	"display_name" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'member' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "zalo_members_group_id_zalo_user_id_pk" PRIMARY KEY("group_id","zalo_user_id")
);
--> statement-breakpoint
CREATE TABLE "zalo_officer_links" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"oa_user_id" text,
	"bot_chat_id_sealed" text,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"oa_linked_at" timestamp with time zone,
	"bot_linked_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zalo_report_threads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"user_key" text NOT NULL,
	"user_sealed" text NOT NULL,
	"report_id" uuid NOT NULL,
	"last_user_message_id" text,
	"last_interaction_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcement_deliveries" ADD COLUMN "progress" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "join_requests" ADD COLUMN "source" text DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "join_requests" ADD COLUMN "zalo_user_id" text;--> statement-breakpoint
ALTER TABLE "zalo_connections" ADD CONSTRAINT "zalo_connections_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zalo_groups" ADD CONSTRAINT "zalo_groups_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zalo_groups" ADD CONSTRAINT "zalo_groups_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zalo_members" ADD CONSTRAINT "zalo_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zalo_officer_links" ADD CONSTRAINT "zalo_officer_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_connections_oa_uq" ON "zalo_connections" USING btree ("oa_id") WHERE oa_id is not null;--> statement-breakpoint
CREATE INDEX "zalo_connections_app_idx" ON "zalo_connections" USING btree ("app_id");--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_connections_bot_secret_uq" ON "zalo_connections" USING btree ("bot_secret_key") WHERE bot_secret_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_groups_zalo_uq" ON "zalo_groups" USING btree ("commune_id","zalo_group_id");--> statement-breakpoint
CREATE INDEX "zalo_groups_commune_idx" ON "zalo_groups" USING btree ("commune_id");--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_inbound_events_dedupe_uq" ON "zalo_inbound_events" USING btree ("source","dedupe_key");--> statement-breakpoint
CREATE INDEX "zalo_inbound_events_commune_idx" ON "zalo_inbound_events" USING btree ("commune_id","received_at");--> statement-breakpoint
CREATE INDEX "zalo_members_member_idx" ON "zalo_members" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_officer_links_code_uq" ON "zalo_officer_links" USING btree ("code_hash") WHERE code_hash is not null;--> statement-breakpoint
CREATE INDEX "zalo_officer_links_oa_idx" ON "zalo_officer_links" USING btree ("commune_id","oa_user_id");--> statement-breakpoint
CREATE INDEX "zalo_report_threads_user_idx" ON "zalo_report_threads" USING btree ("commune_id","user_key","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "zalo_report_threads_report_uq" ON "zalo_report_threads" USING btree ("report_id");