import { formatDeadline } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { TERMINAL_STATES } from "../../lib/report-codes";
import { deadlineLabel } from "../reports/report-labels";
import type { CaseDeadline, NextDeadline } from "./cases-api";

const RANK: Record<CaseDeadline["status"], number> = { overdue: 0, due_soon: 1, ok: 2 };

/**
 * The deadlines worth a chip on a list row: every overdue or nearly due one, or else the nearest.
 * A finished case has none left to meet.
 */
export function chipDeadlines(state: string, deadlines: readonly CaseDeadline[] | undefined): CaseDeadline[] {
  if (!deadlines || deadlines.length === 0 || TERMINAL_STATES.includes(state)) {
    return [];
  }
  const sorted = [...deadlines].sort(
    (a, b) => RANK[a.status] - RANK[b.status] || Date.parse(a.legal) - Date.parse(b.legal),
  );
  const pressing = sorted.filter((d) => d.status !== "ok");
  return pressing.length > 0 ? pressing : sorted.slice(0, 1);
}

/** A list row's chip: the next running deadline the server sent; none once the case is finished. */
export function listDeadline(state: string, next: NextDeadline | null): NextDeadline | null {
  return next && !TERMINAL_STATES.includes(state) ? next : null;
}

/** 0 overdue, 1 due soon, 2 neither: for putting pressing cases first (from a list row's next deadline). */
export function urgencyRank(state: string, next: NextDeadline | null): number {
  const shown = listDeadline(state, next);
  return shown ? RANK[shown.status] : 2;
}

/** "Hạn chuyển: 30/09 10:00", red with "Quá hạn" when overdue, amber with "Sắp đến hạn" when near. */
export function DeadlineChip({ deadline, withYear = false }: { deadline: NextDeadline; withYear?: boolean }) {
  const { t } = useI18n();
  const text = t("deadline.chip", {
    label: deadlineLabel(deadline.code, t),
    time: formatDeadline(deadline.legal, withYear),
  });
  return (
    <span
      className={`deadline deadline--${deadline.status}`}
      data-testid="deadline-chip"
      data-status={deadline.status}
    >
      {text}
      {deadline.status === "ok" ? null : (
        <strong className="deadline__status"> · {t(`deadlineStatus.${deadline.status}`)}</strong>
      )}
    </span>
  );
}
