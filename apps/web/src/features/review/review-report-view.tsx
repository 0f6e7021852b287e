import type { TReviewReport } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";
import { DocumentHead } from "./document-head";
import { DownloadButtons } from "./download-buttons";
import {
  documentDateLine,
  draftDateLine,
  draftNumberLine,
  NARRATIVE_KEYS,
  signatureTitleLines,
} from "./review-report-draft";

/**
 * A review report that can no longer change (issued, or a draft read by someone who may not edit
 * it): its head, its narrative and its settings as they print, and the files.
 */
export function ReviewReportView({ report, year }: { report: TReviewReport; year: number }) {
  const { t } = useI18n();
  const s = report.settings;
  const issued = report.status === "ISSUED";
  const signature = signatureTitleLines({
    prefix: s.signer.prefix ?? "",
    authority: s.signer.authority,
    title: s.signer.title,
  });
  return (
    <>
      <section className="card">
        <DocumentHead
          parentAgency={s.parentAgency}
          issuingAgency={s.issuingAgency}
          numberLine={report.numberText ?? draftNumberLine(s.symbol)}
          dateLine={
            report.issuedOn ? documentDateLine(s.place, report.issuedOn) : draftDateLine(s.place, year)
          }
          summary={s.summary}
          draft={!issued}
        />
      </section>

      <section
        className="card"
        aria-labelledby="review-narrative-title"
        data-testid="review-report-narrative"
      >
        <h2 className="card__title" id="review-narrative-title">
          {t("reviewReport.narrativeTitle")}
        </h2>
        {NARRATIVE_KEYS.map((key) => (
          <div key={key} className="review-narrative">
            <h3 className="review-narrative__title">{t(`reviewReport.narrative.${key}`)}</h3>
            {report.narrative[key].trim() === "" ? (
              <p className="muted">{t("reviewReport.narrativeEmpty")}</p>
            ) : (
              report.narrative[key]
                .split(/\n+/)
                .filter((line) => line.trim() !== "")
                .map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are positional and fixed
                  <p key={index} className="prose review-narrative__para">
                    {line}
                  </p>
                ))
            )}
          </div>
        ))}
      </section>

      <section className="card" aria-labelledby="review-settings-title">
        <h2 className="card__title" id="review-settings-title">
          {t("reviewReport.settingsTitle")}
        </h2>
        <dl className="details">
          <div>
            <dt>{t("reviewReport.signerTitle")}</dt>
            <dd>
              {signature.map((line) => (
                <span key={line} className="review-signature__line">
                  {line}
                </span>
              ))}
              <span className="review-signature__name">{s.signer.name}</span>
            </dd>
          </div>
          <div>
            <dt>{t("reviewReport.recipients")}</dt>
            <dd>
              <ul className="plain-list">
                {s.recipients.map((recipient) => (
                  <li key={recipient}>{`- ${recipient};`}</li>
                ))}
                <li>{`- Lưu: VT, ${s.archiveUnit}.`}</li>
              </ul>
            </dd>
          </div>
          <div>
            <dt>{t("reviewReport.margins")}</dt>
            <dd>
              {t("reviewReport.marginsValue", {
                top: s.margins.top,
                bottom: s.margins.bottom,
                left: s.margins.left,
                right: s.margins.right,
              })}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" aria-labelledby="review-files-title">
        <h2 className="card__title" id="review-files-title">
          {t("reviewReport.filesTitle")}
        </h2>
        {issued ? null : <p className="muted small">{t("reviewReport.filesDraftHint")}</p>}
        <DownloadButtons reportId={report.id} />
      </section>
    </>
  );
}
