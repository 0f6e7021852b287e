import { useId } from "react";

export interface BarRow {
  key: string;
  label: string;
  value: number;
  /** The figure as read beside the bar ("12", "969/1.514 · 64,0%"). */
  valueText: string;
  /** A class for the row's colour (band--high, bar--topic…). */
  className?: string;
}

interface BarChartProps {
  title: string;
  description: string;
  testId: string;
  rows: readonly BarRow[];
  /** The value of a full-width bar (100 for percentages); the largest value by default. */
  max?: number;
}

/**
 * Horizontal bars, one row per item: its name and figure as text (which wraps, so long Vietnamese
 * names stay whole on a 360px phone and screen readers read them), the bar under it in SVG with a
 * percentage width — an SVG attribute, not a style, under the CSP.
 */
export function BarChart({ title, description, testId, rows, max }: BarChartProps) {
  const descId = useId();
  const full = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="bar-chart" aria-label={title} aria-describedby={descId} data-testid={testId}>
      <figcaption className="visually-hidden" id={descId}>
        {description}
      </figcaption>
      <ul className="bar-chart__rows">
        {rows.map((row) => {
          const width = Math.round((Math.max(0, Math.min(full, row.value)) / (full || 1)) * 1000) / 10;
          return (
            <li
              key={row.key}
              className={row.className ? `bar-chart__row ${row.className}` : "bar-chart__row"}
              data-key={row.key}
              data-value={row.value}
            >
              <span className="bar-chart__head">
                <span className="bar-chart__label">{row.label}</span>
                <span className="bar-chart__value">{row.valueText}</span>
              </span>
              <svg className="bar-chart__svg" width="100%" height="14" aria-hidden="true" focusable="false">
                <rect className="chart__track" x="0" y="0" width="100%" height="14" rx="3" />
                {width > 0 ? (
                  <rect
                    className="chart__bar"
                    x="0"
                    y="0"
                    width={`${Math.max(width, 0.5)}%`}
                    height="14"
                    rx="3"
                  />
                ) : null}
              </svg>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
