import type { TGroupDetail } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { ErrorNotice, Loading } from "../../components/status";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { canEditHouseholds, canViewCommune } from "../../lib/roles";
import { useMe } from "../../lib/session";
import { useQuery } from "../../lib/use-query";
import { getHamletCoverage } from "../reach/coverage-api";
import { CoverageHeadline } from "../reach/coverage-headline";
import { GroupQrDialog } from "./group-qr-dialog";
import { listJoinRequests, posterUrl } from "./outreach-api";

/**
 * On the group page, for those who work on reaching every household: the hamlet's coverage and
 * the ways to grow it (household list, import, join requests, poster, the group's QR code).
 */
export function OutreachCard({ group }: { group: TGroupDetail }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [showQr, setShowQr] = useState(false);
  const canEdit = canEditHouseholds(me, group);
  const coverage = useQuery(`hamlet-coverage:${group.hamlet.id}`, (signal) =>
    getHamletCoverage(group.hamlet.id, signal),
  );
  const requests = useQuery(canEdit ? `join-requests:${group.id}` : null, (signal) =>
    listJoinRequests(group.id, signal),
  );
  const householdsHref = `/hamlets/${group.hamlet.id}/households`;
  const pending = requests.data?.items.length ?? 0;
  const notReached = coverage.data
    ? Object.values(coverage.data.notReached).reduce((sum, value) => sum + value, 0)
    : 0;

  return (
    <section className="card outreach" aria-labelledby="outreach-title" data-testid="outreach-card">
      <h2 className="card__title" id="outreach-title">
        {t("outreach.title")}
      </h2>
      {coverage.status === "error" ? (
        <ErrorNotice error={coverage.error} onRetry={coverage.reload} />
      ) : !coverage.data ? (
        <Loading />
      ) : (
        <>
          <CoverageHeadline
            households={coverage.data.households}
            covered={coverage.data.covered}
            percent={coverage.data.percent}
            testId="hamlet-coverage"
          />
          {notReached > 0 ? (
            <p className="muted small">
              <Link href={`${householdsHref}?reached=no`} className="link" data-testid="outreach-not-reached">
                {t("outreach.notReached", { count: formatNumber(notReached, locale) })}
              </Link>
            </p>
          ) : null}
        </>
      )}
      <div className="outreach__links">
        <Link href={householdsHref} className="btn btn--primary btn--small" data-testid="outreach-households">
          {t("outreach.households")}
        </Link>
        {canEdit ? (
          <>
            <Link
              href={`/hamlets/${group.hamlet.id}/import`}
              className="btn btn--secondary btn--small"
              data-testid="outreach-import"
            >
              {t("outreach.import")}
            </Link>
            <Link
              href={`/groups/${group.id}/join-requests`}
              className="btn btn--secondary btn--small"
              data-testid="outreach-join-requests"
            >
              {pending > 0
                ? t("outreach.joinRequestsCount", { count: formatNumber(pending, locale) })
                : t("outreach.joinRequests")}
            </Link>
          </>
        ) : null}
        <a
          className="btn btn--secondary btn--small"
          href={posterUrl(group.id)}
          download
          data-testid="outreach-poster"
        >
          {t("outreach.poster")}
        </a>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => setShowQr(true)}
          data-testid="outreach-qr"
        >
          {t("outreach.qr")}
        </button>
        {canViewCommune(me, group.communeId) ? (
          <Link
            href={`/communes/${group.communeId}/coverage`}
            className="btn btn--ghost btn--small"
            data-testid="outreach-commune-coverage"
          >
            {t("outreach.communeCoverage")}
          </Link>
        ) : null}
      </div>
      {showQr ? <GroupQrDialog group={group} onClose={() => setShowQr(false)} /> : null}
    </section>
  );
}
