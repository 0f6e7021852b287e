import type { TReviewIndicatorDefinition, TReviewIndicatorValue } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { changeView, figureText } from "./review-format";
import { indicatorLabel } from "./review-labels";

/** ▲ 7 (+12,5%), coloured by whether the change is welcome, read out as words. */
export function ChangeBadge({
  value,
  unit,
  testId,
}: {
  value: TReviewIndicatorValue;
  unit: TReviewIndicatorDefinition["unit"];
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const change = changeView(value, unit, locale, t);
  return (
    <span
      className={`review-change review-change--${change.tone}`}
      data-direction={change.direction}
      data-testid={testId}
    >
      {change.arrow ? (
        <span className="review-change__arrow" aria-hidden="true">
          {change.arrow}
        </span>
      ) : null}
      <span aria-hidden="true">{change.text}</span>
      <span className="visually-hidden">{change.spoken}</span>
    </span>
  );
}

/**
 * A figure the server may list reports for: a button that opens the list, or plain text when there
 * is nothing to list or no list to ask for.
 */
export function DrillValue({
  text,
  count,
  onDrill,
  label,
  testId,
}: {
  text: string;
  count: number | null;
  onDrill: (() => void) | undefined;
  /** What the list is of, for screen readers ("Danh sách: Tin có giá trị"). */
  label: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (!onDrill || !count) {
    return <span data-testid={testId}>{text}</span>;
  }
  return (
    <button
      type="button"
      className="link-button"
      onClick={onDrill}
      aria-label={t("review.drill.open", { label, value: text })}
      data-testid={testId}
    >
      {text}
    </button>
  );
}

interface IndicatorCardProps {
  definition: TReviewIndicatorDefinition;
  value: TReviewIndicatorValue | undefined;
  /** Opens the reports behind the figure; absent where the list is not offered (the province). */
  onDrill?: (() => void) | undefined;
}

/** One indicator: its value this period, the previous period's, and the change. */
export function IndicatorCard({ definition, value, onDrill }: IndicatorCardProps) {
  const { t, locale } = useI18n();
  const label = indicatorLabel(definition, locale, t);
  const current = figureText(value?.current, definition.unit, locale, t);
  const previous = figureText(value?.previous, definition.unit, locale, t);
  return (
    <li
      className="review-card"
      data-testid={`review-card-${definition.code}`}
      data-code={definition.code}
      data-value={value?.current.value ?? ""}
    >
      <span className="review-card__label">{label}</span>
      <span className="review-card__value" data-testid="review-card-value">
        <DrillValue
          text={current}
          count={definition.drilldown ? (value?.current.value ?? null) : null}
          onDrill={definition.drilldown ? onDrill : undefined}
          label={label}
        />
      </span>
      <span className="review-card__previous">{t("review.previous", { value: previous })}</span>
      {value ? <ChangeBadge value={value} unit={definition.unit} /> : null}
    </li>
  );
}
