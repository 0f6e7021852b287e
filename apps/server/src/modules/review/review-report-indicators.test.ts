import type { TReviewIndicators, TReviewIndicatorValue } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import { INDICATORS, publicDefinition } from "./indicators-definitions";
import { reviewDataFromIndicators } from "./review-report-indicators";
import { reviewTables } from "./review-report-tables";

const fig = (value: number | null, numerator: number | null = null, denominator: number | null = null) => ({
  value,
  numerator,
  denominator,
});

/** Values by code: [current, previous], shares and percents as [value, num, den]. */
type V = (number | null)[] | number | null;
function values(over: Record<string, [V, V]>): TReviewIndicatorValue[] {
  const f = (v: V) => (Array.isArray(v) ? fig(v[0] ?? null, v[1] ?? null, v[2] ?? null) : fig(v));
  return INDICATORS.map((d) => {
    const [cur, prev] = over[d.code] ?? [0, 0];
    return { code: d.code, current: f(cur), previous: f(prev), change: null, changePercent: null };
  });
}

const indicators: TReviewIndicators = {
  communeId: "c1",
  communeName: "Đồng Tâm",
  period: { from: "2025-01-01", to: "2025-12-31", days: 365 },
  previousPeriod: { from: "2024-01-02", to: "2024-12-31", days: 365 },
  generatedAt: "2026-01-05T00:00:00.000Z",
  definitions: INDICATORS.map(publicDefinition),
  trend: {
    granularity: "month",
    points: [
      {
        from: "2025-01-01",
        to: "2025-01-31",
        reportsReceived: 3,
        announcementsPublished: 5,
        households: 10,
        covered: 5,
        coveragePercent: 50,
      },
    ],
  },
  commune: values({
    HAMLETS_WITH_GROUP: [
      [1, 1, 2],
      [1, 1, 2],
    ],
    GROUPS: [1, 1],
    MEMBERS: [12, 9],
    HOUSEHOLDS_COVERED: [
      [7, 7, 20],
      [5, 5, 20],
    ],
    COVERAGE_PERCENT: [
      [35, 7, 20],
      [25, 5, 20],
    ],
    ANNOUNCEMENTS_TOTAL: [4, 2],
    ANNOUNCEMENTS_LAW: [3, 1],
    ANNOUNCEMENTS_FIRE: [1, 1],
    REPORTS_RECEIVED: [6, 4],
    REPORTS_KIND_TIN_BAO: [2, 1],
    REPORTS_KIND_PHAN_ANH_KIEN_NGHI: [4, 3],
    REPORTS_FIRST_RESPONSE_MEDIAN: [
      [42, null, 6],
      [null, null, 0],
    ],
    REPORTS_FORWARDED_ON_TIME: [
      [null, 0, 0],
      [null, 0, 0],
    ],
    REPORTS_KHOI_TO: [1, 0],
    COMMENDATIONS_INDIVIDUALS: [2, 0],
  }),
  hamlets: [
    {
      hamletId: "h1",
      name: "Ấp Một",
      indicators: values({
        HAMLETS_WITH_GROUP: [
          [1, 1, 1],
          [1, 1, 1],
        ],
        GROUPS: [1, 1],
        MEMBERS: [12, 9],
        HOUSEHOLDS_COVERED: [
          [7, 7, 12],
          [5, 5, 12],
        ],
        COVERAGE_PERCENT: [
          [58.3, 7, 12],
          [41.7, 5, 12],
        ],
        ANNOUNCEMENTS_TOTAL: [4, 2],
        REPORTS_RECEIVED: [5, 4],
      }),
    },
    {
      hamletId: "h2",
      name: "Ấp Hai",
      indicators: values({
        HAMLETS_WITH_GROUP: [
          [0, 0, 1],
          [0, 0, 1],
        ],
        HOUSEHOLDS_COVERED: [
          [0, 0, 8],
          [0, 0, 8],
        ],
      }),
    },
    { hamletId: null, name: "Chưa xác định ấp", indicators: values({ REPORTS_RECEIVED: [1, 0] }) },
  ],
};

describe("adapter: review indicators → the report's data", () => {
  const data = reviewDataFromIndicators(indicators, { communeKind: "XA", provinceName: "Đồng Nai" });

  it("maps the hamlets, with the unassigned row kept apart", () => {
    expect(data.hamlets).toEqual([
      {
        hamletId: "h1",
        name: "Ấp Một",
        hasGroup: true,
        groups: 1,
        members: 12,
        householdsCovered: 7,
        householdsTotal: 12,
        coveragePct: 58.3,
        announcements: 4,
        reports: 5,
      },
      {
        hamletId: "h2",
        name: "Ấp Hai",
        hasGroup: false,
        groups: 0,
        members: 0,
        householdsCovered: 0,
        householdsTotal: 8,
        coveragePct: 0,
        announcements: 0,
        reports: 0,
      },
      {
        hamletId: null,
        name: "Chưa xác định ấp",
        unassigned: true,
        hasGroup: false,
        groups: 0,
        members: 0,
        householdsCovered: 0,
        householdsTotal: 0,
        coveragePct: 0,
        announcements: 0,
        reports: 1,
      },
    ]);
  });

  it("gives the commune totals the narrative's keys, shares as X/Y, and drops what has no value", () => {
    const byKey = Object.fromEntries(data.totals.map((m) => [m.key, m]));
    expect(byKey.hamletsWithGroup).toMatchObject({
      current: 1,
      currentOf: 2,
      previous: 1,
      previousOf: 2,
      unit: "share",
    });
    expect(byKey.householdsCovered).toMatchObject({ current: 7, currentOf: 20, unit: "share" });
    expect(byKey.coveragePct).toMatchObject({ current: 35, previous: 25, unit: "percent" });
    expect(byKey.members).toMatchObject({
      current: 12,
      previous: 9,
      label: "Số thành viên (đã đồng ý tham gia)",
    });
    expect(byKey.medianFirstResponseMinutes).toMatchObject({ current: 42, previous: null, unit: "minutes" });
    // No criminal tip to forward: no percentage printed.
    expect(byKey.forwardedWithinSlaPct).toBeUndefined();
    expect(data.totals.map((m) => m.key)).not.toContain("ANNOUNCEMENTS_LAW");
  });

  it("splits topics, kinds, outcomes, moderation and commendations, labels without the dash", () => {
    expect(data.announcementsByTopic.map((m) => [m.key, m.current])).toContainEqual(["ANNOUNCEMENTS_LAW", 3]);
    expect(data.announcementsByTopic.every((m) => !m.label.startsWith("—"))).toBe(true);
    expect(data.reportsByKind.map((m) => m.label)).toContain("Tin báo về tội phạm");
    expect(data.reportsByKind.reduce((s, m) => s + m.current, 0)).toBe(6);
    expect(data.outcomes.find((m) => m.key === "KHOI_TO")?.current).toBe(1);
    expect(data.commendations.find((m) => m.key === "individuals")?.current).toBe(2);
    expect(data.moderation.length).toBe(3);
    expect(data.trend).toEqual([
      { label: "01/2025", from: "2025-01-01", to: "2025-01-31", reports: 3, announcements: 5 },
    ]);
  });

  it("the hamlet table's total row counts real hamlets only", () => {
    const t = reviewTables(data)[0];
    expect(t?.total?.map((c) => c.text)).toEqual(["", "Toàn xã", "1/2", "12", "7/20", "35,0%", "4", "6"]);
  });
});
