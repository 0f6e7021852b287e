import type { TFeedSource } from "@binhyen/contracts";
import { useState } from "react";
import { Link } from "wouter";
import { ConfirmButton } from "../components/confirm-button";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { announcementCategoryLabel } from "../features/announcements/announcement-labels";
import { FeedSourceForm } from "../features/announcements/feed-source-form";
import {
  deleteFeedSource,
  listFeedSources,
  pollFeedSource,
  updateFeedSource,
} from "../features/announcements/feed-sources-api";
import { getCommune } from "../features/commune/commune-api";
import { formatDateTime, formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isCommuneChief } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/**
 * The commune chief's official feeds (the provincial police website and fanpage as RSS/Atom):
 * each new item becomes a draft with the "Nguồn chính thức" badge, or goes out at once when the
 * feed publishes automatically.
 */
export function FeedSourcesRoute({ communeId }: { communeId: string }) {
  const { t, locale } = useI18n();
  const chief = isCommuneChief(useMe(), communeId);
  const feeds = useQuery(`feed-sources:${communeId}`, (signal) => listFeedSources(communeId, signal));
  const commune = useQuery(`commune:${communeId}`, (signal) => getCommune(communeId, signal));
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const flash = useFlash();
  useDocumentTitle(t("feedSources.title"), t("app.name"));

  const act = async <T,>(
    feed: TFeedSource,
    action: () => Promise<T>,
    message: string | ((result: T) => string),
  ) => {
    setBusy(feed.id);
    setActionError(null);
    try {
      const result = await action();
      flash.show(typeof message === "string" ? message : message(result));
      feeds.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(null);
    }
  };

  const groups = commune.data?.hamlets.map((h) => ({ id: h.group.id, name: h.group.name })) ?? [];

  return (
    <section data-testid="feed-sources-page">
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}/announcements`} className="link">
          ← {t("feedSources.back")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("feedSources.title")}</h1>
          <p className="page-header__subtitle">{t("feedSources.subtitle")}</p>
        </div>
        {chief && !adding ? (
          <div className="page-header__actions">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setAdding(true)}
              data-testid="feed-source-add"
            >
              {t("feedSources.add")}
            </button>
          </div>
        ) : null}
      </header>

      {adding ? (
        <FeedSourceForm
          communeId={communeId}
          groups={groups}
          onCancel={() => setAdding(false)}
          onCreated={(title) => {
            setAdding(false);
            flash.show(t("feedSources.created", { title }));
            feeds.reload();
          }}
        />
      ) : null}
      {actionError ? <ErrorNotice error={actionError} /> : null}

      {feeds.status === "error" && !feeds.data ? (
        <PageError error={feeds.error} onRetry={feeds.reload} />
      ) : !feeds.data ? (
        <Loading />
      ) : feeds.data.items.length === 0 ? (
        <EmptyState>{t("feedSources.empty")}</EmptyState>
      ) : (
        <ul className="case-list" data-testid="feed-source-list">
          {feeds.data.items.map((feed) => (
            <li key={feed.id} className="card case-item" data-testid="feed-source-row">
              <span className="case-item__head">
                <span className="case-item__title">{feed.title}</span>
                <span className="badges">
                  <span className={feed.enabled ? "badge badge--success" : "badge badge--muted"}>
                    {feed.enabled ? t("feedSources.enabled") : t("feedSources.disabled")}
                  </span>
                  {feed.autoPublish ? (
                    <span className="badge badge--warning">{t("feedSources.autoPublishBadge")}</span>
                  ) : null}
                  {feed.failures > 0 ? (
                    <span className="badge badge--danger">
                      {t("feedSources.failures", { count: formatNumber(feed.failures, locale) })}
                    </span>
                  ) : null}
                </span>
              </span>
              <a
                className="link small feed-source__url"
                href={feed.url}
                target="_blank"
                rel="noopener noreferrer"
              >
                {feed.url}
              </a>
              <span className="case-item__meta">
                <span>{announcementCategoryLabel(feed.category, t)}</span>
                <span>
                  {feed.lastPolledAt
                    ? t("feedSources.lastPolled", { time: formatDateTime(feed.lastPolledAt) })
                    : t("feedSources.neverPolled")}
                </span>
                {feed.nextPollAt && feed.enabled ? (
                  <span>{t("feedSources.nextPoll", { time: formatDateTime(feed.nextPollAt) })}</span>
                ) : null}
                <span>{t("feedSources.items", { count: formatNumber(feed.itemCount, locale) })}</span>
              </span>
              {feed.lastError ? (
                <p className="notice notice--error small" data-testid="feed-source-error">
                  {t("feedSources.lastError", { error: feed.lastError })}
                </p>
              ) : null}
              <div className="form-actions feed-source__actions">
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  disabled={busy !== null}
                  onClick={() =>
                    void act(
                      feed,
                      () => pollFeedSource(feed.id),
                      (after) =>
                        after.lastError
                          ? t("feedSources.pollFailed", { title: feed.title })
                          : t("feedSources.polled", { title: feed.title }),
                    )
                  }
                  data-testid="feed-source-poll"
                >
                  {t("feedSources.pollNow")}
                </button>
                <button
                  type="button"
                  className="btn btn--secondary btn--small"
                  disabled={busy !== null}
                  onClick={() =>
                    void act(
                      feed,
                      () => updateFeedSource(feed.id, { enabled: !feed.enabled }),
                      feed.enabled ? t("feedSources.turnedOff") : t("feedSources.turnedOn"),
                    )
                  }
                  data-testid="feed-source-toggle"
                >
                  {feed.enabled ? t("feedSources.disable") : t("feedSources.enable")}
                </button>
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  disabled={busy !== null}
                  onClick={() =>
                    void act(
                      feed,
                      () => updateFeedSource(feed.id, { autoPublish: !feed.autoPublish }),
                      t("feedSources.saved"),
                    )
                  }
                >
                  {feed.autoPublish ? t("feedSources.autoPublishOff") : t("feedSources.autoPublishOn")}
                </button>
                <ConfirmButton
                  label={t("feedSources.delete")}
                  question={t("feedSources.deleteQuestion", { title: feed.title })}
                  onConfirm={() => act(feed, () => deleteFeedSource(feed.id), t("feedSources.deleted"))}
                  testId="feed-source-delete"
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <FlashToast flash={flash} />
    </section>
  );
}
