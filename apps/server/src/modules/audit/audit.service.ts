import type { Executor, Tx } from "../../db/client";
import { auditRepository } from "./audit.repository";
import { type AuditFields, auditHash, GENESIS_HASH } from "./audit-hash";

export type AuditEntry = Omit<AuditFields, "at" | "data" | "requestId" | "communeId" | "entityId"> & {
  entityId?: string | null;
  communeId?: string | null;
  data?: Record<string, unknown>;
  requestId?: string | null;
};

/**
 * Writes one audit row inside the caller's transaction, chained to the previous row's hash.
 * The chain lock is an advisory transaction lock: concurrent writers queue, so the chain has no forks.
 */
export async function recordAudit(tx: Tx, at: Date, entry: AuditEntry): Promise<void> {
  const prev = (await auditRepository.lockChain(tx)) ?? GENESIS_HASH;
  const fields: AuditFields = {
    at,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    communeId: entry.communeId ?? null,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
    requestId: entry.requestId ?? null,
  };
  await auditRepository.insert(tx, { ...fields, prevHash: prev, hash: auditHash(prev, fields) });
}

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadId: number; reason: string };

/** Walks the whole chain in id order and reports the first row whose link or hash does not match. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let rows = 0;
  for (;;) {
    const page = await auditRepository.page(db, afterId, pageSize);
    if (page.length === 0) {
      return { ok: true, rows };
    }
    for (const row of page) {
      rows++;
      if (row.prevHash !== prev) {
        return {
          ok: false,
          rows,
          firstBadId: row.id,
          reason: "prev_hash does not match the previous row (row removed or reordered)",
        };
      }
      const expected = auditHash(prev, {
        at: row.at,
        actorUserId: row.actorUserId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        communeId: row.communeId,
        data: row.data,
        requestId: row.requestId,
      });
      if (expected !== row.hash) {
        return {
          ok: false,
          rows,
          firstBadId: row.id,
          reason: "content does not match its hash (row edited)",
        };
      }
      prev = row.hash;
      afterId = row.id;
    }
  }
}
