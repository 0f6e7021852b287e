import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/client";
import { outbox } from "../db/schema";

export type OutboxInsert = {
  event: string;
  channel: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  communeId?: string | null;
  /** Deliver no earlier than this (a scheduled announcement); default now. */
  notBefore?: Date;
};

export type OutboxRow = typeof outbox.$inferSelect;

export const outboxRepository = {
  /** Enqueue in the caller's transaction; a repeated idempotency key is a no-op. */
  async enqueue(tx: Tx, row: OutboxInsert, now: Date): Promise<void> {
    const { notBefore, ...fields } = row;
    await tx
      .insert(outbox)
      .values({
        ...fields,
        communeId: row.communeId ?? null,
        nextAttemptAt: notBefore ?? now,
        createdAt: now,
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey });
  },

  /**
   * Claims due rows. FOR UPDATE SKIP LOCKED lets several workers drain one table without
   * taking the same row; the claim bumps next_attempt_at so a crashed worker's rows come back later.
   */
  async claimDue(
    db: Executor,
    now: Date,
    limit: number,
    leaseMs: number,
    communeIds?: readonly string[],
  ): Promise<OutboxRow[]> {
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.status, "pending"),
            sql`${outbox.nextAttemptAt} <= ${now.toISOString()}`,
            communeIds ? inArray(outbox.communeId, [...communeIds]) : undefined,
          ),
        )
        .orderBy(outbox.id)
        .limit(limit)
        .for("update", { skipLocked: true });
      if (due.length === 0) {
        return [];
      }
      return tx
        .update(outbox)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: sql`${outbox.attempts} + 1` })
        .where(
          inArray(
            outbox.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
  },

  async markDelivered(db: Executor, id: number, now: Date): Promise<void> {
    await db
      .update(outbox)
      .set({ status: "delivered", deliveredAt: now, lastError: null })
      .where(eq(outbox.id, id));
  },

  async markFailed(db: Executor, id: number, error: string, retryAt: Date | null): Promise<void> {
    await db
      .update(outbox)
      .set(
        retryAt
          ? { lastError: error.slice(0, 500), nextAttemptAt: retryAt }
          : { lastError: error.slice(0, 500), status: "dead" },
      )
      .where(eq(outbox.id, id));
  },

  async find(db: Executor, idempotencyKey: string): Promise<OutboxRow | undefined> {
    const [row] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
    return row;
  },
};
