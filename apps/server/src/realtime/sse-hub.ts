import type { ServerResponse } from "node:http";

/**
 * Server-Sent Events for the web app. One hub per process; the realtime bus feeds it messages
 * from every process, the hub writes them to the streams this process holds.
 *
 * Security assumption: the route authenticates the request and computes `groupIds` BEFORE
 * attach(); the hub trusts them. Membership is a snapshot: when it shrinks (role removed,
 * sign-out) call disconnectUser() and let the browser reconnect through the route again.
 */
export type SseClient = { id: string; userId: string; groupIds: ReadonlySet<string> };

export type SseHubOptions = {
  /** Comment lines keep proxies and load balancers from closing idle streams. Default 25 s. */
  heartbeatMs?: number;
  /** A client whose unsent output exceeds this is too slow to keep: it is dropped. Default 1 MiB. */
  maxBufferBytes?: number;
};

type Connection = {
  readonly client: SseClient;
  readonly raw: ServerResponse;
  /** Number of the last send() that reached this connection: dedupes without a per-send Set. */
  stamp: number;
  detached: boolean;
  /** Removes the listeners attach() added to the response. */
  unlisten: () => void;
};

const HEARTBEAT = ": ping\n\n";
/** Event names and ids become SSE field values: a line break would inject fields. */
const FIELD_VALUE = /^[^\r\n\0]*$/;

export class SseHub {
  private readonly heartbeatMs: number;
  private readonly maxBufferBytes: number;
  private readonly connections = new Set<Connection>();
  private readonly byGroup = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private heartbeat: NodeJS.Timeout | undefined;
  private sendSeq = 0;
  private closed = false;

  constructor(opts: SseHubOptions = {}) {
    this.heartbeatMs = opts.heartbeatMs ?? 25_000;
    this.maxBufferBytes = opts.maxBufferBytes ?? 1024 * 1024;
  }

  /**
   * Takes over a raw Node response (Fastify: reply.hijack(); reply.raw), writes the SSE
   * headers and `retry: 3000`, and registers it. Returns a detach fn; detaches on 'close'.
   */
  attach(raw: ServerResponse, client: SseClient): () => void {
    if (this.closed) {
      raw.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "3" });
      raw.end();
      return () => {};
    }
    raw.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      // nginx buffers proxied responses unless told not to; events would arrive in batches.
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    });
    const conn: Connection = { client, raw, stamp: 0, detached: false, unlisten: () => {} };
    const onClose = () => this.detach(conn, "closed");
    // A socket error on the response is followed by 'close'; listening keeps it from being unhandled.
    const onError = () => this.detach(conn, "destroy");
    raw.on("close", onClose);
    raw.on("error", onError);
    conn.unlisten = () => {
      raw.off("close", onClose);
      raw.off("error", onError);
    };
    this.connections.add(conn);
    for (const groupId of client.groupIds) {
      addTo(this.byGroup, groupId, conn);
    }
    addTo(this.byUser, client.userId, conn);
    this.startHeartbeat();

    // The browser may have gone before the route got here: 'close' already fired then.
    if (raw.closed || raw.destroyed) {
      this.detach(conn, "closed");
    } else {
      this.write(conn, "retry: 3000\n\n");
    }
    return () => this.detach(conn, "end");
  }

  /**
   * Sends `event: <event>\ndata: <json>\nid: <id>\n\n` to every client in one of groupIds or
   * whose userId is in userIds, at most once each. Returns how many clients got it.
   */
  send(
    event: string,
    data: unknown,
    to: { groupIds?: readonly string[]; userIds?: readonly string[] },
    id?: string,
  ): number {
    if (!FIELD_VALUE.test(event) || event === "") {
      throw new TypeError("SSE event name must be non-empty and single-line");
    }
    if (id !== undefined && !FIELD_VALUE.test(id)) {
      throw new TypeError("SSE event id must be single-line");
    }
    if (this.closed) {
      return 0;
    }
    // Serialized once for every recipient. JSON.stringify escapes CR and LF, so data is one line.
    const json = JSON.stringify(data) ?? "null";
    const frame = `event: ${event}\ndata: ${json}\n${id === undefined ? "" : `id: ${id}\n`}\n`;
    const seq = ++this.sendSeq;
    let delivered = 0;
    const deliver = (targets: Set<Connection> | undefined) => {
      if (!targets) {
        return;
      }
      // Deleting from a Set while iterating it is safe: dropped connections are just skipped.
      for (const conn of targets) {
        if (conn.stamp === seq) {
          continue;
        }
        conn.stamp = seq;
        if (this.write(conn, frame)) {
          delivered++;
        }
      }
    };
    for (const groupId of to.groupIds ?? []) {
      deliver(this.byGroup.get(groupId));
    }
    for (const userId of to.userIds ?? []) {
      deliver(this.byUser.get(userId));
    }
    return delivered;
  }

  /** Drops every client whose userId matches (sign-out, role removed). */
  disconnectUser(userId: string): void {
    const conns = this.byUser.get(userId);
    if (!conns) {
      return;
    }
    for (const conn of [...conns]) {
      this.detach(conn, "end");
    }
  }

  get size(): number {
    return this.connections.size;
  }

  /** Ends all streams and stops heartbeats. */
  close(): void {
    this.closed = true;
    this.stopHeartbeat();
    for (const conn of [...this.connections]) {
      this.detach(conn, "end");
    }
  }

  /** Returns whether the frame was accepted; drops the connection when it cannot be. */
  private write(conn: Connection, frame: string): boolean {
    const { raw } = conn;
    if (conn.detached || raw.destroyed || raw.writableEnded) {
      this.detach(conn, "closed");
      return false;
    }
    let ok: boolean;
    try {
      ok = raw.write(frame);
    } catch {
      this.detach(conn, "destroy");
      return false;
    }
    // write() returning false only means "above the high-water mark": a short burst is fine,
    // but a client that stopped reading would grow our memory without bound.
    if (!ok && raw.writableLength > this.maxBufferBytes) {
      this.detach(conn, "destroy");
      return false;
    }
    return true;
  }

  /**
   * "end" finishes the response politely (the browser reconnects after `retry`); "destroy"
   * discards buffered output (a slow or broken client); "closed" means the socket is gone.
   */
  private detach(conn: Connection, how: "end" | "destroy" | "closed"): void {
    if (conn.detached) {
      return;
    }
    conn.detached = true;
    this.connections.delete(conn);
    for (const groupId of conn.client.groupIds) {
      removeFrom(this.byGroup, groupId, conn);
    }
    removeFrom(this.byUser, conn.client.userId, conn);
    conn.unlisten();
    // A late 'error' after we stopped listening must not become an uncaught exception.
    conn.raw.on("error", () => undefined);
    if (how === "destroy") {
      conn.raw.destroy();
    } else if (how === "end" && !conn.raw.writableEnded && !conn.raw.destroyed) {
      conn.raw.end();
    }
    if (this.connections.size === 0) {
      this.stopHeartbeat();
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat || this.closed) {
      return;
    }
    // One timer for all clients rather than one per client.
    this.heartbeat = setInterval(() => {
      for (const conn of this.connections) {
        this.write(conn, HEARTBEAT);
      }
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set?.delete(value) && set.size === 0) {
    index.delete(key);
  }
}
