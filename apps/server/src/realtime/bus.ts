import pg from "pg";

/**
 * Cross-process fan-out of small "something changed" messages (e.g. an announcement was
 * published), so that every API process can push it to its own SSE clients.
 *
 * Delivery is at-most-once: a process whose listening connection is down misses what was
 * published meanwhile (NOTIFY does not queue for absent listeners). Messages are hints; the
 * database stays the source of truth and clients refetch after they reconnect.
 */
export type BusMessage = { topic: string; data: Record<string, unknown> };

export interface RealtimeBus {
  /** Called AFTER the transaction that made the change committed. */
  publish(msg: BusMessage): Promise<void>;
  /** Handlers receive a parsed JSON copy; treat it as read-only (all handlers share it). */
  subscribe(handler: (msg: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export type BusLog = { warn(obj: object, msg: string): void };

/** NOTIFY refuses payloads of 8000 bytes or more; we keep a margin under it. */
export const MAX_MESSAGE_BYTES = 7000;
export const DEFAULT_CHANNEL = "binhyen_realtime";
/** pg_stat_activity.application_name of the listening connection (operators and tests find it by this). */
export const LISTEN_APPLICATION_NAME = "binhyen-listen";

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

/** Validates and serializes; the same bytes go to NOTIFY and are measured against the limit. */
function serialize(msg: BusMessage): string {
  if (typeof msg?.topic !== "string" || msg.topic === "") {
    throw new TypeError("Bus message needs a non-empty string topic");
  }
  if (typeof msg.data !== "object" || msg.data === null || Array.isArray(msg.data)) {
    throw new TypeError("Bus message data must be a JSON object");
  }
  const payload = JSON.stringify({ topic: msg.topic, data: msg.data });
  const bytes = Buffer.byteLength(payload, "utf8");
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new RangeError(
      `Bus message "${msg.topic}" is ${bytes} bytes serialized; the limit is ${MAX_MESSAGE_BYTES}. Send an id and let subscribers load the rest.`,
    );
  }
  return payload;
}

function parse(payload: string): BusMessage | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) {
      return undefined;
    }
    const { topic, data } = value as { topic?: unknown; data?: unknown };
    if (typeof topic !== "string" || typeof data !== "object" || data === null || Array.isArray(data)) {
      return undefined;
    }
    return { topic, data: data as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

type Handler = (msg: BusMessage) => void;

/** Subscriber list shared by both buses: one throwing handler must not starve the others. */
class Subscribers {
  // Entries are wrapper objects so the same function subscribed twice is two subscriptions.
  private readonly entries = new Set<{ handler: Handler }>();

  constructor(private readonly log?: BusLog) {}

  add(handler: Handler): () => void {
    const entry = { handler };
    this.entries.add(entry);
    return () => {
      this.entries.delete(entry);
    };
  }

  deliver(msg: BusMessage): void {
    // Snapshot: a handler that (un)subscribes while we deliver affects only later messages.
    for (const entry of [...this.entries]) {
      try {
        entry.handler(msg);
      } catch (err) {
        this.log?.warn({ err, topic: msg.topic }, "realtime bus handler threw");
      }
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * One process (PGlite). Delivers synchronously inside publish(), through the same JSON
 * round trip as PostgreSQL so subscribers see identical shapes on both backends.
 */
export function createMemoryBus(opts: { log?: BusLog } = {}): RealtimeBus {
  const subscribers = new Subscribers(opts.log);
  let closed = false;
  return {
    async publish(msg) {
      if (closed) {
        throw new Error("Realtime bus is closed");
      }
      const parsed = parse(serialize(msg));
      if (parsed) {
        subscribers.deliver(parsed);
      }
    },
    subscribe(handler) {
      return subscribers.add(handler);
    },
    async close() {
      closed = true;
      subscribers.clear();
    },
  };
}

/**
 * Several processes on PostgreSQL. One dedicated connection LISTENs (a pooled connection
 * cannot: the pool would hand it to someone else and the subscription would vanish). Our own
 * notifications come back through it too, so local and remote subscribers share one path and
 * nothing is delivered twice.
 */
export async function createPostgresBus(
  url: string,
  opts: {
    channel?: string;
    log?: BusLog;
    /** How often the listening connection is checked with a query (and how long it may take). */
    healthCheckMs?: number;
  } = {},
): Promise<RealtimeBus> {
  const channel = opts.channel ?? DEFAULT_CHANNEL;
  const healthCheckMs = opts.healthCheckMs ?? 30_000;
  // LISTEN takes an identifier, not a parameter: allow only names that need no escaping.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) {
    throw new TypeError(`Invalid realtime channel name "${channel}" (use lower-case letters, digits, _)`);
  }
  const log = opts.log;
  const subscribers = new Subscribers(log);

  // max 1: NOTIFYs from this process reach the server in the order publish() was called.
  const publisher = new pg.Pool({
    connectionString: url,
    max: 1,
    application_name: "binhyen-notify",
    connectionTimeoutMillis: 5000,
  });
  // An idle pooled connection the server closes must not crash the process.
  publisher.on("error", () => undefined);

  let closed = false;
  let listener: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let attempt = 0;

  const onNotification = (n: pg.Notification) => {
    if (n.channel !== channel || n.payload === undefined) {
      return;
    }
    const msg = parse(n.payload);
    if (!msg) {
      log?.warn({ channel }, "realtime bus dropped a malformed notification");
      return;
    }
    subscribers.deliver(msg);
  };

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: url,
      application_name: LISTEN_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    // Until LISTEN succeeded, failures surface through the returned promise instead.
    let ready = false;
    let lost = false;
    let healthCheck: NodeJS.Timeout | undefined;
    const onLost = (err?: Error) => {
      if (!ready || lost) {
        return;
      }
      lost = true;
      clearInterval(healthCheck);
      // A connection we gave up on may still be alive: it must not deliver next to its successor.
      client.off("notification", onNotification);
      if (listener === client) {
        listener = undefined;
      }
      if (closed) {
        return;
      }
      log?.warn({ err, channel }, "realtime listen connection lost; reconnecting");
      scheduleReconnect();
    };
    // Without an 'error' listener a dropped connection would be an uncaught exception.
    client.on("error", (err) => onLost(err));
    client.on("end", () => onLost());
    client.on("notification", onNotification);
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    ready = true;
    // A LISTEN connection is idle: a NAT or firewall that forgets it drops it silently and the
    // kernel's keepalive notices only after many minutes. A periodic query finds out sooner.
    let pinging = false;
    healthCheck = setInterval(() => {
      if (pinging || lost) {
        return;
      }
      pinging = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error("listen connection health check timed out")),
          healthCheckMs,
        );
      });
      Promise.race([client.query("select 1"), timeout]).then(
        () => {
          clearTimeout(timer);
          pinging = false;
        },
        (err: unknown) => {
          clearTimeout(timer);
          pinging = false;
          onLost(err instanceof Error ? err : new Error(String(err)));
          void client.end().catch(() => undefined);
        },
      );
    }, healthCheckMs);
    healthCheck.unref();
    return client;
  }

  function scheduleReconnect(): void {
    if (closed || reconnectTimer) {
      return;
    }
    const base = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempt);
    // Jitter so that many API processes do not reconnect in lockstep after a database restart.
    const delayMs = Math.round(base / 2 + (Math.random() * base) / 2);
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      if (closed) {
        return;
      }
      connectListener().then(
        (client) => {
          if (closed) {
            void client.end().catch(() => undefined);
            return;
          }
          listener = client;
          log?.warn({ channel, attempts: attempt }, "realtime listen connection restored");
          attempt = 0;
        },
        (err: unknown) => {
          log?.warn({ err, channel, attempt }, "realtime listen reconnect failed");
          scheduleReconnect();
        },
      );
    }, delayMs);
  }

  try {
    // Fail fast at start-up: a bad URL or a server down is a configuration error, not a retry.
    listener = await connectListener();
  } catch (err) {
    closed = true;
    await publisher.end().catch(() => undefined);
    throw err;
  }

  return {
    async publish(msg) {
      if (closed) {
        throw new Error("Realtime bus is closed");
      }
      const payload = serialize(msg);
      await publisher.query("select pg_notify($1, $2)", [channel, payload]);
    },
    subscribe(handler) {
      return subscribers.add(handler);
    },
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      if (reconnectTimer) {
        clearTimeout(reconnectTimer);
        reconnectTimer = undefined;
      }
      subscribers.clear();
      const client = listener;
      listener = undefined;
      await Promise.all([client?.end().catch(() => undefined), publisher.end().catch(() => undefined)]);
    },
  };
}
