import { sql } from "drizzle-orm";
import {
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
import { communes, groups } from "./org";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A content-policy hit, stored with the post (which rule, what it did, why, in Vietnamese). */
export type PolicyHit = { rule: string; action: "block" | "hold" | "flag"; message: string; excerpt: string };

/** Members' posts and replies (plan II.5.2); the original text is kept even when hidden. */
export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    /** A reply threads under its post. */
    parentId: uuid("parent_id"),
    authorUserId: uuid("author_user_id"),
    authorMemberId: uuid("author_member_id"),
    /** Shown name (the member's name at posting time). */
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    searchKey: text("search_key").notNull(),
    /** published | held | rejected | hidden | blocked */
    status: text("status").notNull(),
    hits: jsonb("hits").$type<PolicyHit[]>().notNull().default([]),
    flagged: boolean("flagged").notNull().default(false),
    /** web | zalo */
    source: text("source").notNull().default("web"),
    sourceMessageId: text("source_message_id"),
    moderatedByUserId: uuid("moderated_by_user_id"),
    moderatedAt: ts("moderated_at"),
    moderationReason: text("moderation_reason"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    index("posts_group_idx").on(t.groupId, t.status, t.createdAt),
    index("posts_commune_status_idx").on(t.communeId, t.status, t.createdAt),
    index("posts_parent_idx").on(t.parentId),
    /** Posts of a group by time, whatever their status (the console's posts in the last 7 days). */
    index("posts_group_created_idx").on(t.groupId, t.createdAt),
    /** The moderation queue's flagged-and-published part and its count (few rows). */
    index("posts_flagged_idx").on(t.groupId, t.createdAt).where(sql`status = 'published' and flagged`),
    /** An author's violations in a group (the queue's counts next to each item). */
    index("posts_violations_idx")
      .on(t.groupId, t.authorUserId)
      .where(sql`status in ('rejected', 'hidden') or jsonb_array_length(hits) > 0`),
    /** Posts with policy hits by commune and time (the console's hits per rule). */
    index("posts_hits_idx").on(t.communeId, t.createdAt).where(sql`jsonb_array_length(hits) > 0`),
    uniqueIndex("posts_source_uq").on(t.source, t.sourceMessageId).where(sql`source_message_id is not null`),
  ],
);

/** A member reports a post to the moderators. */
export const postReports = pgTable(
  "post_reports",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    userId: uuid("user_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull(),
    resolvedAt: ts("resolved_at"),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId] }),
    /** Open reports (the moderation queue's reported part and the console's counts). */
    index("post_reports_open_idx").on(t.postId).where(sql`resolved_at is null`),
  ],
);

/** Warnings, mutes and removals of a member, by a moderator, with the reason. */
export const memberSanctions = pgTable(
  "member_sanctions",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id").notNull(),
    memberId: uuid("member_id").notNull(),
    userId: uuid("user_id"),
    /** warn | mute | remove */
    kind: text("kind").notNull(),
    until: ts("until"),
    reason: text("reason").notNull(),
    postId: uuid("post_id"),
    byUserId: uuid("by_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
    liftedAt: ts("lifted_at"),
  },
  (t) => [index("member_sanctions_member_idx").on(t.memberId, t.createdAt)],
);

/** Per-commune moderation policy: the action per rule and the lists the management team keeps. */
export const moderationSettings = pgTable("moderation_settings", {
  communeId: uuid("commune_id")
    .primaryKey()
    .references(() => communes.id),
  /** rule code → block | hold | flag | off */
  actions: jsonb("actions").$type<Record<string, string>>().notNull().default({}),
  secretKeywords: text("secret_keywords").array().notNull().default(sql`'{}'::text[]`),
  allowDomains: text("allow_domains").array().notNull().default(sql`'{}'::text[]`),
  denyDomains: text("deny_domains").array().notNull().default(sql`'{}'::text[]`),
  profanity: text("profanity").array().notNull().default(sql`'{}'::text[]`),
  /** Held items older than this are "not acted on" in the console. */
  holdAlertHours: integer("hold_alert_hours").notNull().default(24),
  updatedAt: ts("updated_at").notNull(),
});

/** The official group profile to restore after an unauthorised change (plan II.5.2). */
export const groupOfficialProfiles = pgTable("group_official_profiles", {
  groupId: uuid("group_id")
    .primaryKey()
    .references(() => groups.id),
  name: text("name").notNull(),
  description: text("description").notNull(),
  avatarMediaId: uuid("avatar_media_id"),
  backgroundMediaId: uuid("background_media_id"),
  savedByUserId: uuid("saved_by_user_id").notNull(),
  savedAt: ts("saved_at").notNull(),
});

/** Leader handover (biên bản bàn giao): the record and the three confirmations. */
export const handovers = pgTable(
  "handovers",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id").notNull(),
    fromUserId: uuid("from_user_id"),
    toUserId: uuid("to_user_id").notNull(),
    reason: text("reason").notNull(),
    /** What was handed over, as counted at the time (never informants' identities). */
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    createdByUserId: uuid("created_by_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
    fromConfirmedAt: ts("from_confirmed_at"),
    toConfirmedAt: ts("to_confirmed_at"),
    chiefConfirmedAt: ts("chief_confirmed_at"),
  },
  (t) => [index("handovers_group_idx").on(t.groupId, t.createdAt)],
);

/** Versions of a group's rules (quy chế hoạt động) and who acknowledged which. */
export const groupRulesVersions = pgTable(
  "group_rules_versions",
  {
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    publishedByUserId: uuid("published_by_user_id").notNull(),
    publishedAt: ts("published_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.version] })],
);

export const rulesAcknowledgements = pgTable(
  "rules_acknowledgements",
  {
    groupId: uuid("group_id").notNull(),
    version: integer("version").notNull(),
    userId: uuid("user_id").notNull(),
    memberId: uuid("member_id"),
    at: ts("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.version, t.userId] })],
);

/** Polls to gather residents' opinions (plan II.3). */
export const polls = pgTable(
  "polls",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id").notNull(),
    question: text("question").notNull(),
    options: jsonb("options").$type<string[]>().notNull(),
    multiple: boolean("multiple").notNull().default(false),
    anonymous: boolean("anonymous").notNull().default(false),
    deadline: ts("deadline").notNull(),
    createdByUserId: uuid("created_by_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
    closedAt: ts("closed_at"),
  },
  (t) => [index("polls_group_idx").on(t.groupId, t.createdAt)],
);

/**
 * One ballot per person and poll. For an anonymous poll `voterKey` is a keyed hash of the user
 * (one vote each, and nobody — officers included — can read who chose what).
 */
export const pollVotes = pgTable(
  "poll_votes",
  {
    pollId: uuid("poll_id")
      .notNull()
      .references(() => polls.id),
    voterKey: text("voter_key").notNull(),
    userId: uuid("user_id"),
    choices: jsonb("choices").$type<number[]>().notNull(),
    at: ts("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.voterKey] })],
);
