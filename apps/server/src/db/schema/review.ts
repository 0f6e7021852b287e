import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { communes } from "./org";

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Commendations (khen thưởng): proposals and decisions for individuals and collectives. An
 * anonymous reporter is recognised through the report (`reportId`) and claims through the
 * receipt code; their identity is never stored here.
 */
export const commendations = pgTable(
  "commendations",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    /** individual | collective | anonymous_reporter */
    recipientKind: text("recipient_kind").notNull(),
    /** Name of the person or collective; "Người báo tin ẩn danh" for an anonymous reporter. */
    recipientName: text("recipient_name").notNull(),
    reportId: uuid("report_id"),
    reason: text("reason").notNull(),
    /** proposed | decided | rejected */
    status: text("status").notNull(),
    /** giấy khen, bằng khen, tiền thưởng … */
    form: text("form").notNull(),
    amountVnd: integer("amount_vnd"),
    decisionNumber: text("decision_number"),
    decidedAt: ts("decided_at"),
    /** The anonymous reporter claimed the reward with the receipt code (when, not who). */
    claimedAt: ts("claimed_at"),
    claimReference: text("claim_reference"),
    createdByUserId: uuid("created_by_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("commendations_commune_idx").on(t.communeId, t.createdAt)],
);

/** Sequential document numbers per issuing agency, document type and calendar year (req. 26). */
export const documentNumbers = pgTable(
  "document_numbers",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id").notNull(),
    agency: text("agency").notNull(),
    docType: text("doc_type").notNull(),
    year: integer("year").notNull(),
    number: integer("number").notNull(),
    symbol: text("symbol").notNull(),
    title: text("title").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("document_numbers_uq").on(t.agency, t.docType, t.year, t.number)],
);

/** A review report (báo cáo sơ kết) being prepared: period, number, editable narrative. */
export const reviewReports = pgTable(
  "review_reports",
  {
    id: uuid("id").primaryKey(),
    communeId: uuid("commune_id")
      .notNull()
      .references(() => communes.id),
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    documentNumberId: uuid("document_number_id"),
    /** results, shortcomings, causes, lessons, directions — prefilled, then edited. */
    narrative: jsonb("narrative").$type<Record<string, string>>().notNull(),
    /** Header and signature settings (parent agency, symbol, signer, recipients). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    createdByUserId: uuid("created_by_user_id").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [index("review_reports_commune_idx").on(t.communeId, t.createdAt)],
);
