import type { TReviewReport } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "../../components/confirm-button";
import { Field, TextAreaField, TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { DocumentHead } from "./document-head";
import { DownloadButtons } from "./download-buttons";
import { issueReviewReport, updateReviewReport } from "./review-api";
import {
  changesOf,
  draftDateLine,
  draftNumberLine,
  type FormProblem,
  formFromReport,
  formProblems,
  MARGIN_KEYS,
  MARGIN_RANGES,
  NARRATIVE_KEYS,
  type ReportForm,
  SIGNER_PREFIXES,
} from "./review-report-draft";

interface ReviewReportEditorProps {
  report: TReviewReport;
  /** The year a draft's date line shows. */
  year: number;
  onSaved: (report: TReviewReport) => void;
  onIssued: (report: TReviewReport) => void;
}

const same = (a: ReportForm, b: ReportForm) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A draft review report: the five narrative sections (pre-filled from the figures), the header and
 * signature settings of Decree 30, "Lưu", "Ban hành" (which numbers and dates it for good) and the
 * files. Unsaved edits are saved before issuing or downloading, so a file never lags the screen.
 */
export function ReviewReportEditor({ report, year, onSaved, onIssued }: ReviewReportEditorProps) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => formFromReport(report));
  const [saved, setSaved] = useState(() => formFromReport(report));
  const [problems, setProblems] = useState<Map<string, FormProblem>>(new Map());
  const [savedNote, setSavedNote] = useState(false);
  const submit = useSubmit();
  const dirty = !same(form, saved);

  const update = (patch: Partial<ReportForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSavedNote(false);
  };

  const problemText = (path: string): string | undefined => {
    const problem = problems.get(path);
    if (problem === undefined) {
      return fieldIssue(submit.error, path);
    }
    if (typeof problem === "object") {
      return t("reviewReport.error.margin", {
        side: t(`reviewReport.margin.${problem.margin}`),
        min: problem.min,
        max: problem.max,
      });
    }
    return problem === "signerTitle"
      ? t("reviewReport.error.signerTitle", { prefix: form.prefix })
      : t(`reviewReport.error.${problem}`);
  };

  /** Saves the form; false when it is refused (shown on the fields). */
  const save = async (): Promise<boolean> => {
    const found = formProblems(form);
    setProblems(found);
    if (found.size > 0) {
      return false;
    }
    const result = await submit.run(() => updateReviewReport(report.id, changesOf(form)));
    if (!result.ok) {
      return false;
    }
    const next = formFromReport(result.value);
    setForm(next);
    setSaved(next);
    setSavedNote(true);
    onSaved(result.value);
    return true;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void save();
  };

  const onIssue = async () => {
    if (dirty && !(await save())) {
      return;
    }
    const result = await submit.run(() => issueReviewReport(report.id));
    if (result.ok) {
      onIssued(result.value);
    }
  };

  const withTitle = form.prefix !== "" && form.prefix !== "Q.";

  return (
    <>
      <section className="card">
        <DocumentHead
          parentAgency={form.parentAgency.toLocaleUpperCase("vi")}
          issuingAgency={form.issuingAgency.toLocaleUpperCase("vi")}
          numberLine={draftNumberLine(form.symbol.toLocaleUpperCase("vi"))}
          dateLine={draftDateLine(form.place, year)}
          summary={form.summary}
          draft
        />
      </section>

      <form onSubmit={onSubmit} noValidate data-testid="review-report-form">
        <section className="card" aria-labelledby="review-narrative-title">
          <h2 className="card__title" id="review-narrative-title">
            {t("reviewReport.narrativeTitle")}
          </h2>
          <p className="muted small">{t("reviewReport.narrativeHint")}</p>
          {NARRATIVE_KEYS.map((key) => (
            <TextAreaField
              key={key}
              label={t(`reviewReport.narrative.${key}`)}
              value={form.narrative[key]}
              onValueChange={(value) => update({ narrative: { ...form.narrative, [key]: value } })}
              error={fieldIssue(submit.error, `narrative.${key}`)}
              rows={key === "results" ? 10 : 6}
              maxLength={20000}
              data-testid={`review-narrative-${key}`}
            />
          ))}
        </section>

        <section className="card" aria-labelledby="review-settings-title">
          <h2 className="card__title" id="review-settings-title">
            {t("reviewReport.settingsTitle")}
          </h2>
          <p className="muted small">{t("reviewReport.settingsHint")}</p>
          <div className="review-settings">
            <TextField
              label={t("reviewReport.parentAgency")}
              value={form.parentAgency}
              onValueChange={(parentAgency) => update({ parentAgency })}
              error={problemText("settings.parentAgency")}
              maxLength={160}
              data-testid="review-setting-parent-agency"
            />
            <TextField
              label={t("reviewReport.issuingAgency")}
              value={form.issuingAgency}
              onValueChange={(issuingAgency) => update({ issuingAgency })}
              error={problemText("settings.issuingAgency")}
              maxLength={160}
              data-testid="review-setting-issuing-agency"
            />
            <TextField
              label={t("reviewReport.symbol")}
              hint={t("reviewReport.symbolHint")}
              value={form.symbol}
              onValueChange={(symbol) => update({ symbol })}
              error={problemText("settings.symbol")}
              maxLength={40}
              autoCapitalize="characters"
              data-testid="review-setting-symbol"
            />
            <TextField
              label={t("reviewReport.place")}
              hint={t("reviewReport.placeHint")}
              value={form.place}
              onValueChange={(place) => update({ place })}
              error={problemText("settings.place")}
              maxLength={80}
              data-testid="review-setting-place"
            />
          </div>
          <TextField
            label={t("reviewReport.summary")}
            hint={t("reviewReport.summaryHint")}
            value={form.summary}
            onValueChange={(summary) => update({ summary })}
            error={problemText("settings.summary")}
            maxLength={300}
            data-testid="review-setting-summary"
          />

          <fieldset className="fieldset">
            <legend className="field__label">{t("reviewReport.signerTitle")}</legend>
            <div className="review-settings">
              <Field label={t("reviewReport.prefix")} hint={t("reviewReport.prefixHint")}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    className="input"
                    value={form.prefix}
                    aria-describedby={describedBy}
                    onChange={(event) =>
                      update({ prefix: SIGNER_PREFIXES.find((p) => p === event.target.value) ?? "" })
                    }
                    data-testid="review-setting-prefix"
                  >
                    <option value="">{t("reviewReport.prefix.none")}</option>
                    {SIGNER_PREFIXES.map((prefix) => (
                      <option key={prefix} value={prefix}>
                        {t(`reviewReport.prefix.${prefix}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                label={t("reviewReport.authority")}
                hint={t("reviewReport.authorityHint")}
                value={form.authority}
                onValueChange={(authority) => update({ authority })}
                error={problemText("settings.signer.authority")}
                maxLength={120}
                data-testid="review-setting-authority"
              />
              {withTitle ? (
                <TextField
                  label={t("reviewReport.signerOwnTitle")}
                  hint={t("reviewReport.signerOwnTitleHint")}
                  value={form.title}
                  onValueChange={(title) => update({ title })}
                  error={problemText("settings.signer.title")}
                  maxLength={120}
                  data-testid="review-setting-title"
                />
              ) : null}
              <TextField
                label={t("reviewReport.signerName")}
                hint={t("reviewReport.signerNameHint")}
                value={form.name}
                onValueChange={(name) => update({ name })}
                error={problemText("settings.signer.name") ?? fieldIssue(submit.error, "settings.signer")}
                maxLength={120}
                data-testid="review-setting-name"
              />
            </div>
          </fieldset>

          <div className="review-settings">
            <TextAreaField
              label={t("reviewReport.recipients")}
              hint={t("reviewReport.recipientsHint", { unit: form.archiveUnit || "…" })}
              value={form.recipients}
              onValueChange={(recipients) => update({ recipients })}
              error={problemText("settings.recipients")}
              rows={4}
              short
              data-testid="review-setting-recipients"
            />
            <TextField
              label={t("reviewReport.archiveUnit")}
              hint={t("reviewReport.archiveUnitHint")}
              value={form.archiveUnit}
              onValueChange={(archiveUnit) => update({ archiveUnit })}
              error={problemText("settings.archiveUnit")}
              maxLength={40}
              data-testid="review-setting-archive-unit"
            />
          </div>

          <fieldset className="fieldset">
            <legend className="field__label">{t("reviewReport.margins")}</legend>
            <div className="review-margins">
              {MARGIN_KEYS.map((key) => (
                <TextField
                  key={key}
                  label={t(`reviewReport.margin.${key}`)}
                  hint={t("reviewReport.marginRange", {
                    min: MARGIN_RANGES[key][0],
                    max: MARGIN_RANGES[key][1],
                  })}
                  value={form.margins[key]}
                  onValueChange={(value) => update({ margins: { ...form.margins, [key]: value } })}
                  error={problemText(`settings.margins.${key}`)}
                  inputMode="decimal"
                  maxLength={5}
                  data-testid={`review-setting-margin-${key}`}
                />
              ))}
            </div>
          </fieldset>
        </section>

        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {problems.size > 0 ? (
          <p className="notice notice--warning" role="alert">
            {t("reviewReport.fixProblems")}
          </p>
        ) : null}
        <div className="form-actions review-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid="review-save">
            {submit.busy ? t("common.saving") : t("common.save")}
          </button>
          <ConfirmButton
            label={t("reviewReport.issue")}
            question={t("reviewReport.issueQuestion")}
            onConfirm={onIssue}
            variant="secondary"
            testId="review-issue"
          />
          <span className="muted small" aria-live="polite" data-testid="review-save-state">
            {dirty ? t("reviewReport.unsaved") : savedNote ? t("reviewReport.saved") : ""}
          </span>
        </div>
      </form>

      <section className="card" aria-labelledby="review-files-title">
        <h2 className="card__title" id="review-files-title">
          {t("reviewReport.filesTitle")}
        </h2>
        <p className="muted small">{t("reviewReport.filesDraftHint")}</p>
        <DownloadButtons reportId={report.id} beforeDownload={dirty ? save : undefined} />
      </section>
    </>
  );
}
