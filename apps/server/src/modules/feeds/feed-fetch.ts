import { decodeFeedBytes, FeedError, type FeedItem, parseFeed } from "./feed-parse";

export { FeedError, type FeedItem } from "./feed-parse";

/*
 * Fetching a relayed feed (plan II.5.2): conditional GET, time limit, size limit, then parseFeed.
 * Every failure is a FeedError whose Vietnamese message is shown to the commune chief as the
 * feed's last error.
 *
 * Not done here: refusing private or loopback addresses. The URL is entered by a commune chief,
 * not by the public; a deployment that must rule out SSRF towards its own network has to filter
 * at the egress (or resolve and check addresses before calling this).
 */

export type FetchResult =
  | { status: "not_modified" }
  | { status: "ok"; etag: string | null; lastModified: string | null; title: string; items: FeedItem[] };

export type FeedCache = { etag: string | null; lastModified: string | null };

export type FetchFeedOptions = {
  /** Whole request, body included. Default 15 s. */
  timeoutMs?: number;
  /** Decoded (decompressed) body size limit. Default 2 MB. */
  maxBytes?: number;
  fetchImpl?: typeof fetch;
};

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
const USER_AGENT = "BinhYen-FeedRelay/1.0 (+RSS/Atom)";

const DAY_MS = 24 * 3600_000;

const megabytes = (bytes: number): string =>
  `${(bytes / (1024 * 1024)).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;

const seconds = (ms: number): string =>
  `${(ms / 1000).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} giây`;

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FeedError("BAD_URL", "Địa chỉ nguồn tin không hợp lệ.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FeedError("BAD_URL", "Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://.");
  }
  if (url.username !== "" || url.password !== "") {
    // Credentials in a URL end up in logs and in the UI; feeds are public anyway.
    throw new FeedError("BAD_URL", "Địa chỉ nguồn tin không được chứa tên đăng nhập hoặc mật khẩu.");
  }
  return url;
}

/** Reads the body, giving up as soon as it passes maxBytes (the rest is never downloaded). */
async function readCapped(response: Response, maxBytes: number, abort: () => void): Promise<Uint8Array> {
  const tooLarge = () =>
    new FeedError("TOO_LARGE", `Nguồn tin quá lớn (vượt quá ${megabytes(maxBytes)}), không thể đọc.`);
  const declared = Number(response.headers.get("content-length"));
  // Content-Length counts compressed bytes; it only settles the obvious case early.
  if (Number.isFinite(declared) && declared > maxBytes && !response.headers.get("content-encoding")) {
    abort();
    throw tooLarge();
  }
  if (response.body === null) {
    return new Uint8Array(0);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      abort();
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function networkError(error: unknown, timedOut: boolean, timeoutMs: number): FeedError {
  if (error instanceof FeedError) {
    return error;
  }
  if (timedOut) {
    return new FeedError("TIMEOUT", `Máy chủ nguồn tin không trả lời sau ${seconds(timeoutMs)}.`, {
      cause: error,
    });
  }
  // undici says "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, redirect loop…) in cause.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
      ? ` (${cause.code})`
      : "";
  return new FeedError("NETWORK", `Không kết nối được tới máy chủ nguồn tin${code}.`, { cause: error });
}

/**
 * Fetches and parses a feed. With validators in `cache` the request is conditional and a 304
 * gives `not_modified`. Redirects are followed (fetch's default, at most 20).
 */
export async function fetchFeed(
  url: string,
  cache: FeedCache,
  opts: FetchFeedOptions = {},
): Promise<FetchResult> {
  const target = parseUrl(url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetchImpl = opts.fetchImpl ?? fetch;

  const timeout = AbortSignal.timeout(timeoutMs);
  const local = new AbortController();
  const signal = AbortSignal.any([timeout, local.signal]);

  const headers: Record<string, string> = {
    accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    "user-agent": USER_AGENT,
  };
  if (cache.etag) {
    headers["if-none-match"] = cache.etag;
  }
  if (cache.lastModified) {
    headers["if-modified-since"] = cache.lastModified;
  }

  let response: Response;
  let body: Uint8Array;
  try {
    response = await fetchImpl(target, { headers, redirect: "follow", signal });
    if (response.status === 304) {
      await response.body?.cancel().catch(() => {});
      return { status: "not_modified" };
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel().catch(() => {});
      const reason = response.statusText ? ` (${response.statusText})` : "";
      throw new FeedError(
        "HTTP",
        `Máy chủ nguồn tin trả lỗi ${response.status}${reason}. Hệ thống sẽ tự thử lại sau.`,
      );
    }
    body = await readCapped(response, maxBytes, () => local.abort());
  } catch (error) {
    throw networkError(error, timeout.aborted, timeoutMs);
  } finally {
    // Whatever happened, nothing of this request may keep a socket busy.
    local.abort();
  }

  const feed = parseFeed(decodeFeedBytes(body, response.headers.get("content-type")));
  return {
    status: "ok",
    etag: response.headers.get("etag"),
    lastModified: response.headers.get("last-modified"),
    title: feed.title,
    items: feed.items,
  };
}

/**
 * Delay before the next poll: `baseMs` while the feed is healthy, doubling with each consecutive
 * failure (base·2^failures), never more than 24 hours. Deterministic unless `random` is given, in
 * which case the backoff is spread by ±10% (so many communes' pollers do not retry in step); the
 * cap still holds.
 */
export function nextPollDelayMs(failures: number, baseMs: number, random?: () => number): number {
  if (Number.isNaN(failures) || failures <= 0) {
    return baseMs;
  }
  // 2^failures overflows to Infinity long after it passed the cap; min() handles both.
  const backoff = Math.min(DAY_MS, baseMs * 2 ** Math.floor(failures));
  if (!random) {
    return backoff;
  }
  const jittered = backoff * (0.9 + 0.2 * random());
  return Math.round(Math.min(DAY_MS, jittered));
}
