import { isRetryable, ZaloApiError, type ZaloApiName } from "./zalo-errors";

/**
 * A tiny middleware pipeline for Zalo calls (grammY `src/core/client.ts` "transformers"):
 * a `Call` performs one logical request, a `Transformer` wraps a `Call` to add behaviour.
 *
 *   retry ─▶ auth (refresh once) ─▶ rate limit ─▶ exec (one HTTP exchange)
 *
 * Retry is outermost so every attempt re-reads the token and waits for a rate-limit slot; the
 * refresh-once step sits inside it so a token refresh never multiplies with backoff retries.
 *
 * Security assumption: `ZaloCall.token` is the only place a token lives in the pipeline. No
 * transformer logs or stringifies the call; `onRetry` receives labels and codes only.
 */

export type ZaloCall = {
  readonly api: ZaloApiName;
  /** A secret-free label, e.g. "POST /v3.0/oa/message/cs" or "sendMessage". */
  readonly endpoint: string;
  /** Rate-limit bucket, e.g. the OA id or the Bot id. Not a secret. */
  readonly key: string;
  /** Set by `withToken`; handed to `exec`. */
  readonly token?: string;
  /** 1-based, set by `withRetry`. */
  readonly attempt?: number;
  /** Performs one HTTP exchange; throws ZaloApiError / ZaloNetworkError. */
  readonly exec: (token: string | undefined) => Promise<unknown>;
};

export type Call = (call: ZaloCall) => Promise<unknown>;
export type Transformer = (next: Call) => Call;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The innermost call: run the exchange with whatever token the pipeline put on the call. */
export const execCall: Call = (call) => call.exec(call.token);

/** Wraps `core` so the first transformer listed is the outermost. */
export function pipeline(core: Call, ...transformers: readonly Transformer[]): Call {
  return transformers.reduceRight<Call>((next, transform) => transform(next), core);
}

// ---------------------------------------------------------------------------------------------
// Rate limit

/**
 * Token bucket per key. `take` reserves a slot immediately (the balance may go negative) and then
 * sleeps until the slot is due, so concurrent callers are served in arrival order without polling.
 */
export class TokenBucketLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #sleep: Sleep;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(opts: { ratePerSecond: number; burst?: number; now?: () => number; sleep?: Sleep }) {
    if (!(opts.ratePerSecond > 0)) {
      throw new Error("TokenBucketLimiter: ratePerSecond must be positive");
    }
    this.#rate = opts.ratePerSecond;
    this.#burst = Math.max(1, opts.burst ?? Math.ceil(opts.ratePerSecond));
    this.#now = opts.now ?? Date.now;
    this.#sleep = opts.sleep ?? realSleep;
  }

  /** Milliseconds the caller waited (0 when a token was available). */
  async take(key: string): Promise<number> {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    const refilled = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
    const tokens = refilled - 1;
    this.#buckets.set(key, { tokens, at: now });
    this.#prune(now);
    if (tokens >= 0) {
      return 0;
    }
    const waitMs = Math.ceil((-tokens / this.#rate) * 1000);
    await this.#sleep(waitMs);
    return waitMs;
  }

  /** Full buckets carry no state worth keeping; drop them so the map stays small. */
  #prune(now: number): void {
    if (this.#buckets.size < 1000) {
      return;
    }
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.#rate >= this.#burst) {
        this.#buckets.delete(key);
      }
    }
  }
}

export function withRateLimit(limiter: TokenBucketLimiter): Transformer {
  return (next) => async (call) => {
    await limiter.take(call.key);
    return next(call);
  };
}

// ---------------------------------------------------------------------------------------------
// Retry

export type RetryEvent = {
  api: ZaloApiName;
  endpoint: string;
  attempt: number;
  delayMs: number;
  /** Zalo error code, or the network failure reason. */
  cause: number | string;
};

export type RetryOptions = {
  /** Total attempts including the first (≥ 1). */
  maxAttempts: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: Sleep;
  /** [0, 1); injectable for deterministic tests. */
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
};

/** Exponential backoff with "equal jitter": half the step fixed, half random. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const step = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retries `kind: "retry"` API errors and network errors; everything else propagates at once. */
export function withRetry(opts: RetryOptions): Transformer {
  const maxAttempts = Math.max(1, Math.floor(opts.maxAttempts));
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  return (next) => async (call) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next({ ...call, attempt });
      } catch (err) {
        if (attempt >= maxAttempts || !isRetryable(err)) {
          throw err;
        }
        const delayMs = backoffDelay(attempt, base, max, random);
        opts.onRetry?.({
          api: call.api,
          endpoint: call.endpoint,
          attempt,
          delayMs,
          cause: err instanceof ZaloApiError ? err.code : ((err as { reason?: string }).reason ?? "network"),
        });
        await sleep(delayMs);
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Token

/** `forceRefresh: true` must obtain a new token (single-flight per OA is the source's job). */
export type TokenSource = (forceRefresh: boolean) => Promise<string>;

/**
 * Puts the current token on the call. On a `kind: "refresh"` error (-216/-220) it asks the source
 * for a fresh token and retries exactly once; a second refresh error propagates unchanged.
 */
export function withToken(getToken: TokenSource): Transformer {
  return (next) => async (call) => {
    const token = await getToken(false);
    try {
      return await next({ ...call, token });
    } catch (err) {
      if (!(err instanceof ZaloApiError) || err.kind !== "refresh") {
        throw err;
      }
      const fresh = await getToken(true);
      return next({ ...call, token: fresh });
    }
  };
}
