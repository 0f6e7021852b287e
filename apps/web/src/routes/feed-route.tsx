import { Link, Redirect } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, Loading } from "../components/status";
import { getMyFeeds } from "../features/feed/feed-api";
import { useOnline } from "../features/feed/use-online";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/** "Bảng tin": the groups whose announcements the person reads; with one group, straight to it. */
export function FeedRoute() {
  const { t, locale } = useI18n();
  const online = useOnline();
  const feeds = useQuery("my-feeds", (signal) => getMyFeeds(signal));
  useDocumentTitle(t("feed.title"), t("app.name"));

  if (feeds.status === "error" && !feeds.data) {
    return <PageError error={feeds.error} onRetry={feeds.reload} />;
  }
  if (!feeds.data) {
    return <Loading />;
  }
  const { groups } = feeds.data.data;
  const only = groups.length === 1 ? groups[0] : undefined;
  if (only) {
    return <Redirect to={`/groups/${only.id}/feed`} replace />;
  }
  return (
    <section className="feed-page" data-testid="feeds-page">
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("feed.title")}</h1>
          <p className="page-header__subtitle">{t("feed.chooseGroup")}</p>
        </div>
      </header>
      {feeds.data.offline || !online ? (
        <p className="notice notice--warning" role="status" data-testid="offline-banner">
          {t("feed.offline")}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <EmptyState>{t("feed.noGroups")}</EmptyState>
      ) : (
        <ul className="case-list" data-testid="feed-groups">
          {groups.map((group) => (
            <li key={group.id}>
              <Link href={`/groups/${group.id}/feed`} className="card case-item" data-testid="feed-group">
                <span className="case-item__head">
                  <span className="case-item__title">{group.name}</span>
                  <span className={group.unread > 0 ? "badge badge--danger" : "badge badge--muted"}>
                    {t("feed.unreadCount", { count: formatNumber(group.unread, locale) })}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
