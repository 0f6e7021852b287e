import { createHash } from "node:crypto";
import { splitForZalo, ZALO_TEXT_LIMIT } from "../zalo-oa/message-text";
import {
  type Call,
  execCall,
  pipeline,
  type RetryEvent,
  type Sleep,
  TokenBucketLimiter,
  withRateLimit,
  withRetry,
} from "../zalo-oa/transport";
import { ZaloApiError, ZaloNetworkError } from "../zalo-oa/zalo-errors";
import { exchangeJson, type FetchLike, trimBase } from "../zalo-oa/zalo-http";
import { asRecord, toDate, toNum, toStr } from "../zalo-oa/zalo-json";
import { type BotUpdate, parseBotUpdate } from "./bot-update";

/**
 * Typed client for the Zalo Bot API (reference/zalo.md §1): `POST <apiUrl>/bot<TOKEN>/<method>`
 * with a JSON body; envelope `{ ok, result, error_code, description }`, errors usually with HTTP
 * 200 — `ok: false` is always a `ZaloApiError` (api "bot").
 *
 * Security assumption: the token is part of the URL path. Errors and retry events name only the
 * method; the rate-limit key is the bot id (the token part before ":"), or a hash prefix when the
 * token has no such part — never the secret half.
 */

export type BotClientOptions = {
  apiUrl: string;
  fetch?: FetchLike;
  /** Per bot. Zalo publishes no limit; default 10. */
  ratePerSecond?: number;
  /** Attempts per call including the first; default 3. */
  maxAttempts?: number;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  baseDelayMs?: number;
  timeoutMs?: number;
  onRetry?: (event: RetryEvent) => void;
};

export type BotInfo = { id: string; accountName: string; accountType: string | null; canJoinGroups: boolean };
export type BotWebhookInfo = { url: string; updatedAt: Date | null };
export type BotSentMessage = { messageId: string; date: Date | null };

export interface BotClient {
  getMe(token: string): Promise<BotInfo>;
  /** `secretToken`: 8–256 characters, echoed by Zalo in `X-Bot-Api-Secret-Token`. */
  setWebhook(token: string, url: string, secretToken: string): Promise<BotWebhookInfo>;
  getWebhookInfo(token: string): Promise<BotWebhookInfo>;
  deleteWebhook(token: string): Promise<BotWebhookInfo>;
  /** Texts over 2000 characters are sent as several messages (splitForZalo), in order. */
  sendMessage(token: string, chatId: string, text: string): Promise<BotSentMessage[]>;
  sendPhoto(token: string, chatId: string, photoUrl: string, caption?: string): Promise<BotSentMessage>;
  /** Long poll: one update, or null when the poll timed out idle (Zalo's 408/504 "Request timeout"). */
  getUpdates(token: string, timeoutSec: number): Promise<BotUpdate | null>;
}

export function createBotClient(opts: BotClientOptions): BotClient {
  const apiUrl = trimBase(opts.apiUrl);
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const limiter = new TokenBucketLimiter({
    ratePerSecond: opts.ratePerSecond ?? 10,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const call: Call = pipeline(
    execCall,
    withRetry({
      maxAttempts: opts.maxAttempts ?? 3,
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.baseDelayMs !== undefined ? { baseDelayMs: opts.baseDelayMs } : {}),
      ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
    }),
    withRateLimit(limiter),
  );

  const run = (
    token: string,
    method: string,
    body: Record<string, unknown>,
    o: { timeoutMs?: number; idleTimeoutIsNull?: boolean } = {},
  ): Promise<unknown> => {
    checkToken(token);
    return call({
      api: "bot",
      endpoint: method,
      key: botKey(token),
      exec: async () => {
        const { body: json } = await exchangeJson({
          api: "bot",
          endpoint: method,
          url: `${apiUrl}/bot${token}/${method}`,
          init: {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          },
          timeoutMs: o.timeoutMs ?? timeoutMs,
          fetch: fetchFn,
        });
        try {
          return unwrapBotEnvelope(json, method, token);
        } catch (err) {
          // Inside the pipeline so an idle long poll is not "retried" as a 408.
          if (o.idleTimeoutIsNull && isPollTimeout(err)) {
            return null;
          }
          throw err;
        }
      },
    });
  };

  const sent = (result: unknown): BotSentMessage => {
    const r = asRecord(result);
    return { messageId: toStr(r.message_id) ?? "", date: toDate(r.date) };
  };
  const webhookInfo = (result: unknown): BotWebhookInfo => {
    const r = asRecord(result);
    return { url: toStr(r.url) ?? "", updatedAt: toDate(r.updated_at) };
  };

  return {
    getMe: async (token) => {
      const r = asRecord(await run(token, "getMe", {}));
      return {
        id: toStr(r.id) ?? "",
        accountName: toStr(r.account_name) ?? toStr(r.display_name) ?? "",
        accountType: toStr(r.account_type),
        canJoinGroups: r.can_join_groups === true,
      };
    },
    setWebhook: async (token, url, secretToken) =>
      webhookInfo(await run(token, "setWebhook", { url, secret_token: secretToken })),
    getWebhookInfo: async (token) => webhookInfo(await run(token, "getWebhookInfo", {})),
    deleteWebhook: async (token) => webhookInfo(await run(token, "deleteWebhook", {})),
    sendMessage: async (token, chatId, text) => {
      const parts = splitForZalo(text, ZALO_TEXT_LIMIT);
      if (parts.length === 0) {
        throw new RangeError("Zalo Bot sendMessage: text must not be empty");
      }
      const out: BotSentMessage[] = [];
      for (const part of parts) {
        out.push(sent(await run(token, "sendMessage", { chat_id: chatIdOf(chatId), text: part })));
      }
      return out;
    },
    sendPhoto: async (token, chatId, photoUrl, caption) => {
      if (photoUrl.trim() === "") {
        throw new TypeError("Zalo Bot sendPhoto: photo URL must not be empty");
      }
      if (caption !== undefined && caption.length > ZALO_TEXT_LIMIT) {
        throw new RangeError(`Zalo Bot sendPhoto: caption must be at most ${ZALO_TEXT_LIMIT} characters`);
      }
      const body: Record<string, unknown> = { chat_id: chatIdOf(chatId), photo: photoUrl };
      if (caption !== undefined && caption !== "") {
        body.caption = caption;
      }
      return sent(await run(token, "sendPhoto", body));
    },
    getUpdates: async (token, timeoutSec) => {
      if (!Number.isInteger(timeoutSec) || timeoutSec < 0 || timeoutSec > 300) {
        throw new RangeError("Zalo Bot getUpdates: timeoutSec must be an integer 0–300");
      }
      const result = await run(
        token,
        "getUpdates",
        { timeout: String(timeoutSec) },
        { timeoutMs: (timeoutSec + 10) * 1000, idleTimeoutIsNull: true },
      );
      return result === null || result === undefined ? null : parseBotUpdate(result);
    },
  };
}

/** `{ ok: true, result }` → result; `ok: false` → ZaloApiError with the bot classification. */
export function unwrapBotEnvelope(body: unknown, method: string, token: string): unknown {
  const b = asRecord(body);
  if (b.ok === true) {
    return b.result;
  }
  const code = toNum(b.error_code);
  if (b.ok === false || code !== null) {
    const description = toStr(b.description) ?? "";
    // A false envelope without a code: a 400-class answer ("Bad Request" style), not retried.
    const effective = code ?? (/timeout/i.test(description) ? 408 : 400);
    throw new ZaloApiError({
      api: "bot",
      code: effective,
      endpoint: method,
      zaloMessage: description,
      secrets: [token],
    });
  }
  throw new ZaloNetworkError({
    api: "bot",
    endpoint: method,
    reason: "invalid_body",
    detail: "no Bot API envelope",
  });
}

function isPollTimeout(err: unknown): boolean {
  return (
    err instanceof ZaloApiError &&
    (err.code === 408 || err.code === 504 || /request timeout/i.test(err.zaloMessage))
  );
}

function checkToken(token: string): void {
  // Path-safe: a token with "/" or "?" would change the request URL.
  if (typeof token !== "string" || !/^[A-Za-z0-9:_-]{8,256}$/.test(token)) {
    throw new TypeError("Zalo Bot token has an unexpected format");
  }
}

function chatIdOf(chatId: string): string {
  if (typeof chatId !== "string" || chatId.trim() === "") {
    throw new TypeError("Zalo Bot chat_id must be a non-empty string");
  }
  return chatId;
}

function botKey(token: string): string {
  const colon = token.indexOf(":");
  if (colon > 0) {
    return `bot:${token.slice(0, colon)}`;
  }
  return `bot#${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}
