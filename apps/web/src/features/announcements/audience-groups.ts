import { Role, type TMeResponse } from "@binhyen/contracts";
import { isCommuneStaff } from "../../lib/roles";
import { getCommune } from "../commune/commune-api";
import { getGroup } from "../group/group-api";
import type { AudienceGroup } from "./audience-picker";

export interface AudienceChoice {
  groups: AudienceGroup[];
  /** Every group of the commune (to tell "Toàn xã" when editing), or [] for a leader. */
  communeGroupIds: string[];
  allowCommune: boolean;
}

/**
 * The groups the author may address: the commune's every group for the commune chief and deputies
 * (from the commune page's endpoint), otherwise the groups they lead or co-moderate.
 */
export async function loadAudienceChoice(
  me: Pick<TMeResponse, "roles">,
  communeId: string,
  signal: AbortSignal,
): Promise<AudienceChoice> {
  if (isCommuneStaff(me, communeId)) {
    const commune = await getCommune(communeId, signal);
    const groups = commune.hamlets.map((h) => ({ id: h.group.id, name: h.group.name }));
    return { groups, communeGroupIds: groups.map((g) => g.id), allowCommune: true };
  }
  const ids = [
    ...new Set(
      me.roles
        .filter(
          (r) =>
            (r.role === Role.GROUP_LEADER || r.role === Role.GROUP_DEPUTY) &&
            r.communeId === communeId &&
            r.groupId,
        )
        .map((r) => r.groupId as string),
    ),
  ];
  const groups = await Promise.all(ids.map((id) => getGroup(id, signal)));
  return {
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    communeGroupIds: [],
    allowCommune: false,
  };
}
