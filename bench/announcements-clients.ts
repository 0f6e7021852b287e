/**
 * Child process of bench/announcements.bench.ts: holds the N subscribers (SSE streams over plain
 * node:http, or mqtt.js clients) so that their reading does not share an event loop with the
 * server or broker being measured. Same client process for both sides.
 *
 * Arrival times are process.hrtime.bigint(): CLOCK_MONOTONIC, one clock for every process of the
 * machine, so the parent can subtract its own publish start from them.
 */
import http from "node:http";
import mqtt, { type MqttClient } from "mqtt";

export type ClientCmd =
  | { cmd: "sse"; url: string; cookies: string[]; concurrency: number }
  | { cmd: "mqtt"; url: string; topic: string; n: number; concurrency: number }
  | { cmd: "arm" }
  | { cmd: "report" }
  | { cmd: "close" };

export type ClientMsg =
  | { type: "ready"; ok: number; failed: number; errors: string[]; ms: number }
  | { type: "armed" }
  /** Every subscriber got the message with this id: first and last arrival (hrtime ns as strings). */
  | { type: "all"; id: string; first: string; last: string; count: number }
  | { type: "report"; stats: { id: string; first: string; last: string; count: number }[] }
  | { type: "closed" };

const send = (m: ClientMsg) => process.send?.(m);

let target = 0;
/** Arrivals per message id since the last "arm". */
let stats = new Map<string, { first: bigint; last: bigint; count: number }>();

function arrived(id: string, at: bigint): void {
  let s = stats.get(id);
  if (!s) {
    s = { first: at, last: at, count: 0 };
    stats.set(id, s);
  }
  if (at < s.first) {
    s.first = at;
  }
  if (at > s.last) {
    s.last = at;
  }
  s.count++;
  if (s.count === target) {
    send({ type: "all", id, first: String(s.first), last: String(s.last), count: s.count });
  }
}

/** Runs `n` async jobs with at most `concurrency` in flight. */
async function pool(n: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      await job(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}

const requests: http.ClientRequest[] = [];
const mqttClients: MqttClient[] = [];
let agent: http.Agent | undefined;

async function openSse(url: string, cookies: string[], concurrency: number) {
  const t0 = performance.now();
  agent = new http.Agent({ keepAlive: false, maxSockets: cookies.length + 16 });
  const errors = new Map<string, number>();
  let ok = 0;
  await pool(cookies.length, concurrency, (i) => {
    return new Promise<void>((done) => {
      const fail = (why: string) => {
        errors.set(why, (errors.get(why) ?? 0) + 1);
        done();
      };
      const req = http.get(
        `${url}/api/stream`,
        { agent, headers: { cookie: cookies[i] ?? "", accept: "text/event-stream" } },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            fail(`HTTP ${res.statusCode}`);
            return;
          }
          res.setEncoding("utf8");
          let buf = "";
          let attached = false;
          let lastId = "";
          res.on("data", (chunk: string) => {
            const at = process.hrtime.bigint();
            buf += chunk;
            for (let end = buf.indexOf("\n\n"); end >= 0; end = buf.indexOf("\n\n")) {
              const frame = buf.slice(0, end);
              buf = buf.slice(end + 2);
              if (!attached && frame.startsWith("retry:")) {
                attached = true;
                ok++;
                done();
              } else if (frame.startsWith("event: announcement\n")) {
                const p = frame.indexOf("\nid: ");
                const id = p >= 0 ? frame.slice(p + 5).split("\n", 1)[0] : undefined;
                if (id && id !== lastId) {
                  lastId = id;
                  arrived(id, at);
                }
              }
            }
          });
          res.on("error", () => undefined);
        },
      );
      req.on("error", (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
      requests.push(req);
    });
  });
  return {
    ok,
    failed: cookies.length - ok,
    errors: [...errors].map(([k, v]) => `${k} ×${v}`),
    ms: performance.now() - t0,
  };
}

async function openMqtt(url: string, topic: string, n: number, concurrency: number) {
  const t0 = performance.now();
  const errors = new Map<string, number>();
  let ok = 0;
  await pool(n, concurrency, async (i) => {
    try {
      const c = await mqtt.connectAsync(url, {
        clientId: `binhyen-bench-${process.pid}-${i}`,
        reconnectPeriod: 0,
        keepalive: 600,
        clean: true,
        connectTimeout: 30_000,
      });
      c.on("error", () => undefined);
      let lastId = "";
      c.on("message", (_topic, payload) => {
        const at = process.hrtime.bigint();
        const id = (JSON.parse(payload.toString("utf8")) as { id?: string }).id;
        if (id && id !== lastId) {
          lastId = id;
          arrived(id, at);
        }
      });
      mqttClients.push(c);
      await c.subscribeAsync(topic, { qos: 0 });
      ok++;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code ?? e.message;
      errors.set(why, (errors.get(why) ?? 0) + 1);
    }
  });
  return {
    ok,
    failed: n - ok,
    errors: [...errors].map(([k, v]) => `${k} ×${v}`),
    ms: performance.now() - t0,
  };
}

process.on("message", (raw) => {
  const m = raw as ClientCmd;
  void (async () => {
    switch (m.cmd) {
      case "sse": {
        target = m.cookies.length;
        send({ type: "ready", ...(await openSse(m.url, m.cookies, m.concurrency)) });
        break;
      }
      case "mqtt": {
        target = m.n;
        send({ type: "ready", ...(await openMqtt(m.url, m.topic, m.n, m.concurrency)) });
        break;
      }
      case "arm": {
        stats = new Map();
        send({ type: "armed" });
        break;
      }
      case "report": {
        send({
          type: "report",
          stats: [...stats].map(([id, s]) => ({
            id,
            first: String(s.first),
            last: String(s.last),
            count: s.count,
          })),
        });
        break;
      }
      case "close": {
        for (const r of requests) {
          r.destroy();
        }
        agent?.destroy();
        await Promise.all(mqttClients.map((c) => c.endAsync(true).catch(() => undefined)));
        send({ type: "closed" });
        process.disconnect();
        break;
      }
    }
  })();
});
