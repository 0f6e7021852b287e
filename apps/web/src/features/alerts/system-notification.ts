import { safeAlertLink, type TAlert } from "./alerts-api";

/*
 * A system notification for an urgent alert that arrives while the officer's tab is in the
 * background. Only when notifications are already allowed (the "Bật thông báo" switch asks); this
 * never asks for permission by itself. It goes through the service worker's registration, whose
 * "notificationclick" opens the alert's link; the tag is the alert's id, the same as a Web Push
 * of the same alert (public/sw.js), so the two never stack.
 */
export function showSystemNotification(alert: TAlert, body: string): void {
  if (
    typeof document === "undefined" ||
    document.visibilityState !== "hidden" ||
    typeof Notification === "undefined" ||
    Notification.permission !== "granted" ||
    !("serviceWorker" in navigator)
  ) {
    return;
  }
  navigator.serviceWorker
    .getRegistration()
    .then((registration) =>
      registration?.showNotification(`⚠ ${alert.title}`, {
        body,
        data: { url: safeAlertLink(alert.link) ?? "/" },
        tag: alert.id,
        requireInteraction: true,
        icon: "/icon.svg",
        badge: "/icon.svg",
        lang: "vi",
      }),
    )
    .catch(() => {
      // Best effort: the toast and the bell already show the alert.
    });
}
