import { coverageBand, ProgressBar } from "../../components/progress-bar";
import { formatNumber, formatPercent } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";

interface CoverageHeadlineProps {
  households: number;
  covered: number;
  percent: number;
  testId?: string;
}

/** "X/Y hộ (Z%)" in large type, the bar toward 100%, and how many households are still missing. */
export function CoverageHeadline({ households, covered, percent, testId }: CoverageHeadlineProps) {
  const { t, locale } = useI18n();
  const n = (value: number) => formatNumber(value, locale);
  const missing = Math.max(0, households - covered);
  return (
    <div
      className="headline"
      data-testid={testId}
      data-households={households}
      data-covered={covered}
      data-percent={percent}
    >
      <p className="headline__label">{t("coverage.headlineLabel")}</p>
      <p className="headline__value">
        <span data-testid="coverage-count">
          {t("coverage.headline", { covered: n(covered), total: n(households) })}
        </span>{" "}
        <span
          className={`headline__percent band-text--${coverageBand(percent)}`}
          data-testid="coverage-percent"
        >
          ({formatPercent(percent, locale)})
        </span>
      </p>
      <ProgressBar
        role="meter"
        percent={percent}
        tone={coverageBand(percent)}
        label={t("coverage.meterLabel")}
        valueText={formatPercent(percent, locale)}
        testId="coverage-meter"
      />
      <p className="headline__note">
        {missing === 0 && households > 0
          ? t("coverage.targetReached")
          : t("coverage.toTarget", { count: n(missing) })}
      </p>
    </div>
  );
}
