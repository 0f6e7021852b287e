import { useCallback, useState } from "react";
import { Link } from "wouter";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, Loading } from "../components/status";
import { usePostEvents } from "../features/feed/feed-live";
import { GroupTabs } from "../features/group/group-tabs";
import { PostCard } from "../features/posts/post-card";
import { PostComposer } from "../features/posts/post-composer";
import { listPosts, type TPost } from "../features/posts/posts-api";
import { formatDateTime, formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/** Newest thread first, each post once (a later page may repeat one the live reload brought). */
function arrange(items: readonly TPost[]): TPost[] {
  const seen = new Set<string>();
  return items
    .filter((item) => {
      if (seen.has(item.id)) {
        return false;
      }
      seen.add(item.id);
      return true;
    })
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/**
 * "Thảo luận": members' threads of one group, newest first, with replies. The author also sees
 * their own posts that wait for a moderator or were refused, with the reasons. The list follows
 * the live stream's "post" events for this group (new posts, moderators' decisions).
 */
export function GroupPostsRoute({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const posts = useQuery(`posts:${groupId}`, (signal) => listPosts(groupId, undefined, signal));
  const [more, setMore] = useState<{ items: TPost[]; cursor: string | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  useDocumentTitle(
    posts.data ? t("posts.pageTitle", { name: posts.data.group.name }) : t("posts.title"),
    t("app.name"),
  );

  const reload = posts.reload;
  usePostEvents(
    groupId,
    useCallback(() => reload(), [reload]),
  );

  if (posts.status === "error" && !posts.data) {
    return <PageError error={posts.error} onRetry={posts.reload} />;
  }
  if (!posts.data) {
    return <Loading />;
  }
  const data = posts.data;
  const items = arrange([...data.items, ...(more?.items ?? [])]);
  const cursor = more ? more.cursor : data.nextCursor;

  const loadMore = async (before: string) => {
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await listPosts(groupId, before);
      setMore((current) => ({ items: [...(current?.items ?? []), ...page.items], cursor: page.nextCursor }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setMoreBusy(false);
    }
  };

  return (
    <section className="posts-page" data-testid="group-posts-page" data-group-id={groupId}>
      <p className="breadcrumb">
        <Link href={`/groups/${groupId}`} className="link">
          ← {t("posts.toGroup")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("posts.title")}</h1>
          <p className="page-header__subtitle">{data.group.name}</p>
        </div>
        {data.me.moderator ? (
          <div className="page-header__actions">
            <Link
              href={`/groups/${groupId}/moderation`}
              className="btn btn--secondary"
              data-testid="posts-moderation-link"
            >
              {t("moderation.link")}
            </Link>
          </div>
        ) : null}
      </header>
      <GroupTabs groupId={groupId} officer={data.me.moderator} current="posts" />

      {data.group.postingMode === "premoderated" && !data.me.moderator ? (
        <p className="notice notice--info" data-testid="posts-premoderated">
          {t("posts.premoderatedNote")}
        </p>
      ) : null}
      {data.me.warnings > 0 ? (
        <p className="notice notice--warning" data-testid="posts-warnings">
          {t("posts.warnings", { count: formatNumber(data.me.warnings, locale) })}
        </p>
      ) : null}
      {data.me.mutedUntil && data.me.canPost ? (
        <p className="notice notice--warning">
          {t("posts.mutedUntil", { time: formatDateTime(data.me.mutedUntil) })}
        </p>
      ) : null}

      <PostComposer
        groupId={groupId}
        canPost={data.me.canPost}
        cannotPostReason={data.me.cannotPostReason}
        onPosted={() => posts.reload()}
      />

      <h2 className="section-title">{t("posts.threads")}</h2>
      {items.length === 0 ? (
        <EmptyState>{t("posts.empty")}</EmptyState>
      ) : (
        <ol className="post-list" aria-label={t("posts.threads")} data-testid="post-list">
          {items.map((post) => (
            <li key={post.id}>
              <PostCard
                post={post}
                canPost={data.me.canPost}
                cannotPostReason={data.me.cannotPostReason}
                onChanged={() => posts.reload()}
              />
            </li>
          ))}
        </ol>
      )}
      {posts.status === "error" ? <ErrorNotice error={posts.error} onRetry={posts.reload} /> : null}
      {moreError ? <ErrorNotice error={moreError} /> : null}
      {cursor ? (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--secondary btn--block"
            disabled={moreBusy}
            onClick={() => void loadMore(cursor)}
            data-testid="posts-more"
          >
            {moreBusy ? t("common.loading") : t("posts.more")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
