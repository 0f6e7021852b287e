import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type AuditFields = {
  at: Date;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  communeId: string | null;
  data: Record<string, unknown>;
  requestId: string | null;
};

/** JSON with object keys sorted at every level, so the hash does not depend on jsonb key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function auditHash(prevHash: string, f: AuditFields): string {
  const body = canonicalJson({
    at: f.at.toISOString(),
    actorUserId: f.actorUserId,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    communeId: f.communeId,
    data: f.data,
    requestId: f.requestId,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
