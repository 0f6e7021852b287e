import type { TFeed, TFeedItem } from "@binhyen/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useSearch } from "wouter";
import { Field } from "../components/field";
import { PageError } from "../components/page-error";
import { EmptyState, ErrorNotice, Loading } from "../components/status";
import { announcementCategoryLabel, CATEGORY_LIST } from "../features/announcements/announcement-labels";
import { acknowledge, type Fetched, getGroupFeed, markRead } from "../features/feed/feed-api";
import { FeedItem } from "../features/feed/feed-item";
import { useAnnouncementEvents, useFeedLive } from "../features/feed/feed-live";
import { PushToggle } from "../features/feed/push-toggle";
import { useOnline } from "../features/feed/use-online";
import { GroupTabs } from "../features/group/group-tabs";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { canReadGroupLife, canWriteAnnouncements, isGroupOfficer, readsFeedAsMember } from "../lib/roles";
import { useMe } from "../lib/session";
import { useDebounced } from "../lib/use-debounced";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";

/** Pinned first, then the newest; the order the server sends within each. */
function arrange(items: readonly TFeedItem[]): TFeedItem[] {
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    if (seen.has(item.id)) {
      return false;
    }
    seen.add(item.id);
    return true;
  });
  return unique
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        Number(b.item.pinned) - Number(a.item.pinned) ||
        Date.parse(b.item.publishedAt) - Date.parse(a.item.publishedAt) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/**
 * "Bảng tin" of one group: its announcements, newest first with the pinned ones on top, filtered
 * by category or searched (the server ignores diacritics), a page at a time. New announcements
 * arrive over the live stream and appear without a reload. Opening an item records that the
 * household has read it; "Đã nhận" acknowledges it. Offline, the service worker's last copy shows.
 */
export function GroupFeedRoute({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const online = useOnline();
  const { refreshUnread } = useFeedLive();
  const openParam = new URLSearchParams(useSearch()).get("open") ?? "";
  const [category, setCategory] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 350);
  const key = `group-feed:${groupId}:${category}:${q}`;
  const feed = useQuery<Fetched<TFeed>>(key, (signal) => getGroupFeed(groupId, { category, q }, signal));
  const [more, setMore] = useState<{ key: string; items: TFeedItem[]; cursor: string | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  /** Read and acknowledged on this device since the page loaded, before the server says so. */
  const [local, setLocal] = useState<Record<string, { readAt?: string; ackAt?: string }>>({});
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [liveNote, setLiveNote] = useState<string | null>(null);
  const shownRef = useRef<{ groupId: string; value: Fetched<TFeed> } | null>(null);
  const knownIds = useRef<{ key: string; ids: Set<string> } | null>(null);
  const openedFromLink = useRef(false);
  const memberView = readsFeedAsMember(me, groupId);

  const data = feed.data?.data;
  useDocumentTitle(data ? t("feed.groupTitle", { name: data.group.name }) : t("feed.title"), t("app.name"));

  // Ids seen at first load (of these filters): anything the stream brings after that is "new".
  useEffect(() => {
    if (!data) {
      return;
    }
    const ids = data.items.map((item) => item.id);
    if (knownIds.current?.key !== key) {
      knownIds.current = { key, ids: new Set(ids) };
      return;
    }
    const known = knownIds.current.ids;
    const added = ids.filter((id) => !known.has(id));
    if (added.length > 0) {
      for (const id of added) {
        known.add(id);
      }
      setFresh((current) => new Set([...current, ...added]));
    }
  }, [data, key]);

  const reload = feed.reload;
  useAnnouncementEvents(
    useCallback(
      (event) => {
        if (event.groupIds.includes(groupId)) {
          setLiveNote(
            event.urgent
              ? t("feed.liveUrgent", { title: event.title })
              : t("feed.liveNew", { title: event.title }),
          );
          reload();
        }
      },
      [groupId, reload, t],
    ),
  );

  const patchLocal = (id: string, change: { readAt?: string; ackAt?: string }) =>
    setLocal((current) => ({ ...current, [id]: { ...current[id], ...change } }));

  const onOpen = (item: TFeedItem) => {
    if (!memberView || item.readAt !== null) {
      return;
    }
    patchLocal(item.id, { readAt: new Date().toISOString() });
    markRead(item.id).then(refreshUnread, () => {
      // Offline: the server learns on the next opening; nothing for the reader to do.
    });
  };

  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  const onAck = async (item: TFeedItem) => {
    await acknowledge(item.id);
    const now = new Date().toISOString();
    patchLocal(item.id, { ackAt: now, ...(item.readAt ? {} : { readAt: now }) });
    refreshUnread();
  };

  // A notification's link (?open=<id>) opens that item, which counts as reading it.
  useEffect(() => {
    if (!data || !openParam || openedFromLink.current) {
      return;
    }
    const item = data.items.find((i) => i.id === openParam);
    if (item) {
      openedFromLink.current = true;
      onOpenRef.current(item);
    }
  }, [data, openParam]);

  const loadMore = async (cursor: string) => {
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await getGroupFeed(groupId, { category, q, before: cursor });
      setMore((current) => ({
        key,
        items: [...(current?.key === key ? current.items : []), ...page.data.items],
        cursor: page.data.nextCursor,
      }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setMoreBusy(false);
    }
  };

  // While other filters load, the page keeps showing (the search box keeps its focus).
  if (feed.data) {
    shownRef.current = { groupId, value: feed.data };
  }
  const shown = feed.data ?? (shownRef.current?.groupId === groupId ? shownRef.current.value : null);
  if (feed.status === "error" && !shown) {
    return <PageError error={feed.error} onRetry={feed.reload} />;
  }
  if (!shown) {
    return <Loading />;
  }
  const view = shown.data;
  const switching = feed.data === undefined;
  const extra = more?.key === key ? more : null;
  const items = arrange([...view.items, ...(extra?.items ?? [])]).map((item) => ({
    ...item,
    readAt: local[item.id]?.readAt ?? item.readAt,
    ackAt: local[item.id]?.ackAt ?? item.ackAt,
  }));
  const cursor = switching ? null : extra ? extra.cursor : view.nextCursor;
  const locallyRead = view.items.filter((item) => item.readAt === null && local[item.id]?.readAt).length;
  const unread = Math.max(0, view.unread - locallyRead);
  const offline = shown.offline || !online || feed.status === "error";
  const filtering = category !== "" || q !== "";

  return (
    <section className="feed-page" data-testid="group-feed-page" data-group-id={groupId}>
      {canWriteAnnouncements(me, view.group.communeId) ? (
        <p className="breadcrumb">
          <Link href={`/communes/${view.group.communeId}/announcements`} className="link">
            ← {t("feed.toAnnouncements")}
          </Link>
        </p>
      ) : null}
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("feed.title")}</h1>
          <p className="page-header__subtitle">
            {view.group.name}
            {memberView ? (
              <span
                className={unread > 0 ? "badge badge--danger" : "badge badge--muted"}
                data-testid="feed-unread"
              >
                {t("feed.unreadCount", { count: formatNumber(unread, locale) })}
              </span>
            ) : null}
          </p>
        </div>
        <div className="page-header__actions">
          <PushToggle />
        </div>
      </header>

      {canReadGroupLife(me, view.group) ? (
        <GroupTabs groupId={groupId} officer={isGroupOfficer(me, view.group)} current="feed" />
      ) : null}

      {offline ? (
        <p className="notice notice--warning" role="status" data-testid="offline-banner">
          {t("feed.offline")}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite" data-testid="feed-live-note">
        {liveNote ?? ""}
      </p>

      <div className="feed-filters">
        <Field label={t("feed.search")}>
          {({ id }) => (
            <input
              id={id}
              className="input"
              type="search"
              value={search}
              placeholder={t("feed.searchPlaceholder")}
              onChange={(event) => setSearch(event.target.value)}
              data-testid="feed-search"
            />
          )}
        </Field>
        <fieldset className="fieldset fieldset--chips">
          <legend className="field__label">{t("feed.categories")}</legend>
          <div className="chips chips--filter">
            <button
              type="button"
              className={category === "" ? "chip chip--toggle is-active" : "chip chip--toggle"}
              aria-pressed={category === ""}
              onClick={() => setCategory("")}
            >
              {t("feed.allCategories")}
            </button>
            {CATEGORY_LIST.map((code) => (
              <button
                key={code}
                type="button"
                className={category === code ? "chip chip--toggle is-active" : "chip chip--toggle"}
                aria-pressed={category === code}
                onClick={(event) => {
                  // Keep the chosen chip in view in its sideways-scrolling row (not the page).
                  const chip = event.currentTarget;
                  chip.parentElement?.scrollTo({
                    left: chip.offsetLeft - (chip.parentElement.clientWidth - chip.offsetWidth) / 2,
                    behavior: "smooth",
                  });
                  setCategory(category === code ? "" : code);
                }}
                data-testid={`feed-category-${code}`}
              >
                {announcementCategoryLabel(code, t)}
              </button>
            ))}
          </div>
        </fieldset>
      </div>

      {switching ? (
        feed.status === "error" ? (
          <ErrorNotice error={feed.error} onRetry={feed.reload} />
        ) : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <EmptyState>{filtering ? t("feed.noMatch") : t("feed.empty")}</EmptyState>
      ) : (
        <ol className="feed-list" aria-label={t("feed.listLabel")} data-testid="feed-list">
          {items.map((item) => (
            <li key={item.id}>
              <FeedItem
                item={item}
                communeId={view.group.communeId}
                memberView={memberView}
                fresh={fresh.has(item.id)}
                initiallyOpen={item.id === openParam}
                onOpen={onOpen}
                onAck={onAck}
              />
            </li>
          ))}
        </ol>
      )}
      {moreError ? <ErrorNotice error={moreError} /> : null}
      {cursor ? (
        <div className="form-actions feed-more">
          <button
            type="button"
            className="btn btn--secondary btn--block"
            disabled={moreBusy}
            onClick={() => void loadMore(cursor)}
            data-testid="feed-more"
          >
            {moreBusy ? t("common.loading") : t("feed.more")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
