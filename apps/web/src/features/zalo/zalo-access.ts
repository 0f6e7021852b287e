import type { TMeResponse } from "@binhyen/contracts";
import { isCommuneChief, isCommuneStaff, isGroupLeader, isGroupOfficer } from "../../lib/roles";

/*
 * Who sees and does what on the Zalo screens (contracts/zalo.ts). The server checks every rule
 * again; these only hide what a person cannot use.
 */

type Me = Pick<TMeResponse, "roles">;
type Group = { id: string; communeId: string };

/** The commune's Zalo page: its chief and deputies. */
export function canManageZalo(me: Me, communeId: string): boolean {
  return isCommuneStaff(me, communeId);
}

/** Connecting and disconnecting the OA and the Bot: the chief only. */
export function canConnectZalo(me: Me, communeId: string): boolean {
  return isCommuneChief(me, communeId);
}

/** A group's Zalo panel: the commune's chief and deputies, the group's leader and deputies. */
export function canViewGroupZalo(me: Me, group: Group): boolean {
  return isGroupOfficer(me, group);
}

/** Creating, linking, syncing, inviting and unlinking: the commune's chief and deputies, the leader. */
export function canEditGroupZalo(me: Me, group: Group): boolean {
  return isCommuneStaff(me, group.communeId) || isGroupLeader(me, group.id);
}
