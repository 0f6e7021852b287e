import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { communes, groups, hamlets, provinces } from "./org";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    searchKey: text("search_key").notNull(),
    /** National form "0XXXXXXXXX" (req. 28). */
    phone: text("phone").notNull(),
    passwordHash: text("password_hash"),
    status: text("status").notNull().default("active"),
    /** Police staff (Công an); officers may lead groups and may be required to use TOTP. */
    isOfficer: boolean("is_officer").notNull().default(false),
    homeCommuneId: uuid("home_commune_id").references(() => communes.id),
    locale: text("locale").notNull().default("vi"),
    /** AES-256-GCM ciphertext; the key lives outside the database. */
    totpSecretEnc: text("totp_secret_enc"),
    totpPendingEnc: text("totp_pending_enc"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: integer("totp_last_step"),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_phone_uq").on(t.phone), index("users_home_commune_idx").on(t.homeCommuneId)],
);

/**
 * Who holds which role where. Ended assignments stay for the record (ended_at). At most one
 * current leader per group is held by a partial unique index; services never leave a group
 * without one (replacement happens in one transaction).
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    provinceId: uuid("province_id").references(() => provinces.id),
    communeId: uuid("commune_id").references(() => communes.id),
    hamletId: uuid("hamlet_id").references(() => hamlets.id),
    groupId: uuid("group_id").references(() => groups.id),
    title: text("title"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    index("role_assignments_user_idx").on(t.userId),
    index("role_assignments_commune_idx").on(t.communeId),
    index("role_assignments_group_idx").on(t.groupId),
    uniqueIndex("role_assignments_one_leader_uq")
      .on(t.groupId)
      .where(sql`role = 'GROUP_LEADER' and ended_at is null`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a database read does not yield usable cookies. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins per phone key (also for unknown phones, so answers do not reveal which exist). */
export const loginFailures = pgTable("login_failures", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Households (hộ gia đình). Issue #3 grows this into the full registry. */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey(),
    hamletId: uuid("hamlet_id")
      .notNull()
      .references(() => hamlets.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    code: text("code"),
    headName: text("head_name").notNull(),
    searchKey: text("search_key").notNull(),
    /** vietnameseSortKey(head_name): byte order = Vietnamese name order. */
    sortKey: text("sort_key").notNull().default(""),
    address: text("address").notNull().default(""),
    phone: text("phone"),
    memberCount: integer("member_count").notNull().default(1),
    status: text("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("households_hamlet_idx").on(t.hamletId)],
);

/** The group's roster: people in the hamlet group, with or without an app account. */
export const groupMembers = pgTable(
  "group_members",
  {
    id: uuid("id").primaryKey(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    householdId: uuid("household_id").references(() => households.id),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    searchKey: text("search_key").notNull(),
    /** vietnameseSortKey(name): byte order = Vietnamese name order. */
    sortKey: text("sort_key").notNull().default(""),
    phone: text("phone"),
    kind: text("kind").notNull(),
    status: text("status").notNull().default("active"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("group_members_group_idx").on(t.groupId, t.status)],
);
