/*
 * The service worker (public/sw.js) keeps the last copy of a few API answers (the profile, the
 * feeds) so "Bảng tin" opens offline. Those are personal: they go when the person signs out or
 * the session ends, so the next person on a shared phone never sees them.
 */

/** Must match API_CACHE_PREFIX in public/sw.js. */
const API_CACHE_PREFIX = "binhyen-api-";

export function forgetCachedApi(): void {
  if (typeof caches === "undefined") {
    return;
  }
  caches
    .keys()
    .then((names) =>
      Promise.all(names.filter((n) => n.startsWith(API_CACHE_PREFIX)).map((n) => caches.delete(n))),
    )
    .catch(() => {
      // Storage may be unavailable (private mode): then nothing was kept either.
    });
}

/**
 * Registers the service worker once the page has loaded (it must not compete with the first
 * render on a slow phone). Served from the site root so its scope is the whole app.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) {
    return;
  }
  const register = () => {
    // The first visit loads before the worker controls the page: it then names what was loaded.
    const firstVisit = navigator.serviceWorker.controller === null;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const urls = performance
          .getEntriesByType("resource")
          .map((entry) => new URL(entry.name, location.href))
          .filter(
            (url) =>
              url.origin === location.origin &&
              (url.pathname.startsWith("/assets/") || (firstVisit && url.pathname.startsWith("/api/"))),
          )
          .map((url) => url.href);
        registration.active?.postMessage({ type: "cache-urls", urls });
      })
      .catch(() => {
        // Without a worker the app still works online; offline reading is what is lost.
      });
  };
  if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register, { once: true });
  }
}
