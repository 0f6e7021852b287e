import { countTicks, labelIndexes } from "./chart-scale";
import { ChartSvg } from "./chart-svg";

export interface LineSeries {
  key: string;
  label: string;
  /** One per x label; null where there is no figure (a month not reached yet). */
  values: readonly (number | null)[];
  tone: "blue" | "green" | "orange";
}

interface LineChartProps {
  title: string;
  description: string;
  testId: string;
  /** The x axis: one label per point ("01/2026", "05/01"). */
  labels: readonly string[];
  series: readonly LineSeries[];
  /** A fixed top for the y axis (100 for percentages); counts get a round top from their data. */
  yMax?: number;
  /** A value as read in a point's tooltip and in the data table ("12", "64,0%"). */
  formatValue: (value: number) => string;
  /** A y-axis tick ("500", "50%"). */
  formatTick: (value: number) => string;
  /** The summary of the table of figures under the chart, and its first column's header. */
  dataLabel: string;
  columnLabel: string;
  height?: number;
}

const PLOT_TOP = 18;
/** Points sit between 3% and 97% of the width, so the first and last dots are not cut off. */
const X_START = 3;
const X_SPAN = 94;

/**
 * Lines over time, one per series, drawn in SVG without a chart library. x positions are
 * percentages of the width (line and circle accept them), y positions pixels, so the chart follows
 * its container and its text is never stretched; no inline style under the CSP. A gap (null) breaks
 * the line. The figures are also offered as a table.
 */
export function LineChart({
  title,
  description,
  testId,
  labels,
  series,
  yMax,
  formatValue,
  formatTick,
  dataLabel,
  columnLabel,
  height = 220,
}: LineChartProps) {
  const plotBottom = height - 34;
  const dataMax = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const ticks = yMax !== undefined ? [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax) : countTicks(dataMax);
  const top = ticks[ticks.length - 1] ?? 1;
  const yOf = (value: number) =>
    plotBottom - (Math.max(0, Math.min(top, value)) / (top || 1)) * (plotBottom - PLOT_TOP);
  const xOf = (index: number) => (labels.length <= 1 ? 50 : X_START + (index / (labels.length - 1)) * X_SPAN);
  // Four labels fit a 360px phone ("01/2026" is about 50px wide).
  const shown = labelIndexes(labels.length, 4);

  return (
    <>
      <ChartSvg
        title={title}
        description={description}
        height={height}
        className="chart trend"
        testId={testId}
      >
        {ticks.map((value) => (
          <g key={value}>
            <line className="trend__grid" x1="0" x2="100%" y1={yOf(value)} y2={yOf(value)} />
            <text className="trend__axis" x="0" y={yOf(value) - 4}>
              {formatTick(value)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g
            key={s.key}
            className={`line-series line-series--${s.tone}`}
            data-series={s.key}
            data-values={s.values.map((v) => (v === null ? "" : String(v))).join(",")}
          >
            {s.values.map((value, index) => {
              const previous = index > 0 ? s.values[index - 1] : null;
              return value !== null && previous !== null && previous !== undefined ? (
                <line
                  // biome-ignore lint/suspicious/noArrayIndexKey: points are positional
                  key={index}
                  className="line-series__line"
                  x1={`${xOf(index - 1)}%`}
                  y1={yOf(previous)}
                  x2={`${xOf(index)}%`}
                  y2={yOf(value)}
                />
              ) : null;
            })}
            {s.values.map((value, index) =>
              value === null ? null : (
                <circle
                  // biome-ignore lint/suspicious/noArrayIndexKey: points are positional
                  key={index}
                  className="line-series__dot"
                  cx={`${xOf(index)}%`}
                  cy={yOf(value)}
                  r="3.5"
                >
                  <title>{`${labels[index] ?? ""} · ${s.label}: ${formatValue(value)}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
        {shown.map((index, position) => (
          <text
            key={index}
            className="trend__axis"
            x={`${xOf(index)}%`}
            y={height - 12}
            textAnchor={
              shown.length === 1
                ? "middle"
                : position === 0
                  ? "start"
                  : position === shown.length - 1
                    ? "end"
                    : "middle"
            }
          >
            {labels[index]}
          </text>
        ))}
      </ChartSvg>
      {series.length > 1 ? (
        <ul className="legend">
          {series.map((s) => (
            <li key={s.key} className="legend__item">
              <svg
                className={`legend__swatch line-series--${s.tone}`}
                width="18"
                height="14"
                aria-hidden="true"
                focusable="false"
              >
                <line className="line-series__line" x1="1" x2="17" y1="7" y2="7" />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="chart-data">
        <summary>{dataLabel}</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{columnLabel}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <tr key={index}>
                  <th scope="row">{label}</th>
                  {series.map((s) => {
                    const value = s.values[index];
                    return (
                      <td key={s.key} className="num">
                        {value === null || value === undefined ? "—" : formatValue(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
