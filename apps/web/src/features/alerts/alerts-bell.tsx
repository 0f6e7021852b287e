import { useEffect, useId, useRef, useState } from "react";
import { Link } from "wouter";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import type { MessageKey } from "../../i18n/vi";
import { isKnownAlertKind, isUrgentAlert, safeAlertLink, type TAlert } from "./alerts-api";
import { useAlerts } from "./alerts-live";

function kindLabel(kind: string): MessageKey {
  return isKnownAlertKind(kind) ? `alerts.kind.${kind}` : "alerts.kind.OTHER";
}

function kindBadge(alert: TAlert): string {
  if (isUrgentAlert(alert)) {
    return "badge badge--danger";
  }
  return alert.kind === "DEADLINE_OVERDUE" ? "badge badge--warning" : "badge badge--info";
}

function BellIcon() {
  return (
    <svg
      className="alerts__icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

function AlertRow({ alert, onOpen }: { alert: TAlert; onOpen: (alert: TAlert) => void }) {
  const { t } = useI18n();
  const unread = alert.readAt === null;
  const urgent = isUrgentAlert(alert);
  const link = safeAlertLink(alert.link);
  const className = ["alerts__item", urgent ? "is-urgent" : "", unread ? "is-unread" : ""]
    .filter(Boolean)
    .join(" ");
  const body = (
    <>
      <span className="alerts__item-head">
        <span className={kindBadge(alert)}>{t(kindLabel(alert.kind))}</span>
        {unread ? <span className="alerts__dot">{t("alerts.unread")}</span> : null}
      </span>
      <span className="alerts__item-title">{alert.title}</span>
      <time className="alerts__item-time" dateTime={alert.createdAt}>
        {formatDateTime(alert.createdAt)}
      </time>
    </>
  );
  return (
    <li
      className={className}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-kind={alert.kind}
      data-unread={unread ? "true" : "false"}
    >
      {link ? (
        <Link href={link} className="alerts__link" onClick={() => onOpen(alert)}>
          {body}
        </Link>
      ) : (
        <button type="button" className="alerts__link" onClick={() => onOpen(alert)}>
          {body}
        </button>
      )}
    </li>
  );
}

/**
 * The officer's bell in the top bar: the unread count, and a panel of the latest alerts, newest
 * first, urgent ones in red. Opening one marks it read.
 */
export function AlertsBell() {
  const { t, locale } = useI18n();
  const { enabled, list, markRead, markAllRead } = useAlerts();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const titleId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) {
      return;
    }
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) {
        setOpen(false);
      }
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  if (!enabled) {
    return null;
  }
  const unread = list?.unread ?? 0;
  const shown = unread > 99 ? "99+" : formatNumber(unread, locale);

  return (
    <div className="alerts" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={unread > 0 ? "alerts__bell has-unread" : "alerts__bell"}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? t("alerts.bellUnread", { count: unread }) : t("alerts.bell")}
        onClick={() => setOpen((value) => !value)}
        data-testid="alerts-bell"
        data-unread={list ? String(list.unread) : undefined}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="alerts__badge" aria-hidden="true" data-testid="alerts-badge">
            {shown}
          </span>
        ) : null}
      </button>
      {open ? (
        <section id={panelId} className="alerts__panel" aria-labelledby={titleId} data-testid="alerts-panel">
          <header className="alerts__panel-head">
            <h2 className="alerts__panel-title" id={titleId}>
              {t("alerts.title")}
            </h2>
            {unread > 0 ? (
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={markAllRead}
                data-testid="alerts-read-all"
              >
                {t("alerts.markAllRead")}
              </button>
            ) : null}
          </header>
          {list === null ? (
            <p className="alerts__empty muted">{t("common.loading")}</p>
          ) : list.items.length === 0 ? (
            <p className="alerts__empty muted">{t("alerts.empty")}</p>
          ) : (
            <ul className="alerts__list">
              {list.items.map((alert) => (
                <AlertRow
                  key={alert.id}
                  alert={alert}
                  onOpen={(opened) => {
                    setOpen(false);
                    markRead(opened);
                  }}
                />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** "Tin báo khẩn mới" with the alert's title, pinned to the screen until opened or dismissed. */
export function AlertToast() {
  const { t } = useI18n();
  const { toast, dismissToast, markRead } = useAlerts();
  if (!toast) {
    return null;
  }
  const link = safeAlertLink(toast.link);
  const heading =
    toast.kind === "URGENT_UNACKNOWLEDGED" ? t("alerts.toastUnacknowledged") : t("alerts.toastNew");
  return (
    <div className="toast toast--alert" role="alert" data-testid="alert-toast" data-alert-id={toast.id}>
      <span className="toast__text">
        <strong className="toast__heading">{heading}</strong>
        <span>{toast.title}</span>
      </span>
      {link ? (
        <Link
          href={link}
          className="toast__action"
          onClick={() => markRead(toast)}
          data-testid="alert-toast-open"
        >
          {t("alerts.toastOpen")}
        </Link>
      ) : null}
      <button type="button" className="toast__close" onClick={dismissToast}>
        {t("common.close")}
      </button>
    </div>
  );
}
