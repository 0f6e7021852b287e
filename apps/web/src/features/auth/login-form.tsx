import type { TLoginResponse } from "@binhyen/contracts";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Field } from "../../components/field";
import { useI18n } from "../../i18n/i18n-context";
import { type ApiError, isApiError } from "../../lib/api-client";
import { errorText } from "../../lib/error-text";
import { login } from "./auth-api";

type FieldErrors = Partial<Record<"phone" | "password" | "totp", string>>;

interface LoginFormProps {
  onSignedIn: (response: TLoginResponse) => Promise<void>;
}

/**
 * Phone + password, then (when the server answers TOTP_REQUIRED) the 6-digit code. The password
 * is kept in memory only until the second step is sent.
 */
export function LoginForm({ onSignedIn }: LoginFormProps) {
  const { t, locale } = useI18n();
  const [phone, setPhone] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [step, setStep] = useState<"password" | "totp">("password");
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === "totp") {
      totpRef.current?.focus();
    }
  }, [step]);

  const describeFailure = (error: unknown): string => {
    if (isApiError(error, "UNAUTHENTICATED")) {
      return step === "totp" ? t("login.totpWrong") : t("login.wrongCredentials");
    }
    return errorText(error, t, locale);
  };

  const showValidation = (error: ApiError) => {
    const next: FieldErrors = {};
    for (const issue of error.fieldIssues) {
      const key = issue.path.split(".")[0];
      if (key === "phone" || key === "password" || key === "totp") {
        next[key] = issue.message;
      }
    }
    setFieldErrors(next);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const errors: FieldErrors = {};
    if (!phone.trim()) {
      errors.phone = t("login.phoneRequired");
    }
    if (!password) {
      errors.password = t("login.passwordRequired");
    }
    if (step === "totp" && !/^\d{6}$/.test(totp)) {
      errors.totp = t("login.totpInvalid");
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      return;
    }
    setBusy(true);
    try {
      const response = await login({
        phone: phone.trim(),
        password,
        ...(step === "totp" ? { totp } : {}),
      });
      setPassword("");
      setTotp("");
      await onSignedIn(response);
    } catch (error) {
      if (isApiError(error, "TOTP_REQUIRED")) {
        if (step === "totp") {
          setFormError(t("login.totpWrong"));
          setTotp("");
        } else {
          setStep("totp");
        }
      } else if (isApiError(error, "VALIDATION_FAILED") && error.fieldIssues.length > 0) {
        showValidation(error);
      } else {
        setFormError(describeFailure(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card login-card"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="login-form"
    >
      {step === "password" ? (
        <>
          <h1 className="login-card__title">{t("login.title")}</h1>
          <p className="login-card__subtitle">{t("login.subtitle")}</p>
          <Field label={t("login.phone")} error={fieldErrors.phone}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="phone"
                className="input"
                type="tel"
                inputMode="tel"
                autoComplete="username"
                value={phone}
                onChange={(event) => setPhone(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <Field label={t("login.password")} error={fieldErrors.password}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                name="password"
                className="input"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
        </>
      ) : (
        <>
          <h1 className="login-card__title">{t("login.totpTitle")}</h1>
          <p className="login-card__subtitle">{t("login.totpHint")}</p>
          <Field label={t("login.totpCode")} error={fieldErrors.totp}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={totpRef}
                id={id}
                name="totp"
                className="input input--code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={6}
                value={totp}
                onChange={(event) => setTotp(event.target.value.replace(/\D/g, "").slice(0, 6))}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                data-testid="totp-input"
              />
            )}
          </Field>
        </>
      )}
      {formError ? (
        <p className="notice notice--error" role="alert" data-testid="login-error">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn--primary btn--block" disabled={busy}>
          {busy ? t("login.submitting") : step === "totp" ? t("login.totpSubmit") : t("login.submit")}
        </button>
        {step === "totp" ? (
          <button
            type="button"
            className="btn btn--ghost btn--block"
            onClick={() => {
              setStep("password");
              setTotp("");
              setFormError(null);
            }}
          >
            {t("login.back")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
