import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import {
  type ReviewReportCommuneRef,
  type ReviewReportRef,
  reviewReportPolicy,
} from "./review-report.policy";

const P = "prov-1";
const C = "commune-1";
const G = "group-1";

const persona = (userId: string, roles: RoleGrant[], isOfficer = true): Actor =>
  basePersona(roles, { isOfficer, userId });

const PERSONAS = {
  province: persona("province", [{ role: "PROVINCE_OFFICER", provinceId: P }]),
  otherProvince: persona("other-province", [{ role: "PROVINCE_OFFICER", provinceId: "prov-2" }]),
  chief: persona("chief", [{ role: "COMMUNE_CHIEF", communeId: C }]),
  deputy: persona("deputy", [{ role: "COMMUNE_DEPUTY", communeId: C }]),
  leader: persona("leader", [{ role: "GROUP_LEADER", communeId: C, groupId: G }]),
  groupDeputy: persona("group-deputy", [{ role: "GROUP_DEPUTY", communeId: C, groupId: G }], false),
  member: persona("member", [{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false),
  outsider: persona("outsider", [{ role: "COMMUNE_CHIEF", communeId: "commune-2" }]),
} as const;
type Persona = keyof typeof PERSONAS;
const ALL = Object.keys(PERSONAS) as Persona[];

const commune: ReviewReportCommuneRef = { communeId: C, provinceId: P };
const draft: ReviewReportRef = { ...commune, issued: false };
const issued: ReviewReportRef = { ...commune, issued: true };
const INSIDE: Persona[] = ["province", "chief", "deputy", "leader", "groupDeputy", "member"];

// Each row: the personas allowed; every other persona is refused.
const MATRIX: [string, (a: Actor) => boolean, Persona[]][] = [
  ["visible", (a) => reviewReportPolicy.visible(a, commune), INSIDE],
  ["create", (a) => reviewReportPolicy.create(a, commune), ["chief", "deputy"]],
  ["list", (a) => reviewReportPolicy.list(a, commune), ["province", "chief", "deputy"]],
  ["read draft", (a) => reviewReportPolicy.read(a, draft), ["chief", "deputy"]],
  ["read issued", (a) => reviewReportPolicy.read(a, issued), ["province", "chief", "deputy"]],
  ["update", (a) => reviewReportPolicy.update(a, draft), ["chief", "deputy"]],
  ["issue", (a) => reviewReportPolicy.issue(a, draft), ["chief", "deputy"]],
];

describe("review report policy — role matrix", () => {
  for (const [action, fn, allowed] of MATRIX) {
    it.each(ALL)(`${action} — %s`, (who) => {
      expect(fn(PERSONAS[who])).toBe(allowed.includes(who));
    });
  }

  it("the list's scope agrees with the single-row rule: the province lists issued reports only", () => {
    for (const who of ALL) {
      const a = PERSONAS[who];
      if (!reviewReportPolicy.list(a, commune)) {
        continue;
      }
      const issuedOnly = reviewReportPolicy.listIssuedOnly(a, commune);
      expect(reviewReportPolicy.read(a, issued)).toBe(true);
      expect(reviewReportPolicy.read(a, draft)).toBe(!issuedOnly);
    }
  });
});
