import webpush, { type RequestDetails } from "web-push";

/**
 * Sending side of Web Push (RFC 8030 transport, RFC 8291 message encryption, RFC 8292 VAPID).
 *
 * Encryption (aes128gcm) and the VAPID JWT come from the `web-push` library through
 * `generateRequestDetails`; only the HTTP exchange is ours. `web-push`'s own `sendNotification`
 * always uses `https.request`, so it cannot reach an http:// endpoint (the loopback fake push
 * service in tests), and it neither bounds the whole exchange by a deadline nor refuses redirects.
 *
 * Security assumptions:
 * - The caller allow-lists endpoint hosts (push services) before calling `send`; this module only
 *   insists on http(s) and never follows redirects, so an allow-listed host cannot bounce the
 *   request elsewhere.
 * - Payloads may carry personal data and subscription keys are secrets: no error message or
 *   outcome reason built here contains either.
 */

export type VapidKeys = { publicKey: string; privateKey: string };

export type PushTarget = { endpoint: string; keys: { p256dh: string; auth: string } };

export type PushUrgency = "very-low" | "low" | "normal" | "high";

export type PushOutcome =
  | { kind: "delivered" }
  /** 404/410: the subscription expired or was revoked; the caller deletes it. */
  | { kind: "gone" }
  /** 429 (Retry-After honoured), 408, 5xx, network errors and timeouts. */
  | { kind: "retry"; retryAfterMs?: number; reason: string }
  /** Anything else (400, 401, 403, 413, redirects, malformed subscription): retrying will not help. */
  | { kind: "permanent"; reason: string };

/** Plaintext limit; aes128gcm adds 103 bytes, well under the 4096-byte body push services accept. */
export const MAX_PAYLOAD_BYTES = 3 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A day: a neighbourhood alert older than that is not worth waking a phone for. */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** RFC 8030 §5.4: a topic is at most 32 characters of the URL-safe base64 alphabet. */
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = webpush.generateVAPIDKeys();
  return { publicKey, privateKey };
}

export class PushSender {
  readonly #vapid: { subject: string; publicKey: string; privateKey: string };
  readonly #timeoutMs: number;
  readonly #ttlSeconds: number;

  constructor(opts: { vapid: VapidKeys; subject: string; timeoutMs?: number; ttlSeconds?: number }) {
    assertVapid(opts.vapid, opts.subject);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const ttlSeconds = opts.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new Error("PushSender: timeoutMs must be a positive integer");
    }
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) {
      throw new Error("PushSender: ttlSeconds must be a non-negative integer");
    }
    this.#vapid = { subject: opts.subject, ...opts.vapid };
    this.#timeoutMs = timeoutMs;
    this.#ttlSeconds = ttlSeconds;
  }

  /**
   * Encrypts and posts one push message. Resolves with an outcome for everything the push service
   * or the network can do; throws only for caller mistakes (payload too large or not JSON, bad topic).
   */
  async send(
    target: PushTarget,
    payload: Record<string, unknown>,
    opts: { urgency?: PushUrgency; topic?: string } = {},
  ): Promise<PushOutcome> {
    const body = serialisePayload(payload);
    if (opts.topic !== undefined && !TOPIC.test(opts.topic)) {
      throw new Error("PushSender: topic must be 1-32 characters of [A-Za-z0-9_-]");
    }
    const endpoint = parseEndpoint(target.endpoint);
    if (!endpoint) {
      return { kind: "permanent", reason: "endpoint is not an http(s) URL" };
    }

    let request: RequestDetails;
    try {
      request = webpush.generateRequestDetails(target, body, {
        vapidDetails: this.#vapid,
        TTL: this.#ttlSeconds,
        contentEncoding: "aes128gcm",
        urgency: opts.urgency ?? "normal",
        ...(opts.topic === undefined ? {} : { topic: opts.topic }),
      });
    } catch {
      // The library's message is dropped on purpose: it must never be able to echo key material.
      return { kind: "permanent", reason: "invalid subscription keys (p256dh or auth)" };
    }

    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: requestHeaders(request.headers),
        body: request.body,
        redirect: "manual",
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      return { kind: "retry", reason: describeNetworkError(err, this.#timeoutMs) };
    }
    return classify(response, await readSnippet(response));
  }
}

function assertVapid(vapid: VapidKeys, subject: string): void {
  if (!isBase64Url(vapid.publicKey, 65) || Buffer.from(vapid.publicKey, "base64url")[0] !== 0x04) {
    throw new Error("PushSender: VAPID public key must be an uncompressed P-256 point in URL-safe base64");
  }
  if (!isBase64Url(vapid.privateKey, 32)) {
    throw new Error("PushSender: VAPID private key must be 32 bytes in URL-safe base64");
  }
  // RFC 8292 §2.1: the push service operator uses `sub` to contact us.
  let protocol: string | undefined;
  try {
    protocol = new URL(subject).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "mailto:" && protocol !== "https:") {
    throw new Error("PushSender: VAPID subject must be a mailto: or https: URL");
  }
}

function isBase64Url(value: string, bytes: number): boolean {
  return BASE64URL.test(value) && Buffer.from(value, "base64url").length === bytes;
}

function serialisePayload(payload: Record<string, unknown>): string {
  let json: string;
  try {
    json = JSON.stringify(payload);
  } catch {
    throw new Error("PushSender: payload is not JSON-serialisable");
  }
  const size = Buffer.byteLength(json, "utf8");
  if (size > MAX_PAYLOAD_BYTES) {
    throw new Error(`PushSender: payload is ${size} bytes of JSON, the limit is ${MAX_PAYLOAD_BYTES}`);
  }
  return json;
}

function parseEndpoint(endpoint: string): URL | undefined {
  try {
    const url = new URL(endpoint);
    return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/** fetch computes Content-Length from the body itself and rejects a hand-set one. */
function requestHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== "content-length") {
      out[name] = String(value);
    }
  }
  return out;
}

function classify(response: Response, snippet: string): PushOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) {
    return { kind: "delivered" };
  }
  if (status === 404 || status === 410) {
    return { kind: "gone" };
  }
  const reason = `push service answered ${status}${snippet ? `: ${snippet}` : ""}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    return retryAfterMs === undefined ? { kind: "retry", reason } : { kind: "retry", retryAfterMs, reason };
  }
  if (status >= 300 && status < 400) {
    return { kind: "permanent", reason: `push service redirected (${status}); redirects are not followed` };
  }
  return { kind: "permanent", reason };
}

/** RFC 9110 §10.2.3: either delay-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * The push service's error text helps diagnose VAPID mistakes. It never sees the plaintext or the
 * auth secret, so quoting a bounded, single-line prefix of it is safe.
 */
async function readSnippet(response: Response, maxChars = 200): Promise<string> {
  if (response.ok) {
    await response.body?.cancel();
    return "";
  }
  try {
    const text = await response.text();
    return text.replace(/\s+/g, " ").trim().slice(0, maxChars);
  } catch {
    return "";
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return `push service did not answer within ${timeoutMs} ms`;
  }
  const cause = err instanceof Error ? err.cause : undefined;
  const code =
    cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string"
      ? cause.code
      : undefined;
  return `network error reaching push service${code ? ` (${code})` : ""}`;
}
