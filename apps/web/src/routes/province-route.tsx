import type { TProvinceSummary } from "@binhyen/contracts";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, Loading } from "../components/status";
import { MembersChart } from "../features/province/members-chart";
import { ProvinceTable } from "../features/province/province-table";
import { useI18n } from "../i18n/i18n-context";
import { api } from "../lib/api-client";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

const collator = new Intl.Collator("vi");

export function ProvinceRoute({ provinceId }: { provinceId: string }) {
  const { t } = useI18n();
  const summary = useQuery(`province:${provinceId}`, (signal) =>
    api.get<TProvinceSummary>(`/provinces/${provinceId}/summary`, { signal }),
  );
  useDocumentTitle(t("province.title"), t("app.name"));

  if (summary.status === "error") {
    return <PageError error={summary.error} onRetry={summary.reload} />;
  }
  if (!summary.data) {
    return <Loading />;
  }
  const communes = [...summary.data.communes].sort((a, b) => collator.compare(a.name, b.name));
  return (
    <section data-testid="province-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("province.title")}</h1>
          <p className="page-header__subtitle">
            {t("province.subtitle", { name: summary.data.province.name })}
          </p>
        </div>
        <div className="page-header__actions">
          <Link
            href={`/provinces/${provinceId}/review`}
            className="btn btn--secondary"
            data-testid="province-review-link"
          >
            {t("provinceReview.link")}
          </Link>
        </div>
      </header>
      {communes.length === 0 ? (
        <EmptyState>{t("province.empty")}</EmptyState>
      ) : (
        <>
          <section className="card">
            <h2 className="card__title">{t("province.chartTitle")}</h2>
            <MembersChart communes={communes} />
          </section>
          <section className="card">
            <h2 className="card__title">{t("province.tableTitle")}</h2>
            <ProvinceTable communes={communes} />
          </section>
        </>
      )}
    </section>
  );
}
