import { vnDate } from "../../core/vn-time";
import holidayData from "./holidays-vn.json" with { type: "json" };

/**
 * Calendar days in Asia/Ho_Chi_Minh (requirement 2). Vietnam has used UTC+7 without daylight saving
 * since 1975, so a fixed offset is exact and needs no time-zone database. Every function works on
 * epoch milliseconds and UTC fields only: the process time zone (TZ) never changes an answer.
 */

/** A calendar day in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
export type LocalDate = string;

export type Calendar = { isDayOff(date: LocalDate): boolean };

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** A calendar with more than a year of consecutive days off is misconfigured, not a long holiday. */
const MAX_DAYS_OFF_IN_A_ROW = 366;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01; throws on anything but a real "YYYY-MM-DD" date. */
function dayNumber(date: LocalDate): number {
  const m = LOCAL_DATE.exec(date);
  const n = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : Number.NaN;
  if (!Number.isInteger(n) || fromDayNumber(n) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return n;
}

const fromDayNumber = (n: number): LocalDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

export function isLocalDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** The Asia/Ho_Chi_Minh calendar day of an instant (one definition, in core). */
export { vnDate };

/** 00:00 of the day in Asia/Ho_Chi_Minh, as an instant. */
export const startOfVnDay = (date: LocalDate): Date => new Date(dayNumber(date) * DAY_MS - OFFSET_MS);

/** 24:00 of the day (art. 134: a day limit "hết vào lúc 24 giờ"), i.e. 00:00 of the next day. */
export const endOfVnDay = (date: LocalDate): Date => new Date((dayNumber(date) + 1) * DAY_MS - OFFSET_MS);

/** The last calendar day an instant belongs to: 24:00 of 18/10 is the end of 18/10, not 19/10. */
export const lastDayOf = (at: Date): LocalDate => vnDate(new Date(at.getTime() - 1));

/** An instant as ISO 8601 with the +07:00 offset, e.g. "2025-09-30T10:00:00+07:00". */
export const toVnIso = (at: Date): string =>
  `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 19)}+07:00`;

export const addDays = (date: LocalDate, days: number): LocalDate => fromDayNumber(dayNumber(date) + days);

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate): number => dayNumber(to) - dayNumber(from);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: LocalDate): number => new Date(dayNumber(date) * DAY_MS).getUTCDay();

/**
 * Art. 134: a month limit ends on the same-numbered day of the target month, or on its last day
 * when that month is shorter (31/1 + 1 month = 28/2, or 29/2 in a leap year).
 */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
  const d = new Date(dayNumber(date) * DAY_MS);
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / DAY_MS);
}

type HolidayEntry = { from: string; to: string; name: string };

function expand(entries: readonly HolidayEntry[]): string[] {
  const days: string[] = [];
  for (const e of entries) {
    const span = daysBetween(e.from, e.to);
    if (span < 0) {
      throw new RangeError(`holidays-vn.json: ${e.name} ends before it starts (${e.from} > ${e.to})`);
    }
    for (let i = 0; i <= span; i += 1) {
      days.push(addDays(e.from, i));
    }
  }
  return days;
}

const HOLIDAYS: ReadonlySet<string> = new Set(expand(holidayData.daysOff));
const MAKE_UP_WORKING_DAYS: readonly string[] = holidayData.workingDays;

/** Years the holiday list covers; a scheduler can warn when the current year is missing. */
export const HOLIDAY_DATA_YEARS: readonly number[] = holidayData.years;

function checkedSet(label: string, dates: readonly string[]): Set<string> {
  for (const d of dates) {
    if (!isLocalDate(d)) {
      throw new RangeError(`${label}: not a calendar date (YYYY-MM-DD): ${JSON.stringify(d)}`);
    }
  }
  return new Set(dates);
}

/**
 * Saturdays, Sundays and the days in holidays-vn.json are days off. `extraDaysOff` adds one-off days
 * off (a swap announced for civil servants); `extraWorkingDays` wins over everything, for make-up
 * working Saturdays.
 */
export function vnCalendar(
  extraDaysOff: readonly string[] = [],
  extraWorkingDays: readonly string[] = [],
): Calendar {
  const off = checkedSet("extraDaysOff", extraDaysOff);
  const working = checkedSet("extraWorkingDays", [...MAKE_UP_WORKING_DAYS, ...extraWorkingDays]);
  return {
    isDayOff(date) {
      if (working.has(date)) {
        return false;
      }
      const wd = weekday(date);
      return wd === 0 || wd === 6 || HOLIDAYS.has(date) || off.has(date);
    },
  };
}

/** The day itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: LocalDate, cal: Calendar): LocalDate {
  let d = date;
  for (let i = 0; i <= MAX_DAYS_OFF_IN_A_ROW; i += 1) {
    if (!cal.isDayOff(d)) {
      return d;
    }
    d = addDays(d, 1);
  }
  throw new RangeError(`Calendar has no working day within a year after ${date}`);
}

/**
 * The n-th working day counted from `start`. When `countStart` is true and `start` is a working
 * day, `start` itself is day 1; otherwise counting begins on the next working day.
 */
export function nthWorkingDay(start: LocalDate, n: number, countStart: boolean, cal: Calendar): LocalDate {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Working-day count must be a positive integer, got ${n}`);
  }
  let d = nextWorkingDay(countStart ? start : addDays(start, 1), cal);
  for (let i = 1; i < n; i += 1) {
    d = nextWorkingDay(addDays(d, 1), cal);
  }
  return d;
}

/** For messages: "24 giờ ngày 18/10/2025" for the end of a day, otherwise "10:00 ngày 30/09/2025". */
export function formatVnInstant(at: Date): string {
  const iso = toVnIso(at);
  const dmy = (d: LocalDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  if (iso.slice(11, 19) === "00:00:00") {
    return `24 giờ ngày ${dmy(lastDayOf(at))}`;
  }
  return `${iso.slice(11, 16)} ngày ${dmy(iso.slice(0, 10))}`;
}
