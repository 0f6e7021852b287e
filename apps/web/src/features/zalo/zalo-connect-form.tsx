import { ZALO_SIGNATURE_FIRST_TERMS, ZALO_SIGNATURE_SECRETS } from "@binhyen/contracts";
import { type FormEvent, useState } from "react";
import { Field, TextField } from "../../components/field";
import { ErrorNotice } from "../../components/status";
import { useI18n } from "../../i18n/i18n-context";
import { fieldIssue, useSubmit } from "../../lib/use-submit";
import { connectZaloOa } from "./zalo-api";
import { isZaloId } from "./zalo-format";

type SignatureSecret = (typeof ZALO_SIGNATURE_SECRETS)[number];
type SignatureFirstTerm = (typeof ZALO_SIGNATURE_FIRST_TERMS)[number];

interface ZaloConnectFormProps {
  communeId: string;
  /** The app already saved, when consent is asked again. */
  appId: string | null;
  /** Shown again to grant access anew (the OA's consent was revoked or ran out). */
  reconsent: boolean;
  onCancel?: () => void;
}

const FIELDS = ["appId", "appSecret", "oaSecret"] as const;

function secretError(value: string, optional: boolean): boolean {
  const length = value.trim().length;
  return optional && length === 0 ? false : length < 8 || length > 256;
}

/**
 * The chief's "Kết nối OA": the Zalo app's keys, then Zalo's consent page, where the OA's admin
 * grants the app access; Zalo comes back to this page with ?oa=connected or ?oa=failed.
 */
export function ZaloConnectForm({ communeId, appId: savedAppId, reconsent, onCancel }: ZaloConnectFormProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [appId, setAppId] = useState(savedAppId ?? "");
  const [appSecret, setAppSecret] = useState("");
  const [oaSecret, setOaSecret] = useState("");
  const [secret, setSecret] = useState<SignatureSecret>("auto");
  const [firstTerm, setFirstTerm] = useState<SignatureFirstTerm>("auto");
  const [errors, setErrors] = useState<Partial<Record<(typeof FIELDS)[number], string>>>({});
  const [leaving, setLeaving] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!isZaloId(appId)) {
      next.appId = t("zalo.connect.appIdInvalid");
    }
    if (secretError(appSecret, false)) {
      next.appSecret = t("zalo.connect.secretInvalid");
    }
    if (secretError(oaSecret, true)) {
      next.oaSecret = t("zalo.connect.secretInvalid");
    }
    setErrors(next);
    if (Object.keys(next).length > 0) {
      return;
    }
    const result = await submit.run(() =>
      connectZaloOa(communeId, {
        appId: appId.trim(),
        appSecret: appSecret.trim(),
        ...(oaSecret.trim() ? { oaSecret: oaSecret.trim() } : {}),
        signature: { secret, firstTerm },
      }),
    );
    if (result.ok) {
      // Zalo's consent page; it comes back to /communes/:id/zalo?oa=…
      setLeaving(true);
      window.location.assign(result.value.consentUrl);
    }
  };

  const otherError = submit.error && !FIELDS.some((field) => fieldIssue(submit.error, field));
  return (
    <section className="card" aria-labelledby="zalo-connect-title" data-testid="zalo-connect-form">
      <h2 className="card__title" id="zalo-connect-title">
        {reconsent ? t("zalo.connect.reconsentTitle") : t("zalo.connect.title")}
      </h2>
      <p className="section-intro muted">
        {reconsent ? t("zalo.connect.reconsentIntro") : t("zalo.connect.intro")}
      </p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <TextField
          label={t("zalo.connect.appId")}
          hint={t("zalo.connect.appIdHint")}
          error={errors.appId ?? fieldIssue(submit.error, "appId")}
          value={appId}
          onValueChange={setAppId}
          inputMode="numeric"
          autoComplete="off"
          data-testid="zalo-app-id"
        />
        <TextField
          label={t("zalo.connect.appSecret")}
          hint={t("zalo.connect.appSecretHint")}
          error={errors.appSecret ?? fieldIssue(submit.error, "appSecret")}
          value={appSecret}
          onValueChange={setAppSecret}
          type="password"
          autoComplete="off"
          data-testid="zalo-app-secret"
        />
        <TextField
          label={t("zalo.connect.oaSecret")}
          hint={t("zalo.connect.oaSecretHint")}
          error={errors.oaSecret ?? fieldIssue(submit.error, "oaSecret")}
          value={oaSecret}
          onValueChange={setOaSecret}
          type="password"
          autoComplete="off"
          data-testid="zalo-oa-secret"
        />
        <fieldset className="fieldset">
          <legend className="field__label">{t("zalo.signature.title")}</legend>
          <p className="field__hint">{t("zalo.signature.explain")}</p>
          <Field label={t("zalo.signature.secret")}>
            {({ id }) => (
              <select
                id={id}
                className="input"
                value={secret}
                onChange={(event) => setSecret(event.target.value as SignatureSecret)}
                data-testid="zalo-signature-secret"
              >
                {ZALO_SIGNATURE_SECRETS.map((value) => (
                  <option key={value} value={value}>
                    {t(`zalo.signature.secret.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t("zalo.signature.firstTerm")}>
            {({ id }) => (
              <select
                id={id}
                className="input"
                value={firstTerm}
                onChange={(event) => setFirstTerm(event.target.value as SignatureFirstTerm)}
                data-testid="zalo-signature-first-term"
              >
                {ZALO_SIGNATURE_FIRST_TERMS.map((value) => (
                  <option key={value} value={value}>
                    {t(`zalo.signature.firstTerm.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        {otherError ? <ErrorNotice error={submit.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={submit.busy || leaving}
            data-testid="zalo-connect-submit"
          >
            {t("zalo.connect.submit")}
          </button>
          {onCancel ? (
            <button type="button" className="btn btn--ghost" onClick={onCancel}>
              {t("common.cancel")}
            </button>
          ) : null}
        </div>
        {leaving ? <p className="muted small">{t("zalo.connect.leaving")}</p> : null}
      </form>
    </section>
  );
}
