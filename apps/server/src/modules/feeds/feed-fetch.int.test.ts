import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedError, fetchFeed, nextPollDelayMs } from "./feed-fetch";

/* A real HTTP server on loopback: fetch, redirects, timeouts and streaming are the real ones. */

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Công an tỉnh Đồng Nai</title>
  <link>https://congan.dongnai.gov.vn/</link>
  <item>
    <title><![CDATA[Cảnh báo lừa đảo "việc nhẹ lương cao"]]></title>
    <link>https://congan.dongnai.gov.vn/tin/1.html</link>
    <guid>cadn-1</guid>
    <pubDate>Fri, 27 Nov 2026 09:30:00 +0700</pubDate>
    <description><![CDATA[<p>Không chuyển tiền &amp; không cung cấp OTP.</p>]]></description>
  </item>
</channel></rss>`;

const ETAG = '"v1-abc"';
const LAST_MODIFIED = "Fri, 27 Nov 2026 02:30:00 GMT";

const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
let bigBytesSent = 0;
let bigHungUp = false;
const BIG_LIMIT = 32 * 1024 * 1024;
let server: Server;
let base: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ path, headers: req.headers });
    switch (path) {
      case "/feed.rss": {
        if (req.headers["if-none-match"] === ETAG) {
          res.writeHead(304, { etag: ETAG, "last-modified": LAST_MODIFIED }).end();
          return;
        }
        res
          .writeHead(200, {
            "content-type": "application/rss+xml; charset=utf-8",
            etag: ETAG,
            "last-modified": LAST_MODIFIED,
          })
          .end(FEED);
        return;
      }
      case "/since.rss": {
        if (req.headers["if-modified-since"] === LAST_MODIFIED) {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { "content-type": "text/xml", "last-modified": LAST_MODIFIED }).end(FEED);
        return;
      }
      case "/gzip.rss": {
        res
          .writeHead(200, { "content-type": "application/rss+xml", "content-encoding": "gzip" })
          .end(gzipSync(Buffer.from(FEED)));
        return;
      }
      case "/moved":
        res.writeHead(301, { location: "/hop" }).end();
        return;
      case "/hop":
        res.writeHead(302, { location: `${base}/feed.rss` }).end();
        return;
      case "/to-file":
        res.writeHead(302, { location: "file:///etc/passwd" }).end();
        return;
      case "/unavailable":
        res.writeHead(503, { "content-type": "text/html" }).end("<h1>Bảo trì</h1>");
        return;
      case "/missing":
        res.writeHead(404).end();
        return;
      case "/slow-headers":
        setTimeout(() => {
          if (!res.destroyed) {
            res.writeHead(200, { "content-type": "application/rss+xml" }).end(FEED);
          }
        }, 3000).unref();
        return;
      case "/slow-body": {
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.write(FEED.slice(0, 100));
        setTimeout(() => {
          if (!res.destroyed) {
            res.end(FEED.slice(100));
          }
        }, 3000).unref();
        return;
      }
      case "/big-declared":
        res.writeHead(200, {
          "content-type": "application/rss+xml",
          "content-length": String(50 * 1024 * 1024),
        });
        res.write("<rss>");
        // The client refuses on the header alone; never send the 50 MB.
        setTimeout(() => res.destroy(), 1000).unref();
        return;
      case "/big-stream": {
        // No Content-Length: the client must count while reading. Bounded: 32 MB at most.
        res.writeHead(200, { "content-type": "application/rss+xml" });
        res.on("close", () => {
          bigHungUp = !res.writableFinished;
        });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && bigBytesSent < BIG_LIMIT) {
            bigBytesSent += chunk.length;
            if (!res.write(chunk)) {
              res.once("drain", pump);
              return;
            }
          }
          res.end();
        };
        res.write("<rss><channel><title>");
        pump();
        return;
      }
      case "/page.html":
        res
          .writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>Trang chủ</title></head><body>Xin chào</body></html>",
          );
        return;
      default:
        res.writeHead(404).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

const noCache = { etag: null, lastModified: null };

async function feedError(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe("fetchFeed against a loopback server", () => {
  it("fetches a feed and returns its validators", async () => {
    const result = await fetchFeed(`${base}/feed.rss`, noCache);
    expect(result).toMatchObject({
      status: "ok",
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      title: "Công an tỉnh Đồng Nai",
    });
    if (result.status !== "ok") {
      throw new Error("unreachable");
    }
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      guid: "cadn-1",
      title: 'Cảnh báo lừa đảo "việc nhẹ lương cao"',
      summary: "Không chuyển tiền & không cung cấp OTP.",
    });
    const request = seen.findLast((r) => r.path === "/feed.rss");
    expect(request?.headers["if-none-match"]).toBeUndefined();
    expect(request?.headers["if-modified-since"]).toBeUndefined();
    expect(request?.headers.accept).toContain("application/rss+xml");
    expect(request?.headers["user-agent"]).toMatch(/BinhYen/);
  });

  it("sends the cached validators and reports 304 as not_modified", async () => {
    const first = await fetchFeed(`${base}/feed.rss`, noCache);
    if (first.status !== "ok") {
      throw new Error("expected ok");
    }
    const second = await fetchFeed(`${base}/feed.rss`, {
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toEqual({ status: "not_modified" });
    const request = seen.findLast((r) => r.path === "/feed.rss");
    expect(request?.headers["if-none-match"]).toBe(ETAG);
    expect(request?.headers["if-modified-since"]).toBe(LAST_MODIFIED);
  });

  it("uses If-Modified-Since alone when there is no ETag", async () => {
    const first = await fetchFeed(`${base}/since.rss`, noCache);
    expect(first).toMatchObject({ status: "ok", etag: null, lastModified: LAST_MODIFIED });
    expect(await fetchFeed(`${base}/since.rss`, { etag: null, lastModified: LAST_MODIFIED })).toEqual({
      status: "not_modified",
    });
  });

  it("reads a gzip-compressed body", async () => {
    expect(await fetchFeed(`${base}/gzip.rss`, noCache)).toMatchObject({
      status: "ok",
      title: "Công an tỉnh Đồng Nai",
    });
  });

  it("follows redirects", async () => {
    const result = await fetchFeed(`${base}/moved`, noCache);
    expect(result).toMatchObject({ status: "ok", title: "Công an tỉnh Đồng Nai" });
    expect(seen.slice(-3).map((r) => r.path)).toEqual(["/moved", "/hop", "/feed.rss"]);
  });

  it("does not follow a redirect to a file: URL", async () => {
    const error = await feedError(fetchFeed(`${base}/to-file`, noCache));
    expect(error.code).toBe("NETWORK");
  });

  it("reports HTTP errors with the status in Vietnamese", async () => {
    const unavailable = await feedError(fetchFeed(`${base}/unavailable`, noCache));
    expect(unavailable.code).toBe("HTTP");
    expect(unavailable.message).toMatch(/^Máy chủ nguồn tin trả lỗi 503/);
    const missing = await feedError(fetchFeed(`${base}/missing`, noCache));
    expect(missing.code).toBe("HTTP");
    expect(missing.message).toContain("404");
  });

  it("times out while waiting for headers, and while reading a stalled body", async () => {
    const started = Date.now();
    const headers = await feedError(fetchFeed(`${base}/slow-headers`, noCache, { timeoutMs: 300 }));
    expect(headers.code).toBe("TIMEOUT");
    expect(headers.message).toMatch(/không trả lời sau 0,3 giây/);
    const body = await feedError(fetchFeed(`${base}/slow-body`, noCache, { timeoutMs: 300 }));
    expect(body.code).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("refuses an oversize body, by its Content-Length or while streaming", async () => {
    const declared = await feedError(fetchFeed(`${base}/big-declared`, noCache));
    expect(declared.code).toBe("TOO_LARGE");
    expect(declared.message).toMatch(/quá lớn.*2 MB/);

    const streamed = await feedError(fetchFeed(`${base}/big-stream`, noCache, { maxBytes: 256 * 1024 }));
    expect(streamed.code).toBe("TOO_LARGE");
    // The client hung up: the server saw the connection close before it had sent everything.
    await sleep(200);
    expect(bigHungUp).toBe(true);
    expect(bigBytesSent).toBeLessThan(BIG_LIMIT);
  });

  it("says NOT_A_FEED for an HTML page", async () => {
    const error = await feedError(fetchFeed(`${base}/page.html`, noCache));
    expect(error.code).toBe("NOT_A_FEED");
  });

  it("says NETWORK when nothing listens", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const error = await feedError(fetchFeed(`http://127.0.0.1:${port}/feed.rss`, noCache));
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/Không kết nối được.*ECONNREFUSED/);
  });

  it("refuses URLs that are not http(s) without making a request", async () => {
    const before = seen.length;
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.vn/feed.xml",
      "javascript:alert(1)",
      "không phải url",
      "",
    ]) {
      const error = await feedError(fetchFeed(url, noCache));
      expect(error.code).toBe("BAD_URL");
    }
    const withPassword = await feedError(fetchFeed(`http://user:pw@127.0.0.1:1/feed.rss`, noCache));
    expect(withPassword.code).toBe("BAD_URL");
    expect(seen.length).toBe(before);
  });

  it("passes the injected fetch through", async () => {
    const calls: string[] = [];
    const fake: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(FEED, { status: 200, headers: { etag: '"x"' } });
    };
    const result = await fetchFeed("https://congan.example.vn/rss", noCache, { fetchImpl: fake });
    expect(calls).toEqual(["https://congan.example.vn/rss"]);
    expect(result).toMatchObject({ status: "ok", etag: '"x"', lastModified: null });
  });
});

describe("nextPollDelayMs", () => {
  const base = 15 * 60_000;
  const day = 24 * 3600_000;

  it("is the base interval while healthy, then doubles per failure", () => {
    expect(nextPollDelayMs(0, base)).toBe(base);
    expect(nextPollDelayMs(1, base)).toBe(2 * base);
    expect(nextPollDelayMs(2, base)).toBe(4 * base);
    expect(nextPollDelayMs(5, base)).toBe(32 * base);
    const delays = Array.from({ length: 12 }, (_, i) => nextPollDelayMs(i, base));
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    }
  });

  it("is capped at 24 hours, even for absurd failure counts", () => {
    expect(nextPollDelayMs(7, base)).toBe(day);
    expect(nextPollDelayMs(50, base)).toBe(day);
    expect(nextPollDelayMs(10_000, base)).toBe(day);
    expect(nextPollDelayMs(Number.POSITIVE_INFINITY, base)).toBe(day);
    expect(nextPollDelayMs(Number.NaN, base)).toBe(base);
    expect(nextPollDelayMs(-3, base)).toBe(base);
  });

  it("spreads the backoff by ±10% when given a random source, within the cap", () => {
    expect(nextPollDelayMs(1, base, () => 0)).toBe(Math.round(2 * base * 0.9));
    expect(nextPollDelayMs(1, base, () => 0.5)).toBe(2 * base);
    expect(nextPollDelayMs(1, base, () => 0.999999)).toBeLessThanOrEqual(Math.round(2 * base * 1.1));
    expect(nextPollDelayMs(20, base, () => 0.999999)).toBe(day);
    expect(nextPollDelayMs(0, base, () => 0)).toBe(base);
  });
});
