import type { THamletCoverage } from "@binhyen/contracts";
import { ChartSvg } from "../../components/chart-svg";
import { coverageBand } from "../../components/progress-bar";
import { formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

const ROW_HEIGHT = 46;
const BAR_Y = 22;
const BAR_HEIGHT = 14;

/**
 * Hamlets ranked by coverage as horizontal bars against the 100% target, drawn in SVG. Each row
 * has its name and "covered/total · %" on one line and the bar under it, so long Vietnamese names
 * and the labels stay readable on a 360px phone. Widths are percentages: no inline style.
 */
export function HamletCoverageChart({ hamlets }: { hamlets: readonly THamletCoverage[] }) {
  const { t, locale } = useI18n();
  const height = hamlets.length * ROW_HEIGHT + 4;

  return (
    <ChartSvg
      title={t("coverage.hamletsTitle")}
      description={t("coverage.hamletsChartDesc")}
      height={height}
      testId="hamlet-coverage-chart"
    >
      {hamlets.map((hamlet, index) => {
        const y = index * ROW_HEIGHT + 2;
        const width = Math.max(0, Math.min(100, hamlet.percent));
        const label = t("coverage.hamletBarLabel", {
          covered: formatNumber(hamlet.covered, locale),
          total: formatNumber(hamlet.households, locale),
          percent: formatPercent(hamlet.percent, locale),
        });
        return (
          <g key={hamlet.hamletId} className={`chart__row band--${coverageBand(hamlet.percent)}`}>
            <text className="chart__label" x="0" y={y + 12} dominantBaseline="central">
              {hamlet.name}
            </text>
            <text className="chart__value" x="100%" y={y + 12} textAnchor="end" dominantBaseline="central">
              {label}
            </text>
            <rect className="chart__track" x="0" y={y + BAR_Y} width="100%" height={BAR_HEIGHT} rx="4" />
            {width > 0 ? (
              <rect
                className="chart__bar"
                x="0"
                y={y + BAR_Y}
                width={`${Math.max(width, 0.5)}%`}
                height={BAR_HEIGHT}
                rx="4"
              />
            ) : null}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** The colour bands the bars use. */
export function CoverageLegend() {
  const { t } = useI18n();
  const bands = ["high", "mid", "low", "critical"] as const;
  return (
    <ul className="legend" aria-label={t("coverage.legend")}>
      {bands.map((band) => (
        <li key={band} className="legend__item">
          <svg className={`legend__swatch band--${band}`} width="14" height="14" aria-hidden="true">
            <rect className="chart__bar" x="0" y="0" width="14" height="14" rx="3" />
          </svg>
          {t(`coverage.band.${band}`)}
        </li>
      ))}
    </ul>
  );
}
