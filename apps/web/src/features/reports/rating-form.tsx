import { type FormEvent, useId, useState } from "react";
import { TextAreaField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { type ReceiptView, rateReport } from "./reports-api";

const LEVELS = [1, 2, 3, 4, 5] as const;

/** After the case is closed, the reporter rates the handling once: 1–5 with an optional comment. */
export function RatingForm({ code, onRated }: { code: string; onRated: (view: ReceiptView) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rating === 0) {
      setError(t("follow.ratingRequired"));
      return;
    }
    setError(null);
    const result = await submit.run(() => rateReport(code, rating, comment.trim()));
    if (result.ok) {
      onRated({ ...result.value, canRate: false });
    }
  };

  return (
    <section className="card" data-testid="rating-form">
      <h2 className="card__title">{t("follow.rateTitle")}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="field__label">{t("follow.rateIntro")}</legend>
          <div className="rating">
            {LEVELS.map((level) => (
              <label key={level} className={rating === level ? "rating__item is-selected" : "rating__item"}>
                <input
                  type="radio"
                  name="report-rating"
                  value={level}
                  checked={rating === level}
                  onChange={() => setRating(level)}
                />
                <span className="rating__number" aria-hidden="true">
                  {level}
                </span>
                <span className="rating__label">{t(`follow.rating${level}`)}</span>
              </label>
            ))}
          </div>
          {error ? (
            <p className="field__error" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
        </fieldset>
        <TextAreaField
          label={t("follow.rateComment")}
          value={comment}
          onValueChange={setComment}
          short
          rows={2}
          maxLength={1000}
        />
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {submit.busy ? t("follow.sending") : t("follow.rateSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
