import type { THandover, THandoverParty } from "@binhyen/contracts";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { ErrorNotice, FlashToast, Loading } from "../components/status";
import { confirmHandover, getHandover, handoverRecordUrl } from "../features/handover/handover-api";
import { categoryLabel, stateLabel } from "../features/reports/report-labels";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneStaff } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";
import { useSubmit } from "../lib/use-submit";

const PARTIES: readonly THandoverParty[] = ["FROM", "TO", "CHIEF"];

function confirmedAt(handover: THandover, party: THandoverParty): string | null {
  switch (party) {
    case "FROM":
      return handover.confirmations.fromConfirmedAt;
    case "TO":
      return handover.confirmations.toConfirmedAt;
    case "CHIEF":
      return handover.confirmations.chiefConfirmedAt;
  }
}

/**
 * A leader handover (biên bản bàn giao): what was handed over as counted at the time, and the three
 * confirmations — Người giao, Người nhận, Trưởng Công an xã. Each person confirms their own part.
 */
export function HandoverRoute({ handoverId }: { handoverId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const handover = useQuery(`handover:${handoverId}`, (signal) => getHandover(handoverId, signal));
  const submit = useSubmit();
  const flash = useFlash();
  useDocumentTitle(
    handover.data ? t("handover.pageTitle", { group: handover.data.group.name }) : t("handover.title"),
    t("app.name"),
  );

  if (handover.status === "error" && !handover.data) {
    return <PageError error={handover.error} onRetry={handover.reload} />;
  }
  if (!handover.data) {
    return <Loading />;
  }
  const data = handover.data;
  const snap = data.snapshot;
  const n = (value: number) => formatNumber(value, locale);
  const signer = (party: THandoverParty) =>
    party === "FROM" ? (data.from?.name ?? "—") : party === "TO" ? data.to.name : t("handover.chiefSigner");

  const onConfirm = async () => {
    const result = await submit.run(() => confirmHandover(data.id));
    if (result.ok) {
      handover.setData(result.value);
      flash.show(t("handover.confirmed"));
    }
  };

  const stats: { key: string; label: string; value: number }[] = [
    { key: "open", label: t("handover.openReports"), value: snap.openReports.count },
    { key: "moved", label: t("handover.movedReports"), value: snap.movedReports },
    { key: "held", label: t("handover.heldPosts"), value: snap.heldPosts },
    { key: "members", label: t("handover.members"), value: snap.members.count },
    { key: "invites", label: t("handover.pendingInvites"), value: snap.pendingInvites },
    { key: "requests", label: t("handover.pendingJoinRequests"), value: snap.pendingJoinRequests },
  ];

  return (
    <section data-testid="handover-page" data-handover-id={data.id}>
      <p className="breadcrumb">
        <Link href={`/groups/${data.group.id}`} className="link">
          ← {data.group.name}
        </Link>
        {isCommuneStaff(me, data.communeId) ? (
          <>
            {" · "}
            <Link href={`/communes/${data.communeId}`} className="link">
              {t("nav.commune")}
            </Link>
          </>
        ) : null}
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("handover.title")}</h1>
          <p className="page-header__subtitle">
            {data.group.name} · {data.group.hamletName}
          </p>
        </div>
        <div className="page-header__actions">
          <a
            href={handoverRecordUrl(data.id)}
            className="btn btn--secondary"
            download
            data-testid="handover-docx"
          >
            {t("handover.download")}
          </a>
        </div>
      </header>

      <section className="card">
        <dl className="details handover-facts">
          <div>
            <dt>{t("handover.from")}</dt>
            <dd data-testid="handover-from">{data.from?.name ?? t("hamlet.noLeader")}</dd>
          </div>
          <div>
            <dt>{t("handover.to")}</dt>
            <dd data-testid="handover-to">{data.to.name}</dd>
          </div>
          <div>
            <dt>{t("handover.reason")}</dt>
            <dd>{data.reason}</dd>
          </div>
          <div>
            <dt>{t("handover.createdBy")}</dt>
            <dd>
              {data.createdBy.name} · {formatDateTime(data.createdAt)}
            </dd>
          </div>
        </dl>
      </section>

      <section className="card" data-testid="handover-confirmations">
        <h2 className="card__title">{t("handover.confirmations")}</h2>
        <ul className="plain-list confirmations">
          {PARTIES.map((party) => {
            const at = confirmedAt(data, party);
            const mine = data.canConfirm.includes(party);
            return (
              <li key={party} className="confirmations__item" data-testid={`confirm-${party}`}>
                <span className="confirmations__who">
                  <span className="confirmations__role">{t(`handover.party.${party}`)}</span>
                  <span>{signer(party)}</span>
                </span>
                {at ? (
                  <span className="badge badge--success">
                    {t("handover.confirmedAt", { time: formatDateTime(at) })}
                  </span>
                ) : mine ? (
                  <button
                    type="button"
                    className="btn btn--primary btn--small"
                    disabled={submit.busy}
                    onClick={() => void onConfirm()}
                    data-testid={`confirm-button-${party}`}
                  >
                    {t("handover.confirm")}
                  </button>
                ) : (
                  <span className="badge badge--muted">{t("handover.notConfirmed")}</span>
                )}
              </li>
            );
          })}
        </ul>
        {data.canConfirm.length > 1 ? <p className="muted small">{t("handover.confirmAllHint")}</p> : null}
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
      </section>

      <section className="card" data-testid="handover-snapshot">
        <h2 className="card__title">{t("handover.snapshot")}</h2>
        <p className="muted small">{t("handover.takenAt", { time: formatDateTime(snap.takenAt) })}</p>
        <ul className="stats stats--compact">
          {stats.map((s) => (
            <li key={s.key} className="stats__item">
              <span className="stats__value" data-testid={`handover-count-${s.key}`}>
                {n(s.value)}
              </span>
              <span className="stats__label">{s.label}</span>
            </li>
          ))}
        </ul>

        <h3 className="section-label">{t("handover.openCases")}</h3>
        {snap.openReports.items.length === 0 ? (
          <p className="muted">{t("handover.noOpenCases")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="handover-cases">
              <thead>
                <tr>
                  <th scope="col">{t("handover.caseId")}</th>
                  <th scope="col">{t("handover.caseCategory")}</th>
                  <th scope="col">{t("handover.caseState")}</th>
                  <th scope="col">{t("handover.caseReceived")}</th>
                </tr>
              </thead>
              <tbody>
                {snap.openReports.items.map((item) => (
                  <tr key={item.shortId}>
                    <th scope="row">
                      <code>{item.shortId}</code>
                    </th>
                    <td>{categoryLabel(item.category, t)}</td>
                    <td>{stateLabel(item.state, t)}</td>
                    <td>{formatDate(item.receivedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <details className="chart-data handover-members">
          <summary>
            {t("handover.representatives", { count: n(snap.members.householdRepresentatives.length) })}
          </summary>
          <ul className="plain-list handover-members__list">
            {snap.members.householdRepresentatives.map((name, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: names repeat; the list is fixed
              <li key={index}>{name}</li>
            ))}
          </ul>
        </details>
      </section>
      <FlashToast flash={flash} />
    </section>
  );
}
