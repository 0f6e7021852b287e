import { describe, expect, it } from "vitest";
import type { Actor, RoleGrant } from "../../core/authz";
import { persona as basePersona } from "../../test/persona";
import { commendationsPolicy } from "./commendations.policy";
import { indicatorsPolicy } from "./indicators.policy";

const C = { communeId: "c1", provinceId: "p1" };
const actor = (roles: RoleGrant[]): Actor => basePersona(roles);
const ROLES: Record<string, RoleGrant[]> = {
  province: [{ role: "PROVINCE_OFFICER", provinceId: "p1" }],
  chief: [{ role: "COMMUNE_CHIEF", communeId: "c1" }],
  deputy: [{ role: "COMMUNE_DEPUTY", communeId: "c1" }],
  leader: [{ role: "GROUP_LEADER", communeId: "c1", groupId: "g1" }],
  groupDeputy: [{ role: "GROUP_DEPUTY", communeId: "c1", groupId: "g1" }],
  member: [{ role: "GROUP_MEMBER", communeId: "c1", groupId: "g1" }],
  otherChief: [{ role: "COMMUNE_CHIEF", communeId: "c2" }],
  otherProvince: [{ role: "PROVINCE_OFFICER", provinceId: "p2" }],
};

// who → [visible commune, read commune indicators, list/propose commendations, decide, read province p1]
const MATRIX: Record<string, [boolean, boolean, boolean, boolean, boolean]> = {
  province: [true, false, false, false, true],
  chief: [true, true, true, true, false],
  deputy: [true, true, true, false, false],
  leader: [true, false, false, false, false],
  groupDeputy: [true, false, false, false, false],
  member: [true, false, false, false, false],
  otherChief: [false, false, false, false, false],
  otherProvince: [false, false, false, false, false],
};

describe("review policies (role matrix)", () => {
  for (const [who, [visible, read, propose, decide, province]] of Object.entries(MATRIX)) {
    it(who, () => {
      const a = actor(ROLES[who] ?? []);
      expect(indicatorsPolicy.visibleCommune(a, C)).toBe(visible);
      expect(indicatorsPolicy.readCommune(a, C)).toBe(read);
      expect(commendationsPolicy.visible(a, C)).toBe(visible);
      expect(commendationsPolicy.list(a, C)).toBe(propose);
      expect(commendationsPolicy.propose(a, C)).toBe(propose);
      expect(commendationsPolicy.decide(a, C)).toBe(decide);
      expect(indicatorsPolicy.visibleProvince(a, "p1")).toBe(province);
      expect(indicatorsPolicy.readProvince(a, "p1")).toBe(province);
    });
  }
});
