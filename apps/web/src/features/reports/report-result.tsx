import { useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import { CopyField } from "../../components/copy-field";
import { useI18n } from "../../i18n/i18n-context";
import { type UploadOutcome, uploadPhotos } from "./photo-picker";
import { followUrl } from "./receipt-code";
import { ReceiptCodeDisplay } from "./receipt-code-display";
import type { SentReport } from "./report-form";
import { forgetReceipt } from "./report-store";

interface ReportResultProps {
  sent: SentReport;
  /** The code was remembered on this device. */
  saved: boolean;
  onAnother: () => void;
}

/**
 * After a 201: the receipt code (the reporter's only way back), the follow-up link, and the photos
 * being sent with that code. Nothing here is ever shown again: the server keeps only a hash.
 */
export function ReportResult({ sent, saved, onAnother }: ReportResultProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  const [remembered, setRemembered] = useState(saved);
  const [progress, setProgress] = useState(0);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);
  const startedRef = useRef(false);

  // The form is replaced by this: move there, so a phone user sees it and a screen reader reads it.
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: "start" });
  }, []);

  useEffect(() => {
    if (startedRef.current || sent.photos.length === 0) {
      return;
    }
    startedRef.current = true;
    void uploadPhotos(sent.code, sent.photos, setProgress).then(setOutcome);
  }, [sent]);

  const total = sent.photos.length;
  return (
    <section ref={ref} tabIndex={-1} className="card report-result" data-testid="report-result">
      <h1 className="public-title">{t("report.sentTitle")}</h1>
      <p className="notice notice--success" role="status">
        {t("report.sentBody")}
      </p>
      <ReceiptCodeDisplay code={sent.code} label={t("report.receiptLabel")} />
      <p className="receipt__keep">{t("report.receiptKeep")}</p>
      <p className="muted small">{t("report.receiptWriteDown")}</p>

      {total > 0 ? (
        <div className="report-result__photos" aria-live="polite" data-testid="report-photo-status">
          {outcome === null ? (
            <p className="muted">{t("report.uploadingPhotos", { done: progress, total })}</p>
          ) : (
            <>
              {outcome.sent > 0 ? (
                <p className="notice notice--success" data-testid="report-photos-sent">
                  {t("report.photosSent", { count: outcome.sent })}
                </p>
              ) : null}
              {outcome.failed.length > 0 ? (
                <p className="notice notice--warning">
                  {t("report.photosFailed", { count: outcome.failed.length })}
                </p>
              ) : null}
            </>
          )}
        </div>
      ) : null}

      <CopyField
        label={t("report.followUrl")}
        value={followUrl(sent.code)}
        hint={t("report.followUrlHint")}
        testId="follow-link"
      />
      {remembered ? (
        <div className="report-result__device">
          <p className="muted small">{t("report.savedOnDevice")}</p>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => {
              forgetReceipt(sent.code);
              setRemembered(false);
            }}
            data-testid="forget-receipt"
          >
            {t("report.forgetOnDevice")}
          </button>
        </div>
      ) : saved ? (
        <p className="muted small" role="status">
          {t("report.forgotten")}
        </p>
      ) : null}
      <div className="form-actions">
        <Link
          href={`/report/follow?code=${encodeURIComponent(sent.code)}`}
          className="btn btn--primary"
          data-testid="open-follow"
        >
          {t("report.openFollow")}
        </Link>
        <button type="button" className="btn btn--ghost" onClick={onAnother}>
          {t("report.another")}
        </button>
      </div>
    </section>
  );
}
