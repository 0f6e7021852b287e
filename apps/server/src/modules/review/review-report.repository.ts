import { and, asc, desc, eq, isNotNull, isNull, max } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import {
  communes,
  documentNumbers,
  groups,
  hamlets,
  provinces,
  reviewReports,
  roleAssignments,
  users,
} from "../../db/schema";

export type ReviewReportRow = typeof reviewReports.$inferSelect;
export type DocumentNumberRow = typeof documentNumbers.$inferSelect;

const found = {
  report: reviewReports,
  number: {
    id: documentNumbers.id,
    number: documentNumbers.number,
    year: documentNumbers.year,
    symbol: documentNumbers.symbol,
    createdAt: documentNumbers.createdAt,
  },
  commune: { id: communes.id, name: communes.name, kind: communes.kind, provinceId: communes.provinceId },
  province: { id: provinces.id, name: provinces.name },
};

export const reviewReportRepository = {
  async insert(tx: Tx, row: typeof reviewReports.$inferInsert) {
    await tx.insert(reviewReports).values(row);
  },

  /** The report with its number (once issued) and what its header needs of the commune. */
  async find(db: Executor, id: string) {
    const [row] = await db
      .select(found)
      .from(reviewReports)
      .innerJoin(communes, eq(communes.id, reviewReports.communeId))
      .innerJoin(provinces, eq(provinces.id, communes.provinceId))
      .leftJoin(documentNumbers, eq(documentNumbers.id, reviewReports.documentNumberId))
      .where(eq(reviewReports.id, id));
    return row;
  },

  /** Newest first; `issuedOnly` is the province's scope (review-report.policy.ts). */
  async list(db: Executor, communeId: string, issuedOnly: boolean) {
    return db
      .select({ report: reviewReports, number: found.number })
      .from(reviewReports)
      .leftJoin(documentNumbers, eq(documentNumbers.id, reviewReports.documentNumberId))
      .where(
        and(
          eq(reviewReports.communeId, communeId),
          issuedOnly ? isNotNull(reviewReports.documentNumberId) : undefined,
        ),
      )
      .orderBy(desc(reviewReports.createdAt), desc(reviewReports.id))
      .limit(200);
  },

  /**
   * Serialises edits and the issue of one report: the second of two concurrent issues waits here,
   * then sees the number the first one set and answers 409 instead of taking a second number.
   */
  async lock(tx: Tx, id: string) {
    const [row] = await tx.select().from(reviewReports).where(eq(reviewReports.id, id)).for("update");
    return row;
  },

  async update(
    tx: Tx,
    id: string,
    set: Partial<Pick<ReviewReportRow, "narrative" | "settings" | "documentNumberId">> & { updatedAt: Date },
  ) {
    await tx.update(reviewReports).set(set).where(eq(reviewReports.id, id));
  },

  /** The highest number given so far for (agency, type, year), or 0. */
  async lastNumber(tx: Tx, key: { agency: string; docType: string; year: number }) {
    const [row] = await tx
      .select({ n: max(documentNumbers.number) })
      .from(documentNumbers)
      .where(
        and(
          eq(documentNumbers.agency, key.agency),
          eq(documentNumbers.docType, key.docType),
          eq(documentNumbers.year, key.year),
        ),
      );
    return row?.n ?? 0;
  },

  /**
   * Takes a number: false when another transaction took it first (the unique index on agency, type,
   * year and number). ON CONFLICT DO NOTHING rather than catching the error, which would abort the
   * whole transaction on PostgreSQL.
   */
  async takeNumber(tx: Tx, row: typeof documentNumbers.$inferInsert): Promise<boolean> {
    const rows = await tx
      .insert(documentNumbers)
      .values(row)
      .onConflictDoNothing({
        target: [
          documentNumbers.agency,
          documentNumbers.docType,
          documentNumbers.year,
          documentNumbers.number,
        ],
      })
      .returning({ id: documentNumbers.id });
    return rows.length === 1;
  },

  /** The commune's current chief and deputies (the signer of the report by default). */
  async management(db: Executor, communeId: string) {
    return db
      .select({ userId: users.id, name: users.name, role: roleAssignments.role })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(roleAssignments.communeId, communeId), isNull(roleAssignments.endedAt)))
      .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id))
      .then((rows) => rows.filter((r) => r.role === "COMMUNE_CHIEF" || r.role === "COMMUNE_DEPUTY"));
  },

  /**
   * The commune's groups for the dossier's list: hamlet, group and current leader (an officer's
   * work name). Members and coverage come from the indicators, so the list and the report agree.
   */
  async groupsWithLeaders(db: Executor, communeId: string) {
    return db
      .select({
        hamletId: hamlets.id,
        hamletName: hamlets.name,
        hamletOrder: hamlets.sortOrder,
        groupName: groups.name,
        leaderName: users.name,
      })
      .from(groups)
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .leftJoin(
        roleAssignments,
        and(
          eq(roleAssignments.groupId, groups.id),
          eq(roleAssignments.role, "GROUP_LEADER"),
          isNull(roleAssignments.endedAt),
        ),
      )
      .leftJoin(users, eq(users.id, roleAssignments.userId))
      .where(and(eq(groups.communeId, communeId), isNull(hamlets.validTo)))
      .orderBy(asc(hamlets.sortOrder), asc(hamlets.name));
  },
};
