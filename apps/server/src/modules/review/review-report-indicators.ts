import type {
  TReviewFigure,
  TReviewIndicatorDefinition,
  TReviewIndicators,
  TReviewIndicatorValue,
} from "@binhyen/contracts";
import type { ReviewData, ReviewHamletRow, ReviewMetric } from "./review-report-data";

/**
 * Adapter: the commune's review indicators (indicators.service.ts, `ZReviewIndicators`) → the
 * document's `ReviewData`. The indicator list is configurable on the indicators side (Guidance 579):
 * known codes get the keys the narrative reads, any other code still lands in its section's table
 * under its own code and label, so a new indicator is printed without a change here.
 */
const KEY: Record<string, string> = {
  HAMLETS_WITH_GROUP: "hamletsWithGroup",
  GROUPS: "groups",
  MEMBERS: "members",
  HOUSEHOLDS_COVERED: "householdsCovered",
  COVERAGE_PERCENT: "coveragePct",
  ANNOUNCEMENTS_TOTAL: "announcements",
  REPORTS_RECEIVED: "reports",
  REPORTS_VALUABLE: "valuableReports",
  REPORTS_FORWARDED_ON_TIME: "forwardedWithinSlaPct",
  REPORTS_FORWARDED_LATE: "forwardedLate",
  REPORTS_FIRST_RESPONSE_MEDIAN: "medianFirstResponseMinutes",
  REPORTS_OVERDUE: "overdue",
  REPORTS_SPAM_OR_DUPLICATE: "spamOrDuplicate",
  COMMENDATIONS_INDIVIDUALS: "individuals",
  COMMENDATIONS_COLLECTIVES: "collectives",
};

/** Outcome codes keep the report outcome code ("REPORTS_KHOI_TO" → "KHOI_TO"): the narrative's phrases. */
const keyOf = (code: string, section: string) =>
  KEY[code] ?? (section === "OUTCOMES" ? code.replace(/^REPORTS_/, "") : code);

const UNIT: Record<string, ReviewMetric["unit"]> = {
  count: "count",
  share: "share",
  percent: "percent",
  minutes: "minutes",
};

/** The label as printed in a table: the indicators' sub-item dash ("— Tin báo nặc danh") dropped. */
const labelOf = (d: TReviewIndicatorDefinition) =>
  d.label.replace(/^[—–-]\s*/u, "").replace(/\s*\(%\)$/u, "");

function toMetric(d: TReviewIndicatorDefinition, v: TReviewIndicatorValue): ReviewMetric | null {
  if (v.current.value === null) {
    // No data for the period (e.g. a percent of nothing, a median of no reports): not printed.
    return null;
  }
  const unit = UNIT[d.unit] ?? "count";
  const m: ReviewMetric = {
    key: keyOf(d.code, d.section),
    label: labelOf(d),
    current: v.current.value,
    previous: v.previous.value,
    unit,
  };
  if (unit === "share") {
    m.currentOf = v.current.denominator;
    m.previousOf = v.previous.denominator;
  }
  return m;
}

const num = (f: TReviewFigure | undefined) => f?.value ?? 0;

function hamletRow(
  h: TReviewIndicators["hamlets"][number],
  byCode: (list: TReviewIndicatorValue[], code: string) => TReviewIndicatorValue | undefined,
): ReviewHamletRow {
  const v = (code: string) => byCode(h.indicators, code)?.current;
  const households = v("HOUSEHOLDS_COVERED");
  return {
    hamletId: h.hamletId,
    name: h.name,
    ...(h.hamletId === null ? { unassigned: true } : {}),
    hasGroup: num(v("HAMLETS_WITH_GROUP")) > 0,
    groups: num(v("GROUPS")),
    members: num(v("MEMBERS")),
    householdsCovered: households?.numerator ?? 0,
    householdsTotal: households?.denominator ?? 0,
    coveragePct: v("COVERAGE_PERCENT")?.value ?? null,
    announcements: num(v("ANNOUNCEMENTS_TOTAL")),
    reports: num(v("REPORTS_RECEIVED")),
  };
}

function trendLabel(from: string, granularity: "week" | "month"): string {
  const [y, m, d] = from.split("-");
  return granularity === "month" ? `${m}/${y}` : `${d}/${m}`;
}

export function reviewDataFromIndicators(
  ind: TReviewIndicators,
  place: { communeKind: string; provinceName: string },
): ReviewData {
  const byCode = (list: TReviewIndicatorValue[], code: string) => list.find((x) => x.code === code);
  const section = (s: string, filter: (code: string) => boolean = () => true): ReviewMetric[] =>
    ind.definitions
      .filter((d) => d.section === s && filter(d.code))
      .map((d) => {
        const v = byCode(ind.commune, d.code);
        return v ? toMetric(d, v) : null;
      })
      .filter((m): m is ReviewMetric => m !== null);
  const isKind = (c: string) => c.startsWith("REPORTS_KIND_");
  const isTopic = (c: string) => c !== "ANNOUNCEMENTS_TOTAL";
  return {
    communeName: ind.communeName,
    communeKind: place.communeKind,
    provinceName: place.provinceName,
    period: { from: ind.period.from, to: ind.period.to },
    previousPeriod: { from: ind.previousPeriod.from, to: ind.previousPeriod.to },
    hamlets: ind.hamlets.map((h) => hamletRow(h, byCode)),
    totals: [
      ...section("COVERAGE"),
      ...section("COMMUNICATION", (c) => !isTopic(c)),
      ...section("INTAKE", (c) => !isKind(c)),
    ],
    announcementsByTopic: section("COMMUNICATION", isTopic),
    reportsByKind: section("INTAKE", isKind),
    outcomes: section("OUTCOMES"),
    moderation: section("MODERATION"),
    commendations: section("RECOGNITION"),
    trend: ind.trend.points.map((p) => ({
      label: trendLabel(p.from, ind.trend.granularity),
      from: p.from,
      to: p.to,
      reports: p.reportsReceived,
      announcements: p.announcementsPublished,
    })),
  };
}
