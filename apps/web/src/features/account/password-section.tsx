import { type FormEvent, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { changePassword } from "./account-api";

const MIN_LENGTH = 10;

export function PasswordSection() {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string }>({});
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const next: { current?: string; next?: string; confirm?: string } = {};
    if (!currentPassword) {
      next.current = t("login.passwordRequired");
    }
    if (newPassword.length < MIN_LENGTH) {
      next.next = t("account.passwordTooShort");
    }
    if (confirm !== newPassword) {
      next.confirm = t("account.passwordMismatch");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() => changePassword({ currentPassword, newPassword }));
    if (result.ok) {
      setSaved(true);
      setCurrentPassword("");
      setNewPassword("");
      setConfirm("");
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 className="card__title" id="password-title">
        {t("account.passwordTitle")}
      </h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field
          label={t("account.currentPassword")}
          error={
            errors.current ??
            (fieldIssue(submit.error, "currentPassword") ? t("account.currentPasswordWrong") : undefined)
          }
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          label={t("account.newPassword")}
          hint={t("account.newPasswordHint")}
          error={errors.next ?? fieldIssue(submit.error, "newPassword")}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="password"
              autoComplete="new-password"
              minLength={MIN_LENGTH}
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field label={t("account.confirmPassword")} error={errors.confirm}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        {saved ? <SuccessNotice>{t("account.passwordChanged")}</SuccessNotice> : null}
        {submit.error &&
        !fieldIssue(submit.error, "newPassword") &&
        !fieldIssue(submit.error, "currentPassword") ? (
          <ErrorNotice error={submit.error} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {submit.busy ? t("common.saving") : t("account.changePassword")}
          </button>
        </div>
      </form>
    </section>
  );
}
