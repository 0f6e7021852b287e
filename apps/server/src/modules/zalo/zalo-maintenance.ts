import type { FastifyBaseLogger } from "fastify";
import type { Deps } from "../../deps";
import { startIntervalJob } from "../../jobs/interval-job";
import { zaloRepository } from "./zalo.repository";
import { alertLeaders } from "./zalo-alerts";
import { accessToken } from "./zalo-api";
import { syncZaloGroup } from "./zalo-groups.service";

/**
 * Keeps the Zalo link healthy without a person watching: refreshes OA tokens well before they
 * expire (a refused refresh marks the connection "needs consent" and alerts the chief), and reads
 * each linked group's status so an expired GMF package or a coming auto-delete is seen early.
 */
const GROUP_SYNC_EVERY_MS = 60 * 60_000;
const AUTO_DELETE_WARN_MS = 7 * 86400_000;

export async function zaloMaintenancePass(deps: Deps, opts: { syncGroups: boolean }): Promise<void> {
  const now = deps.clock.now();
  for (const c of await zaloRepository.connectionsNeedingRefresh(
    deps.db,
    new Date(now.getTime() + 5 * 3600_000),
  )) {
    await accessToken(deps, c.communeId).catch((err) =>
      deps.log?.warn({ err, communeId: c.communeId }, "zalo token refresh failed"),
    );
  }
  if (!opts.syncGroups) {
    return;
  }
  for (const c of await zaloRepository.connectedCommunes(deps.db)) {
    for (const { link } of await zaloRepository.listGroupLinks(deps.db, c.communeId)) {
      const before = link.status;
      await syncZaloGroup(deps, null, link.groupId).catch(() => undefined);
      const after = await zaloRepository.findGroupLink(deps.db, link.groupId);
      if (!after) {
        continue;
      }
      const day = now.toISOString().slice(0, 10);
      if (after.status === "disabled" && before !== "disabled") {
        await alertLeaders(
          deps,
          c.communeId,
          link.groupId,
          "ZALO_GROUP_DISABLED",
          `Nhóm Zalo "${after.name ?? ""}" đã bị tắt vì gói GMF hết hạn. Hãy gia hạn gói.`,
          `zalo-disabled:${link.groupId}:${day}`,
        );
      } else if (
        after.autoDeleteDate &&
        after.autoDeleteDate.getTime() - now.getTime() < AUTO_DELETE_WARN_MS
      ) {
        await alertLeaders(
          deps,
          c.communeId,
          link.groupId,
          "ZALO_GROUP_DISABLED",
          `Nhóm Zalo "${after.name ?? ""}" sẽ bị Zalo tự giải tán nếu không gia hạn gói GMF.`,
          `zalo-autodelete:${link.groupId}:${day}`,
        );
      }
    }
  }
}

export function startZaloMaintenance(deps: Deps, log: FastifyBaseLogger, everyMs = 5 * 60_000) {
  let lastGroupSync = 0;
  return startIntervalJob(
    "zalo maintenance",
    async () => {
      const syncGroups = Date.now() - lastGroupSync >= GROUP_SYNC_EVERY_MS;
      if (syncGroups) {
        lastGroupSync = Date.now();
      }
      await zaloMaintenancePass(deps, { syncGroups });
    },
    log,
    everyMs,
  );
}
