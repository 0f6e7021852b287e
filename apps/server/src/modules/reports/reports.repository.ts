import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  hamlets,
  reportAttachments,
  reportIdentities,
  reportIdentityGrants,
  reportIntakeKeys,
  reportMessages,
  reportSuspects,
  reports,
  users,
} from "../../db/schema";

export type ReportRow = typeof reports.$inferSelect;

export const reportsRepository = {
  async insert(db: Executor, row: typeof reports.$inferInsert) {
    await db.insert(reports).values(row);
  },
  async insertSuspect(db: Executor, row: typeof reportSuspects.$inferInsert) {
    await db.insert(reportSuspects).values(row);
  },
  async insertIdentity(db: Executor, row: typeof reportIdentities.$inferInsert) {
    await db.insert(reportIdentities).values(row);
  },
  async findIdentity(db: Executor, reportId: string) {
    const [row] = await db.select().from(reportIdentities).where(eq(reportIdentities.reportId, reportId));
    return row;
  },
  async insertMessage(db: Executor, row: typeof reportMessages.$inferInsert) {
    await db.insert(reportMessages).values(row);
  },
  async insertAttachment(db: Executor, row: typeof reportAttachments.$inferInsert) {
    await db.insert(reportAttachments).values(row);
  },
  async findIntakeKey(db: Executor, keyHash: string, since: Date) {
    const [row] = await db
      .select()
      .from(reportIntakeKeys)
      .where(
        and(
          eq(reportIntakeKeys.keyHash, keyHash),
          sql`${reportIntakeKeys.createdAt} > ${since.toISOString()}`,
        ),
      );
    return row;
  },
  async insertIntakeKey(db: Executor, row: typeof reportIntakeKeys.$inferInsert) {
    await db.insert(reportIntakeKeys).values(row);
  },
  async findByReceiptKey(db: Executor, key: string) {
    const [row] = await db.select().from(reports).where(eq(reports.receiptKey, key));
    return row;
  },
  async find(db: Executor, id: string) {
    const [row] = await db
      .select({ report: reports, hamletName: hamlets.name })
      .from(reports)
      .leftJoin(hamlets, eq(hamlets.id, reports.hamletId))
      .where(eq(reports.id, id));
    return row;
  },
  async grantees(db: Executor, reportIds: string[]) {
    if (reportIds.length === 0) {
      return [];
    }
    return db.select().from(reportIdentityGrants).where(inArray(reportIdentityGrants.reportId, reportIds));
  },
  async grant(db: Executor, row: typeof reportIdentityGrants.$inferInsert) {
    await db.insert(reportIdentityGrants).values(row).onConflictDoNothing();
  },
  async messages(db: Executor, reportId: string, includeInternal: boolean) {
    return db
      .select({ message: reportMessages, authorName: users.name })
      .from(reportMessages)
      .leftJoin(users, eq(users.id, reportMessages.authorUserId))
      .where(
        and(
          eq(reportMessages.reportId, reportId),
          includeInternal ? undefined : eq(reportMessages.internal, false),
        ),
      )
      .orderBy(asc(reportMessages.createdAt));
  },
  async attachments(db: Executor, reportId: string) {
    return db
      .select({ id: reportAttachments.id, contentType: reportAttachments.contentType })
      .from(reportAttachments)
      .where(eq(reportAttachments.reportId, reportId));
  },
  async findAttachment(db: Executor, id: string) {
    const [row] = await db.select().from(reportAttachments).where(eq(reportAttachments.id, id));
    return row;
  },
  async update(db: Executor, id: string, patch: Partial<typeof reports.$inferInsert>) {
    await db.update(reports).set(patch).where(eq(reports.id, id));
  },
  async touch(db: Executor, id: string, at: Date) {
    await db.update(reports).set({ updatedAt: at }).where(eq(reports.id, id));
  },
  /**
   * The in-box, filtered in SQL by the same scope the single-row policy checks (a test proves they
   * agree): chief → all of the commune; deputy → all but conduct reports; leader → their groups'.
   */
  /** Every case whose legal deadlines still run (for the reminder job). */
  async listOpenForDeadlines(db: Executor) {
    return db
      .select({ report: reports, hamletName: hamlets.name })
      .from(reports)
      .leftJoin(hamlets, eq(hamlets.id, reports.hamletId))
      .where(
        inArray(reports.state, [
          "RECEIVED",
          "ACKNOWLEDGED",
          "VERIFYING",
          "FORWARDED",
          "HANDLED_IN_COMMUNE",
          "SUSPENDED",
        ]),
      );
  },
  async list(
    db: Executor,
    scope: { userId: string; chiefOf: string[]; deputyOf: string[]; leaderOf: string[] },
    limit: number,
    offset: number,
  ) {
    const granted = sql`${reports.id} in (select report_id from report_identity_grants where user_id = ${scope.userId})`;
    const parts: SQL[] = [granted, eq(reports.assigneeUserId, scope.userId)];
    if (scope.chiefOf.length > 0) {
      parts.push(inArray(reports.communeId, scope.chiefOf));
    }
    if (scope.deputyOf.length > 0) {
      parts.push(and(inArray(reports.communeId, scope.deputyOf), eq(reports.chiefOnly, false)) as SQL);
    }
    if (scope.leaderOf.length > 0) {
      parts.push(and(inArray(reports.groupId, scope.leaderOf), eq(reports.chiefOnly, false)) as SQL);
    }
    const where = and(
      or(...parts),
      sql`(${reports.subjectOfficerUserId} is null or ${reports.subjectOfficerUserId} <> ${scope.userId})`,
    );
    const [total] = await db.select({ n: count() }).from(reports).where(where);
    const rows = await db
      .select({ report: reports, hamletName: hamlets.name })
      .from(reports)
      .leftJoin(hamlets, eq(hamlets.id, reports.hamletId))
      .where(where)
      .orderBy(desc(reports.urgent), desc(reports.receivedAt))
      .limit(limit)
      .offset(offset);
    return { total: total?.n ?? 0, rows };
  },
};
