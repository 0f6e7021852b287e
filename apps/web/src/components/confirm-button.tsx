import { useState } from "react";
import { useI18n } from "../i18n/i18n-context";

interface ConfirmButtonProps {
  label: string;
  /** Accessible name when the visible label is short ("Gỡ"). */
  ariaLabel?: string;
  question: string;
  onConfirm: () => Promise<void> | void;
  variant?: "danger" | "secondary";
  testId?: string;
}

/** A button that asks "are you sure?" in place before doing something that cannot be undone. */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  onConfirm,
  variant = "danger",
  testId,
}: ConfirmButtonProps) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!asking) {
    return (
      <button
        type="button"
        className={`btn btn--small btn--${variant === "danger" ? "danger-outline" : "secondary"}`}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="confirm__question">{question}</legend>
      <button
        type="button"
        className={`btn btn--small ${variant === "danger" ? "btn--danger" : "btn--primary"}`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {t("common.confirm")}
      </button>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        disabled={busy}
        onClick={() => setAsking(false)}
      >
        {t("common.cancel")}
      </button>
    </fieldset>
  );
}
