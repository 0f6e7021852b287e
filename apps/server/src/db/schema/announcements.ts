import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
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
import { bytea } from "./columns";
import { communes, groups } from "./org";
import { users } from "./people";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Police announcements to households (plan II.4.1). */
export const announcements = pgTable(
  "announcements",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    category: text("category").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Accent-free title + body, for residents' search. */
    searchKey: text("search_key").notNull(),
    /** draft | pending_approval | scheduled | published | withdrawn | rejected */
    status: text("status").notNull(),
    /** The whole commune (new groups included when published) or a list of groups. */
    wholeCommune: boolean("whole_commune").notNull().default(false),
    publishAt: ts("publish_at"),
    publishedAt: ts("published_at"),
    expiresAt: ts("expires_at"),
    pinned: boolean("pinned").notNull().default(false),
    urgent: boolean("urgent").notNull().default(false),
    requiresAck: boolean("requires_ack").notNull().default(false),
    /** Wanted/missing person fields. */
    notice: jsonb("notice").$type<Record<string, unknown>>(),
    authorUserId: uuid("author_user_id")
      .notNull()
      .references(() => users.id),
    decidedByUserId: uuid("decided_by_user_id"),
    rejectReason: text("reject_reason"),
    withdrawnAt: ts("withdrawn_at"),
    withdrawReason: text("withdraw_reason"),
    /** Relayed from an official feed. */
    sourceFeedId: uuid("source_feed_id"),
    sourceUrl: text("source_url"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    index("announcements_commune_idx").on(t.communeId, t.status, t.createdAt),
    index("announcements_due_idx").on(t.publishAt).where(sql`status = 'scheduled'`),
  ],
);

/** Audience: which groups' feeds carry the announcement. */
export const announcementGroups = pgTable(
  "announcement_groups",
  {
    announcementId: uuid("announcement_id")
      .notNull()
      .references(() => announcements.id),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.groupId] }),
    index("announcement_groups_group_idx").on(t.groupId),
  ],
);

/** Images (re-encoded, no EXIF) and documents (sniffed by content) attached to announcements. */
export const announcementFiles = pgTable(
  "announcement_files",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    announcementId: uuid("announcement_id"),
    kind: text("kind").notNull(),
    contentType: text("content_type").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    bytes: bytea("bytes").notNull(),
    /** First-page text and metadata of a document, for the content check at publish time. */
    text: text("text").notNull().default(""),
    sha256: text("sha256").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("announcement_files_announcement_idx").on(t.announcementId)],
);

/**
 * One row per member reached (a household representative, a hamlet official…), written when the
 * announcement is released: the "read by household X" record.
 */
export const announcementRecipients = pgTable(
  "announcement_recipients",
  {
    announcementId: uuid("announcement_id").notNull(),
    memberId: uuid("member_id").notNull(),
    groupId: uuid("group_id").notNull(),
    householdId: uuid("household_id"),
    userId: uuid("user_id"),
    deliveredAt: ts("delivered_at"),
    readAt: ts("read_at"),
    ackAt: ts("ack_at"),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.memberId] }),
    index("announcement_recipients_user_idx").on(t.userId).where(sql`user_id is not null`),
  ],
);

/** Per recipient (or group) and channel delivery status for external channels (Web Push, Zalo). */
export const announcementDeliveries = pgTable(
  "announcement_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    announcementId: uuid("announcement_id").notNull(),
    channel: text("channel").notNull(),
    /** push: the subscription id; zalo: the group id. */
    target: text("target").notNull(),
    memberId: uuid("member_id"),
    groupId: uuid("group_id"),
    /** pending | delivered | failed | gone */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** Zalo: how many parts (images, text chunks) already went out, so a retry resumes there. */
    progress: integer("progress").notNull().default(0),
    lastError: text("last_error"),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [uniqueIndex("announcement_deliveries_uq").on(t.announcementId, t.channel, t.target)],
);

/** Web Push subscriptions of signed-in users' browsers. */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: ts("created_at").notNull(),
    lastSuccessAt: ts("last_success_at"),
  },
  (t) => [
    uniqueIndex("push_subscriptions_endpoint_uq").on(t.endpoint),
    index("push_subscriptions_user_idx").on(t.userId),
  ],
);

/** Per-commune announcement settings. */
export const announcementSettings = pgTable("announcement_settings", {
  communeId: uuid("commune_id")
    .primaryKey()
    .references(() => communes.id),
  deputiesNeedApproval: boolean("deputies_need_approval").notNull().default(false),
  /** The commune police's own published numbers: allowed in announcements. */
  officialPhones: text("official_phones").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: ts("updated_at").notNull(),
});

/** RSS/Atom feeds relayed into drafts (plan II.5.2). */
export const feeds = pgTable(
  "feeds",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    url: text("url").notNull(),
    title: text("title").notNull(),
    category: text("category").notNull(),
    audience: jsonb("audience").$type<{ groupIds: string[] } | { communeId: string }>().notNull(),
    autoPublish: boolean("auto_publish").notNull().default(false),
    enabled: boolean("enabled").notNull().default(true),
    etag: text("etag"),
    lastModified: text("last_modified"),
    lastPolledAt: ts("last_polled_at"),
    nextPollAt: ts("next_poll_at").notNull(),
    failures: integer("failures").notNull().default(0),
    lastError: text("last_error"),
    createdBy: uuid("created_by").notNull(),
    createdAt: ts("created_at").notNull(),
    removedAt: ts("removed_at"),
  },
  (t) => [index("feeds_due_idx").on(t.nextPollAt).where(sql`enabled and removed_at is null`)],
);

export const feedItems = pgTable(
  "feed_items",
  {
    feedId: uuid("feed_id")
      .notNull()
      .references(() => feeds.id),
    guid: text("guid").notNull(),
    announcementId: uuid("announcement_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.guid] })],
);

/** Server secrets generated at first start (the VAPID key pair), sealed with the secret key. */
export const systemSecrets = pgTable("system_secrets", {
  name: text("name").primaryKey(),
  sealed: text("sealed").notNull(),
  createdAt: ts("created_at").notNull(),
});
