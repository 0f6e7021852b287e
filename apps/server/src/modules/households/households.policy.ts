import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";

/** A hamlet with its group, as the household and coverage policies need it. */
export type HamletRef = {
  hamletId: string;
  groupId: string;
  communeId: string;
  provinceId: string;
  deputiesSeePhones: boolean;
};

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

export const householdPolicy = {
  visible: (a: Actor, h: HamletRef) => seesCommune(a, h.communeId, h.provinceId),
  /** The registry: management team, the hamlet's leader and its deputies — never members. */
  list: (a: Actor, h: HamletRef) =>
    hasCommuneRole(a, h.communeId, MANAGEMENT) ||
    hasGroupRole(a, h.groupId, ["GROUP_LEADER", "GROUP_DEPUTY"]),
  /** Phone numbers: officers; group deputies only when the leader allows it. */
  seePhones: (a: Actor, h: HamletRef) =>
    hasCommuneRole(a, h.communeId, MANAGEMENT) ||
    hasGroupRole(a, h.groupId, ["GROUP_LEADER"]) ||
    (h.deputiesSeePhones && hasGroupRole(a, h.groupId, ["GROUP_DEPUTY"])),
  edit: (a: Actor, h: HamletRef) =>
    hasCommuneRole(a, h.communeId, MANAGEMENT) || hasGroupRole(a, h.groupId, ["GROUP_LEADER"]),
  /** Deciding who joins and which household a member represents. */
  manageMembership: (a: Actor, h: HamletRef) =>
    hasCommuneRole(a, h.communeId, MANAGEMENT) || hasGroupRole(a, h.groupId, ["GROUP_LEADER"]),
  /** Only the leader decides whether deputies see phones. */
  groupSettings: (a: Actor, h: HamletRef) => hasGroupRole(a, h.groupId, ["GROUP_LEADER"]),
  /** The poster and the group's join link are for distributing: deputies help with that. */
  poster: (a: Actor, h: HamletRef) =>
    hasCommuneRole(a, h.communeId, MANAGEMENT) ||
    hasGroupRole(a, h.groupId, ["GROUP_LEADER", "GROUP_DEPUTY"]),
};

export const coveragePolicy = {
  visibleCommune: (a: Actor, c: { communeId: string; provinceId: string }) =>
    seesCommune(a, c.communeId, c.provinceId),
  /** Counts only: management team, the commune's leaders, and the province. */
  readCommune: (a: Actor, c: { communeId: string; provinceId: string }) =>
    hasCommuneRole(a, c.communeId, [...MANAGEMENT, "GROUP_LEADER"]) ||
    a.roles.some((r) => r.role === "PROVINCE_OFFICER" && r.provinceId === c.provinceId),
  readHamlet: (a: Actor, h: HamletRef) => householdPolicy.list(a, h),
};
