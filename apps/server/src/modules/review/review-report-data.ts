/**
 * What a review report (báo cáo sơ kết) shows: counts only (requirement 13), for one commune and one
 * period, with the previous equal-length period for comparison (requirement 39). The document
 * builders (DOCX, PDF, XLSX) and the narrative take this shape and nothing else, so they never see a
 * name, a phone number or an address of an informant or a suspect.
 */

/**
 * One indicator with its value in the previous period (null when there is no comparison). A "share"
 * reads "X/Y": `current` is X and `currentOf` is Y (the change is X's); "percent" has one decimal;
 * "minutes" is a median duration.
 */
export type ReviewMetric = {
  key: string;
  label: string;
  current: number;
  previous: number | null;
  unit?: "count" | "percent" | "minutes" | "share";
  currentOf?: number | null;
  previousOf?: number | null;
};

export type ReviewHamletRow = {
  /** null for the "not tied to a hamlet" row; absent in fixtures. */
  hamletId?: string | null;
  name: string;
  /** Reports or posts not tied to a hamlet ("Chưa xác định ấp"): no group, no households. */
  unassigned?: boolean;
  hasGroup: boolean;
  groups: number;
  members: number;
  householdsCovered: number;
  householdsTotal: number;
  /** households covered ÷ total, one decimal (requirement 34); null when the total is unknown. */
  coveragePct: number | null;
  announcements: number;
  reports: number;
};

export type ReviewTrendPoint = {
  /** "MM/YYYY" for months, "DD/MM" for weeks. */
  label: string;
  /** The bucket's days, "YYYY-MM-DD". */
  from: string;
  to: string;
  reports: number;
  announcements: number;
};

export type ReviewData = {
  communeName: string;
  /** XA | PHUONG | DAC_KHU */
  communeKind: string;
  provinceName: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string } | null;
  hamlets: ReviewHamletRow[];
  /**
   * Commune totals, with these keys when known: hamletsWithGroup (share of hamlets), groups, members,
   * householdsCovered (share of households), coveragePct, announcements, reports, valuableReports,
   * forwardedWithinSlaPct, forwardedLate, medianFirstResponseMinutes, overdue; other indicators of
   * the configurable list keep their code as key.
   */
  totals: ReviewMetric[];
  announcementsByTopic: ReviewMetric[];
  reportsByKind: ReviewMetric[];
  /** khởi tố, xử phạt hành chính, bắt giữ, truy nã, tài sản trả lại, ngăn chặn lừa đảo … */
  outcomes: ReviewMetric[];
  moderation: ReviewMetric[];
  commendations: ReviewMetric[];
  trend: ReviewTrendPoint[];
};

export const metric = (list: readonly ReviewMetric[], key: string): ReviewMetric | undefined =>
  list.find((m) => m.key === key);

export const sumCurrent = (list: readonly ReviewMetric[]) => list.reduce((s, m) => s + m.current, 0);
export const sumPrevious = (list: readonly ReviewMetric[]): number | null =>
  list.some((m) => m.previous === null) ? null : list.reduce((s, m) => s + (m.previous ?? 0), 0);

/** Change against the previous period: absolute and percent (null when the base is 0 or unknown). */
export function change(
  current: number,
  previous: number | null,
): { delta: number | null; pct: number | null } {
  if (previous === null) {
    return { delta: null, pct: null };
  }
  const delta = round1(current - previous);
  return { delta, pct: previous === 0 ? null : round1((delta / previous) * 100) };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

const intFmt = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 });
const decFmt = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Vietnamese number style: "1.234", "12,5". Whole numbers keep no decimals. */
export function vnNumber(n: number): string {
  return Number.isInteger(n) ? intFmt.format(n) : decFmt.format(n);
}

/** A metric's value as printed in a table cell: "12", "5/6", "85,3%", "95 phút". */
export function metricValue(
  value: number | null,
  unit: ReviewMetric["unit"] = "count",
  of?: number | null,
): string {
  if (value === null) {
    return "—";
  }
  if (unit === "percent") {
    return `${decFmt.format(value)}%`;
  }
  if (unit === "minutes") {
    return `${vnNumber(round1(value))} phút`;
  }
  if (unit === "share" && of !== undefined && of !== null) {
    return `${vnNumber(value)}/${vnNumber(of)}`;
  }
  return vnNumber(value);
}

/** "+3 (+25,0%)", "-2 (-10,0%)", "0", "+4" (base 0), "+1,5 điểm %", "-12 phút", "—" (no comparison). */
export function changeText(
  current: number,
  previous: number | null,
  unit: ReviewMetric["unit"] = "count",
): string {
  const c = change(current, previous);
  if (c.delta === null) {
    return "—";
  }
  if (c.delta === 0) {
    return "0";
  }
  const sign = c.delta > 0 ? "+" : "-";
  const abs = Math.abs(c.delta);
  const absText =
    unit === "percent"
      ? `${decFmt.format(abs)} điểm %`
      : unit === "minutes"
        ? `${vnNumber(abs)} phút`
        : vnNumber(abs);
  if (c.pct === null || unit === "percent" || unit === "minutes") {
    return `${sign}${absText}`;
  }
  return `${sign}${absText} (${sign}${decFmt.format(Math.abs(c.pct))}%)`;
}
