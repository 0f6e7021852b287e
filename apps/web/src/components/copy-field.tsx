import { useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context";

export interface CopyFieldProps {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
  /** "secret": the warning box of a value shown once (see OneTimeSecret); "link" by default. */
  variant?: "link" | "secret";
}

/** A read-only value (a link) with a copy button; falls back to selecting the text. */
export function CopyField({ label, value, hint, testId, variant = "link" }: CopyFieldProps) {
  const { t } = useI18n();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const block = variant === "secret" ? "secret" : "copy-field";

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopyState("copied");
    } catch {
      // The clipboard API needs a secure context and permission; leave the text selected instead.
      inputRef.current?.select();
      setCopyState("failed");
    }
  };

  return (
    <div className={block} data-testid={testId}>
      <p className={`${block}__label`}>{label}</p>
      <div className={`${block}__row`}>
        <input
          ref={inputRef}
          className={`${block}__value`}
          readOnly
          value={value}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
          data-testid={testId && variant === "link" ? `${testId}-value` : undefined}
        />
        <button type="button" className="btn btn--secondary btn--small" onClick={() => void copy()}>
          {copyState === "copied" ? t("common.copied") : t("common.copy")}
        </button>
      </div>
      {copyState === "failed" ? <p className="field__error">{t("common.copyFailed")}</p> : null}
      {hint ? <p className={variant === "secret" ? "secret__hint" : "field__hint"}>{hint}</p> : null}
    </div>
  );
}
