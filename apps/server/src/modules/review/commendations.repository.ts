import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { commendations } from "../../db/schema";

export type CommendationRow = typeof commendations.$inferSelect;

export const commendationsRepository = {
  async insert(db: Executor, row: typeof commendations.$inferInsert) {
    await db.insert(commendations).values(row);
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(commendations).where(eq(commendations.id, id));
    return row;
  },
  async listByCommune(db: Executor, communeId: string) {
    return db
      .select()
      .from(commendations)
      .where(eq(commendations.communeId, communeId))
      .orderBy(desc(commendations.createdAt));
  },
  /** Proposed or decided commendations of a report (one at a time per report). */
  async activeForReport(db: Executor, reportId: string) {
    return db
      .select({ id: commendations.id, status: commendations.status })
      .from(commendations)
      .where(
        and(eq(commendations.reportId, reportId), inArray(commendations.status, ["proposed", "decided"])),
      );
  },
  /** The decided commendation of an anonymous reporter for this report, if any. */
  async decidedForReport(db: Executor, reportId: string) {
    const [row] = await db
      .select()
      .from(commendations)
      .where(
        and(
          eq(commendations.reportId, reportId),
          eq(commendations.recipientKind, "anonymous_reporter"),
          eq(commendations.status, "decided"),
        ),
      )
      .orderBy(desc(commendations.decidedAt))
      .limit(1);
    return row;
  },
  /** Decides a proposal; false when it was no longer a proposal (decided twice, concurrently). */
  async decide(
    db: Executor,
    id: string,
    patch: { status: "decided" | "rejected"; decisionNumber: string | null; decidedAt: Date },
  ): Promise<boolean> {
    const rows = await db
      .update(commendations)
      .set(patch)
      .where(and(eq(commendations.id, id), eq(commendations.status, "proposed")))
      .returning({ id: commendations.id });
    return rows.length === 1;
  },
  /** Records the claim once; false when it was already claimed (a second claim gets nothing). */
  async claim(db: Executor, id: string, at: Date, referenceHash: string): Promise<boolean> {
    const rows = await db
      .update(commendations)
      .set({ claimedAt: at, claimReference: referenceHash })
      .where(
        and(eq(commendations.id, id), eq(commendations.status, "decided"), isNull(commendations.claimedAt)),
      )
      .returning({ id: commendations.id });
    return rows.length === 1;
  },
};
