import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import { type HandoverRef, handoverPolicy } from "./handover.policy";

const P = "prov-1";
const C = "commune-1";
const G = "group-1";
const G2 = "group-2";

const persona = (userId: string, roles: RoleGrant[], isOfficer = true): Actor =>
  basePersona(roles, { isOfficer, userId });

const PERSONAS = {
  province: persona("province", [{ role: "PROVINCE_OFFICER", provinceId: P }]),
  chief: persona("chief", [{ role: "COMMUNE_CHIEF", communeId: C }]),
  deputy: persona("deputy", [{ role: "COMMUNE_DEPUTY", communeId: C }]),
  /** The new leader of group G (the handover's receiver). */
  leader: persona("new-leader", [{ role: "GROUP_LEADER", communeId: C, groupId: G }]),
  /** The old leader: after the handover no role at all (moved to another commune). */
  oldLeader: persona("old-leader", []),
  otherLeader: persona("other-leader", [{ role: "GROUP_LEADER", communeId: C, groupId: G2 }]),
  groupDeputy: persona(
    "group-deputy",
    [{ role: "GROUP_DEPUTY", communeId: C, groupId: G, title: "HAMLET_HEAD" }],
    false,
  ),
  member: persona("member", [{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false),
  outsider: persona("outsider", [{ role: "COMMUNE_CHIEF", communeId: "commune-2" }]),
} as const;
type Persona = keyof typeof PERSONAS;
const ALL = Object.keys(PERSONAS) as Persona[];

const group = { id: G, communeId: C, provinceId: P };
const handover: HandoverRef = {
  communeId: C,
  provinceId: P,
  fromUserId: "old-leader",
  toUserId: "new-leader",
};

// Each row: which personas are allowed. Every persona not listed must be refused.
const GROUP_MATRIX: [keyof typeof handoverPolicy, Persona[]][] = [
  ["groupVisible", ["province", "chief", "deputy", "leader", "otherLeader", "groupDeputy", "member"]],
  ["create", ["chief", "deputy"]],
  ["readLeaders", ["chief", "deputy", "leader", "groupDeputy"]],
];
const HANDOVER_MATRIX: [keyof typeof handoverPolicy, Persona[]][] = [
  // The old leader sees their handover even without any role left in the commune.
  ["visible", ["province", "chief", "deputy", "leader", "oldLeader", "otherLeader", "groupDeputy", "member"]],
  ["read", ["chief", "deputy", "leader", "oldLeader"]],
  ["confirm", ["chief", "leader", "oldLeader"]],
];

describe("handover policy — role matrix", () => {
  for (const [action, allowed] of GROUP_MATRIX) {
    it.each(ALL)(`group.${action} — %s`, (who) => {
      const fn = handoverPolicy[action] as (a: Actor, g: typeof group) => boolean;
      expect(fn(PERSONAS[who], group)).toBe(allowed.includes(who));
    });
  }
  for (const [action, allowed] of HANDOVER_MATRIX) {
    it.each(ALL)(`handover.${action} — %s`, (who) => {
      const fn = handoverPolicy[action] as (a: Actor, h: HandoverRef) => boolean;
      expect(fn(PERSONAS[who], handover)).toBe(allowed.includes(who));
    });
  }

  it("each party confirms their own part; the chief's part is the chief's alone", () => {
    expect(handoverPolicy.parties(PERSONAS.oldLeader, handover)).toEqual(["FROM"]);
    expect(handoverPolicy.parties(PERSONAS.leader, handover)).toEqual(["TO"]);
    expect(handoverPolicy.parties(PERSONAS.chief, handover)).toEqual(["CHIEF"]);
    expect(handoverPolicy.parties(PERSONAS.deputy, handover)).toEqual([]);
    expect(handoverPolicy.parties(PERSONAS.outsider, handover)).toEqual([]);
  });

  it("a handover without an old leader has no FROM part", () => {
    const h = { ...handover, fromUserId: null };
    expect(handoverPolicy.parties(persona("x", []), h)).toEqual([]);
  });
});
