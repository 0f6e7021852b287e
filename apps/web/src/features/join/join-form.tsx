import type { TConsentPurpose, TJoinInfo, TJoinResult } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { TextAreaField, TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { consentText, isConsentPurpose } from "./consent-text";
import { type JoinSource, submitJoin } from "./join-api";

interface JoinFormProps {
  source: JoinSource;
  info: TJoinInfo;
  onJoined: (result: TJoinResult) => void;
}

type Errors = Partial<Record<"name" | "phone", string>>;

/**
 * The resident's details and their consent (req. 16). Every purpose starts unticked, since
 * silence is never consent; the button stays off until each required purpose is ticked.
 */
export function JoinForm({ source, info, onJoined }: JoinFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const [note, setNote] = useState("");
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Errors>({});
  const submit = useSubmit();
  const purposes = info.consent.purposes;
  const requiredMissing = purposes.some((purpose) => purpose.required && !ticked[purpose.code]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Errors = {};
    if (!name.trim()) {
      next.name = t("join.nameRequired");
    }
    if (!phone.trim()) {
      next.phone = t("join.phoneRequired");
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || requiredMissing) {
      return;
    }
    const agreed: TConsentPurpose[] = purposes
      .map((purpose) => purpose.code)
      .filter((code) => ticked[code] === true)
      .filter(isConsentPurpose);
    const result = await submit.run(() =>
      submitJoin(source, {
        name: name.trim(),
        phone: phone.trim(),
        ...(address.trim() ? { address: address.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        consent: { version: info.consent.version, purposes: agreed },
      }),
    );
    if (result.ok) {
      onJoined(result.value);
    }
  };

  const otherError =
    submit.error && !fieldIssue(submit.error, "name") && !fieldIssue(submit.error, "phone")
      ? submit.error
      : null;

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="join-form">
      <h2 className="card__title">{t("join.yourInfo")}</h2>
      <TextField
        label={t("join.name")}
        error={errors.name ?? fieldIssue(submit.error, "name")}
        value={name}
        onValueChange={setName}
        maxLength={120}
        autoComplete="name"
        data-testid="join-name"
      />
      <TextField
        label={t("join.phone")}
        error={errors.phone ?? fieldIssue(submit.error, "phone")}
        value={phone}
        onValueChange={setPhone}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        data-testid="join-phone"
      />
      <TextField
        label={t("join.address")}
        error={fieldIssue(submit.error, "address")}
        value={address}
        onValueChange={setAddress}
        maxLength={300}
        autoComplete="street-address"
      />
      <TextAreaField
        label={t("join.note")}
        hint={t("join.noteHint")}
        error={fieldIssue(submit.error, "note")}
        value={note}
        onValueChange={setNote}
        short
        rows={2}
        maxLength={500}
      />

      <fieldset className="consent" data-testid="consent-section">
        <legend className="consent__title">{t("join.consentTitle")}</legend>
        <p className="consent__intro">{t("join.consentIntro")}</p>
        {purposes.map((purpose) => (
          <label key={purpose.code} className="checkbox consent__item">
            <input
              type="checkbox"
              checked={ticked[purpose.code] === true}
              onChange={(event) =>
                setTicked((current) => ({ ...current, [purpose.code]: event.target.checked }))
              }
              data-testid={`consent-${purpose.code}`}
              data-required={purpose.required}
            />
            <span>
              {consentText(purpose.code, t)}{" "}
              <span className={purpose.required ? "consent__required" : "consent__optional"}>
                ({purpose.required ? t("join.required") : t("join.optional")})
              </span>
            </span>
          </label>
        ))}
        <p className="consent__version" data-testid="consent-version">
          {t("join.consentVersion", { version: info.consent.version })}
        </p>
        <p className="consent__note">{t("join.dataUse")}</p>
        <p className="consent__note">{t("join.withdrawNote")}</p>
      </fieldset>

      {otherError ? <ErrorNotice error={otherError} /> : null}
      {requiredMissing ? (
        <p className="field__hint" id="join-required-hint">
          {t("join.requiredMissing")}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={submit.busy || requiredMissing}
          aria-describedby={requiredMissing ? "join-required-hint" : undefined}
          data-testid="join-submit"
        >
          {submit.busy
            ? t("join.submitting")
            : info.kind === "household"
              ? t("join.submit")
              : t("join.submitRequest")}
        </button>
      </div>
    </form>
  );
}
