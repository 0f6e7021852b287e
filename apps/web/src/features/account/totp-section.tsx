import type { TTotpSetupResponse } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field } from "../../components/field";
import { OneTimeSecret } from "../../components/one-time-secret";
import { ErrorNotice, SuccessNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useMe, useSession } from "../../lib/session";
import { useSubmit } from "../../lib/use-submit";
import { disableTotp, enableTotp, startTotpSetup } from "./account-api";

function CodeInput({
  value,
  onChange,
  error,
  hint,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string | null;
  hint?: string;
}) {
  const { t } = useI18n();
  return (
    <Field label={t("totp.code")} error={error} {...(hint ? { hint } : {})}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className="input input--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          value={value}
          onChange={(event) => onChange(event.target.value.replace(/\D/g, "").slice(0, 6))}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          data-testid="totp-code"
        />
      )}
    </Field>
  );
}

/** Two-factor sign-in: set up (QR + secret + first code) or turn off (with a current code). */
export function TotpSection() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<TTotpSetupResponse | null>(null);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit();

  const checkCode = (): boolean => {
    if (!/^\d{6}$/.test(code)) {
      setCodeError(t("totp.codeInvalid"));
      return false;
    }
    setCodeError(null);
    return true;
  };

  const serverError = () => {
    if (!submit.error) {
      return null;
    }
    // A wrong code answers VALIDATION_FAILED on the field "code".
    if (isApiError(submit.error, "VALIDATION_FAILED")) {
      return (
        <p className="notice notice--error" role="alert">
          {t("totp.codeWrong")}
        </p>
      );
    }
    return <ErrorNotice error={submit.error} />;
  };

  const onStart = async () => {
    setDone(null);
    const result = await submit.run(() => startTotpSetup());
    if (result.ok) {
      setSetup(result.value);
      setCode("");
    }
  };

  const onEnable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checkCode()) {
      return;
    }
    const result = await submit.run(() => enableTotp({ code }));
    if (result.ok) {
      setSetup(null);
      setCode("");
      setDone(t("totp.enabledNow"));
      await refresh();
    }
  };

  const onDisable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!checkCode()) {
      return;
    }
    const result = await submit.run(() => disableTotp({ code }));
    if (result.ok) {
      setCode("");
      setDone(t("totp.disabledNow"));
      await refresh();
    }
  };

  return (
    <section className="card" aria-labelledby="totp-title" data-testid="totp-section">
      <h2 className="card__title" id="totp-title">
        {t("totp.title")}
      </h2>
      {me.totpSetupRequired ? (
        <p className="notice notice--warning" role="alert" data-testid="totp-required">
          {t("totp.required")}
        </p>
      ) : null}
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      <p>{me.user.totpEnabled ? t("totp.statusOn") : t("totp.statusOff")}</p>

      {me.user.totpEnabled ? (
        <form onSubmit={(event) => void onDisable(event)} noValidate>
          <CodeInput value={code} onChange={setCode} error={codeError} hint={t("totp.disableHint")} />
          {serverError()}
          <div className="form-actions">
            <button type="submit" className="btn btn--danger-outline" disabled={submit.busy}>
              {t("totp.disable")}
            </button>
          </div>
        </form>
      ) : setup ? (
        <form onSubmit={(event) => void onEnable(event)} noValidate>
          <ol className="steps">
            <li>
              <p>{t("totp.step1")}</p>
              <img
                className="totp__qr"
                src={setup.qrDataUrl}
                alt={t("totp.qrAlt")}
                width="200"
                height="200"
              />
              <OneTimeSecret label={t("totp.secretLabel")} value={setup.secret} testId="totp-secret" />
            </li>
            <li>
              <p>{t("totp.step2")}</p>
              <CodeInput value={code} onChange={setCode} error={codeError} />
            </li>
          </ol>
          {serverError()}
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy}>
              {t("totp.enable")}
            </button>
          </div>
        </form>
      ) : (
        <>
          {serverError()}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn--primary"
              disabled={submit.busy}
              onClick={() => void onStart()}
              data-testid="totp-start"
            >
              {t("totp.start")}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
