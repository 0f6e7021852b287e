import { describe, expect, it } from "vitest";
import { splitPhones } from "../features/households/household-form";
import { formatDayMonth, formatDeadline, formatPercent } from "./format";

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

describe("formatDeadline", () => {
  it("shows a deadline in Vietnam's time, and the end of a day as 24:00 of that day", () => {
    // Received 29/09/2025 10:00 (+07:00): forwarding is due 24 hours later.
    expect(formatDeadline("2025-09-30T03:00:00Z")).toBe("30/09 10:00");
    // 24:00 on 18/10/2025 is the instant 00:00 (+07:00) of 19/10.
    expect(formatDeadline("2025-10-18T17:00:00Z")).toBe("18/10 24:00");
    expect(formatDeadline("2025-10-18T17:00:00Z", true)).toBe("18/10/2025 24:00");
    expect(formatDeadline("")).toBe("");
  });
});
