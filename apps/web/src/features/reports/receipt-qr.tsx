import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n-context";
import { followFragmentUrl } from "./receipt-code";

type QrModule = typeof import("qrcode");

/** The QR library is only needed on this screen: it is its own chunk, loaded when shown. */
async function loadQr(): Promise<QrModule> {
  const module: QrModule & { default?: QrModule } = await import("qrcode");
  // A CommonJS package: depending on the bundler's interop its functions sit on `default`.
  return typeof module.toDataURL === "function" ? module : (module.default ?? module);
}

/**
 * A QR code of the follow-up page, drawn on this device (no server ever sees the code for it). The
 * code travels in the address's fragment (#…), which browsers never send to a server, so it does
 * not end up in any access log when the QR is scanned. Without it (an old browser, an error) the
 * code itself and the link are still on the page.
 */
export function ReceiptQr({ code }: { code: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setSrc(null);
    loadQr()
      .then((qr) =>
        qr.toDataURL(followFragmentUrl(code), { errorCorrectionLevel: "M", margin: 2, width: 240 }),
      )
      .then(
        (url) => {
          if (live) {
            setSrc(url);
          }
        },
        () => {
          // No QR: the code and the link above are enough.
        },
      );
    return () => {
      live = false;
    };
  }, [code]);

  if (!src) {
    return null;
  }
  return (
    <figure className="receipt__qr">
      <img src={src} alt={t("report.receiptQr")} width={240} height={240} data-testid="receipt-qr" />
      <figcaption className="muted small">{t("report.receiptQrHint")}</figcaption>
    </figure>
  );
}
