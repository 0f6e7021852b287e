import { sql } from "drizzle-orm";
import {
  boolean,
  date,
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

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Administrative units are data with validity dates (req. 33); no district level after 1/7/2025. */
export const provinces = pgTable("provinces", {
  id: uuid("id").primaryKey(),
  code: text("code"),
  name: text("name").notNull(),
  validFrom: date("valid_from").notNull(),
  validTo: date("valid_to"),
  createdAt: createdAt(),
});

export const communes = pgTable(
  "communes",
  {
    id: uuid("id").primaryKey(),
    provinceId: uuid("province_id")
      .notNull()
      .references(() => provinces.id),
    code: text("code"),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    remote: boolean("remote").notNull().default(false),
    requireTotp: boolean("require_totp").notNull().default(false),
    /** Former units merged into this one, and a historical district, as plain attributes. */
    formerUnits: jsonb("former_units")
      .$type<{ name: string; code?: string; district?: string }[]>()
      .notNull()
      .default([]),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    createdAt: createdAt(),
  },
  (t) => [index("communes_province_idx").on(t.provinceId)],
);

export const hamlets = pgTable(
  "hamlets",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    name: text("name").notNull(),
    searchKey: text("search_key").notNull(),
    kind: text("kind").notNull(),
    remote: boolean("remote").notNull().default(false),
    sortOrder: integer("sort_order").notNull().default(0),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    createdAt: createdAt(),
  },
  (t) => [
    index("hamlets_commune_idx").on(t.communeId),
    uniqueIndex("hamlets_commune_name_current_uq").on(t.communeId, t.searchKey).where(sql`valid_to is null`),
  ],
);

/** One group per hamlet (II.5.1): the unique index on hamlet_id holds that rule in the database. */
export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey(),
    hamletId: uuid("hamlet_id")
      .notNull()
      .references(() => hamlets.id),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    postingMode: text("posting_mode").notNull().default("premoderated"),
    /** Group rules (quy chế) shown before joining. */
    rules: text("rules").notNull().default(""),
    /** The leader lets group deputies see households' phone numbers. */
    deputiesSeePhones: boolean("deputies_see_phones").notNull().default(false),
    avatarMediaId: uuid("avatar_media_id"),
    backgroundMediaId: uuid("background_media_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("groups_hamlet_uq").on(t.hamletId), index("groups_commune_idx").on(t.communeId)],
);

export const media = pgTable("media", {
  id: uuid("id").primaryKey(),
  communeId: uuid("commune_id")
    .notNull()
    .references(() => communes.id),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  sha256: text("sha256").notNull(),
  createdBy: uuid("created_by"),
  createdAt: createdAt(),
});
