import { describe, expect, it } from "vitest";
import {
  checkCustomPeriod,
  halfPeriod,
  isValidPeriod,
  lastTwoYears,
  periodDays,
  periodFromSearch,
  presetOf,
  quarterPeriod,
  vnToday,
  yearPeriod,
} from "./review-period";

describe("review periods", () => {
  it("builds the presets on whole months", () => {
    expect(yearPeriod(2026)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(halfPeriod(2026, 1)).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(halfPeriod(2026, 2)).toEqual({ from: "2026-07-01", to: "2026-12-31" });
    expect(quarterPeriod(2024, 1)).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(quarterPeriod(2026, 3)).toEqual({ from: "2026-07-01", to: "2026-09-30" });
  });

  it("recognises a preset from its dates", () => {
    expect(presetOf(yearPeriod(2025))).toEqual({ preset: "year", year: 2025 });
    expect(presetOf(halfPeriod(2026, 2))).toEqual({ preset: "half", year: 2026, half: 2 });
    expect(presetOf(quarterPeriod(2026, 4))).toEqual({ preset: "quarter", year: 2026, quarter: 4 });
    expect(presetOf({ from: "2026-01-05", to: "2026-03-31" })).toEqual({ preset: "custom" });
  });

  it("reads the period of the address, this year's when it is missing or wrong", () => {
    expect(periodFromSearch("?from=2026-01-01&to=2026-06-30", "2026-11-28")).toEqual(halfPeriod(2026, 1));
    expect(periodFromSearch("", "2026-11-28")).toEqual(yearPeriod(2026));
    expect(periodFromSearch("?from=2026-02-30&to=2026-06-30", "2026-11-28")).toEqual(yearPeriod(2026));
    expect(periodFromSearch("?from=2026-06-30&to=2026-01-01", "2026-11-28")).toEqual(yearPeriod(2026));
    expect(periodFromSearch("?from=2020-01-01&to=2026-01-01", "2026-11-28")).toEqual(yearPeriod(2026));
  });

  it("checks typed dates (dd/mm/yyyy)", () => {
    expect(checkCustomPeriod("01/01/2026", "31/12/2026")).toEqual({ ok: true, period: yearPeriod(2026) });
    expect(checkCustomPeriod("1.1.2026", "31-3-2026")).toEqual({ ok: true, period: quarterPeriod(2026, 1) });
    expect(checkCustomPeriod("", "31/12/2026")).toMatchObject({ field: "from", reason: "missing" });
    expect(checkCustomPeriod("31/02/2026", "31/12/2026")).toMatchObject({ field: "from", reason: "invalid" });
    expect(checkCustomPeriod("01/01/2026", "")).toMatchObject({ field: "to", reason: "missing" });
    expect(checkCustomPeriod("31/12/2026", "01/01/2026")).toMatchObject({ field: "to", reason: "order" });
    expect(checkCustomPeriod("01/01/2024", "31/12/2026")).toMatchObject({ field: "to", reason: "tooLong" });
  });

  it("allows two years at most, as the server does", () => {
    expect(periodDays(yearPeriod(2026))).toBe(365);
    expect(isValidPeriod({ from: "2025-01-01", to: "2026-12-31" })).toBe(true);
    expect(isValidPeriod({ from: "2024-01-01", to: "2025-12-31" })).toBe(true); // 731 days
    expect(isValidPeriod({ from: "2024-01-01", to: "2026-01-01" })).toBe(false);
    const span = lastTwoYears("2026-11-28");
    expect(span.to).toBe("2026-11-28");
    expect(isValidPeriod(span)).toBe(true);
    expect(periodDays(span)).toBe(731);
  });

  it("takes today in Vietnam's time", () => {
    // 18:00 UTC on 31/12 is already 01/01 in Vietnam (UTC+7).
    expect(vnToday(new Date("2025-12-31T18:00:00Z"))).toBe("2026-01-01");
    expect(vnToday(new Date("2025-12-31T16:59:00Z"))).toBe("2025-12-31");
  });
});
