import { useMemo, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, Loading } from "../components/status";
import { getCommune } from "../features/commune/commune-api";
import { DrilldownDialog, type DrillTarget } from "../features/review/drilldown-dialog";
import { IndicatorSections } from "../features/review/indicator-sections";
import { PeriodPicker } from "../features/review/period-picker";
import { PlacesTable } from "../features/review/places-table";
import { createReviewReport, getCommuneIndicators, listReviewReports } from "../features/review/review-api";
import { PlaceBarsGrid, type PlaceRow, TrendCard } from "../features/review/review-charts";
import { periodText } from "../features/review/review-format";
import { indicatorLabel } from "../features/review/review-labels";
import { periodFromSearch, periodSearch, vnToday } from "../features/review/review-period";
import { ReviewReportList } from "../features/review/review-report-list";
import { formatDate } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneStaff } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";
import { useSubmit } from "../lib/use-submit";
import { communeTitle } from "./commune-title";

type HamletRow = PlaceRow & { hamletId: string | null };

/**
 * The management team's review dashboard (sơ kết, plan II.6): the indicators of a period against the
 * previous one, the charts, the hamlets side by side, the reports behind each report figure, and the
 * review report documents made from them.
 */
export function ReviewRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const today = useMemo(() => vnToday(), []);
  const period = periodFromSearch(search, today);
  const commune = useQuery(`commune:${communeId}`, (signal) => getCommune(communeId, signal));
  const indicators = useQuery(`review:${communeId}:${period.from}:${period.to}`, (signal) =>
    getCommuneIndicators(communeId, period, signal),
  );
  const manages = isCommuneStaff(me, communeId);
  const reports = useQuery(manages ? `review-reports:${communeId}` : null, (signal) =>
    listReviewReports(communeId, signal),
  );
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const create = useSubmit();
  useDocumentTitle(t("review.title"), t("app.name"));

  const hamletNames = useMemo(
    () =>
      new Map(
        (indicators.data?.hamlets ?? []).flatMap((h) => (h.hamletId ? [[h.hamletId, h.name] as const] : [])),
      ),
    [indicators.data],
  );

  if (indicators.status === "error" && !indicators.data) {
    return <PageError error={indicators.error} onRetry={indicators.reload} />;
  }
  const data = indicators.data;
  const title = commune.data ? communeTitle(commune.data, t) : (data?.communeName ?? "");
  const hamlets: HamletRow[] = (data?.hamlets ?? []).map((h) => ({
    key: h.hamletId ?? "none",
    hamletId: h.hamletId,
    name: h.name,
    indicators: h.indicators,
    unassigned: h.hamletId === null,
  }));
  const realHamlets = hamlets.filter((h) => h.hamletId !== null);

  const onCreate = async () => {
    const result = await create.run(() => createReviewReport(communeId, period));
    if (result.ok) {
      navigate(`/review-reports/${result.value.id}`);
    }
  };

  return (
    <section data-testid="review-page" data-from={period.from} data-to={period.to}>
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}`} className="link">
          ← {title || t("nav.commune")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("review.title")}</h1>
          {title ? <p className="page-header__subtitle">{title}</p> : null}
          {data ? (
            <p className="page-header__note" data-testid="review-period-text">
              {t("review.periodCompared", {
                period: periodText(data.period, formatDate),
                previous: periodText(data.previousPeriod, formatDate),
              })}
            </p>
          ) : null}
        </div>
        {manages ? (
          <div className="page-header__actions">
            <Link
              href={`/communes/${communeId}/commendations`}
              className="btn btn--secondary"
              data-testid="commendations-link"
            >
              {t("commendation.link")}
            </Link>
            <button
              type="button"
              className="btn btn--primary"
              disabled={create.busy}
              onClick={() => void onCreate()}
              data-testid="review-create-report"
            >
              {create.busy ? t("reviewReport.creating") : t("reviewReport.create")}
            </button>
          </div>
        ) : null}
      </header>
      {create.error ? <ErrorNotice error={create.error} /> : null}

      <section className="card">
        <PeriodPicker
          key={`${period.from}:${period.to}`}
          period={period}
          today={today}
          onChange={(next) => navigate(`${location}${periodSearch(next)}`, { replace: true })}
        />
      </section>

      {!data ? (
        <Loading />
      ) : (
        <div aria-busy={indicators.status === "loading"}>
          {indicators.status === "error" ? (
            <ErrorNotice error={indicators.error} onRetry={indicators.reload} />
          ) : null}
          <IndicatorSections
            definitions={data.definitions}
            values={data.commune}
            onDrill={(definition) =>
              setDrill({ code: definition.code, label: indicatorLabel(definition, locale, t) })
            }
          />

          <TrendCard trend={data.trend} today={today} prefix="review" />

          {realHamlets.length === 0 ? (
            <EmptyState>{t("review.noHamlets")}</EmptyState>
          ) : (
            <PlaceBarsGrid
              coverageRows={realHamlets}
              reportRows={hamlets}
              coverage={{ title: t("review.bars.coverageTitle"), description: t("review.bars.coverageDesc") }}
              reports={{ title: t("review.bars.reportsTitle"), description: t("review.bars.reportsDesc") }}
              prefix="review-hamlet"
            />
          )}

          <section className="card" aria-labelledby="review-hamlets-title">
            <h2 className="card__title" id="review-hamlets-title">
              {t("review.hamletsTitle")}
            </h2>
            <PlacesTable
              rows={hamlets}
              total={{ name: t("review.communeTotal"), indicators: data.commune }}
              definitions={data.definitions}
              placeHeader={t("review.col.hamlet")}
              caption={t("review.hamletsTitle")}
              testId="review-hamlet-table"
              rowTestId="review-hamlet-row"
              hamletRows
              onDrill={(definition, row) =>
                setDrill({
                  code: definition.code,
                  label: indicatorLabel(definition, locale, t),
                  ...(row ? { hamlet: { id: row.hamletId, name: row.name } } : {}),
                })
              }
            />
          </section>
        </div>
      )}

      {manages ? (
        <section className="card" aria-labelledby="review-reports-title">
          <h2 className="card__title" id="review-reports-title">
            {t("reviewReport.listTitle")}
          </h2>
          {reports.status === "error" ? <ErrorNotice error={reports.error} onRetry={reports.reload} /> : null}
          {reports.data ? (
            reports.data.items.length === 0 ? (
              <p className="muted">{t("reviewReport.listEmpty")}</p>
            ) : (
              <ReviewReportList items={reports.data.items} />
            )
          ) : reports.status === "loading" ? (
            <Loading />
          ) : null}
        </section>
      ) : null}

      {drill ? (
        <DrilldownDialog
          communeId={communeId}
          period={period}
          target={drill}
          hamletNames={hamletNames}
          onClose={() => setDrill(null)}
          {...(drill.code === "REPORTS_VALUABLE" && manages
            ? { commendHref: (id: string) => `/communes/${communeId}/commendations?report=${id}` }
            : {})}
        />
      ) : null}
    </section>
  );
}
