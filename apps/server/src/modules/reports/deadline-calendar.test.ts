import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonthsClamped,
  type Calendar,
  daysBetween,
  endOfVnDay,
  formatVnInstant,
  HOLIDAY_DATA_YEARS,
  isLocalDate,
  lastDayOf,
  nextWorkingDay,
  nthWorkingDay,
  startOfVnDay,
  toVnIso,
  vnCalendar,
  vnDate,
  weekday,
} from "./deadline-calendar";
import holidayData from "./holidays-vn.json" with { type: "json" };

const cal = vnCalendar();

describe("Asia/Ho_Chi_Minh days", () => {
  it.each([
    ["2025-09-29T16:59:59.999Z", "2025-09-29"],
    ["2025-09-29T17:00:00.000Z", "2025-09-30"],
    ["2025-09-29T23:30:00+07:00", "2025-09-29"],
    ["2025-09-30T00:30:00+07:00", "2025-09-30"],
    ["2025-12-31T17:00:00.000Z", "2026-01-01"],
  ])("vnDate(%s) = %s", (instant, day) => {
    expect(vnDate(new Date(instant))).toBe(day);
  });

  it("a day starts at 00:00 and ends at 24:00 (00:00 of the next day) in +07:00", () => {
    expect(startOfVnDay("2025-10-18").toISOString()).toBe("2025-10-17T17:00:00.000Z");
    expect(endOfVnDay("2025-10-18").toISOString()).toBe("2025-10-18T17:00:00.000Z");
    expect(toVnIso(endOfVnDay("2025-10-18"))).toBe("2025-10-19T00:00:00+07:00");
    expect(lastDayOf(endOfVnDay("2025-10-18"))).toBe("2025-10-18");
    expect(lastDayOf(new Date("2025-09-30T10:00:00+07:00"))).toBe("2025-09-30");
  });

  it.each([
    ["2025-10-19T00:00:00+07:00", "24 giờ ngày 18/10/2025"],
    ["2025-09-30T10:00:00+07:00", "10:00 ngày 30/09/2025"],
  ])("formatVnInstant(%s) = %s", (instant, text) => {
    expect(formatVnInstant(new Date(instant))).toBe(text);
  });

  it("counts days and weekdays", () => {
    expect(addDays("2025-09-29", 19)).toBe("2025-10-18");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(daysBetween("2025-10-14", "2025-10-24")).toBe(10);
    expect(weekday("2025-09-29")).toBe(1);
    expect(weekday("2026-02-28")).toBe(6);
  });

  it.each(["2025-02-29", "2025-2-01", "2025-13-01", "29/09/2025", ""])(
    "rejects %j as a calendar date",
    (s) => {
      expect(isLocalDate(s)).toBe(false);
      expect(() => addDays(s, 1)).toThrow(RangeError);
    },
  );
});

describe("addMonthsClamped (art. 134: same-numbered day, or the month's last day)", () => {
  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2025-12-31", 2, "2026-02-28"],
    ["2025-03-31", 1, "2025-04-30"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2025-10-31", 4, "2026-02-28"],
    ["2025-12-31", 4, "2026-04-30"],
    ["2025-11-15", 2, "2026-01-15"],
    ["2025-09-29", 1, "2025-10-29"],
  ])("%s + %i month(s) = %s", (from, months, to) => {
    expect(addMonthsClamped(from, months)).toBe(to);
  });
});

describe("vnCalendar", () => {
  it.each([
    ["2025-09-27", true, "Saturday"],
    ["2025-09-28", true, "Sunday"],
    ["2025-09-29", false, "Monday"],
    ["2025-01-01", true, "Tết Dương lịch"],
    ["2025-01-24", false, "Friday before Tết 2025"],
    ["2025-01-27", true, "Tết 2025 (25/1–2/2)"],
    ["2025-02-03", false, "first working day after Tết 2025"],
    ["2025-04-07", true, "Giỗ Tổ 2025"],
    ["2025-04-30", true, "30/4"],
    ["2025-05-01", true, "1/5"],
    ["2025-05-02", false, "2/5/2025 (swap not in the data)"],
    ["2025-09-01", true, "Quốc khánh 2025"],
    ["2025-09-02", true, "Quốc khánh 2025"],
    ["2025-09-03", false, "after Quốc khánh"],
    ["2026-02-16", true, "Tết 2026 (14/2–22/2)"],
    ["2026-02-17", true, "mùng 1 Tết 2026"],
    ["2026-02-23", false, "after Tết 2026"],
    ["2026-04-27", true, "Giỗ Tổ 2026 compensated"],
    ["2026-04-28", false, "after Giỗ Tổ 2026"],
    ["2026-09-01", true, "Quốc khánh 2026"],
    ["2027-02-08", true, "Tết 2027"],
    ["2027-04-16", true, "Giỗ Tổ 2027"],
    ["2027-09-03", true, "Quốc khánh 2027"],
    ["2028-05-01", false, "2028 is not in the data: weekends only"],
  ])("%s is a day off: %s (%s)", (day, off) => {
    expect(cal.isDayOff(day)).toBe(off);
  });

  it("adds one-off days off and make-up working days (which win over everything)", () => {
    const swapped = vnCalendar(["2025-05-02"], ["2025-04-26", "2025-04-30"]);
    expect(swapped.isDayOff("2025-05-02")).toBe(true);
    expect(swapped.isDayOff("2025-04-26")).toBe(false);
    expect(swapped.isDayOff("2025-04-30")).toBe(false);
    expect(cal.isDayOff("2025-04-26")).toBe(true);
  });

  it("rejects extra days that are not calendar dates", () => {
    expect(() => vnCalendar(["2025-02-30"])).toThrow(/extraDaysOff/);
    expect(() => vnCalendar([], ["26/04/2025"])).toThrow(/extraWorkingDays/);
  });
});

describe("working days", () => {
  it.each([
    ["2025-09-29", "2025-09-29", "a working day is its own next working day"],
    ["2025-08-30", "2025-09-03", "Sat → Sun → Quốc khánh 1/9, 2/9 → Wed"],
    ["2026-02-14", "2026-02-23", "across Tết 2026"],
    ["2026-04-25", "2026-04-28", "Sat → Sun → Giỗ Tổ compensated Mon → Tue"],
    ["2026-04-30", "2026-05-04", "30/4, 1/5, Sat, Sun → Mon"],
    ["2025-01-25", "2025-02-03", "across Tết 2025"],
  ])("nextWorkingDay(%s) = %s (%s)", (from, to) => {
    expect(nextWorkingDay(from, cal)).toBe(to);
  });

  it.each([
    ["2025-04-29", 10, true, "2025-05-14", "skips 30/4, 1/5 and weekends"],
    ["2025-04-29", 10, false, "2025-05-15", "start day not counted"],
    ["2025-04-26", 1, true, "2025-04-28", "a Saturday start counts from Monday"],
    ["2026-02-13", 10, true, "2026-03-05", "across Tết 2026"],
    ["2025-10-17", 5, true, "2025-10-23", "Friday + 4 working days"],
  ])("nthWorkingDay(%s, %i, countStart %s) = %s (%s)", (start, n, countStart, day) => {
    expect(nthWorkingDay(start, n, countStart, cal)).toBe(day);
  });

  it("rejects a non-positive count and a calendar with no working day", () => {
    expect(() => nthWorkingDay("2025-04-29", 0, true, cal)).toThrow(RangeError);
    const never: Calendar = { isDayOff: () => true };
    expect(() => nextWorkingDay("2025-04-29", never)).toThrow(/no working day/);
  });
});

describe("holidays-vn.json", () => {
  it("covers 2025–2027 and tells the operator to update it yearly", () => {
    expect(HOLIDAY_DATA_YEARS).toEqual([2025, 2026, 2027]);
    expect(holidayData.$comment).toMatch(/every year/);
  });

  it("holds valid ranges inside the listed years", () => {
    for (const e of holidayData.daysOff) {
      expect(isLocalDate(e.from) && isLocalDate(e.to), e.name).toBe(true);
      expect(daysBetween(e.from, e.to), e.name).toBeGreaterThanOrEqual(0);
      expect(HOLIDAY_DATA_YEARS).toContain(Number(e.from.slice(0, 4)));
    }
  });

  it("marks the 2026 Tết break UNVERIFIED", () => {
    const tet2026 = holidayData.daysOff.find((e) => e.from === "2026-02-14");
    expect(tet2026).toMatchObject({ to: "2026-02-22" });
    expect(tet2026 && "$comment" in tet2026 ? tet2026.$comment : "").toMatch(/UNVERIFIED/);
  });
});
