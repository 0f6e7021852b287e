import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { communes, groups } from "./org";
import { users } from "./people";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** What the OA webhook signature is computed over (reference/zalo.md §2.6, §8 — unverified variants). */
export type ZaloSignatureMode = {
  secret: "oa_secret" | "app_secret" | "auto";
  firstTerm: "app_id" | "oa_id" | "auto";
};

/**
 * One commune's link to Zalo: its Official Account (OAuth v4 tokens, sealed) and optionally a
 * Bot (token and webhook secret, sealed). Secrets never leave this row in clear.
 */
export const zaloConnections = pgTable(
  "zalo_connections",
  {
    communeId: uuid("commune_id")
      .primaryKey()
      .references(() => communes.id),
    appId: text("app_id"),
    oaId: text("oa_id"),
    oaName: text("oa_name"),
    /** The Zalo App's secret key (token exchange), sealed. */
    appSecretSealed: text("app_secret_sealed"),
    /** The OA Secret Key shown when linking the OA (webhook signatures), sealed. */
    oaSecretSealed: text("oa_secret_sealed"),
    signatureMode: jsonb("signature_mode")
      .$type<ZaloSignatureMode>()
      .notNull()
      .default({ secret: "auto", firstTerm: "auto" }),
    /** Which variant actually matched last (logged once it is known). */
    signatureSeen: text("signature_seen"),
    /** disconnected | pending_consent | connected | needs_consent */
    oaStatus: text("oa_status").notNull().default("disconnected"),
    accessTokenSealed: text("access_token_sealed"),
    refreshTokenSealed: text("refresh_token_sealed"),
    accessExpiresAt: ts("access_expires_at"),
    refreshExpiresAt: ts("refresh_expires_at"),
    /** Bumped at each rotation: a refresher writes only over the version it read. */
    tokenVersion: integer("token_version").notNull().default(0),
    /** Cross-process single flight: whoever holds this lease refreshes. */
    refreshLeaseUntil: ts("refresh_lease_until"),
    lastRefreshAt: ts("last_refresh_at"),
    oauthStateHash: text("oauth_state_hash"),
    pkceVerifierSealed: text("pkce_verifier_sealed"),
    oaLastError: text("oa_last_error"),
    oaLastErrorAt: ts("oa_last_error_at"),
    /** The last health check: getoa (package, verified) and GMF assets. */
    oaInfo: jsonb("oa_info").$type<Record<string, unknown>>(),
    checkedAt: ts("checked_at"),
    /** none | connected | failed */
    botStatus: text("bot_status").notNull().default("none"),
    botTokenSealed: text("bot_token_sealed"),
    botSecretSealed: text("bot_secret_sealed"),
    /** HMAC of the bot webhook secret: finds the commune from the header, then compared in constant time. */
    botSecretKey: text("bot_secret_key"),
    botName: text("bot_name"),
    botLastError: text("bot_last_error"),
    connectedByUserId: uuid("connected_by_user_id"),
    connectedAt: ts("connected_at"),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("zalo_connections_oa_uq").on(t.oaId).where(sql`oa_id is not null`),
    index("zalo_connections_app_idx").on(t.appId),
    uniqueIndex("zalo_connections_bot_secret_uq").on(t.botSecretKey).where(sql`bot_secret_key is not null`),
  ],
);

/** GMF group settings as Zalo reports them. */
export type ZaloGroupSettings = {
  lockSendMsg?: boolean;
  joinAppr?: boolean;
  enableMsgHistory?: boolean;
  enableLinkJoin?: boolean;
};

/** A hamlet group's twin on Zalo: a GMF group owned by the commune's OA. */
export const zaloGroups = pgTable(
  "zalo_groups",
  {
    groupId: uuid("group_id")
      .primaryKey()
      .references(() => groups.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    zaloGroupId: text("zalo_group_id").notNull(),
    groupLink: text("group_link"),
    name: text("name"),
    /** enabled | disabled (package expired) */
    status: text("status").notNull().default("enabled"),
    totalMember: integer("total_member").notNull().default(0),
    maxMember: integer("max_member"),
    assetId: text("asset_id"),
    assetType: text("asset_type"),
    validThrough: ts("valid_through"),
    autoDeleteDate: ts("auto_delete_date"),
    settings: jsonb("settings").$type<ZaloGroupSettings>().notNull().default({}),
    /** OA-scoped user ids we made deputies (phó nhóm) on Zalo. */
    admins: jsonb("admins").$type<string[]>().notNull().default([]),
    lastSyncedAt: ts("last_synced_at"),
    lastError: text("last_error"),
    linkedByUserId: uuid("linked_by_user_id"),
    linkedAt: ts("linked_at").notNull(),
  },
  (t) => [
    uniqueIndex("zalo_groups_zalo_uq").on(t.communeId, t.zaloGroupId),
    index("zalo_groups_commune_idx").on(t.communeId),
  ],
);

/**
 * Every webhook event accepted (persisted before the 200): the payload is sealed because a
 * resident's private report arrives this way. `dedupeKey` makes Zalo's retries no-ops.
 */
export const zaloInboundEvents = pgTable(
  "zalo_inbound_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    communeId: uuid("commune_id").notNull(),
    /** oa | bot */
    source: text("source").notNull(),
    eventName: text("event_name").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payloadSealed: text("payload_sealed").notNull(),
    eventAt: ts("event_at"),
    receivedAt: ts("received_at").notNull(),
    /** pending | processed | ignored | failed */
    status: text("status").notNull().default("pending"),
    outcome: text("outcome"),
    processedAt: ts("processed_at"),
  },
  (t) => [
    uniqueIndex("zalo_inbound_events_dedupe_uq").on(t.source, t.dedupeKey),
    index("zalo_inbound_events_commune_idx").on(t.communeId, t.receivedAt),
  ],
);

/**
 * A resident's private conversation with the OA, tied to the report it created. The Zalo user
 * id is an informant identity: stored sealed, looked up by keyed hash (DESIGN "Security").
 */
export const zaloReportThreads = pgTable(
  "zalo_report_threads",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id").notNull(),
    userKey: text("user_key").notNull(),
    /** sealed { zaloUserId, displayName } */
    userSealed: text("user_sealed").notNull(),
    reportId: uuid("report_id").notNull(),
    lastUserMessageId: text("last_user_message_id"),
    lastInteractionAt: ts("last_interaction_at").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("zalo_report_threads_user_idx").on(t.communeId, t.userKey, t.createdAt),
    uniqueIndex("zalo_report_threads_report_uq").on(t.reportId),
  ],
);

/** An officer's Zalo identities: OA-scoped user id (made group deputy) and Bot chat (alerts). */
export const zaloOfficerLinks = pgTable(
  "zalo_officer_links",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    communeId: uuid("commune_id").notNull(),
    oaUserId: text("oa_user_id"),
    botChatIdSealed: text("bot_chat_id_sealed"),
    codeHash: text("code_hash"),
    codeExpiresAt: ts("code_expires_at"),
    oaLinkedAt: ts("oa_linked_at"),
    botLinkedAt: ts("bot_linked_at"),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("zalo_officer_links_code_uq").on(t.codeHash).where(sql`code_hash is not null`),
    index("zalo_officer_links_oa_idx").on(t.communeId, t.oaUserId),
  ],
);

/** Group members known on Zalo (OA-scoped id), for removals and announcement-only locks. */
export const zaloMembers = pgTable(
  "zalo_members",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    zaloUserId: text("zalo_user_id").notNull(),
    memberId: uuid("member_id"),
    displayName: text("display_name").notNull().default(""),
    /** member | admin | left | removed */
    state: text("state").notNull().default("member"),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.zaloUserId] }),
    index("zalo_members_member_idx").on(t.memberId),
  ],
);
