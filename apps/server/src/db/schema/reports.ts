import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { communes, groups, hamlets } from "./org";

/**
 * A resident's report (tin báo / tố giác / phản ánh …). The reporter's identity is NOT here: it
 * lives sealed in report_identities. No IP address or user agent is stored for any report.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    hamletId: uuid("hamlet_id").references(() => hamlets.id),
    groupId: uuid("group_id").references(() => groups.id),
    category: text("category").notNull(),
    /** Legal kind (req. 1); an anonymous report is never TO_GIAC. */
    kind: text("kind").notNull(),
    state: text("state").notNull().default("RECEIVED"),
    suspendedFrom: text("suspended_from"),
    description: text("description").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    location: text("location").notNull().default(""),
    anonymous: boolean("anonymous").notNull(),
    urgent: boolean("urgent").notNull().default(false),
    /** HMAC of the receipt code: the code itself is never stored. */
    receiptKey: text("receipt_key").notNull(),
    /** web | app | phone | in_person | zalo */
    channel: text("channel").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    assigneeUserId: uuid("assignee_user_id"),
    /** For reports about police conduct: only the chief (and grantees) may see it (DESIGN §1). */
    chiefOnly: boolean("chief_only").notNull().default(false),
    /** An officer the reporter names in a conduct report never sees it. */
    subjectOfficerUserId: uuid("subject_officer_user_id"),
    loggedByUserId: uuid("logged_by_user_id"),
    outcome: jsonb("outcome").$type<Record<string, unknown>>(),
    reporterNotified: jsonb("reporter_notified").$type<{ at: string; channel: string }>(),
    mergedInto: uuid("merged_into"),
    /** An officer's flag: spam, abuse or an obvious duplicate (the review counts it apart). */
    flaggedSpam: boolean("flagged_spam").notNull().default(false),
    /** The announcement (wanted/missing notice) the report answers, if any. */
    announcementId: uuid("announcement_id"),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("reports_receipt_uq").on(t.receiptKey),
    index("reports_commune_idx").on(t.communeId, t.state),
    index("reports_hamlet_idx").on(t.hamletId),
  ],
);

/** The reporter's identity, sealed with AES-256-GCM under a key kept outside the database. */
export const reportIdentities = pgTable("report_identities", {
  reportId: uuid("report_id")
    .primaryKey()
    .references(() => reports.id),
  sealed: text("sealed").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Users the chief allowed to reveal one report's reporter. */
export const reportIdentityGrants = pgTable(
  "report_identity_grants",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    userId: uuid("user_id").notNull(),
    grantedBy: uuid("granted_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("report_identity_grants_uq").on(t.reportId, t.userId)],
);

/** The conversation: reporter ↔ officers; internal notes are never shown to the reporter. */
export const reportMessages = pgTable(
  "report_messages",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    /** reporter | officer */
    author: text("author").notNull(),
    authorUserId: uuid("author_user_id"),
    body: text("body").notNull(),
    internal: boolean("internal").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_messages_report_idx").on(t.reportId, t.createdAt)],
);

/** Evidence: images re-encoded without EXIF/GPS before storage. */
export const reportAttachments = pgTable(
  "report_attachments",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    messageId: uuid("message_id"),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_attachments_report_idx").on(t.reportId)],
);

/**
 * Idempotency for intake: a client that re-sends the same report (offline queue, lost response)
 * gets the same receipt back instead of a duplicate. The receipt code is kept sealed, for a day.
 */
export const reportIntakeKeys = pgTable("report_intake_keys", {
  keyHash: text("key_hash").primaryKey(),
  reportId: uuid("report_id")
    .notNull()
    .references(() => reports.id),
  sealedReceipt: text("sealed_receipt").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** People a report is about (suspects), recorded by officers, sealed like the reporter's identity. */
export const reportSuspects = pgTable(
  "report_suspects",
  {
    id: uuid("id").primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    sealed: text("sealed").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("report_suspects_report_idx").on(t.reportId)],
);
