import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import { consultationPolicy } from "./consultation.policy";

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
  leader: persona("leader", [{ role: "GROUP_LEADER", communeId: C, groupId: G }]),
  otherLeader: persona("otherLeader", [{ role: "GROUP_LEADER", communeId: C, groupId: G2 }]),
  groupDeputy: persona(
    "groupDeputy",
    [{ role: "GROUP_DEPUTY", communeId: C, groupId: G, title: "HAMLET_HEAD" }],
    false,
  ),
  member: persona("member", [{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false),
  otherMember: persona("otherMember", [{ role: "GROUP_MEMBER", communeId: C, groupId: G2 }], false),
  outsider: persona("outsider", [{ role: "COMMUNE_CHIEF", communeId: "commune-2" }]),
} as const;
type Persona = keyof typeof PERSONAS;
const ALL = Object.keys(PERSONAS) as Persona[];
const group = { id: G, communeId: C, provinceId: P };
const OFFICERS: Persona[] = ["chief", "deputy", "leader", "groupDeputy"];

// Each row: the personas allowed; every persona not listed must be refused.
const MATRIX: [string, (a: Actor) => boolean, Persona[]][] = [
  [
    "visible",
    (a) => consultationPolicy.visible(a, group),
    ["province", "chief", "deputy", "leader", "otherLeader", "groupDeputy", "member", "otherMember"],
  ],
  ["read", (a) => consultationPolicy.read(a, group), [...OFFICERS, "member"]],
  ["publishRules", (a) => consultationPolicy.publishRules(a, group), OFFICERS],
  ["seeAcknowledgements", (a) => consultationPolicy.seeAcknowledgements(a, group), OFFICERS],
  ["acknowledgeRules", (a) => consultationPolicy.acknowledgeRules(a, group), ["member"]],
  ["createPoll", (a) => consultationPolicy.createPoll(a, group), OFFICERS],
  ["vote", (a) => consultationPolicy.vote(a, group), ["member"]],
  [
    "seeResults before voting, poll open",
    (a) => consultationPolicy.seeResults(a, group, { ended: false, voted: false }),
    OFFICERS,
  ],
  [
    "seeResults after voting",
    (a) => consultationPolicy.seeResults(a, group, { ended: false, voted: true }),
    [...OFFICERS, "member"],
  ],
  [
    "seeResults after the deadline",
    (a) => consultationPolicy.seeResults(a, group, { ended: true, voted: false }),
    [...OFFICERS, "member"],
  ],
  ["seeVoters (non-anonymous poll)", (a) => consultationPolicy.seeVoters(a, group), OFFICERS],
  [
    "close a poll the leader created",
    (a) => consultationPolicy.close(a, group, { createdByUserId: "leader" }),
    ["chief", "deputy", "leader"],
  ],
  [
    "close a poll the other hamlet's leader created (moved groups since)",
    (a) => consultationPolicy.close(a, group, { createdByUserId: "otherLeader" }),
    ["chief", "deputy"],
  ],
];

describe("consultation policy role matrix (plan II.3)", () => {
  for (const [action, check, allowed] of MATRIX) {
    it.each(ALL)(`${action}: %s`, (p) => {
      expect(check(PERSONAS[p])).toBe(allowed.includes(p));
    });
  }
});
