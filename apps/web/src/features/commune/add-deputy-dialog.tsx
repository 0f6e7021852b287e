import { DEPUTY_TITLES, type TDeputyTitle } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextField } from "../../components/field";
import { Modal } from "../../components/modal";
import { OneTimeSecret } from "../../components/one-time-secret";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { addDeputy } from "./commune-api";

interface AddDeputyDialogProps {
  group: { id: string; name: string };
  onClose: () => void;
  onAdded: () => void;
}

export function AddDeputyDialog({ group, onClose, onAdded }: AddDeputyDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [title, setTitle] = useState<TDeputyTitle>("PARTY_SECRETARY");
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});
  const [created, setCreated] = useState<{ name: string; temporaryPassword: string | null } | null>(null);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: { name?: string; phone?: string } = {};
    if (!name.trim()) {
      next.name = t("deputyForm.nameRequired");
    }
    if (!phone.trim()) {
      next.phone = t("deputyForm.phoneRequired");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() =>
      addDeputy(group.id, { name: name.trim(), phone: phone.trim(), title }),
    );
    if (result.ok) {
      setCreated({ name: name.trim(), temporaryPassword: result.value.temporaryPassword });
      onAdded();
    }
  };

  return (
    <Modal
      title={t("deputyForm.heading", { group: group.name })}
      onClose={onClose}
      testId="add-deputy-dialog"
    >
      {created ? (
        <div>
          <SuccessNotice>{t("deputyForm.added", { name: created.name })}</SuccessNotice>
          {created.temporaryPassword ? (
            <>
              <p>{t("deputyForm.newAccount", { name: created.name })}</p>
              <OneTimeSecret
                label={t("secret.tempPassword")}
                value={created.temporaryPassword}
                hint={t("secret.onceHint")}
                testId="temporary-password"
              />
            </>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn btn--primary" onClick={onClose}>
              {t("common.close")}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField
            label={t("deputyForm.name")}
            error={errors.name ?? fieldIssue(submit.error, "name")}
            value={name}
            onValueChange={setName}
            maxLength={120}
            autoComplete="off"
          />
          <TextField
            label={t("deputyForm.phone")}
            error={errors.phone ?? fieldIssue(submit.error, "phone")}
            value={phone}
            onValueChange={setPhone}
            type="tel"
            inputMode="tel"
            autoComplete="off"
          />
          <Field label={t("deputyForm.title")}>
            {({ id }) => (
              <select
                id={id}
                className="input"
                value={title}
                onChange={(event) => setTitle(event.target.value as TDeputyTitle)}
              >
                {DEPUTY_TITLES.map((value) => (
                  <option key={value} value={value}>
                    {t(`deputyTitle.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {submit.error && !fieldIssue(submit.error, "name") && !fieldIssue(submit.error, "phone") ? (
            <ErrorNotice error={submit.error} />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy}>
              {submit.busy ? t("common.saving") : t("deputyForm.submit")}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
