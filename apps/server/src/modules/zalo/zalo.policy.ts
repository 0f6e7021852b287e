import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";

/** Permissions for the Zalo channel (issue #7); role-matrix tests in zalo.policy.test.ts. */
export type ZaloCommuneRef = { communeId: string; provinceId: string };
export type ZaloGroupRef = { id: string; communeId: string; provinceId: string };

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

export const zaloPolicy = {
  /** Outside the caller's commune (or province) everything answers 404. */
  visible: (a: Actor, c: ZaloCommuneRef) => seesCommune(a, c.communeId, c.provinceId),
  /** Connection health, inventory: the management team (Tổ quản lý). */
  readConnection: (a: Actor, c: ZaloCommuneRef) => hasCommuneRole(a, c.communeId, MANAGEMENT),
  /** Connecting the OA or the bot binds the commune's official identity: the chief alone. */
  connect: (a: Actor, c: ZaloCommuneRef) => hasCommuneRole(a, c.communeId, ["COMMUNE_CHIEF"]),
  /** Followers (to invite into a group): management and group leaders of the commune. */
  readFollowers: (a: Actor, c: ZaloCommuneRef) =>
    hasCommuneRole(a, c.communeId, [...MANAGEMENT, "GROUP_LEADER"]),
  /** A group's Zalo twin: management and the group's leader and deputies see it. */
  readGroup: (a: Actor, g: ZaloGroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) || hasGroupRole(a, g.id, ["GROUP_LEADER", "GROUP_DEPUTY"]),
  /** Creating, linking, syncing, inviting: management and the group's leader. */
  manageGroup: (a: Actor, g: ZaloGroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) || hasGroupRole(a, g.id, ["GROUP_LEADER"]),
  /**
   * Linking one's own Zalo (phó nhóm rights on groups, bot alerts): officers, and the hamlet
   * officials who lead or deputise a group (they become phó nhóm on Zalo too).
   */
  linkSelf: (a: Actor) =>
    a.isOfficer || a.roles.some((r) => r.role === "GROUP_LEADER" || r.role === "GROUP_DEPUTY"),
};
