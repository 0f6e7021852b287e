import { useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context";

interface OneTimeSecretProps {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}

/** Shows a secret (temporary password, TOTP key) once, with a copy button. */
export function OneTimeSecret({ label, value, hint, testId }: OneTimeSecretProps) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopyState("copied");
    } catch {
      // The clipboard API needs a secure context; leave the text selected for a manual copy.
      inputRef.current?.select();
      setCopyState("failed");
    }
  };

  return (
    <div className="secret" data-testid={testId}>
      <p className="secret__label">{label}</p>
      <div className="secret__row">
        <input
          ref={inputRef}
          className="secret__value"
          readOnly
          value={value}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="btn btn--secondary btn--small" onClick={() => void copy()}>
          {copyState === "copied" ? t("common.copied") : t("common.copy")}
        </button>
      </div>
      {copyState === "failed" ? <p className="field__error">{t("common.copyFailed")}</p> : null}
      {hint ? <p className="secret__hint">{hint}</p> : null}
    </div>
  );
}
