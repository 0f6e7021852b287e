import type { TContactStatus, THousehold } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextField } from "../../components/field";
import { FormFooter } from "../../components/form-footer";
import { useI18n } from "../../i18n/i18n-context";
import { CONTACT_STATUS_LIST } from "../../lib/household-codes";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { createHousehold, updateHousehold } from "./households-api";

const MAX_PHONES = 5;
/** Fields that show their own server error. */
const SHOWN_FIELDS = ["headName", "code", "address", "phones", "memberCount", "contactStatus"];

/** "0912 000 001, 091.200.0002" → two numbers; the server normalises each one. */
export function splitPhones(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

type Errors = Partial<Record<"headName" | "phones" | "memberCount", string>>;

interface HouseholdFormProps {
  hamletId: string;
  /** Editing this household; without it the form adds one. */
  household?: THousehold;
  onSaved: (household: THousehold) => void;
  onCancel: () => void;
}

/**
 * Adds a household, or edits one. The head's name is set only when adding: changing the head
 * (chủ hộ) is its own explicit action (req. 34).
 */
export function HouseholdForm({ hamletId, household, onSaved, onCancel }: HouseholdFormProps) {
  const { t } = useI18n();
  const editing = household !== undefined;
  const [headName, setHeadName] = useState("");
  const [code, setCode] = useState(household?.code ?? "");
  const [address, setAddress] = useState(household?.address ?? "");
  const [phones, setPhones] = useState(household?.phones.join(", ") ?? "");
  const [memberCount, setMemberCount] = useState(household ? String(household.memberCount) : "");
  const [contactStatus, setContactStatus] = useState<TContactStatus>(
    household?.contactStatus ?? "not_contacted",
  );
  const [errors, setErrors] = useState<Errors>({});
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Errors = {};
    const phoneList = splitPhones(phones);
    const count = memberCount.trim() ? Number(memberCount) : undefined;
    if (!editing && !headName.trim()) {
      next.headName = t("householdForm.headRequired");
    }
    if (phoneList.length > MAX_PHONES) {
      next.phones = t("householdForm.tooManyPhones");
    }
    if (count !== undefined && !(Number.isInteger(count) && count >= 1 && count <= 100)) {
      next.memberCount = t("householdForm.memberCountInvalid");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() =>
      household
        ? updateHousehold(household.id, {
            code: code.trim() || null,
            address: address.trim(),
            // Deputies who cannot see phones must not wipe them by saving an empty field.
            ...(household.phonesHidden ? {} : { phones: phoneList }),
            ...(count !== undefined ? { memberCount: count } : {}),
            contactStatus,
          })
        : createHousehold(hamletId, {
            headName: headName.trim(),
            phones: phoneList,
            ...(code.trim() ? { code: code.trim() } : {}),
            ...(address.trim() ? { address: address.trim() } : {}),
            ...(count !== undefined ? { memberCount: count } : {}),
          }),
    );
    if (result.ok) {
      onSaved(result.value);
    }
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="household-form">
      {editing ? null : (
        <TextField
          label={t("householdForm.headName")}
          error={errors.headName ?? fieldIssue(submit.error, "headName")}
          value={headName}
          onValueChange={setHeadName}
          maxLength={120}
          autoComplete="off"
          data-testid="household-head-input"
        />
      )}
      <TextField
        label={t("householdForm.code")}
        error={fieldIssue(submit.error, "code")}
        value={code}
        onValueChange={setCode}
        maxLength={40}
        autoComplete="off"
      />
      <TextField
        label={t("householdForm.address")}
        error={fieldIssue(submit.error, "address")}
        value={address}
        onValueChange={setAddress}
        maxLength={300}
        autoComplete="off"
      />
      {household?.phonesHidden ? null : (
        <TextField
          label={t("householdForm.phones")}
          hint={t("householdForm.phonesHint")}
          error={errors.phones ?? fieldIssue(submit.error, "phones")}
          value={phones}
          onValueChange={setPhones}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          data-testid="household-phones-input"
        />
      )}
      <TextField
        label={t("householdForm.memberCount")}
        error={errors.memberCount ?? fieldIssue(submit.error, "memberCount")}
        value={memberCount}
        onValueChange={(value) => setMemberCount(value.replace(/\D/g, "").slice(0, 3))}
        inputMode="numeric"
        autoComplete="off"
      />
      {editing ? (
        <Field label={t("householdForm.contactStatus")} error={fieldIssue(submit.error, "contactStatus")}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="input"
              value={contactStatus}
              onChange={(event) => setContactStatus(event.target.value as TContactStatus)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            >
              {CONTACT_STATUS_LIST.map((status) => (
                <option key={status} value={status}>
                  {t(`contactStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <FormFooter
        submit={submit}
        fields={SHOWN_FIELDS}
        submitLabel={editing ? t("common.save") : t("householdForm.submitAdd")}
        onCancel={onCancel}
        submitTestId="household-save"
      />
    </form>
  );
}
