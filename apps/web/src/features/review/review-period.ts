import { TIME_ZONE } from "../../i18n/format";
import { parseVnDate } from "../../lib/date-input";

/*
 * The period of a review (sơ kết): calendar days of Vietnam, both inclusive, "YYYY-MM-DD". Reviews
 * are held for a year, six months or a quarter; any other span up to two years can be typed.
 */

export interface ReviewPeriod {
  from: string;
  to: string;
}

export type PeriodPreset = "year" | "half" | "quarter" | "custom";

/** The server's limit (REVIEW_MAX_DAYS in the contracts): at most two years. */
export const MAX_PERIOD_DAYS = 731;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number) => String(n).padStart(2, "0");
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function months(year: number, first: number, last: number): ReviewPeriod {
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDayOf(year, last))}` };
}

export const yearPeriod = (year: number): ReviewPeriod => months(year, 1, 12);
export const halfPeriod = (year: number, half: 1 | 2): ReviewPeriod =>
  half === 1 ? months(year, 1, 6) : months(year, 7, 12);
export const quarterPeriod = (year: number, quarter: 1 | 2 | 3 | 4): ReviewPeriod =>
  months(year, quarter * 3 - 2, quarter * 3);

/** Today's date in Vietnam, "YYYY-MM-DD", whatever the device's zone. */
export function vnToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export const yearOf = (day: string): number => Number(day.slice(0, 4));

function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) {
    return false;
  }
  const probe = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(probe.getTime()) && probe.toISOString().slice(0, 10) === day;
}

/** Days from `from` to `to`, both counted. */
export const periodDays = (p: ReviewPeriod): number =>
  Math.round((Date.parse(p.to) - Date.parse(p.from)) / DAY_MS) + 1;

export function isValidPeriod(p: ReviewPeriod): boolean {
  return isRealDay(p.from) && isRealDay(p.to) && p.from <= p.to && periodDays(p) <= MAX_PERIOD_DAYS;
}

/** The period of the address (?from=&to=), or this year's when it names none or a wrong one. */
export function periodFromSearch(search: string, today: string = vnToday()): ReviewPeriod {
  const params = new URLSearchParams(search);
  const asked = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  return isValidPeriod(asked) ? asked : yearPeriod(yearOf(today));
}

export const periodSearch = (p: ReviewPeriod): string => `?from=${p.from}&to=${p.to}`;

/** Which preset a period is, so the picker shows it selected. */
export function presetOf(
  p: ReviewPeriod,
):
  | { preset: "year"; year: number }
  | { preset: "half"; year: number; half: 1 | 2 }
  | { preset: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { preset: "custom" } {
  const year = yearOf(p.from);
  const same = (q: ReviewPeriod) => q.from === p.from && q.to === p.to;
  if (same(yearPeriod(year))) {
    return { preset: "year", year };
  }
  for (const half of [1, 2] as const) {
    if (same(halfPeriod(year, half))) {
      return { preset: "half", year, half };
    }
  }
  for (const quarter of [1, 2, 3, 4] as const) {
    if (same(quarterPeriod(year, quarter))) {
      return { preset: "quarter", year, quarter };
    }
  }
  return { preset: "custom" };
}

export type CustomPeriodCheck =
  | { ok: true; period: ReviewPeriod }
  | { ok: false; field: "from" | "to"; reason: "missing" | "invalid" | "order" | "tooLong" };

/** Two dates as typed (dd/mm/yyyy) → a period, or what is wrong with them. */
export function checkCustomPeriod(fromText: string, toText: string): CustomPeriodCheck {
  if (!fromText.trim()) {
    return { ok: false, field: "from", reason: "missing" };
  }
  const from = parseVnDate(fromText);
  if (!from) {
    return { ok: false, field: "from", reason: "invalid" };
  }
  if (!toText.trim()) {
    return { ok: false, field: "to", reason: "missing" };
  }
  const to = parseVnDate(toText);
  if (!to) {
    return { ok: false, field: "to", reason: "invalid" };
  }
  if (from > to) {
    return { ok: false, field: "to", reason: "order" };
  }
  if (periodDays({ from, to }) > MAX_PERIOD_DAYS) {
    return { ok: false, field: "to", reason: "tooLong" };
  }
  return { ok: true, period: { from, to } };
}

/** The last two years, for choosing a valuable report to commend: the drill-down's longest span. */
export function lastTwoYears(today: string = vnToday()): ReviewPeriod {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (MAX_PERIOD_DAYS - 1) * DAY_MS);
  return { from: from.toISOString().slice(0, 10), to: today };
}
