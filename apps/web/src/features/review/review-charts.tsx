import type { TReviewIndicatorDefinition, TReviewIndicatorValue, TReviewTrend } from "@binhyen/contracts";
import { BarChart, type BarRow } from "../../components/bar-chart";
import { LineChart } from "../../components/line-chart";
import { coverageBand } from "../../components/progress-bar";
import { formatDate, formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { figureText } from "./review-format";
import { indicatorLabel } from "./review-labels";

/** "01/2026" for a month, "05/01" for a week (its first day). */
function bucketLabel(from: string, granularity: TReviewTrend["granularity"]): string {
  const [year, month, day] = from.split("-");
  return granularity === "month" ? `${month}/${year}` : `${day}/${month}`;
}

/**
 * The period over time: reports received and announcements published per week or month on one
 * chart, and household coverage at the end of each on another (a share, on its own 0–100% axis).
 */
export function ReviewTrendCharts({
  trend,
  today,
  testIdPrefix,
}: {
  trend: TReviewTrend;
  /** "YYYY-MM-DD" in Vietnam: a week or month that has not begun has no figures yet (a gap, not 0). */
  today: string;
  testIdPrefix: string;
}) {
  const { t, locale } = useI18n();
  if (trend.points.length === 0) {
    return <p className="muted">{t("review.trend.empty")}</p>;
  }
  const labels = trend.points.map((p) => bucketLabel(p.from, trend.granularity));
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  const span = { from: formatDate(first?.from), to: formatDate(last?.to) };
  const unit = t(trend.granularity === "month" ? "review.trend.month" : "review.trend.week");
  const activityTitle = t(
    trend.granularity === "month" ? "review.trend.activityTitleMonth" : "review.trend.activityTitleWeek",
  );
  const begun = (p: TReviewTrend["points"][number]) => p.from <= today;
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="review-trends">
      <figure className="review-trend">
        <figcaption className="review-trend__title">{activityTitle}</figcaption>
        <LineChart
          title={activityTitle}
          description={t("review.trend.activityDesc", span)}
          testId={`${testIdPrefix}-trend-activity`}
          labels={labels}
          series={[
            {
              key: "reports",
              label: t("review.trend.reports"),
              values: trend.points.map((p) => (begun(p) ? p.reportsReceived : null)),
              tone: "blue",
            },
            {
              key: "announcements",
              label: t("review.trend.announcements"),
              values: trend.points.map((p) => (begun(p) ? p.announcementsPublished : null)),
              tone: "orange",
            },
          ]}
          formatValue={n}
          formatTick={n}
          dataLabel={t("review.chartData")}
          columnLabel={unit}
        />
      </figure>
      <figure className="review-trend">
        <figcaption className="review-trend__title">{t("review.trend.coverageTitle")}</figcaption>
        <LineChart
          title={t("review.trend.coverageTitle")}
          description={t("review.trend.coverageDesc", span)}
          testId={`${testIdPrefix}-trend-coverage`}
          labels={labels}
          series={[
            {
              key: "coverage",
              label: t("review.trend.coverage"),
              values: trend.points.map((p) => (begun(p) ? p.coveragePercent : null)),
              tone: "green",
            },
          ]}
          yMax={100}
          formatValue={(value) => formatPercent(value, locale)}
          formatTick={(value) => `${n(value)}%`}
          dataLabel={t("review.chartData")}
          columnLabel={unit}
        />
      </figure>
    </div>
  );
}

export interface PlaceRow {
  key: string;
  name: string;
  indicators: readonly TReviewIndicatorValue[];
  /** Reports or posts tied to no hamlet: no group, no households to count. */
  unassigned?: boolean;
}

const valueIn = (row: PlaceRow, code: string) => row.indicators.find((v) => v.code === code);

/** Coverage of households per hamlet (or commune), coloured by band against the 100% target. */
export function CoverageBars({
  rows,
  title,
  description,
  testId,
}: {
  rows: readonly PlaceRow[];
  title: string;
  description: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const bars: BarRow[] = rows
    .map((row) => ({ row, percent: valueIn(row, "COVERAGE_PERCENT")?.current }))
    .filter((x) => x.percent?.value !== null && x.percent?.value !== undefined)
    .map(({ row, percent }) => {
      const value = percent?.value ?? 0;
      return {
        key: row.key,
        label: row.name,
        value,
        valueText: t("review.bars.coverageValue", {
          covered: formatNumber(percent?.numerator ?? 0, locale),
          total: formatNumber(percent?.denominator ?? 0, locale),
          percent: formatPercent(value, locale),
        }),
        className: `band--${coverageBand(value)}`,
      };
    });
  if (bars.length === 0) {
    return <p className="muted">{t("review.bars.none")}</p>;
  }
  return <BarChart title={title} description={description} testId={testId} rows={bars} max={100} />;
}

/** One count per hamlet (or commune): reports received, announcements… */
export function CountBars({
  rows,
  code,
  title,
  description,
  testId,
}: {
  rows: readonly PlaceRow[];
  code: string;
  title: string;
  description: string;
  testId: string;
}) {
  const { locale } = useI18n();
  const bars: BarRow[] = rows.map((row) => {
    const value = valueIn(row, code)?.current.value ?? 0;
    return {
      key: row.key,
      label: row.name,
      value,
      valueText: formatNumber(value, locale),
      className: "bar--count",
    };
  });
  return <BarChart title={title} description={description} testId={testId} rows={bars} />;
}

/** The trend charts in their titled card; ids and test ids start with `prefix`. */
export function TrendCard({ trend, today, prefix }: { trend: TReviewTrend; today: string; prefix: string }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby={`${prefix}-trend-title`}>
      <h2 className="card__title" id={`${prefix}-trend-title`}>
        {t("review.trend.title")}
      </h2>
      <ReviewTrendCharts trend={trend} today={today} testIdPrefix={prefix} />
    </section>
  );
}

type BarsText = { title: string; description: string };

/**
 * Coverage and reports received per place (hamlets of a commune, communes of a province), side by
 * side; ids and test ids are `${prefix}-coverage-…` and `${prefix}-reports-…`.
 */
export function PlaceBarsGrid({
  coverageRows,
  reportRows,
  coverage,
  reports,
  prefix,
}: {
  coverageRows: readonly PlaceRow[];
  reportRows: readonly PlaceRow[];
  coverage: BarsText;
  reports: BarsText;
  prefix: string;
}) {
  return (
    <div className="coverage-grid">
      <section className="card" aria-labelledby={`${prefix}-coverage-title`}>
        <h2 className="card__title" id={`${prefix}-coverage-title`}>
          {coverage.title}
        </h2>
        <CoverageBars rows={coverageRows} {...coverage} testId={`${prefix}-coverage-chart`} />
      </section>
      <section className="card" aria-labelledby={`${prefix}-reports-title`}>
        <h2 className="card__title" id={`${prefix}-reports-title`}>
          {reports.title}
        </h2>
        <CountBars
          rows={reportRows}
          code="REPORTS_RECEIVED"
          {...reports}
          testId={`${prefix}-reports-chart`}
        />
      </section>
    </div>
  );
}

/** The parts of a figure ("— Tin báo nặc danh"…) as bars: announcements by topic, reports by kind. */
export function BreakdownBars({
  definitions,
  values,
  title,
  testId,
}: {
  definitions: readonly TReviewIndicatorDefinition[];
  values: readonly TReviewIndicatorValue[];
  title: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const rows: BarRow[] = definitions.map((d) => {
    const value = values.find((v) => v.code === d.code);
    return {
      key: d.code,
      label: indicatorLabel(d, locale, t),
      value: value?.current.value ?? 0,
      valueText: figureText(value?.current, d.unit, locale, t),
      className: "bar--topic",
    };
  });
  return (
    <BarChart
      title={title}
      description={rows.map((r) => `${r.label}: ${r.valueText}`).join("; ")}
      testId={testId}
      rows={rows}
    />
  );
}
