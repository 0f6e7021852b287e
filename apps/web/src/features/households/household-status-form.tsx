import type { THousehold, THouseholdStatus } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { TextAreaField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { useI18n } from "../../i18n/i18n-context";
import { HOUSEHOLD_STATUS_LIST } from "../../lib/household-codes";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { setHouseholdStatus } from "./households-api";

interface HouseholdStatusFormProps {
  household: THousehold;
  onSaved: (household: THousehold) => void;
  onCancel: () => void;
}

/** Moved away, dissolved, or living here again; with an optional note for the audit log. */
export function HouseholdStatusForm({ household, onSaved, onCancel }: HouseholdStatusFormProps) {
  const { t } = useI18n();
  const choices = HOUSEHOLD_STATUS_LIST.filter((status) => status !== household.status);
  const [status, setStatus] = useState<THouseholdStatus>(choices[0] ?? "active");
  const [note, setNote] = useState("");
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await submit.run(() =>
      setHouseholdStatus(household.id, { status, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (result.ok) {
      onSaved(result.value);
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="household-status-form">
      <p className="form-intro">
        {t("householdStatusForm.current", { status: t(`householdStatus.${household.status}`) })}
      </p>
      <fieldset className="fieldset">
        <legend className="field__label">{t("householdStatusForm.label")}</legend>
        {choices.map((choice) => (
          <label key={choice} className="radio">
            <input
              type="radio"
              name="household-status"
              value={choice}
              checked={status === choice}
              onChange={() => setStatus(choice)}
            />
            <span>{t(`householdStatus.${choice}`)}</span>
          </label>
        ))}
        <p className="field__hint">{t("householdStatusForm.hint")}</p>
      </fieldset>
      <TextAreaField
        label={t("householdStatusForm.note")}
        error={fieldIssue(submit.error, "note")}
        value={note}
        onValueChange={setNote}
        short
        rows={2}
        maxLength={300}
      />
      <FormFooter
        submit={submit}
        fields={["note"]}
        submitLabel={t("householdStatusForm.submit")}
        onCancel={onCancel}
      />
    </form>
  );
}
