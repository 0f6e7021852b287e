import { type Actor, hasCommuneRole, seesCommune } from "../../core/authz";

/** What the review policies need of a commune. */
export type ReviewCommuneRef = { communeId: string; provinceId: string };

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;
const provinceOfficer = (a: Actor, provinceId: string) =>
  a.roles.some((r) => r.role === "PROVINCE_OFFICER" && r.provinceId === provinceId);

/**
 * Review indicators (plan II.6): the commune's management team (Tổ quản lý: the chief and the
 * deputies) reads its commune's; the province reads the aggregate of its communes. Leaders, group
 * deputies and members do not (the review is the management team's document). Counts only either
 * way; the drill-down to report ids additionally passes every report through reportPolicy.read.
 */
export const indicatorsPolicy = {
  visibleCommune: (a: Actor, c: ReviewCommuneRef) => seesCommune(a, c.communeId, c.provinceId),
  readCommune: (a: Actor, c: ReviewCommuneRef) => hasCommuneRole(a, c.communeId, MANAGEMENT),
  visibleProvince: (a: Actor, provinceId: string) => provinceOfficer(a, provinceId),
  readProvince: (a: Actor, provinceId: string) => provinceOfficer(a, provinceId),
};
