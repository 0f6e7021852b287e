import type { TPollResults } from "@binhyen/contracts";
import { ChartSvg } from "../../components/chart-svg";
import { formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

const ROW = 46;
const BAR = 14;

/**
 * A poll's results, one bar per option: its share of the ballots (as the server computed it, one
 * decimal; a multiple-choice poll may add up past 100%). SVG widths in percent: no inline styles.
 */
export function PollResultsChart({
  question,
  options,
  results,
}: {
  question: string;
  options: readonly string[];
  results: TPollResults;
}) {
  const { t, locale } = useI18n();
  const rows = options.map((option, index) => ({
    option,
    count: results.counts[index] ?? 0,
    percent: results.percent[index] ?? 0,
  }));
  const top = Math.max(0, ...rows.map((r) => r.count));
  return (
    <ChartSvg
      title={t("polls.resultsTitle", { question })}
      description={rows
        .map((r) =>
          t("polls.resultLine", {
            option: r.option,
            count: formatNumber(r.count, locale),
            percent: formatPercent(r.percent, locale),
          }),
        )
        .join("; ")}
      height={rows.length * ROW + 4}
      testId="poll-results-chart"
    >
      {rows.map((row, index) => {
        const y = index * ROW + 2;
        const leading = top > 0 && row.count === top;
        return (
          <g
            // biome-ignore lint/suspicious/noArrayIndexKey: options are positional and fixed
            key={index}
            className="chart__row"
            data-option={index}
            data-count={row.count}
            data-percent={row.percent}
          >
            <text className="chart__label" x="0" y={y + 10} dominantBaseline="central">
              {row.option}
            </text>
            <text className="chart__value" x="100%" y={y + 10} textAnchor="end" dominantBaseline="central">
              {t("polls.resultValue", {
                count: formatNumber(row.count, locale),
                percent: formatPercent(row.percent, locale),
              })}
            </text>
            <rect className="chart__track" x="0" y={y + 24} width="100%" height={BAR} rx="3" />
            {row.percent > 0 ? (
              <rect
                className={leading ? "chart__bar bar--leading" : "chart__bar bar--option"}
                x="0"
                y={y + 24}
                width={`${Math.min(100, row.percent)}%`}
                height={BAR}
                rx="3"
              />
            ) : null}
          </g>
        );
      })}
    </ChartSvg>
  );
}
