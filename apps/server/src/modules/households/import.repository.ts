import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { householdImports, users } from "../../db/schema";

export type ImportRow = typeof householdImports.$inferSelect;
export type ImportWithAuthor = { row: ImportRow; byName: string | null };

export const importRepository = {
  async insert(db: Executor, row: typeof householdImports.$inferInsert) {
    await db.insert(householdImports).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<typeof householdImports.$inferInsert>) {
    await db.update(householdImports).set(patch).where(eq(householdImports.id, id));
  },
  async find(db: Executor, id: string) {
    const [row] = await db
      .select({ row: householdImports, byName: users.name })
      .from(householdImports)
      .leftJoin(users, eq(users.id, householdImports.createdBy))
      .where(eq(householdImports.id, id));
    return row;
  },
  async listForHamlet(db: Executor, hamletId: string, limit = 20) {
    return db
      .select({ row: householdImports, byName: users.name })
      .from(householdImports)
      .leftJoin(users, eq(users.id, householdImports.createdBy))
      .where(eq(householdImports.hamletId, hamletId))
      .orderBy(desc(householdImports.createdAt))
      .limit(limit);
  },
  /** Imports still "running" since before `startedBefore` were left by a stopped process. */
  async failInterrupted(db: Executor, startedBefore: Date) {
    await db
      .update(householdImports)
      .set({ status: "failed", finishedAt: sql`now()` })
      .where(
        sql`${householdImports.status} = 'running' and ${householdImports.createdAt} < ${startedBefore.toISOString()}`,
      );
  },
};
