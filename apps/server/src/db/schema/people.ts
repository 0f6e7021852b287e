import { sql } from "drizzle-orm";
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

/**
 * Households (hộ gia đình, req. 33–35). One head (chủ hộ) by name; changing it is an explicit,
 * audited action. A moved or dissolved household leaves the coverage denominator.
 */
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
    /** The commune's own household code (optional; unique within the hamlet). */
    code: text("code"),
    headName: text("head_name").notNull(),
    searchKey: text("search_key").notNull(),
    /** vietnameseSortKey(head_name): byte order = Vietnamese name order. */
    sortKey: text("sort_key").notNull().default(""),
    address: text("address").notNull().default(""),
    /** Normalised national numbers ("0XXXXXXXXX"), the first being the main contact. */
    phones: text("phones").array().notNull().default(sql`'{}'::text[]`),
    memberCount: integer("member_count").notNull().default(1),
    /** active | moved | dissolved */
    status: text("status").notNull().default("active"),
    /** Outreach state while no member represents it: not_contacted | invited | declined | unreachable */
    contactStatus: text("contact_status").notNull().default("not_contacted"),
    lastImportId: uuid("last_import_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("households_hamlet_idx").on(t.hamletId, t.status),
    index("households_commune_idx").on(t.communeId),
    uniqueIndex("households_hamlet_code_uq").on(t.hamletId, t.code).where(sql`code is not null`),
  ],
);

/**
 * The group's roster: people in the hamlet group, with or without an app account. A member counts
 * for coverage and receives deliveries only while active with consent not withdrawn (req. 16).
 */
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
    /** false while the leader has not confirmed which household this member represents. */
    householdConfirmed: boolean("household_confirmed").notNull().default(true),
    userId: uuid("user_id").references(() => users.id),
    name: text("name").notNull(),
    searchKey: text("search_key").notNull(),
    /** vietnameseSortKey(name): byte order = Vietnamese name order. */
    sortKey: text("sort_key").notNull().default(""),
    phone: text("phone"),
    kind: text("kind").notNull(),
    /** active | pending_consent | left | withdrawn */
    status: text("status").notNull().default("active"),
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentVersion: text("consent_version"),
    consentPurposes: jsonb("consent_purposes").$type<string[]>(),
    /** "self" when the resident ticked the consent screen, else the officer's user id. */
    consentCollectedBy: text("consent_collected_by"),
    consentWithdrawnAt: timestamp("consent_withdrawn_at", { withTimezone: true }),
    /** SHA-256 of the resident's personal "manage my membership" token. */
    manageTokenHash: text("manage_token_hash"),
    inviteId: uuid("invite_id"),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp("left_at", { withTimezone: true }),
  },
  (t) => [
    index("group_members_group_idx").on(t.groupId, t.status),
    index("group_members_household_idx").on(t.householdId),
    index("group_members_commune_idx").on(t.communeId, t.status),
    uniqueIndex("group_members_manage_token_uq").on(t.manageTokenHash),
  ],
);
