import { Role } from "@binhyen/contracts";
import { useMemo, useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { ErrorNotice, Loading, SuccessNotice } from "../components/status";
import { getReviewReport, listReviewReports } from "../features/review/review-api";
import { periodText } from "../features/review/review-format";
import { periodSearch, vnToday, yearOf } from "../features/review/review-period";
import { ReviewReportEditor } from "../features/review/review-report-editor";
import { ReviewReportList, ReviewReportStatus } from "../features/review/review-report-list";
import { ReviewReportView } from "../features/review/review-report-view";
import { formatDate } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneStaff } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/**
 * /review-reports/:id — a review report (báo cáo sơ kết): the draft is edited and issued by the
 * commune's management team; once issued it has its number and date and only its files change
 * hands (the province reads the issued ones).
 */
export function ReviewReportRoute({ reportId }: { reportId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const report = useQuery(`review-report:${reportId}`, (signal) => getReviewReport(reportId, signal));
  const communeId = report.data?.communeId;
  const list = useQuery(communeId ? `review-reports:${communeId}` : null, (signal) =>
    listReviewReports(communeId ?? "", signal),
  );
  const [justIssued, setJustIssued] = useState(false);
  const year = useMemo(() => yearOf(vnToday()), []);
  useDocumentTitle(t("reviewReport.title"), t("app.name"));

  if (report.status === "error" && !report.data) {
    return <PageError error={report.error} onRetry={report.reload} />;
  }
  if (!report.data) {
    return <Loading />;
  }
  const data = report.data;
  const manages = isCommuneStaff(me, data.communeId);
  const provinceId = me.roles.find((r) => r.role === Role.PROVINCE_OFFICER)?.provinceId;
  const back = manages
    ? `/communes/${data.communeId}/review${periodSearch(data.period)}`
    : provinceId
      ? `/provinces/${provinceId}/review`
      : "/";

  return (
    <section
      data-testid="review-report-page"
      data-report-id={data.id}
      data-status={data.status}
      key={data.status}
    >
      <p className="breadcrumb">
        <Link href={back} className="link" data-testid="review-report-back">
          ← {t("review.title")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("reviewReport.title")}</h1>
          <p className="page-header__subtitle">
            {t("reviewReport.periodLine", { period: periodText(data.period, formatDate) })}{" "}
            <ReviewReportStatus status={data.status} />
          </p>
          <p className="page-header__note">
            {data.status === "ISSUED" ? t("reviewReport.issuedNote") : t("reviewReport.draftNote")}
          </p>
        </div>
      </header>
      {justIssued && data.numberText ? (
        <div data-testid="review-issued-notice">
          <SuccessNotice>
            {t("reviewReport.issued", { number: data.numberText, date: formatDate(data.issuedOn ?? "") })}
          </SuccessNotice>
        </div>
      ) : null}

      {data.status === "DRAFT" && manages ? (
        <ReviewReportEditor
          report={data}
          year={year}
          onSaved={(saved) => {
            report.setData(saved);
            list.reload();
          }}
          onIssued={(issued) => {
            setJustIssued(true);
            report.setData(issued);
            list.reload();
            window.scrollTo({ top: 0 });
          }}
        />
      ) : (
        <ReviewReportView report={data} year={year} />
      )}

      <section className="card" aria-labelledby="review-reports-title">
        <h2 className="card__title" id="review-reports-title">
          {t("reviewReport.listTitle")}
        </h2>
        {list.status === "error" ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
        {list.data ? <ReviewReportList items={list.data.items} currentId={data.id} /> : null}
      </section>
    </section>
  );
}
