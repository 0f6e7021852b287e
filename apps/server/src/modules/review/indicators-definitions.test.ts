import { REVIEW_INDICATOR_CODES } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import {
  ALL_ANNOUNCEMENT_CATEGORIES,
  ANNOUNCEMENT_TOPICS,
  compare,
  drillKeys,
  figure,
  INDICATORS,
  publicDefinition,
  sumKeys,
} from "./indicators-definitions";
import { period, previousPeriod, stateInstant, trendBuckets } from "./indicators-period";

describe("the indicator table (req. 39)", () => {
  it("has every code of the contract exactly once", () => {
    const codes = INDICATORS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...REVIEW_INDICATOR_CODES].sort());
  });

  it("maps each of the 12 announcement categories onto exactly one topic", () => {
    const mapped = Object.values(ANNOUNCEMENT_TOPICS).flat();
    expect([...mapped].sort()).toEqual([...ALL_ANNOUNCEMENT_CATEGORIES].sort());
    expect(new Set(mapped).size).toBe(12);
  });

  it("drills only into report facts (outcomes, kinds, overdue), never into coverage or announcements", () => {
    const drill = INDICATORS.filter((d) => publicDefinition(d).drilldown).map((d) => d.code);
    expect(drill).toContain("REPORTS_KHOI_TO");
    expect(drill).toContain("REPORTS_OVERDUE");
    expect(drill).toContain("REPORTS_FORWARDED_ON_TIME");
    expect(drill).not.toContain("ANNOUNCEMENTS_TOTAL");
    expect(drill).not.toContain("MEMBERS");
    expect(drill).not.toContain("REPORTS_FIRST_RESPONSE_MEDIAN");
    const onTime = INDICATORS.find((d) => d.code === "REPORTS_FORWARDED_ON_TIME");
    expect(onTime && drillKeys(onTime)).toEqual(["routed:*"]);
  });
});

describe("facts → figures", () => {
  const facts = new Map<string, number | null>([
    ["received:TO_GIAC", 2],
    ["received:TIN_BAO", 3],
    ["junk", 4],
    ["routed:ontime", 1],
    ["routed:late", 3],
    ["households", 10],
    ["households:covered", null],
  ]);
  it("sums prefixes, keeps unknown as unknown and missing as zero", () => {
    expect(sumKeys(facts, ["received:*"])).toBe(5);
    expect(sumKeys(facts, ["outcome:KHOI_TO"])).toBe(0);
    expect(sumKeys(facts, ["households:covered"])).toBeNull();
  });
  it("gives percent with one decimal and its parts, share as X of Y, null for 0 of 0", () => {
    expect(figure({ type: "percent", num: ["routed:ontime"], den: ["routed:*"] }, facts)).toEqual({
      value: 25,
      numerator: 1,
      denominator: 4,
    });
    expect(figure({ type: "percent", num: ["x"], den: ["y"] }, facts).value).toBeNull();
    expect(
      figure({ type: "share", num: ["households:covered"], den: ["households"] }, facts).value,
    ).toBeNull();
  });
  it("compares with absolute and relative change; no relative change from zero", () => {
    const f = (value: number | null) => ({ value, numerator: null, denominator: null });
    expect(compare(f(6), f(4))).toEqual({ change: 2, changePercent: 50 });
    expect(compare(f(3), f(0))).toEqual({ change: 3, changePercent: null });
    expect(compare(f(3), f(null))).toEqual({ change: null, changePercent: null });
  });
});

describe("periods on the Vietnamese calendar", () => {
  it("runs from 00:00 of `from` to 24:00 of `to` at UTC+7; the previous period has the same length", () => {
    const p = period("2026-03-01", "2026-03-20");
    expect(p.start.toISOString()).toBe("2026-02-28T17:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-03-20T17:00:00.000Z");
    expect(p.days).toBe(20);
    const q = previousPeriod(p);
    expect([q.from, q.to, q.days]).toEqual(["2026-02-09", "2026-02-28", 20]);
    // Whole months are compared with whole months (a year with the year before, leap or not).
    expect(previousPeriod(period("2025-01-01", "2025-12-31"))).toMatchObject({
      from: "2024-01-01",
      to: "2024-12-31",
    });
    expect(previousPeriod(period("2026-03-01", "2026-03-31"))).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(previousPeriod(period("2026-01-01", "2026-06-30"))).toMatchObject({
      from: "2025-07-01",
      to: "2025-12-31",
    });
  });
  it("reads state at the end of the period, or now while it runs", () => {
    const p = period("2026-03-01", "2026-03-20");
    const now = new Date("2026-03-10T00:00:00Z");
    expect(stateInstant(p, now)).toEqual(now);
    expect(stateInstant(p, new Date("2027-01-01T00:00:00Z")).toISOString()).toBe("2026-03-20T16:59:59.999Z");
  });
  it("charts weeks up to 120 days and calendar months beyond", () => {
    expect(trendBuckets(period("2026-03-01", "2026-03-20"))).toEqual({
      granularity: "week",
      buckets: [
        { from: "2026-03-01", to: "2026-03-07" },
        { from: "2026-03-08", to: "2026-03-14" },
        { from: "2026-03-15", to: "2026-03-20" },
      ],
    });
    const year = trendBuckets(period("2025-10-15", "2026-09-30"));
    expect(year.granularity).toBe("month");
    expect(year.buckets[0]).toEqual({ from: "2025-10-15", to: "2025-10-31" });
    expect(year.buckets[4]).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(year.buckets.at(-1)).toEqual({ from: "2026-09-01", to: "2026-09-30" });
    expect(year.buckets).toHaveLength(12);
  });
});
