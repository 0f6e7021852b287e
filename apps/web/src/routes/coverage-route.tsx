import { MEMBER_KINDS, Role, type THamletCoverage } from "@binhyen/contracts";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, Loading } from "../components/status";
import { getCommune } from "../features/commune/commune-api";
import { getCommuneCoverage } from "../features/reach/coverage-api";
import { CoverageCells, CoverageHeaders } from "../features/reach/coverage-columns";
import { CoverageHeadline } from "../features/reach/coverage-headline";
import { CoverageLegend, HamletCoverageChart } from "../features/reach/hamlet-coverage-chart";
import { TrendChart } from "../features/reach/trend-chart";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { canViewCommune, canViewHouseholds } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";
import { communeTitle } from "./commune-title";

const CONTACT_ORDER = ["not_contacted", "invited", "declined", "unreachable"] as const;

/** Households not reached yet, whatever the reason (a hamlet's, or the commune's). */
function notReachedTotal(coverage: Pick<THamletCoverage, "notReached">): number {
  return CONTACT_ORDER.reduce((sum, key) => sum + coverage.notReached[key], 0);
}

/** A card of labelled figures; its title names it for screen readers. */
function FiguresCard({
  testId,
  title,
  figures,
}: {
  testId: string;
  title: string;
  figures: readonly { key: string; label: string; value: string }[];
}) {
  const titleId = `${testId}-title`;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        {title}
      </h2>
      <dl className="figures" data-testid={testId}>
        {figures.map((figure) => (
          <div key={figure.key} className="figures__item">
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function CoverageRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const coverage = useQuery(`coverage:${communeId}`, (signal) => getCommuneCoverage(communeId, signal));
  const showCommune = canViewCommune(me, communeId);
  // Province officers read the coverage but not the commune page: ask for the name only when allowed.
  const commune = useQuery(showCommune ? `commune:${communeId}` : null, (signal) =>
    getCommune(communeId, signal),
  );
  useDocumentTitle(t("coverage.title"), t("app.name"));

  if (coverage.status === "error" && !coverage.data) {
    return <PageError error={coverage.error} onRetry={coverage.reload} />;
  }
  if (!coverage.data) {
    return <Loading />;
  }
  const data = coverage.data;
  const n = (value: number) => formatNumber(value, locale);
  const provinceId = me.roles.find((r) => r.role === Role.PROVINCE_OFFICER)?.provinceId;

  return (
    <section data-testid="coverage-page">
      {showCommune ? (
        <p className="breadcrumb">
          <Link href={`/communes/${communeId}`} className="link">
            ← {commune.data ? communeTitle(commune.data, t) : t("coverage.backToCommune")}
          </Link>
        </p>
      ) : provinceId ? (
        <p className="breadcrumb">
          <Link href={`/provinces/${provinceId}`} className="link">
            ← {t("nav.province")}
          </Link>
        </p>
      ) : null}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("coverage.title")}</h1>
          {commune.data ? <p className="page-header__subtitle">{communeTitle(commune.data, t)}</p> : null}
          <p className="page-header__note">{t("coverage.target")}</p>
        </div>
      </header>

      <section className="card">
        <CoverageHeadline
          households={data.households}
          covered={data.covered}
          percent={data.percent}
          testId="commune-coverage"
        />
      </section>

      {data.hamlets.length === 0 ? (
        <EmptyState>{t("coverage.empty")}</EmptyState>
      ) : (
        <div className="coverage-grid">
          <section className="card coverage-grid__wide" aria-labelledby="coverage-hamlets-title">
            <h2 className="card__title" id="coverage-hamlets-title">
              {t("coverage.hamletsTitle")}
            </h2>
            <HamletCoverageChart hamlets={data.hamlets} />
            <CoverageLegend />
          </section>

          <section className="card coverage-grid__wide" aria-labelledby="coverage-trend-title">
            <h2 className="card__title" id="coverage-trend-title">
              {t("coverage.trendTitle")}
            </h2>
            <TrendChart trend={data.trend} />
          </section>

          <FiguresCard
            testId="coverage-members"
            title={t("coverage.membersTitle")}
            figures={MEMBER_KINDS.map((kind) => ({
              key: kind,
              label: t(`memberKind.${kind}`),
              value: n(data.members[kind]),
            }))}
          />

          <FiguresCard
            testId="coverage-not-reached"
            title={t("coverage.notReachedTitle")}
            figures={CONTACT_ORDER.map((status) => ({
              key: status,
              label: t(`contactStatus.${status}`),
              value: n(data.notReached[status]),
            }))}
          />

          <section className="card coverage-grid__wide" aria-labelledby="coverage-table-title">
            <h2 className="card__title" id="coverage-table-title">
              {t("coverage.tableTitle")}
            </h2>
            <div className="table-wrap">
              <table className="table" data-testid="coverage-table">
                <thead>
                  <tr>
                    <th scope="col">{t("coverage.hamlet")}</th>
                    <CoverageHeaders />
                    <th scope="col" className="num">
                      {t("coverage.notReached")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.hamlets.map((hamlet) => {
                    const missing = notReachedTotal(hamlet);
                    const linked = canViewHouseholds(me, { id: hamlet.groupId, communeId });
                    return (
                      <tr
                        key={hamlet.hamletId}
                        data-testid="coverage-hamlet-row"
                        data-hamlet-id={hamlet.hamletId}
                      >
                        <th scope="row">
                          {linked ? (
                            <Link
                              href={`/hamlets/${hamlet.hamletId}/households?reached=no`}
                              className="link"
                              data-testid="coverage-hamlet-link"
                            >
                              {hamlet.name}
                            </Link>
                          ) : (
                            hamlet.name
                          )}
                          {linked && missing > 0 ? (
                            <span className="table__sub">{t("coverage.viewNotReached")}</span>
                          ) : null}
                        </th>
                        <CoverageCells
                          households={hamlet.households}
                          covered={hamlet.covered}
                          percent={hamlet.percent}
                          percentTestId="coverage-hamlet-percent"
                        />
                        <td className="num">{n(missing)}</td>
                      </tr>
                    );
                  })}
                </tbody>
                {data.hamlets.length > 1 ? (
                  <tfoot>
                    <tr>
                      <th scope="row">{t("coverage.total")}</th>
                      <CoverageCells
                        households={data.households}
                        covered={data.covered}
                        percent={data.percent}
                      />
                      <td className="num">{n(notReachedTotal(data))}</td>
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </div>
          </section>
        </div>
      )}
    </section>
  );
}
