import { useState } from "react";
import { ProgressBar } from "../../components/progress-bar";
import { ErrorNotice } from "../../components/status";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { saveFile } from "../../lib/save-file";
import { downloadReviewFile, REVIEW_FILES, type ReviewFileKind } from "./review-api";

type Progress = { kind: ReviewFileKind; received: number; total: number | null };

const FALLBACK_NAME: Record<ReviewFileKind, string> = {
  docx: "bao-cao-so-ket.docx",
  pdf: "bao-cao-so-ket.pdf",
  xlsx: "bao-cao-so-ket.xlsx",
  zip: "ho-so-bao-cao-so-ket.zip",
};

interface DownloadButtonsProps {
  reportId: string;
  /** Runs first (saving unsaved edits); false stops the download. */
  beforeDownload?: (() => Promise<boolean>) | undefined;
}

/**
 * The report's files: the DOCX and PDF of one document, its tables as XLSX, and the dossier for the
 * province (ZIP). The server makes each file on demand, which can take a few seconds: the button
 * says so, then how much has arrived. One file at a time.
 */
export function DownloadButtons({ reportId, beforeDownload }: DownloadButtonsProps) {
  const { t, locale } = useI18n();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);

  const download = async (file: (typeof REVIEW_FILES)[number]) => {
    setError(null);
    setProgress({ kind: file.kind, received: 0, total: null });
    try {
      if (beforeDownload && !(await beforeDownload())) {
        return;
      }
      const { blob, fileName } = await downloadReviewFile(reportId, file.path, (received, total) =>
        setProgress({ kind: file.kind, received, total }),
      );
      saveFile(blob, fileName ?? FALLBACK_NAME[file.kind]);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const kb = (bytes: number) => formatNumber(Math.max(1, Math.round(bytes / 1024)), locale);
  return (
    <div className="review-downloads" data-testid="review-downloads">
      <div className="review-downloads__buttons">
        {REVIEW_FILES.map((file) => {
          const busy = progress?.kind === file.kind;
          return (
            <button
              key={file.kind}
              type="button"
              className={file.kind === "zip" ? "btn btn--primary" : "btn btn--secondary"}
              disabled={progress !== null}
              aria-busy={busy}
              onClick={() => void download(file)}
              data-testid={`review-download-${file.kind}`}
            >
              {busy ? t("reviewReport.download.busy") : t(`reviewReport.download.${file.kind}`)}
            </button>
          );
        })}
      </div>
      <div aria-live="polite">
        {progress ? (
          progress.received === 0 ? (
            <p className="muted small" data-testid="review-download-progress">
              <span className="spinner" aria-hidden="true" /> {t("reviewReport.download.making")}
            </p>
          ) : progress.total ? (
            <ProgressBar
              percent={(progress.received / progress.total) * 100}
              label={t("reviewReport.download.progressLabel")}
              valueText={t("reviewReport.download.progress", {
                received: kb(progress.received),
                total: kb(progress.total),
              })}
              testId="review-download-progress"
            />
          ) : (
            <p className="muted small" data-testid="review-download-progress">
              {t("reviewReport.download.received", { received: kb(progress.received) })}
            </p>
          )
        ) : null}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
