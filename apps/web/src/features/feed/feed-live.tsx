import type { TMyFeeds, TStreamAnnouncement } from "@binhyen/contracts";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { api } from "../../lib/api-client";
import { hasFeed } from "../../lib/roles";
import { useSession } from "../../lib/session";

type Listener = (event: TStreamAnnouncement) => void;
/** An officer's alert was raised (the event carries nothing: the listener asks GET /api/me/alerts). */
type AlertListener = () => void;
/** A post of this group was written, moderated or reported (the listener asks for the posts again). */
export interface PostEvent {
  groupId: string;
}
/** Null after the stream reconnected: posts of any group may have been missed. */
type PostListener = (event: PostEvent | null) => void;

interface FeedLiveValue {
  /** Unread announcements over all of the person's groups; null until known (or without a feed). */
  unread: number | null;
  /** Asks the server again (after reading or acknowledging an item). */
  refreshUnread: () => void;
  /** Hears every "announcement" event of the stream while subscribed; opens the stream if needed. */
  subscribe: (listener: Listener) => () => void;
  /**
   * Hears every "alert" event of the same stream while subscribed (opens it if needed), and each
   * reconnection after a break, when alerts may have been missed.
   */
  subscribeAlerts: (listener: AlertListener) => () => void;
  /**
   * Hears every "post" event of the same stream while subscribed (opens it if needed), and each
   * reconnection after a break (as `null`: posts of any group may have been missed).
   */
  subscribePosts: (listener: PostListener) => () => void;
}

const FeedLiveContext = createContext<FeedLiveValue | null>(null);

function parseEvent(data: string): TStreamAnnouncement | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      value &&
      typeof value === "object" &&
      "id" in value &&
      typeof value.id === "string" &&
      "groupIds" in value &&
      Array.isArray(value.groupIds)
    ) {
      return value as TStreamAnnouncement;
    }
  } catch {
    // Not ours: ignored.
  }
  return null;
}

function parsePostEvent(data: string): PostEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (value && typeof value === "object" && "groupId" in value && typeof value.groupId === "string") {
      return { groupId: value.groupId };
    }
  } catch {
    // Not ours: ignored.
  }
  return null;
}

const RETRY_MS = [5_000, 15_000, 60_000];

/**
 * One server-sent-events connection per tab (GET /api/stream, same origin, the session cookie) for
 * members and for any page that listens (announcements, officers' alerts, group posts), and the
 * unread count of "Bảng tin" in the navigation.
 * EventSource reconnects by itself after a network error; when the server refuses the stream, it
 * is tried again after a pause.
 */
export function FeedLiveProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const me = state.status === "signedIn" && !state.me.totpSetupRequired ? state.me : null;
  const member = me ? hasFeed(me) : false;
  const [unread, setUnread] = useState<number | null>(null);
  const [listenerCount, setListenerCount] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const alertListeners = useRef(new Set<AlertListener>());
  const postListeners = useRef(new Set<PostListener>());
  const unreadRequest = useRef<AbortController | null>(null);

  const refreshUnread = useCallback(() => {
    if (!member) {
      return;
    }
    unreadRequest.current?.abort();
    const controller = new AbortController();
    unreadRequest.current = controller;
    api.get<TMyFeeds>("/me/feeds", { signal: controller.signal }).then(
      (feeds) => {
        setUnread(feeds.groups.reduce((sum, g) => sum + g.unread, 0));
      },
      () => {
        // Offline or not yet available: the badge keeps its last value.
      },
    );
  }, [member]);

  useEffect(() => {
    if (!member) {
      setUnread(null);
      return;
    }
    refreshUnread();
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        refreshUnread();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("online", refreshUnread);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("online", refreshUnread);
      unreadRequest.current?.abort();
    };
  }, [member, refreshUnread]);

  const wantStream = me !== null && (member || listenerCount > 0) && typeof EventSource !== "undefined";
  const refreshRef = useRef(refreshUnread);
  refreshRef.current = refreshUnread;

  useEffect(() => {
    if (!wantStream) {
      return;
    }
    let source: EventSource | null = null;
    let timer: number | undefined;
    let failures = 0;
    let stopped = false;
    const onAnnouncement = (message: MessageEvent<string>) => {
      const event = parseEvent(message.data);
      if (!event) {
        return;
      }
      refreshRef.current();
      for (const listener of listeners.current) {
        listener(event);
      }
    };
    let opened = false;
    const onAlert = () => {
      for (const listener of alertListeners.current) {
        listener();
      }
    };
    const onPost = (message: MessageEvent<string>) => {
      const event = parsePostEvent(message.data);
      if (event) {
        for (const listener of postListeners.current) {
          listener(event);
        }
      }
    };
    const open = () => {
      source = new EventSource("/api/stream", { withCredentials: true });
      source.addEventListener("announcement", onAnnouncement);
      source.addEventListener("alert", onAlert);
      source.addEventListener("post", onPost);
      source.addEventListener("open", () => {
        failures = 0;
        // Back after a break: an alert raised or a post written meanwhile was never heard, so ask again.
        if (opened) {
          onAlert();
          for (const listener of postListeners.current) {
            listener(null);
          }
        }
        opened = true;
      });
      source.addEventListener("error", () => {
        // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error answer).
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          const delay = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 60_000;
          failures += 1;
          timer = window.setTimeout(open, delay);
        }
      });
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      source?.close();
    };
  }, [wantStream]);

  const countListeners = useCallback(
    () => setListenerCount(listeners.current.size + alertListeners.current.size + postListeners.current.size),
    [],
  );

  const subscribe = useCallback(
    (listener: Listener) => {
      listeners.current.add(listener);
      countListeners();
      return () => {
        listeners.current.delete(listener);
        countListeners();
      };
    },
    [countListeners],
  );

  const subscribeAlerts = useCallback(
    (listener: AlertListener) => {
      alertListeners.current.add(listener);
      countListeners();
      return () => {
        alertListeners.current.delete(listener);
        countListeners();
      };
    },
    [countListeners],
  );

  const subscribePosts = useCallback(
    (listener: PostListener) => {
      postListeners.current.add(listener);
      countListeners();
      return () => {
        postListeners.current.delete(listener);
        countListeners();
      };
    },
    [countListeners],
  );

  const value = useMemo(
    () => ({ unread, refreshUnread, subscribe, subscribeAlerts, subscribePosts }),
    [unread, refreshUnread, subscribe, subscribeAlerts, subscribePosts],
  );
  return <FeedLiveContext.Provider value={value}>{children}</FeedLiveContext.Provider>;
}

export function useFeedLive(): FeedLiveValue {
  const value = useContext(FeedLiveContext);
  if (!value) {
    throw new Error("useFeedLive must be used inside <FeedLiveProvider>");
  }
  return value;
}

/** Calls `listener` for each announcement event while the component is shown. */
export function useAnnouncementEvents(listener: Listener): void {
  const { subscribe } = useFeedLive();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((event) => ref.current(event)), [subscribe]);
}

/**
 * Calls `listener` while the component is shown whenever a post of `groupId` changes (written,
 * moderated, reported), and after the stream reconnects; `groupId` null hears every group.
 */
export function usePostEvents(groupId: string | null, listener: () => void): void {
  const { subscribePosts } = useFeedLive();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(
    () =>
      subscribePosts((event) => {
        if (event === null || groupId === null || event.groupId === groupId) {
          ref.current();
        }
      }),
    [subscribePosts, groupId],
  );
}
