import { type FormEvent, useState } from "react";
import { Field, TextField } from "../../components/field";
import { formatDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import {
  checkCustomPeriod,
  halfPeriod,
  type PeriodPreset,
  presetOf,
  quarterPeriod,
  type ReviewPeriod,
  yearOf,
  yearPeriod,
} from "./review-period";

const PRESETS: readonly PeriodPreset[] = ["year", "half", "quarter", "custom"];
const YEARS_BACK = 4;

interface PeriodPickerProps {
  period: ReviewPeriod;
  onChange: (period: ReviewPeriod) => void;
  /** Today in Vietnam, "YYYY-MM-DD": the years offered end with this one. */
  today: string;
}

/**
 * The review period: a year, six months or a quarter in one or two taps, or any span typed as
 * dd/mm/yyyy. The parent keys it by the period, so it starts from the one shown.
 */
export function PeriodPicker({ period, onChange, today }: PeriodPickerProps) {
  const { t } = useI18n();
  const initial = presetOf(period);
  const [mode, setMode] = useState<PeriodPreset>(initial.preset);
  const [year, setYear] = useState(initial.preset === "custom" ? yearOf(period.to) : initial.year);
  // Switching to six months or a quarter of this year starts from the one under way.
  const month = Number(today.slice(5, 7));
  const current = yearOf(today) === year;
  const [half, setHalf] = useState<1 | 2>(
    initial.preset === "half" ? initial.half : current && month > 6 ? 2 : 1,
  );
  const [quarter, setQuarter] = useState<1 | 2 | 3 | 4>(
    initial.preset === "quarter" ? initial.quarter : current ? (Math.ceil(month / 3) as 1 | 2 | 3 | 4) : 1,
  );
  const [fromText, setFromText] = useState(formatDate(period.from));
  const [toText, setToText] = useState(formatDate(period.to));
  const [error, setError] = useState<{ field: "from" | "to"; message: string } | null>(null);

  const thisYear = yearOf(today);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, index) => thisYear - index);
  if (!years.includes(year)) {
    years.push(year);
  }

  const apply = (next: { mode: PeriodPreset; year: number; half: 1 | 2; quarter: 1 | 2 | 3 | 4 }) => {
    if (next.mode === "year") {
      onChange(yearPeriod(next.year));
    } else if (next.mode === "half") {
      onChange(halfPeriod(next.year, next.half));
    } else if (next.mode === "quarter") {
      onChange(quarterPeriod(next.year, next.quarter));
    }
  };
  const chosen = { mode, year, half, quarter };

  const onCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkCustomPeriod(fromText, toText);
    if (!checked.ok) {
      setError({ field: checked.field, message: t(`review.period.error.${checked.reason}`) });
      return;
    }
    setError(null);
    onChange(checked.period);
  };

  return (
    <form className="period-picker" onSubmit={onCustom} noValidate data-testid="period-picker">
      <fieldset className="segmented">
        <legend className="field__label">{t("review.period.label")}</legend>
        {PRESETS.map((value) => (
          <label key={value} className={mode === value ? "segmented__item is-active" : "segmented__item"}>
            <input
              type="radio"
              name="review-period"
              value={value}
              checked={mode === value}
              onChange={() => {
                setMode(value);
                apply({ ...chosen, mode: value });
              }}
              data-testid={`period-preset-${value}`}
            />
            <span>{t(`review.period.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      {mode === "custom" ? (
        <div className="period-picker__row">
          <TextField
            label={t("review.period.from")}
            hint={t("dateTime.datePlaceholder")}
            error={error?.field === "from" ? error.message : null}
            value={fromText}
            onValueChange={setFromText}
            inputMode="decimal"
            autoComplete="off"
            maxLength={16}
            placeholder={t("dateTime.datePlaceholder")}
            data-testid="period-from"
          />
          <TextField
            label={t("review.period.to")}
            hint={t("dateTime.datePlaceholder")}
            error={error?.field === "to" ? error.message : null}
            value={toText}
            onValueChange={setToText}
            inputMode="decimal"
            autoComplete="off"
            maxLength={16}
            placeholder={t("dateTime.datePlaceholder")}
            data-testid="period-to"
          />
          <div className="period-picker__apply">
            <button type="submit" className="btn btn--primary" data-testid="period-apply">
              {t("review.period.apply")}
            </button>
          </div>
        </div>
      ) : (
        <div className="period-picker__row">
          <Field label={t("review.period.year")}>
            {({ id }) => (
              <select
                id={id}
                className="input"
                value={year}
                onChange={(event) => {
                  const next = Number(event.target.value);
                  setYear(next);
                  apply({ ...chosen, year: next });
                }}
                data-testid="period-year"
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {mode === "half" ? (
            <Field label={t("review.period.half")}>
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={half}
                  onChange={(event) => {
                    const next = event.target.value === "2" ? 2 : 1;
                    setHalf(next);
                    apply({ ...chosen, half: next });
                  }}
                  data-testid="period-half"
                >
                  <option value="1">{t("review.period.half1")}</option>
                  <option value="2">{t("review.period.half2")}</option>
                </select>
              )}
            </Field>
          ) : null}
          {mode === "quarter" ? (
            <Field label={t("review.period.quarter")}>
              {({ id }) => (
                <select
                  id={id}
                  className="input"
                  value={quarter}
                  onChange={(event) => {
                    const next = Number(event.target.value) as 1 | 2 | 3 | 4;
                    setQuarter(next);
                    apply({ ...chosen, quarter: next });
                  }}
                  data-testid="period-quarter"
                >
                  {([1, 2, 3, 4] as const).map((q) => (
                    <option key={q} value={q}>
                      {t(`review.period.q${q}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
      )}
    </form>
  );
}
