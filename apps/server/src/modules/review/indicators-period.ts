import { VN_OFFSET_MS, vnDate } from "../../core/vn-time";

/**
 * Review periods on the Asia/Ho_Chi_Minh calendar (req. 2, 39). Pure: days are "YYYY-MM-DD", instants
 * are Dates; a day runs from 00:00 to 24:00 UTC+7 whatever the server's zone.
 */
const DAY_MS = 86_400_000;

export type Period = { from: string; to: string; days: number; start: Date; end: Date };

/** The instant a Vietnamese calendar day begins. */
export const vnDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** [start, end): `end` is 24:00 of `to`, exclusive. */
export function period(from: string, to: string): Period {
  const start = vnDayStart(from);
  const end = vnDayStart(addDays(to, 1));
  return { from, to, days: Math.round((end.getTime() - start.getTime()) / DAY_MS), start, end };
}

const monthEnd = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
const ymOf = (day: string) => day.split("-").map(Number) as [number, number, number];

/**
 * The previous period of equal length, ending the day before `from`. A period of whole calendar
 * months (a month, a quarter, six months, a year: how reviews are held) is compared with the same
 * number of whole months before it — 2025 with 2024, not with 365 days ending 31/12/2024; any
 * other period with the same number of days.
 */
export function previousPeriod(p: Period): Period {
  const [fy, fm, fd] = ymOf(p.from);
  const [ty, tm] = ymOf(p.to);
  if (fd === 1 && p.to === monthEnd(ty, tm)) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    const first = new Date(Date.UTC(fy, fm - 1 - months, 1)).toISOString().slice(0, 10);
    return period(first, addDays(p.from, -1));
  }
  return period(addDays(p.from, -p.days), addDays(p.from, -1));
}

/**
 * The instant a "state" indicator is read at for a period: the last moment of `to`, or now when the
 * period has not ended yet (nothing is known about the future).
 */
export function stateInstant(p: Period, now: Date): Date {
  return new Date(Math.min(p.end.getTime() - 1, now.getTime()));
}

/** The earlier of two "YYYY-MM-DD" days (they compare as strings). */
function earlierDay(a: string, b: string): string {
  if (a < b) {
    return a;
  }
  return b;
}

export type Bucket = { from: string; to: string };

/** Chart buckets: 7-day weeks from `from` up to 120 days, calendar months beyond (both clipped). */
export function trendBuckets(p: Period): { granularity: "week" | "month"; buckets: Bucket[] } {
  const out: Bucket[] = [];
  if (p.days <= 120) {
    for (let d = p.from; d <= p.to; d = addDays(d, 7)) {
      out.push({ from: d, to: earlierDay(addDays(d, 6), p.to) });
    }
    return { granularity: "week", buckets: out };
  }
  let d = p.from;
  while (d <= p.to) {
    const [y, m] = ymOf(d);
    const last = earlierDay(monthEnd(y, m), p.to);
    out.push({ from: d, to: last });
    d = addDays(last, 1);
  }
  return { granularity: "month", buckets: out };
}

export const today = (now: Date): string => vnDate(now);
