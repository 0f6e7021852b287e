import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import { abilitiesOf, communePolicy, groupPolicy, provincePolicy } from "./org.policy";

const P = "prov-1";
const C = "commune-1";
const G = "group-1";
const G2 = "group-2";

const persona = (roles: RoleGrant[], isOfficer = true): Actor => basePersona(roles, { isOfficer });

const PERSONAS = {
  province: persona([{ role: "PROVINCE_OFFICER", provinceId: P }]),
  chief: persona([{ role: "COMMUNE_CHIEF", communeId: C }]),
  deputy: persona([{ role: "COMMUNE_DEPUTY", communeId: C }]),
  leader: persona([{ role: "GROUP_LEADER", communeId: C, groupId: G }]),
  otherLeader: persona([{ role: "GROUP_LEADER", communeId: C, groupId: G2 }]),
  groupDeputy: persona([{ role: "GROUP_DEPUTY", communeId: C, groupId: G, title: "HAMLET_HEAD" }], false),
  member: persona([{ role: "GROUP_MEMBER", communeId: C, groupId: G }], false),
  outsider: persona([{ role: "COMMUNE_CHIEF", communeId: "commune-2" }]),
} as const;
type Persona = keyof typeof PERSONAS;

const commune = { id: C, provinceId: P };
const group = { id: G, communeId: C, provinceId: P };

// Each row: which personas are allowed. Every persona not listed must be refused.
const COMMUNE_MATRIX: [keyof typeof communePolicy, Persona[]][] = [
  ["visible", ["province", "chief", "deputy", "leader", "otherLeader", "groupDeputy", "member"]],
  ["read", ["chief", "deputy", "leader", "otherLeader"]],
  ["manageHamlets", ["chief", "deputy"]],
  ["assignLeaders", ["chief", "deputy"]],
  ["manageOfficers", ["chief", "deputy"]],
  ["listOfficers", ["chief", "deputy", "leader", "otherLeader"]],
  ["manageManagement", ["chief"]],
  ["manageSettings", ["chief"]],
];

const GROUP_MATRIX: [keyof typeof groupPolicy, Persona[]][] = [
  ["visible", ["province", "chief", "deputy", "leader", "otherLeader", "groupDeputy", "member"]],
  ["read", ["chief", "deputy", "leader", "groupDeputy", "member"]],
  // II.5.2: only the leader and deputies edit the group profile — not even the commune chief.
  ["editProfile", ["leader", "groupDeputy"]],
  ["assignLeader", ["chief", "deputy"]],
  ["manageDeputies", ["chief", "deputy", "leader"]],
  ["seeMemberPhones", ["chief", "deputy", "leader"]],
];

const ALL = Object.keys(PERSONAS) as Persona[];

describe("commune policy role matrix", () => {
  for (const [action, allowed] of COMMUNE_MATRIX) {
    it.each(ALL)(`${action}: %s`, (p) => {
      expect(communePolicy[action](PERSONAS[p], commune)).toBe(allowed.includes(p));
    });
  }
});

describe("group policy role matrix", () => {
  for (const [action, allowed] of GROUP_MATRIX) {
    it.each(ALL)(`${action}: %s`, (p) => {
      expect(groupPolicy[action](PERSONAS[p], group)).toBe(allowed.includes(p));
    });
  }
});

describe("province policy", () => {
  it.each(ALL)("summary: %s", (p) => {
    expect(provincePolicy.readSummary(PERSONAS[p], P)).toBe(p === "province");
    expect(provincePolicy.readSummary(PERSONAS[p], "prov-2")).toBe(false);
  });
});

describe("abilities", () => {
  it("follow the roles", () => {
    expect(abilitiesOf(PERSONAS.member)).toEqual(["VIEW_GROUP"]);
    expect(abilitiesOf(PERSONAS.groupDeputy)).toContain("EDIT_GROUP_PROFILE");
    expect(abilitiesOf(PERSONAS.groupDeputy)).not.toContain("SETUP_TOTP");
    expect(abilitiesOf(PERSONAS.chief)).toContain("MANAGE_COMMUNE_SETTINGS");
    expect(abilitiesOf(PERSONAS.deputy)).not.toContain("MANAGE_COMMUNE_SETTINGS");
    expect(abilitiesOf(PERSONAS.province)).toEqual(["VIEW_PROVINCE_SUMMARY", "SETUP_TOTP"]);
  });
});
