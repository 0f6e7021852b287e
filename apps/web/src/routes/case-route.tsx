import { Link } from "wouter";
import { ErrorNotice, FlashToast, Loading } from "../components/status";
import { CaseActions } from "../features/cases/case-actions";
import { CaseConversation } from "../features/cases/case-conversation";
import { CaseHistory } from "../features/cases/case-history";
import { attachmentUrl, getCase } from "../features/cases/cases-api";
import { chipDeadlines, DeadlineChip } from "../features/cases/deadline-chip";
import { ReporterCard } from "../features/cases/reporter-card";
import { ZaloCaseChannel } from "../features/cases/zalo-case-channel";
import {
  categoryLabel,
  channelLabel,
  deadlineLabel,
  eventLabel,
  kindLabel,
  outcomeLabel,
  stateBadgeClass,
  stateLabel,
} from "../features/reports/report-labels";
import { formatDateTime, formatDeadline } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { isCommuneChief } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/**
 * One report as the officer handles it. A report the reader may not see answers 404 exactly like a
 * missing one (DESIGN §4), so both get the same page.
 */
export function CaseRoute({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const detail = useQuery(`case:${caseId}`, (signal) => getCase(caseId, signal));
  const flash = useFlash();
  useDocumentTitle(detail.data ? categoryLabel(detail.data.category, t) : t("cases.title"), t("app.name"));

  const back = (
    <p className="breadcrumb">
      <Link href="/cases" className="link" data-testid="case-back">
        ← {t("case.back")}
      </Link>
    </p>
  );

  if (detail.status === "error" && !detail.data) {
    const unavailable =
      isApiError(detail.error, "NOT_FOUND") ||
      isApiError(detail.error, "FORBIDDEN") ||
      isApiError(detail.error, "VALIDATION_FAILED");
    return unavailable ? (
      <section className="not-found" data-testid="case-not-found">
        <h1>{t("case.notFoundTitle")}</h1>
        <p className="not-found__body">{t("case.notFoundBody")}</p>
        <Link href="/" className="btn btn--primary">
          {t("notFound.home")}
        </Link>
      </section>
    ) : (
      <ErrorNotice error={detail.error} onRetry={detail.reload} />
    );
  }
  if (!detail.data) {
    return <Loading />;
  }
  const data = detail.data;
  const isChief = isCommuneChief(me, data.communeId);
  const deadlines = data.deadlines ?? [];
  const assigneeName = data.assignee?.name ?? (data.assigneeUserId === me.user.id ? me.user.name : null);

  return (
    <section className="case-page" data-testid="case-page" data-case-id={data.id}>
      {back}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{categoryLabel(data.category, t)}</h1>
          <p className="page-header__subtitle badges">
            {data.urgent ? <span className="badge badge--danger">{t("cases.urgent")}</span> : null}
            <span className={stateBadgeClass(data.state)} data-testid="case-state">
              {stateLabel(data.state, t)}
            </span>
            <span className="badge badge--muted">{kindLabel(data.kind, t)}</span>
          </p>
          {/* The pressing deadlines at the top, where a phone shows them first. */}
          {chipDeadlines(data.state, deadlines).length > 0 ? (
            <p className="case-item__deadlines case-header__deadlines">
              {chipDeadlines(data.state, deadlines).map((d) => (
                <DeadlineChip key={d.code} deadline={d} />
              ))}
            </p>
          ) : null}
        </div>
      </header>

      <div className="case-layout">
        <div className="case-layout__main">
          <section className="card" data-testid="case-content">
            <h2 className="card__title">{t("case.content")}</h2>
            <p className="prose case-description" data-testid="case-description">
              {data.description}
            </p>
            {data.announcement ? (
              <p className="notice notice--info" data-testid="case-announcement">
                <Link href={`/announcements/${data.announcement.id}`} className="link">
                  {t("report.about", { title: data.announcement.title })}
                </Link>
              </p>
            ) : null}
            <dl className="details case-facts">
              <div>
                <dt>{t("case.occurredAt")}</dt>
                <dd>{data.occurredAt ? formatDateTime(data.occurredAt) : t("case.unknown")}</dd>
              </div>
              <div>
                <dt>{t("case.location")}</dt>
                <dd>{data.location || t("case.unknown")}</dd>
              </div>
            </dl>
            {data.attachments.length > 0 ? (
              <>
                <h3 className="section-label">{t("case.photos")}</h3>
                <ul className="case-photos" data-testid="case-photos">
                  {data.attachments.map((a, index) => (
                    <li key={a.id}>
                      <a href={attachmentUrl(data.id, a.id)} target="_blank" rel="noopener">
                        <img
                          className="case-photos__img"
                          src={attachmentUrl(data.id, a.id)}
                          alt={t("case.photoAlt", { n: index + 1 })}
                          loading="lazy"
                          data-testid="case-photo"
                        />
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          {/* A report from the Zalo OA: whether replies can still reach the reporter there. */}
          <ZaloCaseChannel
            caseId={data.id}
            expected={data.channel.startsWith("zalo")}
            version={data.messages.length}
          />
          <CaseConversation
            detail={data}
            onSent={(updated, internal) => {
              detail.setData(updated);
              flash.show(internal ? t("case.noteSaved") : t("case.messageSent"));
            }}
          />
        </div>

        <div className="case-layout__side">
          <section className="card" data-testid="case-summary">
            <dl className="details details--single">
              <div>
                <dt>{t("case.state")}</dt>
                <dd>{stateLabel(data.state, t)}</dd>
              </div>
              <div>
                <dt>{t("case.kind")}</dt>
                <dd>{kindLabel(data.kind, t)}</dd>
              </div>
              <div>
                <dt>{t("case.hamlet")}</dt>
                <dd>{data.hamlet?.name ?? t("cases.wholeCommune")}</dd>
              </div>
              <div>
                <dt>{t("case.receivedAt")}</dt>
                <dd>{formatDateTime(data.receivedAt)}</dd>
              </div>
              <div>
                <dt>{t("case.assignee")}</dt>
                <dd>{assigneeName ?? (data.assigneeUserId ? "—" : t("case.noAssignee"))}</dd>
              </div>
              <div>
                <dt>{t("case.channel")}</dt>
                <dd>{channelLabel(data.channel, t)}</dd>
              </div>
            </dl>
          </section>

          {deadlines.length > 0 ? (
            <section className="card" data-testid="case-deadlines">
              <h2 className="card__title">{t("case.deadlines")}</h2>
              <ul className="case-deadlines">
                {deadlines.map((d) => (
                  <li key={d.code} className="case-deadlines__item">
                    {chipDeadlines(data.state, [d]).length > 0 ? (
                      <DeadlineChip deadline={d} withYear />
                    ) : (
                      <span className="deadline deadline--done">
                        {t("deadline.chip", {
                          label: deadlineLabel(d.code, t),
                          time: formatDeadline(d.legal, true),
                        })}
                      </span>
                    )}
                    <span className="case-deadlines__basis">{d.basis}</span>
                    {d.internal !== d.legal ? (
                      <span className="case-deadlines__basis">
                        {t("case.deadlineInternal", { time: formatDeadline(d.internal, true) })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {data.outcome ? (
            <section className="card" data-testid="case-outcome">
              <h2 className="card__title">{t("case.outcome")}</h2>
              <p>
                <strong>{outcomeLabel(data.outcome.code, t)}</strong>
                {data.outcome.valuable ? (
                  <span className="badge badge--success case-outcome__valuable">{t("case.valuable")}</span>
                ) : null}
              </p>
              <p className="prose">{data.outcome.summary}</p>
            </section>
          ) : null}

          <ReporterCard
            key={data.id}
            detail={data}
            grantCommuneId={isChief ? data.communeId : null}
            onGranted={flash.show}
            onRevealed={detail.reload}
          />

          <CaseActions
            detail={data}
            onDone={(updated, event) => {
              detail.setData(updated);
              flash.show(t("case.updated", { event: eventLabel(event, t) }));
            }}
          />

          <CaseHistory entries={data.history ?? []} />
        </div>
      </div>
      <FlashToast flash={flash} />
    </section>
  );
}
