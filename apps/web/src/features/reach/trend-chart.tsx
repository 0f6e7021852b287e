import { ChartSvg } from "../../components/chart-svg";
import { formatDate, formatDayMonth, formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import type { TCoverageTrend } from "./coverage-api";
import { CoverageCells, CoverageHeaders } from "./coverage-columns";

const HEIGHT = 220;
const PLOT_TOP = 18;
const PLOT_BOTTOM = 186;
const GRID = [0, 25, 50, 75, 100];
/** Points sit between 3% and 97% of the width, so the first and last dots are not cut off. */
const X_START = 3;
const X_SPAN = 94;
const MAX_X_LABELS = 6;

function yOf(percent: number): number {
  const clamped = Math.max(0, Math.min(100, percent));
  return PLOT_BOTTOM - (clamped / 100) * (PLOT_BOTTOM - PLOT_TOP);
}

/**
 * Coverage per day as a line, drawn in SVG without a chart library. x positions are percentages
 * of the width (line and circle accept them), y positions pixels, so the chart follows the
 * container's width and its text is never stretched. The figures are also offered as a table.
 */
export function TrendChart({ trend }: { trend: TCoverageTrend }) {
  const { t, locale } = useI18n();
  if (trend.length === 0) {
    return <p className="muted">{t("coverage.trendEmpty")}</p>;
  }
  const points = trend.map((day, index) => ({
    ...day,
    x: trend.length === 1 ? 50 : X_START + (index / (trend.length - 1)) * X_SPAN,
    y: yOf(day.percent),
  }));
  const step = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  const labelled = points.filter((_, index) => index % step === 0 || index === points.length - 1);
  // Drop a regular label that would crowd the last one.
  const xLabels = labelled.filter(
    (point, index) => index === labelled.length - 1 || points.length - 1 - points.indexOf(point) >= step / 2,
  );
  const first = trend[0];
  const last = trend[trend.length - 1];

  return (
    <>
      <ChartSvg
        title={t("coverage.trendTitle")}
        description={t("coverage.trendDesc", { from: formatDate(first?.day), to: formatDate(last?.day) })}
        height={HEIGHT}
        className="chart trend"
        testId="coverage-trend-chart"
      >
        {GRID.map((value) => (
          <g key={value}>
            <line
              className={value === 100 ? "trend__target" : "trend__grid"}
              x1="0"
              x2="100%"
              y1={yOf(value)}
              y2={yOf(value)}
            />
            <text className="trend__axis" x="0" y={yOf(value) - 4}>
              {`${formatNumber(value, locale)}%`}
            </text>
          </g>
        ))}
        {points.slice(1).map((point, index) => {
          const previous = points[index];
          return previous ? (
            <line
              key={point.day}
              className="trend__line"
              x1={`${previous.x}%`}
              y1={previous.y}
              x2={`${point.x}%`}
              y2={point.y}
            />
          ) : null;
        })}
        {points.map((point) => (
          <circle key={point.day} className="trend__dot" cx={`${point.x}%`} cy={point.y} r="3.5">
            <title>{`${formatDate(point.day)}: ${formatPercent(point.percent, locale)}`}</title>
          </circle>
        ))}
        {xLabels.map((point, index) => (
          <text
            key={point.day}
            className="trend__axis"
            x={`${point.x}%`}
            y={HEIGHT - 12}
            textAnchor={
              xLabels.length === 1
                ? "middle"
                : index === 0
                  ? "start"
                  : index === xLabels.length - 1
                    ? "end"
                    : "middle"
            }
          >
            {formatDayMonth(point.day)}
          </text>
        ))}
      </ChartSvg>
      <details className="chart-data">
        <summary>{t("coverage.trendData")}</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("coverage.day")}</th>
                <CoverageHeaders />
              </tr>
            </thead>
            <tbody>
              {trend.map((day) => (
                <tr key={day.day}>
                  <th scope="row">{formatDate(day.day)}</th>
                  <CoverageCells households={day.households} covered={day.covered} percent={day.percent} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
