import type { Deps } from "../../deps";
import {
  deadlineRules,
  dueStatus,
  isSuspensionGround,
  reportDeadlines,
  type Suspension,
  vnCalendar,
} from "./deadlines";
import type { ReportRow } from "./reports.repository";

const CALENDAR = vnCalendar();
/** "Sắp đến hạn" from this long before the internal deadline. */
const WARN_BEFORE_MS = 6 * 3600_000;
const UNTIL_FORWARDED = ["RECEIVED", "ACKNOWLEDGED", "VERIFYING"];
const UNTIL_OUTCOME = [
  "RECEIVED",
  "ACKNOWLEDGED",
  "VERIFYING",
  "FORWARDED",
  "HANDLED_IN_COMMUNE",
  "SUSPENDED",
];

type AuditLike = { action: string; at: Date; data: Record<string, unknown> };

/** Suspension periods from the case's own audit trail (art. 148–149): suspended time does not count. */
function suspensionsOf(audits: readonly AuditLike[]): Suspension[] {
  const out: Suspension[] = [];
  for (const a of audits) {
    if (a.action === "case.suspended") {
      const ground = a.data.ground;
      out.push({ suspendedAt: a.at, ...(isSuspensionGround(ground) ? { ground } : {}) });
    } else if (a.action === "case.resumed") {
      const open = out.at(-1);
      if (open && !open.resumedAt) {
        open.resumedAt = a.at;
      }
    }
  }
  return out;
}

/**
 * The deadlines still running for a case, with their status now (req. 3–9): forwarding until the
 * case is forwarded or taken over, the others until an outcome is recorded.
 */
export function caseDeadlines(deps: Deps, r: ReportRow, audits: readonly AuditLike[], remote = false) {
  if (!UNTIL_OUTCOME.includes(r.state)) {
    return [];
  }
  const all = reportDeadlines(
    {
      kind: r.kind as Parameters<typeof reportDeadlines>[0]["kind"],
      receivedAt: r.receivedAt,
      suspensions: suspensionsOf(audits),
    },
    deadlineRules({ remote }),
    CALENDAR,
  );
  const now = deps.clock.now();
  return all
    .filter((d) => d.code !== "FORWARDING" || UNTIL_FORWARDED.includes(r.state))
    .map((d) => ({
      code: d.code,
      legal: d.legal.toISOString(),
      internal: d.internal.toISOString(),
      basis: d.basis,
      status: dueStatus(d, now, WARN_BEFORE_MS),
    }));
}
