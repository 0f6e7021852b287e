import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Append-only, hash-chained audit log. hash = SHA-256(prev_hash ‖ canonical row); a trigger
 * (migration 0002) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    communeId: uuid("commune_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    requestId: text("request_id"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_commune_idx").on(t.communeId),
  ],
);

/** Deliveries owed to channels, written in the same transaction as the change that owes them. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    event: text("event").notNull(),
    channel: text("channel").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    communeId: uuid("commune_id"),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

/**
 * Alerts to officers (urgent reports, escalations, deadline reminders). The text names the case
 * and the hamlet, never a reporter; `dedupeKey` makes a reminder fire once per user.
 */
export const officerAlerts = pgTable(
  "officer_alerts",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    communeId: uuid("commune_id"),
    kind: text("kind").notNull(),
    reportId: uuid("report_id"),
    title: text("title").notNull(),
    link: text("link").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("officer_alerts_dedupe_uq").on(t.userId, t.dedupeKey),
    index("officer_alerts_user_idx").on(t.userId, t.createdAt),
  ],
);
