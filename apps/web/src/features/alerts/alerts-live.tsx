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
import { useI18n } from "../../i18n/i18n-context";
import { receivesAlerts } from "../../lib/roles";
import { useSession } from "../../lib/session";
import { useFeedLive } from "../feed/feed-live";
import {
  getMyAlerts,
  isUrgentAlert,
  markAlertRead,
  markAllAlertsRead,
  newestFirst,
  type TAlert,
  type TAlertList,
} from "./alerts-api";
import { showSystemNotification } from "./system-notification";

/** The fallback when the stream is down (a proxy that buffers it, say). */
const POLL_MS = 60_000;

interface AlertsValue {
  /** False for people who are never alerted (residents, province officers): no bell is shown. */
  enabled: boolean;
  /** Null until the first answer. */
  list: TAlertList | null;
  /** The newest urgent alert that arrived while the app was open, until dismissed or read. */
  toast: TAlert | null;
  dismissToast: () => void;
  refresh: () => void;
  markRead: (alert: TAlert) => void;
  markAllRead: () => void;
}

const AlertsContext = createContext<AlertsValue | null>(null);

/**
 * The signed-in officer's alerts, kept above the routes so that moving between pages neither
 * asks again nor forgets which alerts were already seen. Asked again on the stream's "alert"
 * event (the same EventSource as "Bảng tin"), when the tab comes back into view or the device back
 * online, and every minute. An urgent alert that was not there before shows a toast and, when the
 * tab is hidden and notifications are allowed, a system notification.
 */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const me = state.status === "signedIn" && !state.me.totpSetupRequired ? state.me : null;
  const enabled = me ? receivesAlerts(me) : false;
  const userId = me?.user.id ?? null;
  const { subscribeAlerts } = useFeedLive();
  const { t } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const [list, setList] = useState<TAlertList | null>(null);
  const [toast, setToast] = useState<TAlert | null>(null);
  /** Alert ids already known; null until the first answer, which only fills it. */
  const seen = useRef<Set<string> | null>(null);
  const request = useRef<AbortController | null>(null);

  // Another person signed in on this device: nothing of the previous one's alerts is kept.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset exactly when the person changes
  useEffect(() => {
    seen.current = null;
    setList(null);
    setToast(null);
    return () => request.current?.abort();
  }, [userId]);

  const apply = useCallback((next: TAlertList) => {
    const known = seen.current;
    if (known === null) {
      seen.current = new Set(next.items.map((a) => a.id));
    } else {
      const arrived = newestFirst(next.items.filter((a) => !known.has(a.id)));
      for (const alert of arrived) {
        known.add(alert.id);
      }
      const urgent = arrived.find((a) => isUrgentAlert(a) && a.readAt === null);
      if (urgent) {
        setToast(urgent);
        showSystemNotification(urgent, tRef.current("alerts.notificationBody"));
      }
    }
    setList({ unread: next.unread, items: newestFirst(next.items) });
  }, []);

  const refresh = useCallback(() => {
    if (!enabled) {
      return;
    }
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    getMyAlerts(controller.signal).then(apply, () => {
      // Offline, or aborted by a newer request: the bell keeps its last value.
    });
  }, [enabled, apply]);

  useEffect(() => {
    if (!enabled) {
      return;
    }
    refresh();
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        refresh();
      }
    };
    const timer = window.setInterval(refresh, POLL_MS);
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", refresh);
    window.addEventListener("online", refresh);
    const unsubscribe = subscribeAlerts(refresh);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", refresh);
      window.removeEventListener("online", refresh);
      unsubscribe();
      request.current?.abort();
    };
  }, [enabled, refresh, subscribeAlerts]);

  const markRead = useCallback(
    (alert: TAlert) => {
      setToast((current) => (current?.id === alert.id ? null : current));
      if (alert.readAt !== null) {
        return;
      }
      // An answer already on its way predates this: it would bring the alert back as unread.
      request.current?.abort();
      const now = new Date().toISOString();
      setList((current) =>
        current
          ? {
              unread: Math.max(0, current.unread - 1),
              items: current.items.map((a) => (a.id === alert.id ? { ...a, readAt: now } : a)),
            }
          : current,
      );
      markAlertRead(alert.id).then(refresh, refresh);
    },
    [refresh],
  );

  const markAllRead = useCallback(() => {
    request.current?.abort();
    const now = new Date().toISOString();
    setToast(null);
    setList((current) =>
      current
        ? { unread: 0, items: current.items.map((a) => (a.readAt ? a : { ...a, readAt: now })) }
        : current,
    );
    markAllAlertsRead().then(refresh, refresh);
  }, [refresh]);

  const dismissToast = useCallback(() => setToast(null), []);

  const value = useMemo(
    () => ({ enabled, list: enabled ? list : null, toast, dismissToast, refresh, markRead, markAllRead }),
    [enabled, list, toast, dismissToast, refresh, markRead, markAllRead],
  );
  return <AlertsContext.Provider value={value}>{children}</AlertsContext.Provider>;
}

export function useAlerts(): AlertsValue {
  const value = useContext(AlertsContext);
  if (!value) {
    throw new Error("useAlerts must be used inside <AlertsProvider>");
  }
  return value;
}
