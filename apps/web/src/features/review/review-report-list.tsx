import { Link } from "wouter";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import type { TReviewReportItem } from "./review-api";
import { periodText } from "./review-format";

/** "Dự thảo" (draft) or "Đã ban hành" (issued, with its number). */
export function ReviewReportStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return status === "ISSUED" ? (
    <span className="badge badge--success" data-testid="review-report-status" data-status={status}>
      {t("reviewReport.status.ISSUED")}
    </span>
  ) : (
    <span className="badge badge--warning" data-testid="review-report-status" data-status={status}>
      {t("reviewReport.status.DRAFT")}
    </span>
  );
}

/** The commune's review reports, newest first: each opens its page. */
export function ReviewReportList({
  items,
  currentId,
}: {
  items: readonly TReviewReportItem[];
  /** The report whose page this is, marked rather than linked. */
  currentId?: string;
}) {
  const { t } = useI18n();
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul className="review-report-list" data-testid="review-report-list">
      {sorted.map((item) => (
        <li key={item.id} className="review-report-item" data-testid="review-report-item" data-id={item.id}>
          <span className="review-report-item__head">
            {item.id === currentId ? (
              <span className="review-report-item__title" aria-current="page">
                {item.summary}
              </span>
            ) : (
              <Link href={`/review-reports/${item.id}`} className="link review-report-item__title">
                {item.summary}
              </Link>
            )}
            <ReviewReportStatus status={item.status} />
          </span>
          <span className="review-report-item__meta">
            <span>{t("reviewReport.periodLine", { period: periodText(item.period, formatDate) })}</span>
            {item.numberText ? (
              <span>
                {item.numberText}
                {item.issuedOn ? ` · ${formatDate(item.issuedOn)}` : ""}
              </span>
            ) : (
              <span>{t("reviewReport.updatedAt", { time: formatDateTime(item.updatedAt) })}</span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
