import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AuditFields } from "./audit-hash";

export const auditRepository = {
  /** Serialises writers of the chain for the rest of the transaction (released at commit). */
  async lockChain(tx: Tx): Promise<string | undefined> {
    await tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
    const [last] = await tx
      .select({ hash: auditLog.hash })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    return last?.hash;
  },

  async insert(tx: Tx, row: AuditFields & { prevHash: string; hash: string }): Promise<void> {
    await tx.insert(auditLog).values(row);
  },

  async page(db: Executor, afterId: number, limit: number) {
    return db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit);
  },

  async listActionsForEntities(db: Executor, entityType: string, entityIds: string[], actions: string[]) {
    if (entityIds.length === 0) {
      return [];
    }
    return db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, entityType),
          inArray(auditLog.entityId, entityIds),
          inArray(auditLog.action, actions),
        ),
      )
      .orderBy(asc(auditLog.id));
  },

  async listForEntity(db: Executor, entityType: string, entityId: string) {
    return db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.entityType} = ${entityType} and ${auditLog.entityId} = ${entityId}`)
      .orderBy(asc(auditLog.id));
  },
};
