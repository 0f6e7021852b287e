import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { botRoutes } from "./bot-routes";
import { controlRoutes } from "./control-routes";
import type { EventNames } from "./events";
import { BodyTooLarge, type Route, type ServerCtx, sendJson } from "./http-util";
import { oaRoutes } from "./oa-routes";
import { oauthRoutes } from "./oauth-routes";
import { StateFile } from "./persistence";
import { DEFAULT_SIGNATURE, type SignatureOptions, signatureHeader, zaloEventMac } from "./signature";
import { WebhookDispatcher } from "./webhook-dispatcher";
import { type Clock, type Emitted, FakeZaloWorld } from "./world";

/**
 * The local fake Zalo world (reference/zalo.md §7.1): one loopback HTTP server for the three hosts
 * — OAuth v4 (`/v4/oa/*`), OA OpenAPI + GMF (`/v2.0/oa/*`, `/v3.0/oa/*`), Bot API (`/bot<token>/*`) —
 * plus `/_control/*` and the control page `GET /`. Point the adapters' base URLs at `url`.
 */
export type FakeZaloOptions = {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Drives token, window and asset expiry. Default: real time plus an offset, see world.advanceClock. */
  clock?: Clock;
  /** Persist the world here (debounced after mutations) and load it at start. */
  stateFile?: string;
  /** Where OA events are POSTed; can change at runtime with setOaWebhookUrl. */
  oaWebhookUrl?: string;
  /** X-ZEvent-Signature variant (default: OA secret key, app_id first, plain SHA-256). */
  signature?: SignatureOptions;
  /** Bot webhook body: `{ ok, result: { event_name, message } }` (wrapped, default) or `{ event_name, message }`. */
  botEnvelope?: "wrapped" | "unwrapped";
  /** Override OA event names, e.g. `{ user_out_group: "user_leave_group" }`. */
  eventNames?: EventNames;
  /** Retry ladder for failed/slow webhook deliveries (default [300, 1000, 3000, 8000, 15000]). */
  retryDelaysMs?: number[];
  /** A webhook reply slower than this counts as failed (default 2000, as Zalo). */
  webhookTimeoutMs?: number;
  /** Cap for a getUpdates long-poll (default 30000). */
  longPollCapMs?: number;
};

export type FakeZalo = {
  /** e.g. http://127.0.0.1:41234 — base URL for the OAuth, OpenAPI and Bot API hosts. */
  url: string;
  world: FakeZaloWorld;
  setOaWebhookUrl(url: string | null): void;
  close(): Promise<void>;
};

const ROUTES: Route[] = [oauthRoutes, oaRoutes, botRoutes, controlRoutes];

export async function startFakeZalo(opts: FakeZaloOptions = {}): Promise<FakeZalo> {
  const stateFile = opts.stateFile ? new StateFile(opts.stateFile, () => world.state) : null;
  const world: FakeZaloWorld = new FakeZaloWorld({
    clock: opts.clock,
    eventNames: opts.eventNames,
    state: stateFile?.load() ?? undefined,
  });
  const dispatcher = new WebhookDispatcher({
    timeoutMs: opts.webhookTimeoutMs ?? 2000,
    retryDelaysMs: opts.retryDelaysMs ?? [300, 1000, 3000, 8000, 15000],
  });
  const signature = opts.signature ?? DEFAULT_SIGNATURE;
  let oaWebhookUrl = opts.oaWebhookUrl ?? null;

  const sink = (e: Emitted): void => {
    if (e.kind === "bot") {
      const body = opts.botEnvelope === "unwrapped" ? e.update : { ok: true, result: e.update };
      dispatcher.post({
        kind: "bot",
        url: e.url,
        event: e.update.event_name,
        body: JSON.stringify(body),
        headers: { "X-Bot-Api-Secret-Token": e.secret },
      });
      return;
    }
    const oa = world.state.oas[e.oaId];
    const app = oa ? world.state.apps[oa.appId] : undefined;
    if (!oaWebhookUrl || !oa || !app) {
      return;
    }
    const rawBody = JSON.stringify(e.payload);
    const mac = zaloEventMac({
      firstTerm: signature.firstTerm === "oa_id" ? oa.oaId : app.appId,
      rawBody,
      timestamp: e.payload.timestamp,
      secret: signature.secret === "app_secret" ? app.appSecret : oa.secret,
      hmac: signature.hmac,
    });
    dispatcher.post({
      kind: "oa",
      url: oaWebhookUrl,
      event: e.payload.event_name,
      body: rawBody,
      headers: { "X-ZEvent-Signature": signatureHeader(mac) },
    });
  };
  const persist = () => stateFile?.schedule();
  world.connect(
    (e) => {
      sink(e);
      persist();
    },
    dispatcher,
    persist,
  );

  const setOaWebhookUrl = (url: string | null) => {
    oaWebhookUrl = url;
  };
  const ctx: ServerCtx = {
    world,
    longPollCapMs: opts.longPollCapMs ?? 30_000,
    oaWebhookUrl: () => oaWebhookUrl,
    setOaWebhookUrl,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake-zalo.invalid");
    for (const route of ROUTES) {
      if (await route(ctx, req, res, url)) {
        persist();
        return;
      }
    }
    sendJson(res, 404, { error: 404, message: `Not found: ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        const tooLarge = err instanceof BodyTooLarge;
        sendJson(res, tooLarge ? 413 : 500, { error: tooLarge ? 413 : 500, message: String(err) });
      }
      req.resume();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    world,
    setOaWebhookUrl,
    async close() {
      world.close();
      dispatcher.close();
      stateFile?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
