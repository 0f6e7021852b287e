import type { TDeputy, THamlet } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, FlashToast, Loading, Toast } from "../components/status";
import { AddDeputyDialog } from "../features/commune/add-deputy-dialog";
import { AddHamletDialog } from "../features/commune/add-hamlet-dialog";
import { ChangeLeaderDialog } from "../features/commune/change-leader-dialog";
import { getCommune, removeDeputy } from "../features/commune/commune-api";
import { HamletCard } from "../features/commune/hamlet-card";
import { getCommuneCoverage } from "../features/reach/coverage-api";
import { formatNumber, formatPercent } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { errorText } from "../lib/error-text";
import { canWriteAnnouncements, isCommuneStaff } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";
import { communeTitle } from "./commune-title";

type Dialog =
  | { kind: "addHamlet" }
  | { kind: "changeLeader"; hamlet: THamlet }
  | { kind: "addDeputy"; hamlet: THamlet }
  | null;

export function CommuneRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const commune = useQuery(`commune:${communeId}`, (signal) => getCommune(communeId, signal));
  const coverage = useQuery(`coverage:${communeId}`, (signal) => getCommuneCoverage(communeId, signal));
  const [dialog, setDialog] = useState<Dialog>(null);
  const flash = useFlash();
  const [actionError, setActionError] = useState<string | null>(null);
  const canManage = isCommuneStaff(me, communeId);
  useDocumentTitle(commune.data ? communeTitle(commune.data, t) : null, t("app.name"));

  if (commune.status === "error" && !commune.data) {
    return <PageError error={commune.error} onRetry={commune.reload} />;
  }
  if (!commune.data) {
    return <Loading />;
  }
  const data = commune.data;
  const totalMembers = data.hamlets.reduce((sum, h) => sum + h.group.memberCount, 0);
  const withLeader = data.hamlets.filter((h) => h.group.leader !== null).length;
  const n = (value: number) => formatNumber(value, locale);

  const onRemoveDeputy = async (hamlet: THamlet, deputy: TDeputy) => {
    setActionError(null);
    try {
      await removeDeputy(hamlet.group.id, deputy.userId);
      flash.show(t("hamlet.deputyRemoved", { name: deputy.name }));
      commune.reload();
    } catch (error) {
      setActionError(errorText(error, t, locale));
    }
  };

  return (
    <section data-testid="commune-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{communeTitle(data, t)}</h1>
          <p className="page-header__subtitle">
            {t("commune.provinceLabel", { name: data.province.name })}
            {data.requireTotp ? <span className="badge badge--info">{t("commune.totpRequired")}</span> : null}
          </p>
        </div>
        <div className="page-header__actions">
          {canWriteAnnouncements(me, communeId) ? (
            <Link
              href={`/communes/${communeId}/announcements`}
              className="btn btn--secondary"
              data-testid="announcements-link"
            >
              {t("commune.announcementsLink")}
            </Link>
          ) : null}
          <Link
            href={`/communes/${communeId}/coverage`}
            className="btn btn--secondary"
            data-testid="coverage-link"
          >
            {t("commune.coverageLink")}
          </Link>
          {canManage ? (
            <>
              <Link
                href={`/communes/${communeId}/officers`}
                className="btn btn--secondary"
                data-testid="officers-link"
              >
                {t("commune.manageOfficers")}
              </Link>
              <Link
                href={`/communes/${communeId}/review`}
                className="btn btn--secondary"
                data-testid="review-link"
              >
                {t("review.link")}
              </Link>
              <Link
                href={`/communes/${communeId}/moderation`}
                className="btn btn--secondary"
                data-testid="console-link"
              >
                {t("console.link")}
              </Link>
              <Link
                href={`/communes/${communeId}/zalo`}
                className="btn btn--secondary"
                data-testid="zalo-link"
              >
                {t("zalo.nav")}
              </Link>
              <button
                type="button"
                className="btn btn--primary"
                onClick={() => setDialog({ kind: "addHamlet" })}
                data-testid="add-hamlet"
              >
                {t("commune.addHamlet")}
              </button>
            </>
          ) : null}
        </div>
      </header>

      <ul className="stats" aria-label={t("commune.hamletsHeading")}>
        <li className="stats__item">
          <span className="stats__value">{n(data.hamlets.length)}</span>
          <span className="stats__label">{t("commune.statHamlets")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value">
            {n(withLeader)}/{n(data.hamlets.length)}
          </span>
          <span className="stats__label">{t("commune.statWithLeader")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value">{n(totalMembers)}</span>
          <span className="stats__label">{t("commune.statMembers")}</span>
        </li>
        {coverage.data ? (
          <li className="stats__item">
            <Link
              href={`/communes/${communeId}/coverage`}
              className="stats__link"
              data-testid="commune-coverage-stat"
            >
              <span className="stats__value">
                {n(coverage.data.covered)}/{n(coverage.data.households)}{" "}
                <span className="stats__sub">({formatPercent(coverage.data.percent, locale)})</span>
              </span>
              <span className="stats__label">{t("commune.statCoverage")}</span>
            </Link>
          </li>
        ) : null}
      </ul>

      {!canManage ? <p className="muted">{t("commune.readOnly")}</p> : null}

      <h2 className="section-title">{t("commune.hamletsHeading")}</h2>
      {data.hamlets.length === 0 ? (
        <EmptyState>{t("commune.noHamlets")}</EmptyState>
      ) : (
        <div className="hamlet-grid" data-testid="hamlet-list">
          {data.hamlets.map((hamlet) => (
            <HamletCard
              key={hamlet.id}
              hamlet={hamlet}
              canManage={canManage}
              onChangeLeader={() => setDialog({ kind: "changeLeader", hamlet })}
              onAddDeputy={() => setDialog({ kind: "addDeputy", hamlet })}
              onRemoveDeputy={(deputy) => onRemoveDeputy(hamlet, deputy)}
            />
          ))}
        </div>
      )}

      {dialog?.kind === "addHamlet" ? (
        <AddHamletDialog
          communeId={communeId}
          onClose={() => setDialog(null)}
          onCreated={(name) => {
            setDialog(null);
            flash.show(t("hamletForm.created", { name }));
            commune.reload();
          }}
        />
      ) : null}
      {dialog?.kind === "changeLeader" ? (
        <ChangeLeaderDialog
          communeId={communeId}
          group={{
            id: dialog.hamlet.group.id,
            name: dialog.hamlet.group.name,
            leaderUserId: dialog.hamlet.group.leader?.userId ?? null,
          }}
          onClose={() => setDialog(null)}
          onChanged={() => {
            const name = dialog.hamlet.group.name;
            setDialog(null);
            flash.show(t("leaderForm.done", { group: name }));
            commune.reload();
          }}
        />
      ) : null}
      {dialog?.kind === "addDeputy" ? (
        <AddDeputyDialog
          group={{ id: dialog.hamlet.group.id, name: dialog.hamlet.group.name }}
          onClose={() => setDialog(null)}
          onAdded={() => commune.reload()}
        />
      ) : null}
      <FlashToast flash={flash} />
      {actionError ? (
        <Toast kind="error" onClose={() => setActionError(null)}>
          {actionError}
        </Toast>
      ) : null}
    </section>
  );
}
