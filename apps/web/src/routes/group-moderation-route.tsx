import { useCallback, useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, FlashToast, Loading } from "../components/status";
import { usePostEvents } from "../features/feed/feed-live";
import { getGroup } from "../features/group/group-api";
import { getModerationQueue, type TModerationQueue } from "../features/moderation/moderation-api";
import { ModerationItem } from "../features/moderation/moderation-item";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

type QueueTab = keyof TModerationQueue;
const TABS: readonly QueueTab[] = ["held", "flagged", "reported"];

/**
 * A group's moderation for its leader and deputies and the commune's chief and deputies: posts
 * waiting for a decision, posts that went out with a flag, and posts members reported. Follows the
 * live stream, so a post held a moment ago shows without a reload.
 */
export function GroupModerationRoute({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const group = useQuery(`group:${groupId}`, (signal) => getGroup(groupId, signal));
  const queue = useQuery(`moderation:${groupId}`, (signal) => getModerationQueue(groupId, signal));
  const [tab, setTab] = useState<QueueTab>("held");
  const flash = useFlash();
  useDocumentTitle(
    group.data ? t("moderation.pageTitle", { name: group.data.name }) : t("moderation.title"),
    t("app.name"),
  );

  const reload = queue.reload;
  usePostEvents(
    groupId,
    useCallback(() => reload(), [reload]),
  );

  const error = queue.status === "error" && !queue.data ? queue.error : group.error;
  if ((queue.status === "error" && !queue.data) || (group.status === "error" && !group.data)) {
    return <PageError error={error} onRetry={queue.status === "error" ? queue.reload : group.reload} />;
  }
  if (!queue.data || !group.data) {
    return <Loading />;
  }
  const data = queue.data;
  const items = data[tab];

  return (
    <section data-testid="moderation-page" data-group-id={groupId}>
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}`} className="link">
          ← {t("posts.toGroup")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("moderation.title")}</h1>
          <p className="page-header__subtitle">{group.data.name}</p>
        </div>
        <div className="page-header__actions">
          <Link
            href={`/groups/${groupId}/posts`}
            className="btn btn--secondary"
            data-testid="moderation-posts-link"
          >
            {t("groupTabs.posts")}
          </Link>
        </div>
      </header>

      <div className="queue-tabs" role="tablist" aria-label={t("moderation.tabsLabel")}>
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`queue-tab-${key}`}
            aria-selected={tab === key}
            aria-controls="queue-panel"
            className={tab === key ? "queue-tabs__tab is-active" : "queue-tabs__tab"}
            onClick={() => setTab(key)}
            data-testid={`queue-tab-${key}`}
          >
            {t(`moderation.tab.${key}`)}
            <span
              className={data[key].length > 0 ? "badge badge--danger" : "badge badge--muted"}
              data-testid={`queue-count-${key}`}
            >
              {formatNumber(data[key].length, locale)}
            </span>
          </button>
        ))}
      </div>

      <div id="queue-panel" role="tabpanel" aria-labelledby={`queue-tab-${tab}`} data-testid="queue-panel">
        {queue.status === "error" ? <ErrorNotice error={queue.error} onRetry={queue.reload} /> : null}
        {items.length === 0 ? (
          <EmptyState>{t(`moderation.empty.${tab}`)}</EmptyState>
        ) : (
          <ol className="post-list">
            {items.map((item) => (
              <li key={item.id}>
                <ModerationItem
                  item={item}
                  onDone={(message) => {
                    flash.show(message);
                    queue.reload();
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </div>
      <FlashToast flash={flash} />
    </section>
  );
}
