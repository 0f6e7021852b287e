import type { TProvinceSummary } from "@binhyen/contracts";
import { ChartSvg } from "../../components/chart-svg";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

type CommuneRow = TProvinceSummary["communes"][number];

const ROW_HEIGHT = 34;
const BAR_HEIGHT = 20;
const LABEL_WIDTH = 38; // percent of the width for commune names
const VALUE_GAP = 6;

/**
 * Members per commune as horizontal bars, drawn in SVG (no chart library). Horizontal bars keep
 * long Vietnamese names readable on a 360px phone. Sizes use percentages of a viewBox-free SVG,
 * so the chart follows the container's width without any inline style.
 */
export function MembersChart({ communes }: { communes: readonly CommuneRow[] }) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...communes.map((c) => c.members));
  const height = communes.length * ROW_HEIGHT + 8;
  const barSpace = 100 - LABEL_WIDTH - 14; // leave room for the value after the bar

  return (
    <ChartSvg
      title={t("province.chartTitle")}
      description={t("province.chartDesc")}
      height={height}
      testId="members-chart"
    >
      {communes.map((commune, index) => {
        const y = index * ROW_HEIGHT + 4;
        const width = (commune.members / max) * barSpace;
        return (
          <g key={commune.communeId} className="chart__row">
            <text
              className="chart__label"
              x={`${LABEL_WIDTH - 2}%`}
              y={y + BAR_HEIGHT / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              {commune.name}
            </text>
            <rect
              className="chart__track"
              x={`${LABEL_WIDTH}%`}
              y={y}
              width={`${barSpace}%`}
              height={BAR_HEIGHT}
              rx="4"
            />
            <rect
              className="chart__bar"
              x={`${LABEL_WIDTH}%`}
              y={y}
              width={`${Math.max(width, commune.members > 0 ? 0.5 : 0)}%`}
              height={BAR_HEIGHT}
              rx="4"
            />
            <text
              className="chart__value"
              x={`${LABEL_WIDTH + width}%`}
              dx={VALUE_GAP}
              y={y + BAR_HEIGHT / 2}
              dominantBaseline="central"
            >
              {formatNumber(commune.members, locale)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
