import { useState } from "react";
import { Link, useSearch } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, FlashToast, Loading } from "../components/status";
import { CommendationForm } from "../features/review/commendation-form";
import { CommendationList } from "../features/review/commendation-list";
import { listCommendations } from "../features/review/review-api";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneChief } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/**
 * /communes/:id/commendations — the commendations register (khen thưởng, plan II.6): the management
 * team proposes, the commune chief decides with the number of the decision. A valuable report's
 * anonymous reporter is commended without being named, and claims with their receipt code.
 */
export function CommendationsRoute({ communeId }: { communeId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const search = useSearch();
  const initialReportId = new URLSearchParams(search).get("report");
  const list = useQuery(`commendations:${communeId}`, (signal) => listCommendations(communeId, signal));
  const [proposing, setProposing] = useState(Boolean(initialReportId));
  const flash = useFlash();
  const canDecide = isCommuneChief(me, communeId);
  useDocumentTitle(t("commendation.title"), t("app.name"));

  if (list.status === "error" && !list.data) {
    return <PageError error={list.error} onRetry={list.reload} />;
  }
  if (!list.data) {
    return <Loading />;
  }
  const items = list.data.items;

  return (
    <section data-testid="commendations-page">
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}/review`} className="link">
          ← {t("review.title")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("commendation.title")}</h1>
          <p className="page-header__note">
            {t(canDecide ? "commendation.introChief" : "commendation.intro")}
          </p>
        </div>
        {proposing ? null : (
          <div className="page-header__actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setProposing(true)}
              data-testid="commendation-propose"
            >
              {t("commendation.propose")}
            </button>
          </div>
        )}
      </header>

      {proposing ? (
        <section className="card" aria-labelledby="commendation-form-title">
          <h2 className="card__title" id="commendation-form-title">
            {t("commendation.propose")}
          </h2>
          <CommendationForm
            communeId={communeId}
            initialReportId={initialReportId}
            takenReportIds={
              new Set(items.flatMap((c) => (c.reportId && c.status !== "rejected" ? [c.reportId] : [])))
            }
            onCancel={() => setProposing(false)}
            onCreated={(created) => {
              setProposing(false);
              list.setData({ items: [created, ...items] });
              flash.show(t("commendation.proposed", { name: created.recipientName }));
            }}
          />
        </section>
      ) : null}

      {items.length === 0 ? (
        <EmptyState>{t("commendation.empty")}</EmptyState>
      ) : (
        <CommendationList
          items={items}
          canDecide={canDecide}
          onDecided={(next, decided) => {
            list.setData({ items: items.map((c) => (c.id === next.id ? next : c)) });
            flash.show(t(decided ? "commendation.decided" : "commendation.rejected"));
          }}
        />
      )}
      <FlashToast flash={flash} />
    </section>
  );
}
