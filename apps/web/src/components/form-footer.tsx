import { useI18n } from "../i18n/i18n-context";
import { fieldIssue } from "../lib/use-submit";
import { ErrorNotice } from "./status";

interface FormFooterProps {
  /** The form's useSubmit() state. */
  submit: { busy: boolean; error: unknown };
  /** Fields that show their own server error; any other error is shown here. */
  fields: readonly string[];
  submitLabel: string;
  onCancel: () => void;
  submitTestId?: string;
}

/** The end of an editing form: the error no field shows, then submit ("Saving…" while busy) and cancel. */
export function FormFooter({ submit, fields, submitLabel, onCancel, submitTestId }: FormFooterProps) {
  const { t } = useI18n();
  const otherError = submit.error && !fields.some((field) => fieldIssue(submit.error, field));
  return (
    <>
      {otherError ? <ErrorNotice error={submit.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={submit.busy} data-testid={submitTestId}>
          {submit.busy ? t("common.saving") : submitLabel}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </>
  );
}
