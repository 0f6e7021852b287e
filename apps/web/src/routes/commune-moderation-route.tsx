import { useCallback } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { getCommune } from "../features/commune/commune-api";
import { usePostEvents } from "../features/feed/feed-live";
import { ConsoleGroupsTable } from "../features/moderation/console-groups-table";
import { getModerationConsole } from "../features/moderation/moderation-api";
import { ModerationItem } from "../features/moderation/moderation-item";
import { ModerationSettingsPanel } from "../features/moderation/moderation-settings-panel";
import { RuleChart } from "../features/moderation/rule-chart";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";
import { communeTitle } from "./commune-title";

/**
 * The management team's console (plan II.5.2): every group's activity and queue, the groups whose
 * leader has left posts waiting past the alert time, violations by rule, the posts waiting across
 * the commune with the same actions as a group's moderation, and the commune's content policy.
 */
export function CommuneModerationRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const commune = useQuery(`commune:${communeId}`, (signal) => getCommune(communeId, signal));
  const board = useQuery(`moderation-console:${communeId}`, (signal) =>
    getModerationConsole(communeId, signal),
  );
  const flash = useFlash();
  useDocumentTitle(t("console.title"), t("app.name"));

  const reload = board.reload;
  usePostEvents(
    null,
    useCallback(() => reload(), [reload]),
  );

  if (board.status === "error" && !board.data) {
    return <PageError error={board.error} onRetry={board.reload} />;
  }
  if (!board.data) {
    return <Loading />;
  }
  const data = board.data;
  const n = (value: number) => formatNumber(value, locale);
  const totals = data.groups.reduce(
    (sum, g) => ({
      held: sum.held + g.held,
      flagged: sum.flagged + g.flagged,
      reported: sum.reported + g.reported,
      stale: sum.stale + (g.stale ? 1 : 0),
    }),
    { held: 0, flagged: 0, reported: 0, stale: 0 },
  );

  return (
    <section data-testid="console-page">
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}`} className="link">
          ← {commune.data ? communeTitle(commune.data, t) : t("nav.commune")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("console.title")}</h1>
          <p className="page-header__subtitle">{t("console.subtitle", { hours: n(data.holdAlertHours) })}</p>
        </div>
      </header>

      <ul className="stats" aria-label={t("console.summary")}>
        <li className="stats__item">
          <span className="stats__value" data-testid="console-total-held">
            {n(totals.held)}
          </span>
          <span className="stats__label">{t("console.held")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value" data-testid="console-total-flagged">
            {n(totals.flagged)}
          </span>
          <span className="stats__label">{t("console.flagged")}</span>
        </li>
        <li className="stats__item">
          <span className="stats__value" data-testid="console-total-reported">
            {n(totals.reported)}
          </span>
          <span className="stats__label">{t("console.reported")}</span>
        </li>
        <li className="stats__item">
          <span
            className={totals.stale > 0 ? "stats__value band-text--critical" : "stats__value"}
            data-testid="console-total-stale"
          >
            {n(totals.stale)}
          </span>
          <span className="stats__label">{t("console.staleGroups")}</span>
        </li>
      </ul>
      {board.status === "error" ? <ErrorNotice error={board.error} onRetry={board.reload} /> : null}

      <section className="card">
        <h2 className="card__title">{t("console.groups")}</h2>
        <ConsoleGroupsTable groups={data.groups} holdAlertHours={data.holdAlertHours} />
      </section>

      <section className="card">
        <h2 className="card__title">{t("console.byRule")}</h2>
        <p className="muted small">{t("console.byRuleHint")}</p>
        {data.byRule.length === 0 ? <p className="muted">{t("console.noViolations")}</p> : null}
        <RuleChart byRule={data.byRule} />
      </section>

      <h2 className="section-title">
        {t("console.pending")}{" "}
        <span className="badge badge--muted" data-testid="console-pending-count">
          {n(data.pending.length)}
        </span>
      </h2>
      {data.pending.length === 0 ? (
        <EmptyState>{t("console.noPending")}</EmptyState>
      ) : (
        <ol className="post-list" data-testid="console-pending">
          {data.pending.map((item) => (
            <li key={item.id}>
              <ModerationItem
                item={item}
                onDone={(message) => {
                  flash.show(message);
                  board.reload();
                }}
              />
            </li>
          ))}
        </ol>
      )}

      <ModerationSettingsPanel communeId={communeId} />
      <FlashToast flash={flash} />
    </section>
  );
}
