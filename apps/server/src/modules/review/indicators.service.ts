import {
  ReportKind,
  type TProvinceReviewIndicators,
  type TReviewFigure,
  type TReviewIndicators,
  type TReviewIndicatorValue,
  type TReviewPeriodQuery,
  type TReviewTrend,
} from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { orgRepository } from "../org/org.repository";
import { getCommuneRef } from "../org/org.service";
import { caseDeadlines } from "../reports/case-deadlines";
import { deadlineRules, forwardingDeadline, isCriminalTip } from "../reports/deadlines";
import type { ReportRow } from "../reports/reports.repository";
import { indicatorsPolicy } from "./indicators.policy";
import {
  type ForwardingRule,
  type Grain,
  indicatorsRepository as repo,
  type Scope,
  type Window,
} from "./indicators.repository";
import {
  compare,
  type Facts,
  figure,
  INDICATORS,
  type IndicatorDefinition,
  publicDefinition,
} from "./indicators-definitions";
import { type Period, period, previousPeriod, stateInstant, today } from "./indicators-period";
import { trendOf } from "./indicators-trend";

/**
 * Review indicators (req. 39–40) for a commune (per hamlet) or a province (per commune): every fact
 * is computed once per period and level, then the definition table turns facts into indicators.
 * Counts only (req. 13): nothing here selects a name, a phone or a description.
 */

/** Reports whose legal deadlines run (case-deadlines.ts: until an outcome is recorded). */
const OPEN_STATES = ["RECEIVED", "ACKNOWLEDGED", "VERIFYING", "FORWARDED", "HANDLED_IN_COMMUNE", "SUSPENDED"];

/** Req. 3 from the deadline module itself: which kinds must be forwarded, and within how many hours. */
export function forwardingRule(): ForwardingRule {
  const epoch = new Date(0);
  const hoursOf = (remote: boolean) =>
    (forwardingDeadline("TIN_BAO", epoch, deadlineRules({ remote }))?.legal.getTime() ?? 0) / 3_600_000;
  return {
    criminalKinds: Object.values(ReportKind).filter((k) => isCriminalTip(k)),
    hours: hoursOf(false),
    remoteHours: hoursOf(true),
  };
}

type PeriodKey = "cur" | "prev";
type LevelFacts = { cur: Map<string, number | null>; prev: Map<string, number | null> };

class FactTable {
  readonly levels = new Map<string, LevelFacts>();
  private level(id: string): LevelFacts {
    let l = this.levels.get(id);
    if (!l) {
      l = { cur: new Map(), prev: new Map() };
      this.levels.set(id, l);
    }
    return l;
  }
  add(ids: readonly string[], p: PeriodKey, key: string, n: number) {
    for (const id of ids) {
      const m = this.level(id)[p];
      const old = m.get(key);
      if (old !== null) {
        m.set(key, (old ?? 0) + n);
      }
    }
  }
  /** Unknown (no data) wins over any number: a sum with an unknown part is unknown. */
  unknown(ids: readonly string[], p: PeriodKey, key: string) {
    for (const id of ids) {
      this.level(id)[p].set(key, null);
    }
  }
  set(id: string, p: PeriodKey, key: string, v: number | null) {
    this.level(id)[p].set(key, v);
  }
  get(id: string): { cur: Facts; prev: Facts } {
    return this.levels.get(id) ?? { cur: new Map(), prev: new Map() };
  }
}

type Computed = {
  facts: FactTable;
  top: string;
  hamlets: { hamletId: string; communeId: string; name: string }[];
  trend: TReviewTrend;
};

const levelId = (level: "hamlet" | "commune" | "all", communeId: string | null, hamletId: string | null) =>
  level === "hamlet" ? `h:${hamletId ?? "-"}` : level === "commune" ? `c:${communeId}` : "all";

/** The two levels a count at (commune, hamlet) adds to: hamlet and commune, or commune and province. */
const targetsOf = (grain: Grain, communeId: string, hamletId: string | null) =>
  grain === "hamlet" ? [`h:${hamletId ?? "-"}`, `c:${communeId}`] : [`c:${communeId}`, "all"];

function periodsOf(q: TReviewPeriodQuery) {
  const cur = period(q.from, q.to);
  return { cur, prev: previousPeriod(cur) };
}

/** Open reports with a legal deadline already passed at `at` (the same rules as the case view). */
async function overdueAt(deps: Deps, scope: Scope, at: Date, suspended: Promise<Suspensions>) {
  const [open, suspensions] = await Promise.all([repo.openAt(deps.db, scope, at, OPEN_STATES), suspended]);
  const atDeps: Deps = { ...deps, clock: { now: () => at } };
  return open.filter((r) => {
    const audits = (suspensions.get(r.id) ?? []).filter((a) => a.at <= at);
    // caseDeadlines reads only state, kind and receivedAt of the row.
    const row = { state: r.state, kind: r.kind, receivedAt: r.receivedAt } as ReportRow;
    return caseDeadlines(atDeps, row, audits, r.remote).some((d) => d.status === "overdue");
  });
}

type Suspensions = Map<string, { action: string; at: Date; data: Record<string, unknown> }[]>;

async function suspensionsOf(deps: Deps, scope: Scope, at: Date): Promise<Suspensions> {
  const rows = await repo.suspensionsUpTo(deps.db, scope, at);
  const out: Suspensions = new Map();
  for (const r of rows) {
    const list = out.get(r.reportId) ?? [];
    list.push({ action: r.action, at: r.at, data: r.data });
    out.set(r.reportId, list);
  }
  return out;
}

/**
 * Coverage now. A commune's is live (the coverage page's numbers, exactly). A province's is the
 * newest hourly snapshot (jobs/coverage-snapshot.ts writes every hamlet's), so reading it does not
 * scan a million households and their members (≈2 s in bench/review.bench.ts); live only when
 * there is no snapshot at all.
 */
async function coverageNow(deps: Deps, scope: Scope, grain: Grain, day: string) {
  if (grain === "commune") {
    const snapshot = await repo.snapshotCoverage(deps.db, scope, day);
    if (snapshot.length > 0) {
      return snapshot;
    }
  }
  return repo.liveCoverage(deps.db, scope);
}

async function compute(deps: Deps, scope: Scope, grain: Grain, cur: Period, prev: Period): Promise<Computed> {
  const now = deps.clock.now();
  const day = today(now);
  const at = { cur: stateInstant(cur, now), prev: stateInstant(prev, now) };
  const live = { cur: cur.to >= day, prev: prev.to >= day };
  const w: Window = { prevStart: prev.start, curStart: cur.start, curEnd: cur.end };
  const fwd = forwardingRule();
  const top = grain === "hamlet" ? `c:${scope.communeIds[0]}` : "all";

  // The current period ends last: one read of the suspensions serves both periods.
  const suspensions = suspensionsOf(deps, scope, at.cur);
  const [
    flows,
    announcements,
    responses,
    hamletRows,
    members,
    liveRows,
    snapCur,
    snapPrev,
    daily,
    snapDays,
    overdueCur,
    overduePrev,
  ] = await Promise.all([
    repo.flowFacts(deps.db, scope, w, grain, fwd),
    repo.announcementFacts(deps.db, scope, w, grain),
    repo.firstResponse(deps.db, scope, w, grain),
    repo.hamletsAt(deps.db, scope, { cur: cur.to, prev: prev.to, prevFrom: prev.from }, at),
    repo.membersAt(deps.db, scope, {
      cur: live.cur ? "live" : at.cur,
      prev: live.prev ? "live" : at.prev,
    }),
    live.cur || live.prev ? coverageNow(deps, scope, grain, day) : Promise.resolve([]),
    live.cur ? Promise.resolve(null) : repo.snapshotCoverage(deps.db, scope, cur.to),
    live.prev ? Promise.resolve(null) : repo.snapshotCoverage(deps.db, scope, prev.to),
    repo.dailyCounts(deps.db, scope, cur.start, cur.end),
    cur.from < day ? repo.snapshotDays(deps.db, scope, cur.from, cur.to) : Promise.resolve([]),
    overdueAt(deps, scope, at.cur, suspensions),
    overdueAt(deps, scope, at.prev, suspensions),
  ]);

  const facts = new FactTable();
  const periodOf = (p: number): PeriodKey => (p === 1 ? "cur" : "prev");
  for (const f of flows) {
    facts.add(targetsOf(grain, f.communeId, f.hamletId), periodOf(f.p), f.key, f.n);
  }
  // An announcement to several hamlets counts once for the commune: its two grains come apart.
  for (const f of announcements.communes) {
    facts.add(
      grain === "hamlet" ? [`c:${f.communeId}`] : [`c:${f.communeId}`, "all"],
      periodOf(f.p),
      f.key,
      f.n,
    );
  }
  for (const f of announcements.hamlets) {
    facts.add([`h:${f.hamletId ?? "-"}`], periodOf(f.p), f.key, f.n);
  }
  for (const r of responses) {
    const id = levelId(r.level, r.communeId, r.hamletId);
    const p: PeriodKey = r.p === 1 ? "cur" : "prev";
    facts.set(id, p, "response:median", r.median);
    facts.set(id, p, "response:n", r.n);
  }
  for (const [p, list] of [
    ["cur", overdueCur],
    ["prev", overduePrev],
  ] as const) {
    for (const r of list) {
      facts.add(targetsOf(grain, r.communeId, r.hamletId), p, "overdue", 1);
    }
  }

  // State facts: per hamlet, summed upwards.
  const membersByGroup = new Map(members.map((m) => [m.groupId, m]));
  const coverage = {
    cur: live.cur ? liveRows : snapCur,
    prev: live.prev ? liveRows : snapPrev,
  };
  const coverageMaps = {
    cur: coverage.cur && coverage.cur.length > 0 ? new Map(coverage.cur.map((c) => [c.hamletId, c])) : null,
    prev:
      coverage.prev && coverage.prev.length > 0 ? new Map(coverage.prev.map((c) => [c.hamletId, c])) : null,
  };
  for (const h of hamletRows) {
    const targets = targetsOf(grain, h.communeId, h.hamletId);
    for (const p of ["cur", "prev"] as const) {
      // Every state key exists at every level, so a missing one reads 0, not "no data".
      for (const key of [
        "hamlets",
        "hamlets:withGroup",
        "groups",
        "members",
        "households",
        "households:covered",
      ]) {
        facts.add(targets, p, key, 0);
      }
      if (!(p === "cur" ? h.cur : h.prev)) {
        continue;
      }
      const hasGroup = p === "cur" ? h.groupCur : h.groupPrev;
      facts.add(targets, p, "hamlets", 1);
      if (hasGroup && h.groupId) {
        facts.add(targets, p, "hamlets:withGroup", 1);
        facts.add(targets, p, "groups", 1);
        facts.add(targets, p, "members", membersByGroup.get(h.groupId)?.[p] ?? 0);
      }
      const cov = coverageMaps[p];
      const c = cov?.get(h.hamletId);
      if (live[p]) {
        facts.add(targets, p, "households", c?.households ?? 0);
        facts.add(targets, p, "households:covered", c?.covered ?? 0);
      } else if (cov && c) {
        facts.add(targets, p, "households", c.households);
        facts.add(targets, p, "households:covered", c.covered);
      } else {
        // No snapshot of this hamlet that far back: coverage then is unknown, not zero.
        facts.unknown(targets, p, "households");
        facts.unknown(targets, p, "households:covered");
      }
    }
  }

  // One row per hamlet (a hamlet has at most one group: unique index groups_hamlet_uq).
  const hamlets = hamletRows.map((h) => ({ hamletId: h.hamletId, communeId: h.communeId, name: h.name }));

  const topCur = facts.get(top).cur;
  const trend = trendOf(cur, day, daily, snapDays, {
    households: topCur.get("households") ?? null,
    covered: topCur.get("households:covered") ?? null,
  });
  return { facts, top, hamlets, trend };
}

const NONE: TReviewFigure = { value: null, numerator: null, denominator: null };

function valuesOf(facts: { cur: Facts; prev: Facts }, hamletLevel: boolean): TReviewIndicatorValue[] {
  return INDICATORS.map((d: IndicatorDefinition) => {
    if (hamletLevel && !d.perHamlet) {
      return { code: d.code, current: NONE, previous: NONE, change: null, changePercent: null };
    }
    const current = figure(d.compute, facts.cur);
    const previous = figure(d.compute, facts.prev);
    return { code: d.code, current, previous, ...compare(current, previous) };
  });
}

const periodOut = (p: Period) => ({ from: p.from, to: p.to, days: p.days });

export async function communeIndicators(
  deps: Deps,
  actor: Actor,
  communeId: string,
  q: TReviewPeriodQuery,
): Promise<TReviewIndicators> {
  const { commune } = await getCommuneRef(deps, communeId);
  const ref = { communeId, provinceId: commune.provinceId };
  enforce(indicatorsPolicy.visibleCommune(actor, ref), indicatorsPolicy.readCommune(actor, ref));
  const { cur, prev } = periodsOf(q);
  const c = await compute(deps, { communeIds: [communeId] }, "hamlet", cur, prev);
  const unassigned = c.facts.levels.get("h:-");
  return {
    communeId,
    communeName: commune.name,
    period: periodOut(cur),
    previousPeriod: periodOut(prev),
    generatedAt: deps.clock.now().toISOString(),
    definitions: INDICATORS.map(publicDefinition),
    trend: c.trend,
    commune: valuesOf(c.facts.get(c.top), false),
    hamlets: [
      ...c.hamlets.map((h) => ({
        hamletId: h.hamletId,
        name: h.name,
        indicators: valuesOf(c.facts.get(`h:${h.hamletId}`), true),
      })),
      ...(unassigned
        ? [{ hamletId: null, name: "Chưa xác định ấp", indicators: valuesOf(c.facts.get("h:-"), true) }]
        : []),
    ],
  };
}

export async function provinceIndicators(
  deps: Deps,
  actor: Actor,
  provinceId: string,
  q: TReviewPeriodQuery,
): Promise<TProvinceReviewIndicators> {
  enforce(
    indicatorsPolicy.visibleProvince(actor, provinceId),
    indicatorsPolicy.readProvince(actor, provinceId),
  );
  const province = await orgRepository.findProvince(deps.db, provinceId);
  if (!province) {
    throw new AppError("NOT_FOUND");
  }
  const { cur, prev } = periodsOf(q);
  const communes = await repo.communesOfProvince(deps.db, provinceId);
  const c = await compute(deps, { communeIds: communes.map((x) => x.id) }, "commune", cur, prev);
  return {
    provinceId,
    provinceName: province.name,
    period: periodOut(cur),
    previousPeriod: periodOut(prev),
    generatedAt: deps.clock.now().toISOString(),
    definitions: INDICATORS.map(publicDefinition),
    trend: c.trend,
    province: valuesOf(c.facts.get("all"), false),
    communes: communes.map((x) => ({
      communeId: x.id,
      name: x.name,
      indicators: valuesOf(c.facts.get(`c:${x.id}`), false),
    })),
  };
}

/** For the drill-down: the overdue reports at the end of the current period (same rule as the count). */
export async function overdueReportIds(deps: Deps, communeId: string, q: TReviewPeriodQuery) {
  const { cur } = periodsOf(q);
  const at = stateInstant(cur, deps.clock.now());
  const scope = { communeIds: [communeId] };
  const list = await overdueAt(deps, scope, at, suspensionsOf(deps, scope, at));
  return list.map((r) => r.id);
}

export { periodsOf };
