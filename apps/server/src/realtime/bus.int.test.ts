import { randomBytes } from "node:crypto";
import net, { type AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type BusMessage,
  createMemoryBus,
  createPostgresBus,
  LISTEN_APPLICATION_NAME,
  MAX_MESSAGE_BYTES,
  type RealtimeBus,
} from "./bus";

/** Collects messages and lets a test wait for the n-th one. */
function collector() {
  const got: BusMessage[] = [];
  let wake: (() => void) | undefined;
  return {
    got,
    handler: (msg: BusMessage) => {
      got.push(msg);
      wake?.();
    },
    async waitFor(n: number, timeoutMs = 2000): Promise<BusMessage[]> {
      const deadline = Date.now() + timeoutMs;
      while (got.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(`expected ${n} messages, got ${got.length}`);
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
      return got;
    },
  };
}

/**
 * A TCP proxy in front of PostgreSQL that can cut every connection (server restart, network
 * down) or freeze them (a NAT that forgot the connection: no FIN, no RST, nothing arrives).
 */
async function startProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((down) => {
    const up = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [down, up]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    down.pipe(up).pipe(down);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const url = new URL(targetUrl);
  url.host = `127.0.0.1:${port}`;
  const cut = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const s of sockets) {
        s.destroy();
      }
    });
  return {
    url: url.toString(),
    cut,
    async restart() {
      await listen(port);
    },
    freeze() {
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    async stop() {
      await cut();
      for (const s of sockets) {
        s.destroy();
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Serialized {"topic":"t","data":{"s":"…"}} is exactly `bytes` long. */
function messageOfBytes(bytes: number, char = "x"): BusMessage {
  const overhead = Buffer.byteLength(JSON.stringify({ topic: "t", data: { s: "" } }));
  const charBytes = Buffer.byteLength(char);
  const room = bytes - overhead;
  const msg = {
    topic: "t",
    data: { s: char.repeat(Math.floor(room / charBytes)) + "x".repeat(room % charBytes) },
  };
  expect(Buffer.byteLength(JSON.stringify(msg))).toBe(bytes);
  return msg;
}

describe("memory bus", () => {
  it("delivers to every subscriber, survives a throwing handler, and unsubscribes", async () => {
    const warnings: string[] = [];
    const bus = createMemoryBus({ log: { warn: (_o, m) => warnings.push(m) } });
    const a = collector();
    const b = collector();
    bus.subscribe(() => {
      throw new Error("boom");
    });
    const offA = bus.subscribe(a.handler);
    bus.subscribe(b.handler);

    await bus.publish({ topic: "announcement.published", data: { id: "ann-1", at: new Date(0) } });
    // Same JSON round trip as PostgreSQL: a Date arrives as its ISO string.
    expect(a.got).toEqual([
      { topic: "announcement.published", data: { id: "ann-1", at: "1970-01-01T00:00:00.000Z" } },
    ]);
    expect(b.got).toHaveLength(1);
    expect(warnings).toEqual(["realtime bus handler threw"]);

    offA();
    offA(); // idempotent
    await bus.publish({ topic: "t", data: {} });
    expect(a.got).toHaveLength(1);
    expect(b.got).toHaveLength(2);

    await bus.close();
    await expect(bus.publish({ topic: "t", data: {} })).rejects.toThrow(/closed/);
  });

  it("refuses messages over the size limit, counting bytes not characters", async () => {
    const bus = createMemoryBus();
    const got = collector();
    bus.subscribe(got.handler);
    await bus.publish(messageOfBytes(MAX_MESSAGE_BYTES));
    await expect(bus.publish(messageOfBytes(MAX_MESSAGE_BYTES + 1))).rejects.toThrow(RangeError);
    // 3,600 characters but 7,200 bytes of UTF-8.
    await expect(bus.publish({ topic: "t", data: { s: "ư".repeat(3600) } })).rejects.toThrow(RangeError);
    expect(got.got).toHaveLength(1);
    await bus.close();
  });

  it("refuses malformed messages", async () => {
    const bus = createMemoryBus();
    await expect(bus.publish({ topic: "", data: {} })).rejects.toThrow(TypeError);
    await expect(bus.publish({ topic: "t", data: null as never })).rejects.toThrow(TypeError);
    await bus.close();
  });
});

/**
 * Like the rest of the integration tier, PostgreSQL comes from BINHYEN_TEST_PG_URL (global setup
 * provides it as pgAdminUrl). Without it we still try the local server and skip only when
 * nothing answers there; a URL that was configured but does not answer fails the run.
 */
const LOCAL_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const configuredAdminUrl = inject("pgAdminUrl");
const adminUrl = configuredAdminUrl || LOCAL_ADMIN_URL;

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on("error", () => undefined);
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (err) {
    if (configuredAdminUrl) {
      throw err;
    }
    return false;
  }
}

const pgAvailable = await reachable(adminUrl);

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!pgAvailable)("PostgreSQL bus", () => {
  const dbName = `binhyen_rt_${randomBytes(6).toString("hex")}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const buses: RealtimeBus[] = [];
  const open = async (opts: Parameters<typeof createPostgresBus>[1] = {}, url = dbUrl) => {
    const bus = await createPostgresBus(url, opts);
    buses.push(bus);
    return bus;
  };
  const listeners = (name = LISTEN_APPLICATION_NAME) =>
    admin(dbUrl, async (c) => {
      const r = await c.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and application_name = $1",
        [name],
      );
      return r.rows.map((row) => row.pid);
    });

  beforeAll(async () => {
    await admin(adminUrl, (c) => c.query(`create database ${dbName}`));
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  afterAll(async () => {
    await admin(adminUrl, (c) => c.query(`drop database if exists ${dbName} with (force)`));
  });

  it("fans a publish out to subscribers in both processes exactly once, within a second", async () => {
    const channel = "binhyen_rt_fanout";
    const p1 = await open({ channel });
    const p2 = await open({ channel });
    const a1 = collector();
    const b1 = collector();
    const a2 = collector();
    p1.subscribe(a1.handler);
    p1.subscribe(() => {
      throw new Error("a broken handler must not stop the others");
    });
    p1.subscribe(b1.handler);
    p2.subscribe(a2.handler);

    const started = Date.now();
    await p1.publish({ topic: "announcement.published", data: { id: "ann-1", groupIds: ["g1"] } });
    await Promise.all([a1.waitFor(1), b1.waitFor(1), a2.waitFor(1)]);
    expect(Date.now() - started).toBeLessThan(1000);
    await p2.publish({ topic: "announcement.published", data: { id: "ann-2", title: "Họp tổ 5" } });
    await Promise.all([a1.waitFor(2), b1.waitFor(2), a2.waitFor(2)]);

    // Linger: a second (local) delivery would show up here.
    await sleep(300);
    const expected = [
      { topic: "announcement.published", data: { id: "ann-1", groupIds: ["g1"] } },
      { topic: "announcement.published", data: { id: "ann-2", title: "Họp tổ 5" } },
    ];
    expect(a1.got).toEqual(expected);
    expect(b1.got).toEqual(expected);
    expect(a2.got).toEqual(expected);
  });

  it("keeps one process's publishes in order", async () => {
    const channel = "binhyen_rt_order";
    const p1 = await open({ channel });
    const p2 = await open({ channel });
    const got = collector();
    p2.subscribe(got.handler);
    await Promise.all(Array.from({ length: 50 }, (_, i) => p1.publish({ topic: "n", data: { i } })));
    await got.waitFor(50);
    expect(got.got.map((m) => m.data.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("throws for a message over the limit and sends nothing", async () => {
    const channel = "binhyen_rt_limit";
    const p1 = await open({ channel });
    const got = collector();
    p1.subscribe(got.handler);
    await expect(p1.publish(messageOfBytes(MAX_MESSAGE_BYTES + 1))).rejects.toThrow(RangeError);
    await expect(p1.publish({ topic: "t", data: { s: "ư".repeat(3600) } })).rejects.toThrow(RangeError);
    // Exactly at the limit goes through NOTIFY (whose own limit is 8000 bytes).
    await p1.publish(messageOfBytes(MAX_MESSAGE_BYTES, "ư"));
    await got.waitFor(1);
    await sleep(200);
    expect(got.got).toHaveLength(1);
  });

  it("refuses a channel name that would need quoting", async () => {
    await expect(createPostgresBus(dbUrl, { channel: 'x"; drop table y; --' })).rejects.toThrow(TypeError);
  });

  it("fails fast when the database does not answer", async () => {
    const u = new URL(dbUrl);
    u.pathname = `/${dbName}_missing`;
    await expect(createPostgresBus(u.toString())).rejects.toThrow();
  });

  it("reconnects after its listening connection is killed, and later messages arrive", async () => {
    // Default channel and application name: what production uses.
    const warnings: { msg: string; obj: object }[] = [];
    const log = { warn: (obj: object, msg: string) => warnings.push({ msg, obj }) };
    const p1 = await open({ log });
    const p2 = await open();
    const on1 = collector();
    const on2 = collector();
    p1.subscribe(on1.handler);
    p2.subscribe(on2.handler);

    const before = await listeners();
    expect(before).toHaveLength(2);
    // Kill every listener on this database: both "processes" must recover on their own.
    await admin(dbUrl, (c) =>
      c.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1",
        [LISTEN_APPLICATION_NAME],
      ),
    );

    // NOTIFY does not queue for absent listeners, so publish until the new listeners hear it.
    let n = 0;
    const deadline = Date.now() + 15_000;
    while ((on1.got.length === 0 || on2.got.length === 0) && Date.now() < deadline) {
      await p1.publish({ topic: "probe", data: { n: n++ } });
      await sleep(100);
    }
    expect(on1.got.length).toBeGreaterThan(0);
    expect(on2.got.length).toBeGreaterThan(0);
    expect(warnings.map((w) => w.msg)).toContain("realtime listen connection lost; reconnecting");
    expect(warnings.map((w) => w.msg)).toContain("realtime listen connection restored");

    const after = await listeners();
    expect(after).toHaveLength(2);
    expect(after.some((pid) => before.includes(pid))).toBe(false);

    // After recovery, each message arrives exactly once on each side again.
    const base1 = on1.got.length;
    const base2 = on2.got.length;
    await p2.publish({ topic: "announcement.published", data: { id: "ann-after" } });
    await on1.waitFor(base1 + 1);
    await on2.waitFor(base2 + 1);
    await sleep(300);
    expect(on1.got.slice(base1)).toEqual([{ topic: "announcement.published", data: { id: "ann-after" } }]);
    expect(on2.got.slice(base2)).toEqual([{ topic: "announcement.published", data: { id: "ann-after" } }]);
  });

  /** Publishes until `got` hears one, since NOTIFY does not queue for absent listeners. */
  async function publishUntilHeard(bus: RealtimeBus, got: ReturnType<typeof collector>, topic: string) {
    const deadline = Date.now() + 15_000;
    let n = 0;
    while (got.got.length === 0 && Date.now() < deadline) {
      await bus.publish({ topic, data: { n: n++ } });
      await sleep(100);
    }
    expect(got.got.length).toBeGreaterThan(0);
  }

  it("keeps retrying with backoff while the server is unreachable, then resumes", async () => {
    const proxy = await startProxy(dbUrl);
    try {
      const warnings: string[] = [];
      const channel = "binhyen_rt_outage";
      const direct = await open({ channel }); // not behind the proxy: publishes during the outage
      const behind = await open({ channel, log: { warn: (_o, m) => warnings.push(m) } }, proxy.url);
      const got = collector();
      behind.subscribe(got.handler);

      await proxy.cut();
      await sleep(800); // several failed attempts, 50-100, 100-200, 200-400 ms apart
      await direct.publish({ topic: "during", data: {} }); // lost: nobody listens behind the proxy
      expect(warnings.filter((m) => m === "realtime listen reconnect failed").length).toBeGreaterThanOrEqual(
        2,
      );

      await proxy.restart();
      await publishUntilHeard(direct, got, "after");
      expect(got.got.every((m) => m.topic === "after")).toBe(true);
      expect(warnings).toContain("realtime listen connection restored");
    } finally {
      await proxy.stop();
    }
  });

  it("notices a connection that went silent (no FIN, no RST) through its health check", async () => {
    const proxy = await startProxy(dbUrl);
    try {
      const warnings: { msg: string; obj: object }[] = [];
      const channel = "binhyen_rt_silent";
      const direct = await open({ channel });
      const behind = await open(
        { channel, healthCheckMs: 200, log: { warn: (obj, msg) => warnings.push({ msg, obj }) } },
        proxy.url,
      );
      const got = collector();
      behind.subscribe(got.handler);
      await direct.publish({ topic: "before", data: {} });
      await got.waitFor(1);

      proxy.freeze(); // existing connections stop forwarding but stay open; new ones work
      const lost = Date.now();
      const deadline = lost + 5000;
      while (!warnings.some((w) => w.msg === "realtime listen connection lost; reconnecting")) {
        expect(Date.now()).toBeLessThan(deadline);
        await sleep(20);
      }
      expect(Date.now() - lost).toBeLessThan(1500);
      const lostWarning = warnings.find((w) => w.msg === "realtime listen connection lost; reconnecting");
      expect((lostWarning?.obj as { err?: Error } | undefined)?.err?.message).toMatch(
        /health check timed out/,
      );
      const base = got.got.length;
      const fresh = collector();
      behind.subscribe(fresh.handler);
      await publishUntilHeard(direct, fresh, "after");
      expect(got.got.slice(base).every((m) => m.topic === "after")).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it("close ends the listening connection and stops delivery", async () => {
    const channel = "binhyen_rt_close";
    const p1 = await open({ channel });
    const p2 = await open({ channel });
    const got = collector();
    p1.subscribe(got.handler);
    const countBefore = (await listeners()).length;
    await p1.close();
    await p1.close(); // idempotent
    expect((await listeners()).length).toBe(countBefore - 1);
    await expect(p1.publish({ topic: "t", data: {} })).rejects.toThrow(/closed/);
    await p2.publish({ topic: "t", data: {} });
    await sleep(300);
    expect(got.got).toHaveLength(0);
  });
});
