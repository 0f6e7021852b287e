import { describe, expect, it } from "vitest";
import { parseVnDate, parseVnTime, vnDateTimeToIso } from "./date-input";

describe("parseVnDate", () => {
  it("reads day/month/year with the usual separators", () => {
    expect(parseVnDate("05/01/2026")).toBe("2026-01-05");
    expect(parseVnDate("5/1/2026")).toBe("2026-01-05");
    expect(parseVnDate(" 05-01-2026 ")).toBe("2026-01-05");
    expect(parseVnDate("05.01.2026")).toBe("2026-01-05");
    expect(parseVnDate("05,01,2026")).toBe("2026-01-05");
    expect(parseVnDate("05012026")).toBe("2026-01-05");
  });

  it("refuses days that do not exist and other orders", () => {
    expect(parseVnDate("31/02/2026")).toBeNull();
    expect(parseVnDate("2026-01-05")).toBeNull();
    expect(parseVnDate("05/13/2026")).toBeNull();
    expect(parseVnDate("hôm qua")).toBeNull();
  });
});

describe("parseVnTime", () => {
  it("reads a 24-hour time however it is written", () => {
    expect(parseVnTime("20:30")).toBe("20:30");
    expect(parseVnTime("20h30")).toBe("20:30");
    expect(parseVnTime("20h")).toBe("20:00");
    expect(parseVnTime("8g05")).toBe("08:05");
    expect(parseVnTime("2030")).toBe("20:30");
    expect(parseVnTime("7")).toBe("07:00");
  });

  it("refuses what is no time of day", () => {
    expect(parseVnTime("24:00")).toBeNull();
    expect(parseVnTime("20:75")).toBeNull();
    expect(parseVnTime("tối")).toBeNull();
  });
});

describe("vnDateTimeToIso", () => {
  it("answers the instant in Vietnam's time, nothing when both are empty, and says what is missing", () => {
    expect(vnDateTimeToIso("05/01/2026", "20h")).toEqual({ ok: true, iso: "2026-01-05T20:00:00+07:00" });
    expect(vnDateTimeToIso("", "")).toEqual({ ok: true, iso: null });
    expect(vnDateTimeToIso("05/01/2026", "")).toEqual({ ok: false, reason: "timeMissing" });
    expect(vnDateTimeToIso("", "20:00")).toEqual({ ok: false, reason: "dateMissing" });
    expect(vnDateTimeToIso("31/02/2026", "20:00")).toEqual({ ok: false, reason: "date" });
    expect(vnDateTimeToIso("05/01/2026", "25:00")).toEqual({ ok: false, reason: "time" });
  });
});
