import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { communes, groups, hamlets } from "./org";
import { households } from "./people";

/** Personal invites (per household). The link token is an HMAC of the id: nothing secret is stored. */
export const invites = pgTable(
  "invites",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    householdId: uuid("household_id")
      .notNull()
      .references(() => households.id),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    useCount: integer("use_count").notNull().default(0),
  },
  (t) => [index("invites_household_idx").on(t.householdId)],
);

/** Requests to join without a personal invite (e.g. from the hamlet poster), for the leader to decide. */
export const joinRequests = pgTable(
  "join_requests",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    address: text("address").notNull().default(""),
    note: text("note").notNull().default(""),
    consentVersion: text("consent_version").notNull(),
    consentPurposes: jsonb("consent_purposes").$type<string[]>().notNull(),
    status: text("status").notNull().default("pending"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
    memberId: uuid("member_id"),
    manageTokenHash: text("manage_token_hash"),
    /** web | zalo (a request to join the group's Zalo twin, decided here and carried out on Zalo) */
    source: text("source").notNull().default("web"),
    zaloUserId: text("zalo_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("join_requests_group_idx").on(t.groupId, t.status)],
);

/** Every household import: who ran it, the file's hash, progress and the outcome. */
export const householdImports = pgTable("household_imports", {
  id: uuid("id").primaryKey(),
  hamletId: uuid("hamlet_id")
    .notNull()
    .references(() => hamlets.id),
  communeId: uuid("commune_id")
    .notNull()
    .references(() => communes.id),
  fileName: text("file_name").notNull(),
  sha256: text("sha256").notNull(),
  bytes: integer("bytes").notNull(),
  format: text("format").notNull(),
  /** running | done | failed */
  status: text("status").notNull(),
  total: integer("total").notNull().default(0),
  processed: integer("processed").notNull().default(0),
  imported: integer("imported").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  errors: jsonb("errors").$type<{ row: number; field: string; message: string }[]>().notNull().default([]),
  createdBy: uuid("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** Coverage per hamlet per day, for the trend chart. */
export const coverageSnapshots = pgTable(
  "coverage_snapshots",
  {
    hamletId: uuid("hamlet_id")
      .notNull()
      .references(() => hamlets.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    day: date("day").notNull(),
    households: integer("households").notNull(),
    covered: integer("covered").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.hamletId, t.day] }),
    index("coverage_snapshots_commune_idx").on(t.communeId, t.day),
  ],
);
