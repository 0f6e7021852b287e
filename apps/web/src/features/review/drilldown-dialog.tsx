import { Link } from "wouter";
import { Modal } from "../../components/modal";
import { EmptyState, ErrorNotice, Loading } from "../../components/status";
import { formatDate, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { isApiError } from "../../lib/api-client";
import { useQuery } from "../../lib/use-query";
import { categoryLabel, kindLabel, stateBadgeClass, stateLabel } from "../reports/report-labels";
import { getIndicatorReports } from "./review-api";
import type { ReviewPeriod } from "./review-period";

export interface DrillTarget {
  code: string;
  /** The indicator's name, as on the card. */
  label: string;
  /** Only the reports of one hamlet (null: those tied to none); all when absent. */
  hamlet?: { id: string | null; name: string };
}

interface DrilldownDialogProps {
  communeId: string;
  period: ReviewPeriod;
  target: DrillTarget;
  hamletNames: ReadonlyMap<string, string>;
  onClose: () => void;
  /** Adds "Đề nghị khen thưởng" to each report (the valuable ones). */
  commendHref?: (reportId: string) => string;
}

/**
 * The reports behind a figure (req. 40): short id, category, kind, state and day, each opening the
 * case. Never a name or a description. The server leaves out those the officer may not read and
 * says how many; a refusal of the whole list reads "no permission".
 */
export function DrilldownDialog({
  communeId,
  period,
  target,
  hamletNames,
  onClose,
  commendHref,
}: DrilldownDialogProps) {
  const { t, locale } = useI18n();
  const list = useQuery(`review-drill:${communeId}:${target.code}:${period.from}:${period.to}`, (signal) =>
    getIndicatorReports(communeId, target.code, period, signal),
  );
  const title = target.hamlet
    ? t("review.drill.titleHamlet", { label: target.label, hamlet: target.hamlet.name })
    : t("review.drill.title", { label: target.label });
  const refused =
    list.status === "error" && (isApiError(list.error, "FORBIDDEN") || isApiError(list.error, "NOT_FOUND"));
  const hamlet = target.hamlet;
  const items = (list.data?.items ?? []).filter((item) => !hamlet || item.hamletId === hamlet.id);

  return (
    <Modal title={title} onClose={onClose} testId="review-drill-dialog">
      {refused ? (
        <p className="notice notice--warning" data-testid="review-drill-forbidden">
          {t("review.drill.forbidden")}
        </p>
      ) : list.status === "error" ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">{t("review.drill.intro")}</p>
          {items.length === 0 ? (
            <EmptyState>{t("review.drill.empty")}</EmptyState>
          ) : (
            <ul className="drill-list" data-testid="review-drill-list">
              {items.map((item) => (
                <li
                  key={item.id}
                  className="drill-item"
                  data-testid="review-drill-item"
                  data-report-id={item.id}
                >
                  <Link href={`/cases/${item.id}`} className="drill-item__link link">
                    <span className="drill-item__id">{t("review.drill.caseId", { id: item.shortId })}</span>
                    <span>{categoryLabel(item.category, t)}</span>
                  </Link>
                  <span className="drill-item__meta">
                    <span>{kindLabel(item.kind, t)}</span>
                    <span>
                      {item.hamletId ? (hamletNames.get(item.hamletId) ?? "") : t("review.hamlet.none")}
                    </span>
                    <span>{t("review.drill.receivedOn", { date: formatDate(item.receivedAt) })}</span>
                    <span className={stateBadgeClass(item.state)}>{stateLabel(item.state, t)}</span>
                  </span>
                  {commendHref ? (
                    <Link
                      href={commendHref(item.id)}
                      className="btn btn--secondary btn--small"
                      data-testid="review-drill-commend"
                    >
                      {t("review.drill.commend")}
                    </Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {list.data.withheld > 0 ? (
            <p className="muted small" data-testid="review-drill-withheld">
              {t("review.drill.withheld", { count: formatNumber(list.data.withheld, locale) })}
            </p>
          ) : null}
        </>
      )}
    </Modal>
  );
}
