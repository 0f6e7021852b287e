import { useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { ReceiptQr } from "./receipt-qr";

/**
 * The receipt code, large and in its groups of four so it can be read out or copied by hand, with
 * a copy button and a QR code of the follow-up page. Screen readers get it as one string; the
 * groups are only visual.
 */
export function ReceiptCodeDisplay({ code, label }: { code: string; label: string }) {
  const { t } = useI18n();
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  const groups = code.split("-");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  };

  return (
    <div className="receipt">
      <p className="receipt__label">{label}</p>
      <p className="receipt__code" data-testid="receipt-code" data-code={code}>
        <span className="visually-hidden">{code}</span>
        {groups.map((group, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one code never move
          <span key={index} className="receipt__group" aria-hidden="true">
            {group}
          </span>
        ))}
      </p>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={() => void copy()}
        data-testid="copy-receipt"
      >
        {copyState === "copied" ? t("common.copied") : t("common.copy")}
      </button>
      {copyState === "failed" ? <p className="field__error">{t("common.copyFailed")}</p> : null}
      <ReceiptQr code={code} />
    </div>
  );
}
