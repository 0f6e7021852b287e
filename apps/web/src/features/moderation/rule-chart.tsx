import { ChartSvg } from "../../components/chart-svg";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isRuleCode, RULE_CODES, ruleLabel } from "./moderation-labels";

const ROW = 40;
const BAR = 14;

/**
 * Violations by rule over the last year, one bar per rule, the longest full width (the sort is
 * stable: rules without violations keep the policy's order). SVG with
 * percentage widths: no inline styles under the CSP.
 */
export function RuleChart({ byRule }: { byRule: readonly { rule: string; count: number }[] }) {
  const { t, locale } = useI18n();
  // Every rule has a row, zero included, so the chart reads the same from one month to the next.
  const counted = new Map(byRule.map((r) => [r.rule, r.count]));
  const rows = [
    ...RULE_CODES.map((rule) => ({ rule, count: counted.get(rule) ?? 0 })),
    ...byRule.filter((r) => !isRuleCode(r.rule)),
  ].sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ChartSvg
      title={t("console.byRule")}
      description={t("console.byRuleDesc", {
        list: rows.map((r) => `${ruleLabel(r.rule, t)}: ${formatNumber(r.count, locale)}`).join("; "),
      })}
      height={rows.length * ROW + 4}
      testId="console-rule-chart"
    >
      {rows.map((row, index) => {
        const y = index * ROW + 2;
        const width = Math.round((row.count / max) * 1000) / 10;
        return (
          <g key={row.rule} className="chart__row" data-rule={row.rule} data-count={row.count}>
            <text className="chart__label" x="0" y={y + 9} dominantBaseline="central">
              {ruleLabel(row.rule, t)}
            </text>
            <text className="chart__value" x="100%" y={y + 9} textAnchor="end" dominantBaseline="central">
              {formatNumber(row.count, locale)}
            </text>
            <rect className="chart__track" x="0" y={y + 20} width="100%" height={BAR} rx="3" />
            {row.count > 0 ? (
              <rect
                className="chart__bar bar--rule"
                x="0"
                y={y + 20}
                width={`${width}%`}
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
