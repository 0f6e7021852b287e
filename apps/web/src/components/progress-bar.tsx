interface ProgressBarProps {
  /** 0–100. */
  percent: number;
  label: string;
  /** Read out instead of the bare number ("91,6%", "120/300 dòng"). */
  valueText: string;
  /** "progressbar" (role, with aria-valuenow) for work in progress, "meter" for a measured share. */
  role?: "progressbar" | "meter";
  tone?: "primary" | "high" | "mid" | "low" | "critical";
  testId?: string;
}

/**
 * A bar drawn in SVG with a percentage width: the CSP allows no inline styles, and an SVG
 * attribute is not a style, so the fill follows the value without any style="…".
 */
export function ProgressBar({
  percent,
  label,
  valueText,
  role = "progressbar",
  tone = "primary",
  testId,
}: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, percent));
  const rounded = Math.round(value * 10) / 10;
  const className = `progress progress--${tone}`;
  const bar = (
    <svg className="progress__svg" width="100%" height="100%" aria-hidden="true" focusable="false">
      <rect className="progress__track" x="0" y="0" width="100%" height="100%" rx="6" />
      {value > 0 ? (
        <rect className="progress__fill" x="0" y="0" width={`${value}%`} height="100%" rx="6" />
      ) : null}
    </svg>
  );
  // A measured share is a native <meter> for assistive technology, drawn by the SVG beside it.
  return role === "meter" ? (
    <div className={className} data-testid={testId} data-value={rounded}>
      <meter className="visually-hidden" min={0} max={100} value={rounded} aria-label={label}>
        {valueText}
      </meter>
      {bar}
    </div>
  ) : (
    <div
      className={className}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rounded}
      aria-valuetext={valueText}
      data-testid={testId}
    >
      {bar}
    </div>
  );
}

/** Colour band of a coverage percentage (the commune's target is 100%). */
export function coverageBand(percent: number): "high" | "mid" | "low" | "critical" {
  if (percent >= 90) {
    return "high";
  }
  if (percent >= 70) {
    return "mid";
  }
  if (percent >= 50) {
    return "low";
  }
  return "critical";
}
