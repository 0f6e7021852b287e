import { useId } from "react";
import { formatDate, formatDateTime } from "../i18n/format";
import { type Translate, useI18n } from "../i18n/i18n-context";
import { vnDateTimeToIso } from "../lib/date-input";

interface DateTimeFieldProps {
  label: string;
  hint?: string;
  /** As typed: dd/mm/yyyy. */
  date: string;
  /** As typed: hh:mm, 24-hour. */
  time: string;
  onChange: (next: { date: string; time: string }) => void;
  error?: string | null | undefined;
  testId?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A day (dd/mm/yyyy) and a time (24-hour) in Vietnam's time, typed as text so they read the same
 * on every phone, whatever its language; "today", "yesterday" and "now" fill them in one tap, and
 * the reading is repeated back ("20:30 05/01/2026") so a slip shows before sending.
 */
export function DateTimeField({ label, hint, date, time, onChange, error, testId }: DateTimeFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const checked = vnDateTimeToIso(date, time);
  const preview = checked.ok && checked.iso ? formatDateTime(checked.iso) : null;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const now = () => new Date();

  return (
    <fieldset
      className={error ? "field field--invalid datetime" : "field datetime"}
      aria-describedby={describedBy || undefined}
      data-testid={testId}
    >
      <legend className="field__label">{label}</legend>
      <div className="datetime__row">
        <label className="datetime__part" htmlFor={`${id}-date`}>
          <span className="datetime__caption">{t("dateTime.date")}</span>
          <input
            id={`${id}-date`}
            className="input"
            value={date}
            onChange={(event) => onChange({ date: event.target.value, time })}
            inputMode="decimal"
            autoComplete="off"
            placeholder={t("dateTime.datePlaceholder")}
            maxLength={16}
            aria-invalid={Boolean(error)}
            data-testid={testId ? `${testId}-date` : undefined}
          />
        </label>
        <label className="datetime__part datetime__part--time" htmlFor={`${id}-time`}>
          <span className="datetime__caption">{t("dateTime.time")}</span>
          <input
            id={`${id}-time`}
            className="input"
            value={time}
            onChange={(event) => onChange({ date, time: event.target.value })}
            inputMode="decimal"
            autoComplete="off"
            placeholder={t("dateTime.timePlaceholder")}
            maxLength={8}
            aria-invalid={Boolean(error)}
            data-testid={testId ? `${testId}-time` : undefined}
          />
        </label>
      </div>
      <div className="datetime__quick">
        <button
          type="button"
          className="btn btn--ghost btn--small datetime__btn"
          onClick={() => onChange({ date: formatDate(now()), time })}
        >
          {t("dateTime.today")}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small datetime__btn"
          onClick={() => onChange({ date: formatDate(new Date(Date.now() - DAY_MS)), time })}
        >
          {t("dateTime.yesterday")}
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small datetime__btn"
          onClick={() => {
            // "HH:mm dd/mm/yyyy" in Vietnam's time, split into the two fields.
            const [clock = "", day = ""] = formatDateTime(now()).split(" ");
            onChange({ date: day, time: clock });
          }}
        >
          {t("dateTime.now")}
        </button>
      </div>
      {preview ? (
        <p className="field__hint datetime__preview" aria-live="polite">
          {t("dateTime.preview", { time: preview })}
        </p>
      ) : null}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The message for a date and time that do not read, or null when they do (or are both empty). */
export function dateTimeError(date: string, time: string, t: Translate): string | null {
  const checked = vnDateTimeToIso(date, time);
  if (checked.ok) {
    return null;
  }
  switch (checked.reason) {
    case "date":
      return t("dateTime.dateInvalid");
    case "time":
      return t("dateTime.timeInvalid");
    case "timeMissing":
      return t("dateTime.timeMissing");
    case "dateMissing":
      return t("dateTime.dateMissing");
  }
}
