import { type Actor, hasCommuneRole, seesCommune } from "../../core/authz";

/**
 * Permissions for review reports (báo cáo sơ kết, issue #8); role-matrix test in
 * review-report.policy.test.ts. The commune's management team (the chief and the deputies) drafts,
 * edits and issues its reports, like the indicators they are made of (indicators.policy.ts). The
 * province, a recipient of the report ("Công an tỉnh (PV01)"), reads a report once it is issued:
 * its figures are then frozen, so the province never reads the commune's live indicators through it.
 * Group leaders, group deputies and members do not see review reports.
 */
export type ReviewReportCommuneRef = { communeId: string; provinceId: string };
export type ReviewReportRef = ReviewReportCommuneRef & { issued: boolean };

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;
const provinceOfficer = (a: Actor, provinceId: string) =>
  a.roles.some((r) => r.role === "PROVINCE_OFFICER" && r.provinceId === provinceId);

export const reviewReportPolicy = {
  /** Outside the caller's commune (or province) a report answers 404. */
  visible: (a: Actor, c: ReviewReportCommuneRef) => seesCommune(a, c.communeId, c.provinceId),
  create: (a: Actor, c: ReviewReportCommuneRef) => hasCommuneRole(a, c.communeId, MANAGEMENT),
  /** The list: management sees every report, the province the issued ones (scope in the repository). */
  list: (a: Actor, c: ReviewReportCommuneRef) =>
    hasCommuneRole(a, c.communeId, MANAGEMENT) || provinceOfficer(a, c.provinceId),
  listIssuedOnly: (a: Actor, c: ReviewReportCommuneRef) => !hasCommuneRole(a, c.communeId, MANAGEMENT),
  read: (a: Actor, r: ReviewReportRef) =>
    hasCommuneRole(a, r.communeId, MANAGEMENT) || (r.issued && provinceOfficer(a, r.provinceId)),
  update: (a: Actor, r: ReviewReportRef) => hasCommuneRole(a, r.communeId, MANAGEMENT),
  issue: (a: Actor, r: ReviewReportRef) => hasCommuneRole(a, r.communeId, MANAGEMENT),
};
