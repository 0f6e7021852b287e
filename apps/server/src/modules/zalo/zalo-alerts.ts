import type { Deps } from "../../deps";
import { alertsRepository } from "../alerts/alerts.repository";
import { announceAlerts, raiseAlert } from "../alerts/alerts.service";
import { orgRepository } from "../org/org.repository";

/** Alerts about Zalo trouble: to the chief, the group's leader, and whoever else must act. */
export async function alertLeaders(
  deps: Deps,
  communeId: string,
  groupId: string | null,
  kind: "ZALO_GROUP_DISABLED" | "ZALO_GROUP_CHANGED" | "ZALO_REPLY_FAILED",
  title: string,
  key: string,
  extraUserIds: string[] = [],
  reportId: string | null = null,
) {
  const now = deps.clock.now();
  let alerted: string[] = [];
  await deps.db.transaction(async (tx) => {
    const management = await alertsRepository.management(tx, communeId);
    const leaders = groupId ? await orgRepository.groupOfficials(tx, [groupId]) : [];
    alerted = await raiseAlert(
      deps,
      tx,
      {
        userIds: [
          ...management.filter((x) => x.role === "COMMUNE_CHIEF").map((x) => x.user_id),
          ...leaders.filter((l) => l.role === "GROUP_LEADER").map((l) => l.userId),
          ...extraUserIds,
        ],
        communeId,
        kind,
        reportId,
        title,
        link: reportId
          ? `/cases/${reportId}`
          : groupId
            ? `/groups/${groupId}`
            : `/communes/${communeId}/zalo`,
        key,
      },
      now,
    );
  });
  await announceAlerts(deps, alerted);
}
