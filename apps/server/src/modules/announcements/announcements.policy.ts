import { type Actor, hasCommuneRole, hasGroupRole } from "../../core/authz";

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

/** What a policy needs of an announcement. */
export type AnnouncementRef = {
  communeId: string;
  authorUserId: string;
  groupIds: readonly string[];
  status: string;
};

const isManagement = (a: Actor, communeId: string) => hasCommuneRole(a, communeId, MANAGEMENT);
const leadsAll = (a: Actor, groupIds: readonly string[]) =>
  groupIds.length > 0 && groupIds.every((g) => hasGroupRole(a, g, ["GROUP_LEADER"]));
const officerOfAny = (a: Actor, groupIds: readonly string[]) =>
  groupIds.some((g) => hasGroupRole(a, g, ["GROUP_LEADER", "GROUP_DEPUTY"]));

/**
 * Plan II.4.1: the leader informs the hamlet; the commune chief and deputies reach several or all
 * groups. Group deputies write for their group (and may need the leader's approval). Members and
 * the province read feeds only.
 */
export const announcementPolicy = {
  /** May compose for exactly these groups (every one must be allowed). */
  compose(a: Actor, communeId: string, groupIds: readonly string[], wholeCommune: boolean): boolean {
    if (isManagement(a, communeId)) {
      return true;
    }
    if (wholeCommune) {
      return false;
    }
    return groupIds.length > 0 && groupIds.every((g) => hasGroupRole(a, g, ["GROUP_LEADER", "GROUP_DEPUTY"]));
  },
  /** Officers' list of a commune: management sees all, group officers see theirs (filtered). */
  list(a: Actor, communeId: string): boolean {
    return (
      isManagement(a, communeId) ||
      a.roles.some(
        (r) => r.communeId === communeId && (r.role === "GROUP_LEADER" || r.role === "GROUP_DEPUTY"),
      )
    );
  },
  /** The officer view (detail, stats, recipients). */
  manage(a: Actor, r: AnnouncementRef): boolean {
    return isManagement(a, r.communeId) || r.authorUserId === a.userId || officerOfAny(a, r.groupIds);
  },
  edit(a: Actor, r: AnnouncementRef): boolean {
    return (
      ["draft", "pending_approval", "scheduled", "rejected"].includes(r.status) &&
      (r.authorUserId === a.userId || isManagement(a, r.communeId) || leadsAll(a, r.groupIds))
    );
  },
  /** A group deputy's announcement waits for the leader when the commune asks for it. */
  needsApproval(a: Actor, r: Pick<AnnouncementRef, "communeId" | "groupIds">, deputiesNeedApproval: boolean) {
    return deputiesNeedApproval && !isManagement(a, r.communeId) && !leadsAll(a, r.groupIds);
  },
  approve(a: Actor, r: AnnouncementRef): boolean {
    return (
      r.status === "pending_approval" &&
      r.authorUserId !== a.userId &&
      (isManagement(a, r.communeId) || leadsAll(a, r.groupIds))
    );
  },
  withdraw(a: Actor, r: AnnouncementRef): boolean {
    return (
      (r.status === "published" || r.status === "scheduled") &&
      (r.authorUserId === a.userId || isManagement(a, r.communeId) || leadsAll(a, r.groupIds))
    );
  },
  pin(a: Actor, r: AnnouncementRef): boolean {
    return r.status === "published" && (isManagement(a, r.communeId) || leadsAll(a, r.groupIds));
  },
  /** Chief-only commune settings for announcements and the relay feeds. */
  settings(a: Actor, communeId: string): boolean {
    return hasCommuneRole(a, communeId, ["COMMUNE_CHIEF"]);
  },
  /** A group's feed: its members and officers, and the commune's management team. */
  readFeed(a: Actor, communeId: string, groupId: string): boolean {
    return (
      isManagement(a, communeId) || hasGroupRole(a, groupId, ["GROUP_LEADER", "GROUP_DEPUTY", "GROUP_MEMBER"])
    );
  },
};

export function allowedActions(a: Actor, r: AnnouncementRef): string[] {
  const out: string[] = [];
  if (announcementPolicy.edit(a, r)) {
    out.push("edit");
    if (r.status === "draft" || r.status === "rejected") {
      out.push("publish");
    }
  }
  if (announcementPolicy.approve(a, r)) {
    out.push("approve", "reject");
  }
  if (announcementPolicy.withdraw(a, r)) {
    out.push("withdraw");
  }
  if (announcementPolicy.pin(a, r)) {
    out.push("pin");
  }
  return out;
}
