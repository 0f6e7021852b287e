import { eq } from "drizzle-orm";
import { vietnameseSortKey } from "../core/text";
import type { Db } from "./client";
import { groupMembers, households } from "./schema";

/**
 * Data steps that SQL migrations cannot do (the sort key is computed in TypeScript). Idempotent:
 * only rows still missing the value are touched, so it costs one indexed-empty scan per start.
 */
export async function backfillDerivedColumns(db: Db): Promise<number> {
  let changed = 0;
  for (const [table, nameCol] of [
    [groupMembers, groupMembers.name],
    [households, households.headName],
  ] as const) {
    const rows = await db.select({ id: table.id, name: nameCol }).from(table).where(eq(table.sortKey, ""));
    for (const r of rows) {
      await db
        .update(table)
        .set({ sortKey: vietnameseSortKey(r.name) })
        .where(eq(table.id, r.id));
      changed++;
    }
  }
  return changed;
}
