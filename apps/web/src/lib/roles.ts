import { Role, type TMeResponse, type TRole, type TRoleAssignment } from "@binhyen/contracts";

/*
 * What the interface shows is decided from the roles in GET /api/me. The server enforces every
 * rule again; these checks only hide buttons a person cannot use.
 */

type Me = Pick<TMeResponse, "roles">;

function has(me: Me, roles: readonly TRole[], match: (r: TRoleAssignment) => boolean = () => true): boolean {
  return me.roles.some((r) => roles.includes(r.role) && match(r));
}

const COMMUNE_STAFF: readonly TRole[] = [Role.COMMUNE_CHIEF, Role.COMMUNE_DEPUTY];

export function isCommuneStaff(me: Me, communeId: string): boolean {
  return has(me, COMMUNE_STAFF, (r) => r.communeId === communeId);
}

export function isCommuneChief(me: Me, communeId: string): boolean {
  return has(me, [Role.COMMUNE_CHIEF], (r) => r.communeId === communeId);
}

/** Leader and deputies of the group edit its name, pictures and description (plan II.5.2). */
export function canEditGroupProfile(me: Me, groupId: string): boolean {
  return has(me, [Role.GROUP_LEADER, Role.GROUP_DEPUTY], (r) => r.groupId === groupId);
}

/** Deputies are appointed and removed by the commune chief, a commune deputy or the group's leader. */
export function canManageDeputies(me: Me, group: { id: string; communeId: string }): boolean {
  return isCommuneStaff(me, group.communeId) || has(me, [Role.GROUP_LEADER], (r) => r.groupId === group.id);
}

export function canViewCommune(me: Me, communeId: string): boolean {
  return has(me, [...COMMUNE_STAFF, Role.GROUP_LEADER], (r) => r.communeId === communeId);
}

export function isGroupLeader(me: Me, groupId: string): boolean {
  return has(me, [Role.GROUP_LEADER], (r) => r.groupId === groupId);
}

/** The group's household list: commune chief/deputy, its leader and (without phones) its deputies. */
export function canViewHouseholds(me: Me, group: { id: string; communeId: string }): boolean {
  return (
    isCommuneStaff(me, group.communeId) ||
    has(me, [Role.GROUP_LEADER, Role.GROUP_DEPUTY], (r) => r.groupId === group.id)
  );
}

/** Adding, editing, importing and inviting households: the group's leader, commune chief/deputy. */
export function canEditHouseholds(me: Me, group: { id: string; communeId: string }): boolean {
  return isCommuneStaff(me, group.communeId) || isGroupLeader(me, group.id);
}

/** Who writes announcements for a commune: its chief and deputies, and leaders and deputies of its groups. */
export function canWriteAnnouncements(me: Me, communeId: string): boolean {
  return (
    isCommuneStaff(me, communeId) ||
    has(me, [Role.GROUP_LEADER, Role.GROUP_DEPUTY], (r) => r.communeId === communeId && Boolean(r.groupId))
  );
}

/** Group members and deputies read their groups' announcements in "Bảng tin". */
export function hasFeed(me: Me): boolean {
  return has(me, [Role.GROUP_MEMBER, Role.GROUP_DEPUTY], (r) => Boolean(r.groupId));
}

/** Is this person a household's member (or deputy) of the group, whose reading is counted? */
export function readsFeedAsMember(me: Me, groupId: string): boolean {
  return has(me, [Role.GROUP_MEMBER, Role.GROUP_DEPUTY], (r) => r.groupId === groupId);
}

/**
 * Group life (issue #6). The group's officers — its leader and deputies, and the commune's chief and
 * deputies — moderate members' posts, protect the group's profile, publish its rules and run polls.
 */
export function isGroupOfficer(me: Me, group: { id: string; communeId: string }): boolean {
  return (
    isCommuneStaff(me, group.communeId) ||
    has(me, [Role.GROUP_LEADER, Role.GROUP_DEPUTY], (r) => r.groupId === group.id)
  );
}

/** A household's member of the group (not a deputy): posts, acknowledges the rules and votes as one. */
export function isGroupMember(me: Me, groupId: string): boolean {
  return has(me, [Role.GROUP_MEMBER], (r) => r.groupId === groupId);
}

/** "Thảo luận", the rules and the polls: the group's members and officers. */
export function canReadGroupLife(me: Me, group: { id: string; communeId: string }): boolean {
  return isGroupOfficer(me, group) || isGroupMember(me, group.id);
}

/** Only the commune's chief and deputies hand a group over to a new leader. */
export function canHandOverGroup(me: Me, communeId: string): boolean {
  return isCommuneStaff(me, communeId);
}

export interface NavTarget {
  kind:
    | "province"
    | "commune"
    | "coverage"
    | "officers"
    | "group"
    | "cases"
    | "report"
    | "announcements"
    | "feed"
    | "review";
  href: string;
  /** Also current on the pages below it (the in-box on a case's page). */
  prefix?: boolean;
  /** For groups: which group, so the label can name it when there are several. */
  groupId?: string;
}

/** Every screen a person can reach from the navigation, in the order shown. */
export function navTargets(me: Me): NavTarget[] {
  const targets: NavTarget[] = [];
  const seen = new Set<string>();
  const add = (target: NavTarget) => {
    if (!seen.has(target.href)) {
      seen.add(target.href);
      targets.push(target);
    }
  };
  for (const r of me.roles) {
    if (r.role === Role.PROVINCE_OFFICER && r.provinceId) {
      add({ kind: "province", href: `/provinces/${r.provinceId}` });
      add({ kind: "review", href: `/provinces/${r.provinceId}/review` });
    }
  }
  // A plain member's first screen is the feed of their group's announcements.
  const memberOnly = me.roles.length > 0 && me.roles.every((r) => r.role === Role.GROUP_MEMBER);
  if (memberOnly && hasFeed(me)) {
    add({ kind: "feed", href: "/feed", prefix: true });
  }
  for (const r of me.roles) {
    if (COMMUNE_STAFF.includes(r.role) && r.communeId) {
      add({ kind: "commune", href: `/communes/${r.communeId}` });
      add({ kind: "cases", href: "/cases", prefix: true });
      add({ kind: "announcements", href: `/communes/${r.communeId}/announcements`, prefix: true });
      add({ kind: "coverage", href: `/communes/${r.communeId}/coverage` });
      add({ kind: "review", href: `/communes/${r.communeId}/review` });
      add({ kind: "officers", href: `/communes/${r.communeId}/officers` });
    }
  }
  for (const r of me.roles) {
    if (r.role === Role.GROUP_LEADER && r.groupId) {
      add({ kind: "group", href: `/groups/${r.groupId}`, groupId: r.groupId });
    }
  }
  // The area officer's in-box of their hamlets' reports comes right after their groups.
  if (has(me, [Role.GROUP_LEADER])) {
    add({ kind: "cases", href: "/cases", prefix: true });
  }
  for (const r of me.roles) {
    if (r.role === Role.GROUP_LEADER && r.communeId) {
      add({ kind: "announcements", href: `/communes/${r.communeId}/announcements`, prefix: true });
      add({ kind: "commune", href: `/communes/${r.communeId}` });
      add({ kind: "coverage", href: `/communes/${r.communeId}/coverage` });
    }
  }
  for (const r of me.roles) {
    if ((r.role === Role.GROUP_DEPUTY || r.role === Role.GROUP_MEMBER) && r.groupId) {
      add({ kind: "group", href: `/groups/${r.groupId}`, groupId: r.groupId });
    }
  }
  if (hasFeed(me)) {
    add({ kind: "feed", href: "/feed", prefix: true });
  }
  for (const r of me.roles) {
    if (r.role === Role.GROUP_DEPUTY && r.communeId) {
      add({ kind: "announcements", href: `/communes/${r.communeId}/announcements`, prefix: true });
    }
  }
  // Group deputies and members never read reports (DESIGN §1); they may send one.
  if (!canReadReports(me) && has(me, [Role.GROUP_DEPUTY, Role.GROUP_MEMBER])) {
    add({ kind: "report", href: "/report" });
  }
  return targets;
}

/**
 * Where "/" sends a person: province officer → province summary; commune chief or deputy → the
 * commune; group leader → their group (the area officer's daily screen; the commune is one tap
 * away); group deputy → their group; a plain member → "Bảng tin", the feed of announcements.
 */
export function homePath(me: Me): string | null {
  return navTargets(me)[0]?.href ?? null;
}

/** Who reads residents' reports (DESIGN §1): commune chief and deputies, group leaders. */
export function canReadReports(me: Me): boolean {
  return has(me, [...COMMUNE_STAFF, Role.GROUP_LEADER]);
}

/**
 * Who has the alerts bell: the people the server alerts about urgent reports and case deadlines —
 * the hamlet's leader, the commune's chief and deputies — and any police officer, who may be
 * assigned a case and reminded of its deadlines. Residents (members, group deputies) never are.
 */
export function receivesAlerts(me: Me & { user: Pick<TMeResponse["user"], "isOfficer"> }): boolean {
  return me.user.isOfficer || canReadReports(me);
}

/**
 * Where a signed-in person's own report goes: their commune and, when it is unambiguous, their
 * hamlet. Null when the roles name no commune or several.
 */
export function reportPlaceOf(me: Me): { communeId: string; hamletId: string } | null {
  const communes = [...new Set(me.roles.map((r) => r.communeId).filter((id): id is string => Boolean(id)))];
  const communeId = communes.length === 1 ? communes[0] : undefined;
  if (!communeId) {
    return null;
  }
  const hamletIds = new Set(
    me.roles.filter((r) => r.communeId === communeId && r.hamletId).map((r) => r.hamletId as string),
  );
  const only = hamletIds.size === 1 ? [...hamletIds][0] : undefined;
  return { communeId, hamletId: only ?? "" };
}
