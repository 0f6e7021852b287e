import type { FastifyBaseLogger } from "fastify";
import { vnDateTime } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { startIntervalJob } from "../../jobs/interval-job";
import { auditRepository } from "../audit/audit.repository";
import { caseDeadlines } from "../reports/case-deadlines";
import { reportsRepository } from "../reports/reports.repository";
import { alertsRepository } from "./alerts.repository";
import { type AlertInput, announceAlerts, raiseAlert } from "./alerts.service";

const DEADLINE_LABEL: Record<string, string> = {
  FORWARDING: "hạn chuyển tin báo",
  ACCEPTANCE: "hạn thụ lý",
  ACKNOWLEDGEMENT: "hạn báo đã nhận",
  RESOLUTION: "hạn giải quyết",
};

/** Short, non-identifying case label: the first block of its id and the hamlet. */
const caseLabel = (id: string, hamlet: string | null) =>
  `hồ sơ ${id.slice(0, 8)}${hamlet ? ` (${hamlet})` : ""}`;

async function raise(deps: Deps, input: AlertInput): Promise<string[]> {
  const now = deps.clock.now();
  return deps.db.transaction((tx) => raiseAlert(deps, tx, input, now));
}

/**
 * One pass of the reminders (run every minute): urgent reports still not acknowledged after the
 * configured minutes go to the chief and deputies; deadlines due soon or passed go to the assigned
 * officer and the chief — each once (dedupe keys). Conduct reports reach the chief only, and
 * never the officer they are about.
 */
export async function runCaseReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const minutes = deps.config.urgentEscalateMinutes;
  const alerted: string[] = [];
  const managementOf = new Map<string, { user_id: string; role: string }[]>();
  const management = async (communeId: string) => {
    const found = managementOf.get(communeId) ?? (await alertsRepository.management(deps.db, communeId));
    managementOf.set(communeId, found);
    return found;
  };

  for (const r of await alertsRepository.unacknowledgedUrgent(
    deps.db,
    new Date(now.getTime() - minutes * 60_000),
  )) {
    const people = (await management(r.commune_id))
      .filter((m) => !r.chief_only || m.role === "COMMUNE_CHIEF")
      .map((m) => m.user_id)
      .filter((u) => u !== r.subject_officer_user_id);
    alerted.push(
      ...(await raise(deps, {
        userIds: people,
        communeId: r.commune_id,
        kind: "URGENT_UNACKNOWLEDGED",
        reportId: r.id,
        title: `Tin báo khẩn chưa được tiếp nhận sau ${minutes} phút — ${caseLabel(r.id, r.hamlet_name)}`,
        link: `/cases/${r.id}`,
        key: `urgent-unack:${r.id}`,
      })),
    );
  }

  const open = await reportsRepository.listOpenForDeadlines(deps.db);
  const audits = await auditRepository.listActionsForEntities(
    deps.db,
    "report",
    open.map((o) => o.report.id),
    ["case.suspended", "case.resumed"],
  );
  for (const { report: r, hamletName } of open) {
    const due = caseDeadlines(
      deps,
      r,
      audits.filter((a) => a.entityId === r.id),
    ).filter((d) => d.status !== "ok");
    if (due.length === 0) {
      continue;
    }
    const chief = (await management(r.communeId)).find((m) => m.role === "COMMUNE_CHIEF")?.user_id;
    const people = [r.assigneeUserId, chief].filter((u) => u && u !== r.subjectOfficerUserId);
    for (const d of due) {
      const label = DEADLINE_LABEL[d.code] ?? "thời hạn";
      const legal = vnDateTime(new Date(d.legal));
      alerted.push(
        ...(await raise(deps, {
          userIds: people,
          communeId: r.communeId,
          kind: d.status === "overdue" ? "DEADLINE_OVERDUE" : "DEADLINE_DUE_SOON",
          reportId: r.id,
          title: `${d.status === "overdue" ? "Quá" : "Sắp đến"} ${label} (${legal}) — ${caseLabel(r.id, hamletName)}`,
          link: `/cases/${r.id}`,
          key: `deadline:${r.id}:${d.code}:${d.status}`,
        })),
      );
    }
  }
  await announceAlerts(deps, alerted);
  return alerted.length;
}

export function startCaseReminders(deps: Deps, log: FastifyBaseLogger, everyMs = 60_000) {
  return startIntervalJob("case reminders", () => runCaseReminders(deps), log, everyMs);
}
