import type { TReviewTrend } from "@binhyen/contracts";
import { type Period, trendBuckets } from "./indicators-period";

type Daily = { series: "reports" | "announcements"; day: string; n: number };
type SnapshotDay = { day: string; households: number; covered: number };

const percentOf = (covered: number | null, households: number | null) =>
  households === null || covered === null
    ? null
    : households === 0
      ? 0
      : Math.round((covered * 1000) / households) / 10;

/**
 * The chart series of the current period (pure): reports received and announcements published per
 * bucket, and coverage at each bucket's end — "now" for the bucket holding today, the newest
 * snapshot on or before the bucket's last day for past buckets, nothing for future ones.
 */
export function trendOf(
  cur: Period,
  today: string,
  daily: readonly Daily[],
  snapshots: readonly SnapshotDay[],
  now: { households: number | null; covered: number | null },
): TReviewTrend {
  const { granularity, buckets } = trendBuckets(cur);
  const perDay = { reports: new Map<string, number>(), announcements: new Map<string, number>() };
  for (const d of daily) {
    perDay[d.series].set(d.day, d.n);
  }
  const sumDays = (m: Map<string, number>, from: string, to: string) =>
    [...m].filter(([d]) => d >= from && d <= to).reduce((s, [, n]) => s + n, 0);
  return {
    granularity,
    points: buckets.map((b) => {
      let at: { households: number | null; covered: number | null } = { households: null, covered: null };
      if (b.to >= today) {
        if (b.from <= today) {
          at = now;
        }
      } else {
        const snap = snapshots.filter((s) => s.day <= b.to).at(-1);
        if (snap) {
          at = snap;
        }
      }
      return {
        from: b.from,
        to: b.to,
        reportsReceived: sumDays(perDay.reports, b.from, b.to),
        announcementsPublished: sumDays(perDay.announcements, b.from, b.to),
        households: at.households,
        covered: at.covered,
        coveragePercent: percentOf(at.covered, at.households),
      };
    }),
  };
}
