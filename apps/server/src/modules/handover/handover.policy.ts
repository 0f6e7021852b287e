import type { THandoverParty } from "@binhyen/contracts";
import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";

/** Permissions for leader handovers (issue #6); role-matrix tests in handover.policy.test.ts. */
export type HandoverGroupRef = { id: string; communeId: string; provinceId: string };
export type HandoverRef = {
  communeId: string;
  provinceId: string;
  fromUserId: string | null;
  toUserId: string;
};

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

const isParty = (a: Actor, h: HandoverRef) => a.userId === h.fromUserId || a.userId === h.toUserId;

export const handoverPolicy = {
  /** Outside the caller's commune (or province) a group answers 404. */
  groupVisible: (a: Actor, g: HandoverGroupRef) => seesCommune(a, g.communeId, g.provinceId),
  /** Only the management team replaces a leader (the same rule as assigning one). */
  create: (a: Actor, g: HandoverGroupRef) => hasCommuneRole(a, g.communeId, MANAGEMENT),
  /** Who led the group and when: management and the group's current leader and deputies. */
  readLeaders: (a: Actor, g: HandoverGroupRef) =>
    hasCommuneRole(a, g.communeId, MANAGEMENT) || hasGroupRole(a, g.id, ["GROUP_LEADER", "GROUP_DEPUTY"]),

  /**
   * The two leaders always see their handover, even when the old one has left the commune and holds
   * no role there any more (otherwise they could not confirm it).
   */
  visible: (a: Actor, h: HandoverRef) => seesCommune(a, h.communeId, h.provinceId) || isParty(a, h),
  read: (a: Actor, h: HandoverRef) => hasCommuneRole(a, h.communeId, MANAGEMENT) || isParty(a, h),
  /** The signatures this person gives: Người giao, Người nhận, and the Trưởng Công an xã (the chief alone). */
  parties(a: Actor, h: HandoverRef): THandoverParty[] {
    const out: THandoverParty[] = [];
    if (h.fromUserId !== null && a.userId === h.fromUserId) {
      out.push("FROM");
    }
    if (a.userId === h.toUserId) {
      out.push("TO");
    }
    if (hasCommuneRole(a, h.communeId, ["COMMUNE_CHIEF"])) {
      out.push("CHIEF");
    }
    return out;
  },
  confirm: (a: Actor, h: HandoverRef) => handoverPolicy.parties(a, h).length > 0,
};
