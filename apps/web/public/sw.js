/*
 * Bình Yên service worker: written by hand, no build step (the CSP allows worker-src 'self').
 *
 * What it keeps, and why:
 * - The app shell. index.html (and the scripts and styles it names) is fetched on install; every
 *   navigation afterwards goes to the network first (a new release shows at once) and falls back
 *   to the saved index.html offline or after a few seconds without an answer. Files under
 *   /assets/ have content hashes in their names, so a saved copy never goes stale: cache first.
 * - The last answer of a few GET requests a member needs to read "Bảng tin" offline: /api/me,
 *   /api/me/feeds, /api/groups/:id/feed and /api/announcement-files/:id. Network first; the saved
 *   copy is served only when the network fails, marked with the header x-binhyen-offline: 1 so the
 *   page can say it is showing a saved copy. No other /api answer is ever stored.
 * - Personal answers are dropped when the server says the session ended (401) and when the page
 *   signs out (lib/offline-cache.ts deletes caches named binhyen-api-*).
 * Web Push: "push" shows a notification; clicking it focuses the app (or opens it) at its url.
 */

const VERSION = "v1";
const SHELL_CACHE = `binhyen-shell-${VERSION}`;
/** The prefix must match API_CACHE_PREFIX in src/lib/offline-cache.ts. */
const API_CACHE = `binhyen-api-${VERSION}`;
const INDEX = "/index.html";
const OFFLINE_HEADER = "x-binhyen-offline";
const NAVIGATION_TIMEOUT_MS = 4000;
const API_CACHE_MAX = 80;
const STATIC_FILES = ["/manifest.webmanifest", "/icon.svg"];
const CACHED_API = [
  /^\/api\/me$/,
  /^\/api\/me\/feeds$/,
  /^\/api\/groups\/[^/]+\/feed$/,
  /^\/api\/announcement-files\/[^/]+$/,
];

function isCachedApi(pathname) {
  return CACHED_API.some((pattern) => pattern.test(pathname));
}

/** The /assets/ files an index.html names (entry script, styles, preloaded modules). */
function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function saveIndex(response) {
  const cache = await caches.open(SHELL_CACHE);
  const html = await response.clone().text();
  const previous = await cache.match(INDEX);
  const previousHtml = previous ? await previous.text() : null;
  await cache.put(INDEX, response);
  if (previousHtml !== null && previousHtml !== html) {
    // A new release: the old hashed files are of no more use. Keep what the new page names; its
    // lazily loaded screens are saved again as they are opened.
    const keep = new Set(assetsOf(html).map((path) => new URL(path, self.location.origin).href));
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      if (url.pathname.startsWith("/assets/") && !keep.has(url.href)) {
        await cache.delete(request);
      }
    }
  }
  return html;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      try {
        const response = await fetch("/", { cache: "no-cache", credentials: "same-origin" });
        if (response.ok) {
          const html = await saveIndex(response);
          await Promise.all(assetsOf(html).map((path) => cache.add(path).catch(() => undefined)));
        }
      } catch {
        // Installed without the shell (offline at that moment): navigations will save it later.
      }
      await Promise.all(STATIC_FILES.map((path) => cache.add(path).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith("binhyen-") && name !== SHELL_CACHE && name !== API_CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

/** A saved answer, marked as served from the cache. */
function markOffline(response) {
  const headers = new Headers(response.headers);
  headers.set(OFFLINE_HEADER, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function trimApiCache(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - API_CACHE_MAX))) {
    await cache.delete(request);
  }
}

async function rememberApi(request, response) {
  if (response.ok) {
    const cache = await caches.open(API_CACHE);
    await cache.put(request, response);
    await trimApiCache(cache);
  } else if (response.status === 401) {
    // The session is over: nothing personal stays on the device.
    await caches.delete(API_CACHE);
  }
}

async function networkFirst(event) {
  const { request } = event;
  try {
    const response = await fetch(request);
    event.waitUntil(rememberApi(request, response.clone()).catch(() => undefined));
    return response;
  } catch {
    const cache = await caches.open(API_CACHE);
    const cached = await cache.match(request);
    return cached ? markOffline(cached) : Response.error();
  }
}

async function navigation(event) {
  const network = fetch(event.request).then(async (response) => {
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && type.includes("text/html")) {
      await saveIndex(response.clone()).catch(() => undefined);
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(INDEX);
  if (!cached) {
    return network.catch(() => Response.error());
  }
  // A slow rural connection: the saved shell after a few seconds, while the network finishes.
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS));
  const first = await Promise.race([network.catch(() => null), timeout]);
  return first ?? cached;
}

async function cacheFirst(event) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(event.request);
  if (cached) {
    return cached;
  }
  const response = await fetch(event.request);
  if (response.ok) {
    event.waitUntil(cache.put(event.request, response.clone()).catch(() => undefined));
  }
  return response;
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(SHELL_CACHE);
  const cached = await cache.match(event.request);
  const network = fetch(event.request).then(async (response) => {
    if (response.ok) {
      await cache.put(event.request, response.clone());
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  return cached ?? network;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    // Never the stream, the exports, or anything but the few reads above.
    if (isCachedApi(url.pathname)) {
      event.respondWith(networkFirst(event));
    }
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigation(event));
    return;
  }
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(event));
    return;
  }
  if (STATIC_FILES.includes(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event));
  }
});

/*
 * The first page of a visit loads before this worker controls it. It then names what it has
 * already loaded: its /assets/ files are saved, and its cacheable API reads are asked again (with
 * the same session cookie) so the very next offline opening finds them.
 */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data?.type !== "cache-urls" || !Array.isArray(data.urls)) {
    return;
  }
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL_CACHE);
      for (const raw of data.urls.slice(0, 200)) {
        let url;
        try {
          url = new URL(raw, self.location.origin);
        } catch {
          continue;
        }
        if (url.origin !== self.location.origin) {
          continue;
        }
        if (url.pathname.startsWith("/assets/")) {
          if (!(await shell.match(url.href))) {
            await shell.add(url.href).catch(() => undefined);
          }
        } else if (url.pathname.startsWith("/api/") && isCachedApi(url.pathname)) {
          const request = new Request(url.href, {
            credentials: "same-origin",
            headers: { accept: "application/json" },
          });
          await fetch(request)
            .then((response) => rememberApi(request, response))
            .catch(() => undefined);
        }
      }
    })(),
  );
});

/*
 * The server's payload (modules/announcements/push.service.ts): { title, category, urgent, url,
 * id }. The notification says who it is from; its tag is the announcement, so a repeat replaces it.
 * An officer's alert (modules/alerts/alert-push.channel.ts) is { title, url, kind, id }: its url is
 * the case, opened as is, and its tag the alert, as the page uses when it shows one itself.
 */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : "" };
  }
  const alert = typeof data.kind === "string";
  const urgent = alert ? data.kind.startsWith("URGENT") : data.urgent === true;
  const title = typeof data.title === "string" && data.title ? data.title : "Bình Yên";
  const id = typeof data.id === "string" ? data.id : "";
  let url =
    typeof data.url === "string" && data.url.startsWith("/") && !data.url.startsWith("//")
      ? data.url
      : alert
        ? "/"
        : "/feed";
  if (!alert && id && !url.includes("?")) {
    url = `${url}?open=${encodeURIComponent(id)}`;
  }
  const body =
    typeof data.body === "string" && data.body
      ? data.body
      : alert
        ? "Bấm để mở hồ sơ."
        : urgent
          ? "Thông báo khẩn của Công an xã — bấm để xem."
          : "Thông báo mới của Công an xã — bấm để xem.";
  event.waitUntil(
    self.registration.showNotification(urgent ? `⚠ ${title}` : title, {
      body,
      data: { url },
      tag: id || undefined,
      renotify: Boolean(id),
      requireInteraction: urgent,
      icon: "/icon.svg",
      badge: "/icon.svg",
      lang: "vi",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path =
    event.notification.data && typeof event.notification.data.url === "string"
      ? event.notification.data.url
      : "/feed";
  const target = new URL(path, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const same = windows.find((client) => client.url === target);
      if (same) {
        await same.focus();
        return;
      }
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(target).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(target);
    })(),
  );
});
