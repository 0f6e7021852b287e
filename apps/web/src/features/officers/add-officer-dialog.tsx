import { type FormEvent, useState } from "react";
import { TextField } from "../../components/field";
import { Modal } from "../../components/modal";
import { OneTimeSecret } from "../../components/one-time-secret";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { createOfficer } from "./officers-api";

interface AddOfficerDialogProps {
  communeId: string;
  onClose: () => void;
  onCreated: () => void;
}

export function AddOfficerDialog({ communeId, onClose, onCreated }: AddOfficerDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [communeDeputy, setCommuneDeputy] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});
  const [created, setCreated] = useState<{ name: string; temporaryPassword: string } | null>(null);
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
      createOfficer(communeId, { name: name.trim(), phone: phone.trim(), communeDeputy }),
    );
    if (result.ok) {
      setCreated({ name: name.trim(), temporaryPassword: result.value.temporaryPassword });
      onCreated();
    }
  };

  return (
    <Modal title={t("officers.formTitle")} onClose={onClose} testId="add-officer-dialog">
      {created ? (
        <div>
          <SuccessNotice>{t("officers.created", { name: created.name })}</SuccessNotice>
          <OneTimeSecret
            label={t("secret.tempPassword")}
            value={created.temporaryPassword}
            hint={t("secret.onceHint")}
            testId="temporary-password"
          />
          <div className="form-actions">
            <button type="button" className="btn btn--primary" onClick={onClose}>
              {t("common.close")}
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextField
            label={t("common.name")}
            error={errors.name ?? fieldIssue(submit.error, "name")}
            value={name}
            onValueChange={setName}
            maxLength={120}
            autoComplete="off"
          />
          <TextField
            label={t("common.phone")}
            error={errors.phone ?? fieldIssue(submit.error, "phone")}
            value={phone}
            onValueChange={setPhone}
            type="tel"
            inputMode="tel"
            autoComplete="off"
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={communeDeputy}
              onChange={(event) => setCommuneDeputy(event.target.checked)}
            />
            <span>
              {t("officers.communeDeputy")}
              <span className="checkbox__hint">{t("officers.communeDeputyHint")}</span>
            </span>
          </label>
          {submit.error && !fieldIssue(submit.error, "name") && !fieldIssue(submit.error, "phone") ? (
            <ErrorNotice error={submit.error} />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy}>
              {submit.busy ? t("common.saving") : t("officers.add")}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
