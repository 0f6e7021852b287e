import type { Actor } from "../../core/authz";

/** What a policy needs of a report: its place, its routing flags and who handles it. */
export type ReportRef = {
  communeId: string;
  groupId: string | null;
  chiefOnly: boolean;
  subjectOfficerUserId: string | null;
  assigneeUserId: string | null;
  grantees: readonly string[];
};

const hasRole = (a: Actor, r: string, communeId: string) =>
  a.roles.some((g) => g.role === r && g.communeId === communeId);

/**
 * Confidential by default (DESIGN §1, plan "Lưu ý"): the commune chief reads every report of the
 * commune; deputies and the hamlet's leader read theirs unless it is about police conduct; the
 * officer a conduct report is about never reads it; members, group deputies, other hamlets'
 * leaders and the province read nothing. A refusal looks exactly like "not found" (404).
 */
export const reportPolicy = {
  read(a: Actor, r: ReportRef): boolean {
    if (r.subjectOfficerUserId === a.userId) {
      return false;
    }
    if (hasRole(a, "COMMUNE_CHIEF", r.communeId)) {
      return true;
    }
    if (r.chiefOnly) {
      return r.grantees.includes(a.userId);
    }
    return (
      hasRole(a, "COMMUNE_DEPUTY", r.communeId) ||
      (r.groupId !== null && a.roles.some((g) => g.role === "GROUP_LEADER" && g.groupId === r.groupId)) ||
      r.assigneeUserId === a.userId ||
      r.grantees.includes(a.userId)
    );
  },
  /** Req. 11: the assigned officer, the chief, and users the chief granted for this report. */
  revealIdentity(a: Actor, r: ReportRef): boolean {
    return (
      reportPolicy.read(a, r) &&
      (hasRole(a, "COMMUNE_CHIEF", r.communeId) ||
        r.assigneeUserId === a.userId ||
        r.grantees.includes(a.userId))
    );
  },
  grantIdentity(a: Actor, r: ReportRef): boolean {
    return reportPolicy.read(a, r) && hasRole(a, "COMMUNE_CHIEF", r.communeId);
  },
};
