import type { TCommendation, TCreateCommendation } from "@binhyen/contracts";
import { type FormEvent, useMemo, useState } from "react";
import { Field, TextAreaField, TextField } from "../../components/field";
import { ErrorNotice, Loading } from "../../components/status";
import { formatDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useQuery } from "../../lib/use-query";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { categoryLabel, kindLabel, stateLabel } from "../reports/report-labels";
import { getIndicatorReports, proposeCommendation } from "./review-api";
import { RECIPIENT_KINDS, recipientKindLabel } from "./review-labels";
import { lastTwoYears } from "./review-period";

type Kind = TCommendation["recipientKind"];

/** The usual forms of a commendation, as written in decisions (Vietnamese domain terms). */
const FORM_SUGGESTIONS = ["Giấy khen", "Bằng khen", "Thư khen", "Tiền thưởng", "Giấy khen và tiền thưởng"];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A case id from what was pasted: the id itself or the address of its page (…/cases/<id>). */
export function caseIdFrom(text: string): string | null {
  return UUID.exec(text)?.[0]?.toLowerCase() ?? null;
}

/** "1.000.000", "1 000 000 đ" → 1000000; null when empty; NaN when it is no amount. */
export function amountFrom(text: string): number | null {
  if (text.trim() === "") {
    return null;
  }
  const digits = text.replace(/[\s.,đĐ]|VND|vnđ/gi, "");
  return /^\d{1,10}$/.test(digits) ? Number(digits) : Number.NaN;
}

interface CommendationFormProps {
  communeId: string;
  /** A valuable report chosen on the dashboard (?report=): proposes its anonymous reporter. */
  initialReportId: string | null;
  /** Reports already proposed or commended: the server takes one commendation per report. */
  takenReportIds: ReadonlySet<string>;
  onCreated: (commendation: TCommendation) => void;
  onCancel: () => void;
}

type Errors = Partial<Record<"recipientName" | "reportId" | "reason" | "form" | "amountVnd", string>>;

/**
 * Proposes a commendation: a person, a collective, or the anonymous reporter of a valuable report,
 * who is never named — the register says "Người báo tin ẩn danh" and the reporter claims the reward
 * with their receipt code.
 */
export function CommendationForm({
  communeId,
  initialReportId,
  takenReportIds,
  onCreated,
  onCancel,
}: CommendationFormProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<Kind>(initialReportId ? "anonymous_reporter" : "individual");
  const [name, setName] = useState("");
  const [reportId, setReportId] = useState(initialReportId ?? "");
  const [pasted, setPasted] = useState("");
  const [reason, setReason] = useState("");
  const [form, setForm] = useState("");
  const [amount, setAmount] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const submit = useSubmit();
  const span = useMemo(() => lastTwoYears(), []);
  const anonymous = kind === "anonymous_reporter";
  const valuable = useQuery(
    anonymous ? `review-drill:${communeId}:REPORTS_VALUABLE:${span.from}:${span.to}` : null,
    (signal) => getIndicatorReports(communeId, "REPORTS_VALUABLE", span, signal),
  );
  const refused =
    valuable.status === "error" &&
    (isApiError(valuable.error, "FORBIDDEN") || isApiError(valuable.error, "NOT_FOUND"));
  const listed = valuable.data?.items ?? [];
  const chosenElsewhere = reportId !== "" && !listed.some((item) => item.id === reportId);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Errors = {};
    const money = amountFrom(amount);
    const pastedId = pasted.trim() ? caseIdFrom(pasted) : null;
    const report = pasted.trim() ? pastedId : reportId || null;
    if (!anonymous && !name.trim()) {
      next.recipientName = t("commendation.error.name");
    }
    if (anonymous && pasted.trim() && !pastedId) {
      next.reportId = t("commendation.error.caseId");
    } else if (anonymous && !report) {
      next.reportId = t("commendation.error.report");
    }
    if (!reason.trim()) {
      next.reason = t("commendation.error.reason");
    }
    if (!form.trim()) {
      next.form = t("commendation.error.form");
    }
    if (money !== null && !(money >= 0 && money <= 2_000_000_000)) {
      next.amountVnd = t("commendation.error.amount");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const body: TCreateCommendation = {
      recipientKind: kind,
      reason: reason.trim(),
      form: form.trim(),
      ...(anonymous ? { reportId: report ?? "" } : { recipientName: name.trim() }),
      ...(money !== null ? { amountVnd: money } : {}),
    };
    const result = await submit.run(() => proposeCommendation(communeId, body));
    if (result.ok) {
      onCreated(result.value);
    }
  };

  const issue = (field: keyof Errors) => errors[field] ?? fieldIssue(submit.error, field);

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="commendation-form">
      <fieldset className="segmented">
        <legend className="field__label">{t("commendation.recipientKind")}</legend>
        {RECIPIENT_KINDS.map((value) => (
          <label key={value} className={kind === value ? "segmented__item is-active" : "segmented__item"}>
            <input
              type="radio"
              name="commendation-kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
              data-testid={`commendation-kind-${value}`}
            />
            <span>{recipientKindLabel(value, t)}</span>
          </label>
        ))}
      </fieldset>

      {anonymous ? (
        <fieldset className="fieldset" aria-describedby="commendation-report-hint">
          <legend className="field__label">{t("commendation.report")}</legend>
          <p className="field__hint" id="commendation-report-hint">
            {t("commendation.reportHint")}
          </p>
          {refused ? (
            <p className="notice notice--warning">{t("review.drill.forbidden")}</p>
          ) : valuable.status === "error" ? (
            <ErrorNotice error={valuable.error} onRetry={valuable.reload} />
          ) : !valuable.data ? (
            <Loading />
          ) : listed.length === 0 ? (
            <p className="muted">{t("commendation.noValuable")}</p>
          ) : (
            <div className="choices review-choices" data-testid="commendation-reports">
              {listed.map((item) => (
                <label key={item.id} className="choice">
                  <input
                    type="radio"
                    name="commendation-report"
                    value={item.id}
                    checked={reportId === item.id && pasted.trim() === ""}
                    disabled={takenReportIds.has(item.id)}
                    onChange={() => {
                      setReportId(item.id);
                      setPasted("");
                    }}
                    data-testid="commendation-report-option"
                  />
                  <span className="choice__text">
                    <span className="choice__label">
                      {t("review.drill.caseId", { id: item.shortId })} · {categoryLabel(item.category, t)}
                    </span>
                    <span className="choice__hint">
                      {kindLabel(item.kind, t)} · {stateLabel(item.state, t)} ·{" "}
                      {t("review.drill.receivedOn", { date: formatDate(item.receivedAt) })}
                      {takenReportIds.has(item.id) ? ` · ${t("commendation.alreadyProposed")}` : ""}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {chosenElsewhere && pasted.trim() === "" ? (
            <p className="muted small">{t("commendation.chosenReport", { id: reportId.slice(0, 8) })}</p>
          ) : null}
          <TextField
            label={t("commendation.pasteCase")}
            hint={t("commendation.pasteCaseHint")}
            value={pasted}
            onValueChange={setPasted}
            error={issue("reportId")}
            autoComplete="off"
            spellCheck={false}
            data-testid="commendation-case-id"
          />
        </fieldset>
      ) : (
        <TextField
          label={kind === "collective" ? t("commendation.collectiveName") : t("commendation.personName")}
          value={name}
          onValueChange={setName}
          error={issue("recipientName")}
          maxLength={200}
          data-testid="commendation-name"
        />
      )}

      <TextAreaField
        label={t("commendation.reason")}
        hint={t("commendation.reasonHint")}
        value={reason}
        onValueChange={setReason}
        error={issue("reason")}
        rows={3}
        maxLength={2000}
        data-testid="commendation-reason"
      />
      <Field label={t("commendation.formLabel")} hint={t("commendation.formHint")} error={issue("form")}>
        {({ id, describedBy, invalid }) => (
          <>
            <input
              id={id}
              className="input"
              value={form}
              onChange={(event) => setForm(event.target.value)}
              list={`${id}-suggestions`}
              maxLength={200}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              data-testid="commendation-form-kind"
            />
            <datalist id={`${id}-suggestions`}>
              {FORM_SUGGESTIONS.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <TextField
        label={t("commendation.amount")}
        hint={t("commendation.amountHint")}
        value={amount}
        onValueChange={setAmount}
        error={issue("amountVnd")}
        inputMode="numeric"
        maxLength={20}
        data-testid="commendation-amount"
      />
      {submit.error && !fieldIssue(submit.error, "reportId") ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary"
          disabled={submit.busy}
          data-testid="commendation-submit"
        >
          {submit.busy ? t("common.saving") : t("commendation.submit")}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
