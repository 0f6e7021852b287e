import type { TReviewIndicatorReports, TReviewPeriodQuery } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { getCommuneRef } from "../org/org.service";
import { reportPolicy } from "../reports/reports.policy";
import { reportsRepository } from "../reports/reports.repository";
import { indicatorsPolicy } from "./indicators.policy";
import { indicatorsRepository as repo } from "./indicators.repository";
import { forwardingRule, overdueReportIds, periodsOf } from "./indicators.service";
import { drillKeys, findIndicator } from "./indicators-definitions";

/**
 * The reports behind a report indicator (req. 40: each outcome is traceable to its report ids), for
 * the current period. The same rows as the count; then each report passes reportPolicy.read, so a
 * deputy does not see the chief-only ones (they are counted in `withheld`). Ids and classification
 * only: never a description, a name or a phone.
 */
export async function indicatorReports(
  deps: Deps,
  actor: Actor,
  communeId: string,
  code: string,
  q: TReviewPeriodQuery,
): Promise<TReviewIndicatorReports> {
  const { commune } = await getCommuneRef(deps, communeId);
  const ref = { communeId, provinceId: commune.provinceId };
  enforce(indicatorsPolicy.visibleCommune(actor, ref), indicatorsPolicy.readCommune(actor, ref));
  const def = findIndicator(code);
  if (!def) {
    throw new AppError("NOT_FOUND", "Không có chỉ tiêu này.");
  }
  const keys = drillKeys(def);
  if (!keys) {
    throw new AppError("VALIDATION_FAILED", "Chỉ tiêu này không gắn với danh sách tin báo.", [
      { path: "code", message: "not a report indicator" },
    ]);
  }
  const { cur, prev } = periodsOf(q);
  const w = { prevStart: prev.start, curStart: cur.start, curEnd: cur.end };
  const fromFacts = keys.filter((k) => k !== "overdue");
  const ids = new Set<string>([
    ...(fromFacts.length > 0
      ? await repo.reportIdsForKeys(deps.db, communeId, w, forwardingRule(), fromFacts)
      : []),
    ...(keys.includes("overdue") ? await overdueReportIds(deps, communeId, q) : []),
  ]);
  const rows = await repo.reportsByIds(deps.db, [...ids]);
  const grants = await reportsRepository.grantees(
    deps.db,
    rows.map((r) => r.id),
  );
  const readable = rows.filter((r) =>
    reportPolicy.read(actor, {
      communeId: r.communeId,
      groupId: r.groupId,
      chiefOnly: r.chiefOnly,
      subjectOfficerUserId: r.subjectOfficerUserId,
      assigneeUserId: r.assigneeUserId,
      grantees: grants.filter((g) => g.reportId === r.id).map((g) => g.userId),
    }),
  );
  return {
    code: def.code,
    period: { from: cur.from, to: cur.to, days: cur.days },
    items: readable
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .map((r) => ({
        id: r.id,
        shortId: r.id.slice(0, 8),
        category: r.category,
        kind: r.kind,
        state: r.state,
        receivedAt: r.receivedAt.toISOString(),
        hamletId: r.hamletId,
      })),
    withheld: rows.length - readable.length,
  };
}
