import type { THousehold } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { TextAreaField, TextField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { changeHead } from "./households-api";

interface ChangeHeadFormProps {
  household: THousehold;
  onSaved: (household: THousehold) => void;
  onCancel: () => void;
}

/** Changing the head of household (chủ hộ) is its own action, with an optional reason (req. 34). */
export function ChangeHeadForm({ household, onSaved, onCancel }: ChangeHeadFormProps) {
  const { t } = useI18n();
  const [headName, setHeadName] = useState("");
  const [reason, setReason] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!headName.trim()) {
      setNameError(t("householdForm.headRequired"));
      return;
    }
    setNameError(null);
    const result = await submit.run(() =>
      changeHead(household.id, {
        headName: headName.trim(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    );
    if (result.ok) {
      onSaved(result.value);
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="change-head-form">
      <p className="muted small form-intro">{t("changeHead.hint", { name: household.headName })}</p>
      <TextField
        label={t("changeHead.newHead")}
        error={nameError ?? fieldIssue(submit.error, "headName")}
        value={headName}
        onValueChange={setHeadName}
        maxLength={120}
        autoComplete="off"
        data-testid="new-head-input"
      />
      <TextAreaField
        label={t("changeHead.reason")}
        error={fieldIssue(submit.error, "reason")}
        value={reason}
        onValueChange={setReason}
        short
        rows={2}
        maxLength={300}
        placeholder={t("changeHead.reasonPlaceholder")}
      />
      <FormFooter
        submit={submit}
        fields={["headName"]}
        submitLabel={t("changeHead.submit")}
        onCancel={onCancel}
      />
    </form>
  );
}
