import { type FormEvent, useState } from "react";
import { Field } from "../../components/field";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { type Locale, useI18n } from "../../i18n/i18n-context";
import { useMe, useSession } from "../../lib/session";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { updateMe } from "./account-api";

export function ProfileSection() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { refresh, changeLocale } = useSession();
  const [name, setName] = useState(me.user.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (!name.trim()) {
      setNameError(t("account.nameRequired"));
      return;
    }
    setNameError(null);
    const result = await submit.run(() => updateMe({ name: name.trim() }));
    if (result.ok) {
      setSaved(true);
      await refresh();
    }
  };

  const roleLines = [...new Set(me.roles.map((r) => t(`role.${r.role}`)))];

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 className="card__title" id="profile-title">
        {t("account.profile")}
      </h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t("account.name")} error={nameError ?? fieldIssue(submit.error, "name")}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={name}
              maxLength={120}
              autoComplete="name"
              onChange={(event) => setName(event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field label={t("account.phone")}>
          {({ id }) => <input id={id} className="input" value={me.user.phone} readOnly />}
        </Field>
        <Field label={t("account.language")}>
          {({ id }) => (
            <select
              id={id}
              className="input"
              value={locale}
              onChange={(event) => changeLocale(event.target.value as Locale)}
              data-testid="account-language"
            >
              <option value="vi" lang="vi">
                {t("lang.vi")}
              </option>
              <option value="en" lang="en">
                {t("lang.en")}
              </option>
            </select>
          )}
        </Field>
        {roleLines.length > 0 ? (
          <div className="field">
            <p className="field__label">{t("account.roles")}</p>
            <p>{roleLines.join(", ")}</p>
          </div>
        ) : null}
        {saved ? <SuccessNotice>{t("account.saved")}</SuccessNotice> : null}
        {submit.error && !fieldIssue(submit.error, "name") ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {submit.busy ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
