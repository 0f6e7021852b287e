import { describe, expect, it } from "vitest";
import { splitPhones } from "../features/households/household-form";
import { formatDayMonth, formatPercent } from "./format";

describe("formatPercent", () => {
  it("shows one decimal in the Vietnamese number format, and in English", () => {
    expect(formatPercent(91.6, "vi")).toBe("91,6%");
    expect(formatPercent(0, "vi")).toBe("0,0%");
    expect(formatPercent(100, "vi")).toBe("100,0%");
    expect(formatPercent(91.6, "en")).toBe("91.6%");
  });
});

describe("formatDayMonth", () => {
  it("labels chart days dd/mm, without a time-zone shift for calendar dates", () => {
    expect(formatDayMonth("2026-01-05")).toBe("05/01");
    // 17:30 UTC on 31/12 is already 1 January in Vietnam.
    expect(formatDayMonth("2025-12-31T17:30:00Z")).toBe("01/01");
  });
});

describe("splitPhones", () => {
  it("splits on commas, semicolons and new lines, and drops empty parts", () => {
    expect(splitPhones("+84 912 000 001, 091.200.0002;\n0251 3123 456,")).toEqual([
      "+84 912 000 001",
      "091.200.0002",
      "0251 3123 456",
    ]);
    expect(splitPhones("  ")).toEqual([]);
  });
});
