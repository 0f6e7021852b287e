import { useI18n } from "../../i18n/i18n-context";

// Words of the document itself (Decree 30), printed in Vietnamese whatever the interface's language.
const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO = "Độc lập - Tự do - Hạnh phúc";
const DOCUMENT_TITLE = "BÁO CÁO";

interface DocumentHeadProps {
  parentAgency: string;
  issuingAgency: string;
  numberLine: string;
  dateLine: string;
  summary: string;
  draft: boolean;
}

/**
 * The top of the printed report as it will read (Decree 30 layout): the agencies and the number on
 * the left, the national title and the date line on the right, then "BÁO CÁO" and the summary. The
 * document's own words are Vietnamese whatever the interface's language.
 */
export function DocumentHead({
  parentAgency,
  issuingAgency,
  numberLine,
  dateLine,
  summary,
  draft,
}: DocumentHeadProps) {
  const { t } = useI18n();
  return (
    <figure className="doc-head" data-testid="review-document-head">
      <figcaption className="visually-hidden">{t("reviewReport.headPreview")}</figcaption>
      {draft ? <p className="doc-head__draft">{t("reviewReport.draftMark")}</p> : null}
      <div className="doc-head__top">
        <div className="doc-head__agency">
          <p>{parentAgency}</p>
          <p className="doc-head__bold">{issuingAgency}</p>
          <p className="doc-head__number" data-testid="review-report-number">
            {numberLine}
          </p>
        </div>
        <div className="doc-head__nation">
          <p className="doc-head__bold">{NATIONAL_TITLE}</p>
          <p className="doc-head__motto">{MOTTO}</p>
          <p className="doc-head__date" data-testid="review-report-date-line">
            {dateLine}
          </p>
        </div>
      </div>
      <p className="doc-head__title">{DOCUMENT_TITLE}</p>
      <p className="doc-head__summary">{summary}</p>
    </figure>
  );
}
