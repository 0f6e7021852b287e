import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { SseHub } from "./sse-hub";

type SseFrame = { event?: string; data?: string; id?: string; retry?: string; comment?: string };

/** A minimal event-stream reader over fetch, per the WHATWG parsing rules we rely on. */
class StreamReader {
  private readonly frames: SseFrame[] = [];
  private readonly waiters: (() => void)[] = [];
  private buffer = "";
  ended = false;
  readonly done: Promise<void>;

  constructor(
    res: Response,
    private readonly abort: AbortController,
  ) {
    const reader = res.body?.getReader();
    if (!reader) {
      throw new Error("no body");
    }
    const decoder = new TextDecoder();
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          this.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // aborted by close()
      } finally {
        this.ended = true;
        this.wake();
      }
    })();
  }

  private push(text: string) {
    this.buffer += text;
    for (let i = this.buffer.indexOf("\n\n"); i >= 0; i = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, i);
      this.buffer = this.buffer.slice(i + 2);
      const frame: SseFrame = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) {
          frame.comment = line.slice(1).trim();
          continue;
        }
        const colon = line.indexOf(":");
        const field = line.slice(0, colon) as keyof SseFrame;
        frame[field] = line.slice(colon + 1).replace(/^ /, "");
      }
      this.frames.push(frame);
    }
    this.wake();
  }

  private wake() {
    for (const w of this.waiters.splice(0)) {
      w();
    }
  }

  /** Next frame matching `pred`, skipping others; rejects after timeoutMs or at end of stream. */
  async next(pred: (f: SseFrame) => boolean = () => true, timeoutMs = 2000): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const idx = this.frames.findIndex(pred);
      if (idx >= 0) {
        const [frame] = this.frames.splice(idx, 1);
        return frame as SseFrame;
      }
      if (this.ended) {
        throw new Error("stream ended");
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error("timed out waiting for a frame");
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Frames received so far that `pred` matches (not consumed). */
  peek(pred: (f: SseFrame) => boolean): SseFrame[] {
    return this.frames.filter(pred);
  }

  async close() {
    this.abort.abort();
    await this.done;
  }
}

const isEvent = (f: SseFrame) => f.event !== undefined;

type Harness = {
  hub: SseHub;
  port: number;
  open(q: { id: string; user: string; groups?: string[] }): Promise<StreamReader>;
  close(): Promise<void>;
};

async function startServer(hub: SseHub): Promise<Harness> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const groups = url.searchParams.get("groups");
    hub.attach(res, {
      id: url.searchParams.get("id") ?? "",
      userId: url.searchParams.get("user") ?? "",
      groupIds: new Set(groups ? groups.split(",") : []),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const readers: StreamReader[] = [];
  return {
    hub,
    port,
    async open(q) {
      const params = new URLSearchParams({ id: q.id, user: q.user, groups: (q.groups ?? []).join(",") });
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/?${params}`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("x-accel-buffering")).toBe("no");
      const reader = new StreamReader(res, abort);
      readers.push(reader);
      // The retry line is written after registration: once we have it, sends reach us.
      expect((await reader.next((f) => f.retry !== undefined)).retry).toBe("3000");
      return reader;
    },
    async close() {
      hub.close();
      await Promise.all(readers.map((r) => r.close()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) {
      throw new Error("condition not met in time");
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("SseHub over real HTTP", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("delivers a group event only to that group's clients, with event, data and id", async () => {
    h = await startServer(new SseHub());
    const a = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    const b = await h.open({ id: "c2", user: "u2", groups: ["B"] });
    const ab = await h.open({ id: "c3", user: "u3", groups: ["A", "B"] });

    expect(
      h.hub.send("announcement.published", { id: "ann-1", title: "Họp tổ" }, { groupIds: ["A"] }, "7"),
    ).toBe(2);
    expect(h.hub.send("announcement.published", { id: "ann-2" }, { groupIds: ["B"] }, "8")).toBe(2);

    const gotA = await a.next(isEvent);
    expect(gotA).toEqual({
      event: "announcement.published",
      data: JSON.stringify({ id: "ann-1", title: "Họp tổ" }),
      id: "7",
    });
    // B's event was sent after A's on the same socket order; wait for it to reach the B client.
    expect(JSON.parse((await b.next(isEvent)).data ?? "")).toEqual({ id: "ann-2" });
    // The client in both groups gets each event once.
    expect((await ab.next(isEvent)).id).toBe("7");
    expect((await ab.next(isEvent)).id).toBe("8");
    // A client's frames are ordered: had A's client got event 8, it would be buffered by now.
    await new Promise((r) => setTimeout(r, 100));
    expect(a.peek(isEvent)).toEqual([]);
    expect(b.peek(isEvent)).toEqual([]);
    expect(ab.peek(isEvent)).toEqual([]);
  });

  it("targets userIds, deduplicating a client matched by group and user", async () => {
    h = await startServer(new SseHub());
    const u1 = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    const u1b = await h.open({ id: "c1b", user: "u1" }); // second tab, no groups
    const u2 = await h.open({ id: "c2", user: "u2", groups: ["A"] });

    expect(h.hub.send("notice", { n: 1 }, { userIds: ["u1"] })).toBe(2);
    expect(h.hub.send("notice", { n: 2 }, { groupIds: ["A"], userIds: ["u1"] })).toBe(3);

    expect((await u1.next(isEvent)).data).toBe('{"n":1}');
    expect((await u1.next(isEvent)).data).toBe('{"n":2}');
    expect((await u1b.next(isEvent)).data).toBe('{"n":1}');
    expect((await u1b.next(isEvent)).data).toBe('{"n":2}');
    const only = await u2.next(isEvent);
    expect(only).toEqual({ event: "notice", data: '{"n":2}' }); // no id line when none given
    await new Promise((r) => setTimeout(r, 100));
    expect(u1.peek(isEvent)).toEqual([]);
    expect(u2.peek(isEvent)).toEqual([]);
    expect(h.hub.send("notice", {}, { userIds: ["nobody"], groupIds: ["Z"] })).toBe(0);
  });

  it("refuses event names and ids that would inject SSE fields", async () => {
    h = await startServer(new SseHub());
    expect(() => h?.hub.send("a\ndata: x", {}, { groupIds: ["A"] })).toThrow(TypeError);
    expect(() => h?.hub.send("a", {}, { groupIds: ["A"] }, "1\nevent: x")).toThrow(TypeError);
  });

  it("sends heartbeat comments", async () => {
    h = await startServer(new SseHub({ heartbeatMs: 50 }));
    const c = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    expect(await c.next((f) => f.comment !== undefined)).toEqual({ comment: "ping" });
    expect(await c.next((f) => f.comment !== undefined)).toEqual({ comment: "ping" });
  });

  it("removes a client that disconnects, and send does not throw", async () => {
    h = await startServer(new SseHub({ heartbeatMs: 20 }));
    const gone = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    const stays = await h.open({ id: "c2", user: "u2", groups: ["A"] });
    expect(h.hub.size).toBe(2);

    await gone.close();
    await until(() => h?.hub.size === 1);
    expect(h.hub.send("x", { n: 1 }, { groupIds: ["A"], userIds: ["u1"] })).toBe(1);
    expect((await stays.next(isEvent)).data).toBe('{"n":1}');
    // Heartbeats keep running for the remaining client.
    await stays.next((f) => f.comment === "ping");
  });

  it("does not throw when sending to a socket that died but has not been reported closed yet", async () => {
    h = await startServer(new SseHub());
    const c = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    const other = await h.open({ id: "c2", user: "u2", groups: ["A"] });
    await c.close();
    // Send repeatedly while the server learns about the reset; none of these may throw.
    for (let i = 0; i < 50; i++) {
      expect(() => h?.hub.send("x", { i }, { groupIds: ["A"] })).not.toThrow();
      await new Promise((r) => setImmediate(r));
    }
    await until(() => h?.hub.size === 1);
    expect((await other.next(isEvent)).data).toBe('{"i":0}');
  });

  it("disconnectUser ends that user's streams only", async () => {
    h = await startServer(new SseHub());
    const tab1 = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    const tab2 = await h.open({ id: "c2", user: "u1", groups: ["B"] });
    const other = await h.open({ id: "c3", user: "u2", groups: ["A"] });

    h.hub.disconnectUser("u1");
    expect(h.hub.size).toBe(1);
    await tab1.done;
    await tab2.done;
    expect(tab1.ended && tab2.ended).toBe(true);
    expect(h.hub.send("x", {}, { groupIds: ["A", "B"], userIds: ["u1"] })).toBe(1);
    expect((await other.next(isEvent)).event).toBe("x");
    h.hub.disconnectUser("unknown"); // no-op
    expect(h.hub.size).toBe(1);
  });

  it("drops a client that stops reading once its buffer passes the limit, keeping the others", async () => {
    h = await startServer(new SseHub({ maxBufferBytes: 256 * 1024 }));
    const fast = await h.open({ id: "fast", user: "u1", groups: ["A"] });
    // A raw client that never reads: the kernel buffers fill, then Node's, then the hub drops it.
    const stalled = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = http.get(`http://127.0.0.1:${h?.port}/?id=slow&user=u2&groups=A`, (res) => {
        res.pause();
        resolve(res);
      });
      req.on("error", reject);
    });
    stalled.on("error", () => undefined);
    await until(() => h?.hub.size === 2);

    const big = "x".repeat(64 * 1024);
    const counts: number[] = [];
    for (let i = 0; i < 2000 && h.hub.size === 2; i++) {
      counts.push(h.hub.send("big", { i, big }, { groupIds: ["A"] }));
      // Let the fast reader drain between sends.
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(h.hub.size).toBe(1);
    expect(counts.at(-1)).toBe(1); // the send that found the buffer too big did not count it
    expect(h.hub.send("after", { ok: true }, { groupIds: ["A"] })).toBe(1);
    expect((await fast.next((f) => f.event === "after", 10_000)).data).toBe('{"ok":true}');
    stalled.destroy();
  });

  it("delivers one send to 200 clients", async () => {
    h = await startServer(new SseHub());
    const clients = await Promise.all(
      Array.from({ length: 200 }, (_, i) => h?.open({ id: `c${i}`, user: `u${i}`, groups: ["G"] })),
    );
    expect(h.hub.size).toBe(200);
    const started = Date.now();
    expect(h.hub.send("announcement.published", { id: "ann-9" }, { groupIds: ["G"] }, "42")).toBe(200);
    const frames = await Promise.all(clients.map((c) => c?.next(isEvent)));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(frames.every((f) => f?.id === "42" && f.data === '{"id":"ann-9"}')).toBe(true);
  });

  it("close ends every stream and later attaches are refused", async () => {
    const hub = new SseHub({ heartbeatMs: 20 });
    h = await startServer(hub);
    const c = await h.open({ id: "c1", user: "u1", groups: ["A"] });
    hub.close();
    await c.done;
    expect(hub.size).toBe(0);
    expect(hub.send("x", {}, { groupIds: ["A"] })).toBe(0);
  });
});
