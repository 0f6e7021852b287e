import { useMemo, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { Field } from "../components/field";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, Loading } from "../components/status";
import { IndicatorSections } from "../features/review/indicator-sections";
import { PeriodPicker } from "../features/review/period-picker";
import { PlacesTable } from "../features/review/places-table";
import { getProvinceIndicators, listReviewReports } from "../features/review/review-api";
import { PlaceBarsGrid, type PlaceRow, TrendCard } from "../features/review/review-charts";
import { periodText } from "../features/review/review-format";
import { periodFromSearch, periodSearch, vnToday } from "../features/review/review-period";
import { ReviewReportList } from "../features/review/review-report-list";
import { formatDate } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

const collator = new Intl.Collator("vi");

/** The review reports a commune has issued (the province reads issued ones only). */
function IssuedReports({ communes }: { communes: readonly PlaceRow[] }) {
  const { t } = useI18n();
  const [communeId, setCommuneId] = useState("");
  const reports = useQuery(communeId ? `review-reports:${communeId}` : null, (signal) =>
    listReviewReports(communeId, signal),
  );
  return (
    <>
      <Field label={t("provinceReview.reportsCommune")}>
        {({ id }) => (
          <select
            id={id}
            className="input"
            value={communeId}
            onChange={(event) => setCommuneId(event.target.value)}
            data-testid="province-review-commune"
          >
            <option value="">{t("provinceReview.chooseCommune")}</option>
            {communes.map((c) => (
              <option key={c.key} value={c.key}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!communeId ? null : reports.status === "error" ? (
        <ErrorNotice error={reports.error} onRetry={reports.reload} />
      ) : !reports.data ? (
        <Loading />
      ) : reports.data.items.length === 0 ? (
        <p className="muted">{t("provinceReview.noReports")}</p>
      ) : (
        <ReviewReportList items={reports.data.items} />
      )}
    </>
  );
}

/**
 * The province's review (sơ kết) across its communes: the indicators summed, the trend, the communes
 * side by side and as bars. Counts only; the reports behind a figure stay with each commune.
 */
export function ProvinceReviewRoute({ provinceId }: { provinceId: string }) {
  const { t } = useI18n();
  const search = useSearch();
  const [location, navigate] = useLocation();
  const today = useMemo(() => vnToday(), []);
  const period = periodFromSearch(search, today);
  const indicators = useQuery(`province-review:${provinceId}:${period.from}:${period.to}`, (signal) =>
    getProvinceIndicators(provinceId, period, signal),
  );
  useDocumentTitle(t("provinceReview.title"), t("app.name"));

  if (indicators.status === "error" && !indicators.data) {
    return <PageError error={indicators.error} onRetry={indicators.reload} />;
  }
  const data = indicators.data;
  const communes: PlaceRow[] = (data?.communes ?? [])
    .map((c) => ({ key: c.communeId, name: c.name, indicators: c.indicators }))
    .sort((a, b) => collator.compare(a.name, b.name));

  return (
    <section data-testid="province-review-page" data-from={period.from} data-to={period.to}>
      <p className="breadcrumb">
        <Link href={`/provinces/${provinceId}`} className="link">
          ← {t("nav.province")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("provinceReview.title")}</h1>
          {data ? (
            <p className="page-header__subtitle">{t("province.subtitle", { name: data.provinceName })}</p>
          ) : null}
          {data ? (
            <p className="page-header__note">
              {t("review.periodCompared", {
                period: periodText(data.period, formatDate),
                previous: periodText(data.previousPeriod, formatDate),
              })}
            </p>
          ) : null}
        </div>
      </header>

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
          <IndicatorSections definitions={data.definitions} values={data.province} />

          <TrendCard trend={data.trend} today={today} prefix="province-review" />

          {communes.length === 0 ? (
            <EmptyState>{t("province.empty")}</EmptyState>
          ) : (
            <>
              <PlaceBarsGrid
                coverageRows={communes}
                reportRows={communes}
                coverage={{
                  title: t("provinceReview.coverageTitle"),
                  description: t("provinceReview.coverageDesc"),
                }}
                reports={{
                  title: t("provinceReview.reportsTitle"),
                  description: t("provinceReview.reportsDesc"),
                }}
                prefix="province-review"
              />
              <section className="card" aria-labelledby="province-review-table-title">
                <h2 className="card__title" id="province-review-table-title">
                  {t("provinceReview.tableTitle")}
                </h2>
                <PlacesTable
                  rows={communes}
                  total={{ name: t("province.total"), indicators: data.province }}
                  definitions={data.definitions}
                  placeHeader={t("province.commune")}
                  caption={t("provinceReview.tableTitle")}
                  testId="province-review-table"
                  rowTestId="province-review-row"
                  renderName={(row) => (
                    <Link href={`/communes/${row.key}/coverage`} className="link">
                      {row.name}
                    </Link>
                  )}
                />
              </section>
              <section className="card" aria-labelledby="province-review-issued-title">
                <h2 className="card__title" id="province-review-issued-title">
                  {t("provinceReview.reportsHeading")}
                </h2>
                <IssuedReports communes={communes} />
              </section>
            </>
          )}
        </div>
      )}
    </section>
  );
}
