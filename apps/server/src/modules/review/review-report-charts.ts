import { type ChartImage, type ChartSpec, renderChart } from "./document-charts";
import { metric, type ReviewData } from "./review-report-data";

/** The charts of the review report, from the same data as the tables (counts only). */
export function reviewChartSpecs(data: ReviewData): ChartSpec[] {
  const specs: ChartSpec[] = [];
  if (data.hamlets.length > 0) {
    specs.push({
      kind: "bar",
      title: "Biểu đồ 1. Tỷ lệ hộ gia đình tham gia nhóm theo ấp (%)",
      labels: data.hamlets.map((h) => h.name),
      series: [{ name: "Tỷ lệ hộ tham gia (%)", values: data.hamlets.map((h) => h.coveragePct ?? 0) }],
    });
  }
  if (data.trend.length > 0) {
    specs.push({
      kind: "line",
      title: "Biểu đồ 2. Tin báo và thông báo theo tháng",
      labels: data.trend.map((p) => p.label),
      series: [
        { name: "Tin báo tiếp nhận", values: data.trend.map((p) => p.reports) },
        { name: "Thông báo đã đăng", values: data.trend.map((p) => p.announcements) },
      ],
    });
  }
  const keys = ["announcements", "reports", "valuableReports"] as const;
  const picked = keys.map((k) => metric(data.totals, k)).filter((m) => m !== undefined);
  if (data.previousPeriod && picked.length > 0) {
    specs.push({
      kind: "bar",
      title: "Biểu đồ 3. So sánh với kỳ trước",
      labels: picked.map((m) => m.label),
      series: [
        { name: "Kỳ trước", values: picked.map((m) => m.previous ?? 0) },
        { name: "Kỳ này", values: picked.map((m) => m.current) },
      ],
    });
  }
  return specs;
}

export async function reviewCharts(data: ReviewData): Promise<ChartImage[]> {
  const out: ChartImage[] = [];
  for (const spec of reviewChartSpecs(data)) {
    out.push(await renderChart(spec));
  }
  return out;
}
