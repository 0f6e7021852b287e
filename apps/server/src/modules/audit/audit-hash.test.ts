import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, GENESIS_HASH } from "./audit-hash";

const row = {
  at: new Date("2026-01-05T03:00:00.000Z"),
  actorUserId: "u1",
  action: "group.profile_updated",
  entityType: "group",
  entityId: "g1",
  communeId: "c1",
  data: { b: 1, a: { d: [1, 2], c: "x" } },
  requestId: "r1",
};

describe("audit hash", () => {
  it("is independent of key order", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(auditHash(GENESIS_HASH, row)).toBe(
      auditHash(GENESIS_HASH, { ...row, data: { a: { c: "x", d: [1, 2] }, b: 1 } }),
    );
  });
  it("changes with any field and with the previous hash", () => {
    const h = auditHash(GENESIS_HASH, row);
    expect(auditHash(GENESIS_HASH, { ...row, action: "other" })).not.toBe(h);
    expect(auditHash(GENESIS_HASH, { ...row, data: { ...row.data, b: 2 } })).not.toBe(h);
    expect(auditHash("f".repeat(64), row)).not.toBe(h);
  });
});
