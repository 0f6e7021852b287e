import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback push service (RFC 8030) that validates like FCM / Mozilla autopush: VAPID (RFC 8292)
 * is checked cryptographically and every message is decrypted (RFC 8188 + RFC 8291) with the
 * subscription's private key, so a test passing against it proves the sender encrypts and signs
 * correctly. Requests are handled as named steps: route → scripted failure → expiry → headers →
 * VAPID → body → decrypt.
 */

export type FakePushMessage = {
  endpoint: string;
  payload: unknown;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  vapidSubject: string;
};

export type FakePushService = {
  url: string;
  /** A browser-side subscription: a real P-256 key pair + 16-byte auth secret, endpoint url/push/<id>. */
  subscribe(): { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Messages received and decrypted, in arrival order. */
  received(endpoint?: string): FakePushMessage[];
  /** The next n requests to `endpoint` (any endpoint when omitted) answer `status`. */
  failNext(status: number, n?: number, opts?: { endpoint?: string; retryAfterSeconds?: number }): void;
  /** Subsequent sends to this endpoint get 410 Gone. */
  expire(endpoint: string): void;
  close(): Promise<void>;
};

type Subscription = { ecdh: ECDH; publicKey: Buffer; auth: Buffer; expired: boolean };
type ScriptedFailure = { status: number; left: number; endpoint?: string; retryAfterSeconds?: number };

/** Autopush and FCM both cap the encrypted body at 4096 bytes. */
const MAX_BODY_BYTES = 4096;
/** RFC 8292 §2: a JWT valid for more than 24 hours is rejected. */
const MAX_JWT_LIFETIME_SECONDS = 24 * 60 * 60;
const URGENCIES = new Set(["very-low", "low", "normal", "high"]);

class Reject extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakePushService(opts: { vapidPublicKey?: string } = {}): Promise<FakePushService> {
  const subscriptions = new Map<string, Subscription>();
  const messages: FakePushMessage[] = [];
  const failures: ScriptedFailure[] = [];
  let url = "";

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST") {
      res.setHeader("Allow", "POST");
      throw new Reject(405, "only POST is accepted");
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const endpoint = `${url}${path}`;

    const failure = failures.find((f) => f.left > 0 && (f.endpoint === undefined || f.endpoint === endpoint));
    if (failure) {
      failure.left--;
      if (failure.retryAfterSeconds !== undefined) {
        res.setHeader("Retry-After", String(failure.retryAfterSeconds));
      }
      throw new Reject(failure.status, "scripted failure");
    }

    const match = /^\/push\/([A-Za-z0-9-]+)$/.exec(path);
    const subscription = match ? subscriptions.get(endpoint) : undefined;
    if (!subscription) {
      throw new Reject(404, "no such subscription");
    }
    if (subscription.expired) {
      throw new Reject(410, "subscription expired");
    }

    const ttl = readTtl(single(req, "ttl"));
    const urgency = readOptional(single(req, "urgency"), (v) => URGENCIES.has(v), "Urgency");
    const topic = readOptional(single(req, "topic"), (v) => /^[A-Za-z0-9_-]{1,32}$/.test(v), "Topic");

    const vapid = verifyVapid(req.headers.authorization, new URL(url).origin);
    if (opts.vapidPublicKey !== undefined && vapid.publicKey !== opts.vapidPublicKey) {
      // FCM: the subscription is bound to another applicationServerKey.
      throw new Reject(403, "VAPID key does not match the subscription's applicationServerKey");
    }

    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      throw new Reject(413, "payload too large");
    }
    const body = await readBody(req);

    let payload: unknown = null;
    if (body.length > 0) {
      if (req.headers["content-encoding"] !== "aes128gcm") {
        throw new Reject(415, "Content-Encoding must be aes128gcm");
      }
      const text = decryptAes128gcm(body, subscription).toString("utf8");
      payload = parseJsonOrText(text);
    }

    messages.push({ endpoint, payload, ttl, urgency, topic, vapidSubject: vapid.subject });
    res.writeHead(201, { Location: `${url}/message/${randomUUID()}`, TTL: String(ttl) });
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof Reject ? err.status : 500;
      const message = err instanceof Reject ? err.message : "internal error";
      if (!res.headersSent) {
        // Autopush-style error body.
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ code: status, error: STATUS_CODES[status], message }));
      }
      req.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const subscription: Subscription = {
        ecdh,
        publicKey: ecdh.getPublicKey(),
        auth: randomBytes(16),
        expired: false,
      };
      const endpoint = `${url}/push/${randomUUID()}`;
      subscriptions.set(endpoint, subscription);
      return {
        endpoint,
        keys: {
          p256dh: subscription.publicKey.toString("base64url"),
          auth: subscription.auth.toString("base64url"),
        },
      };
    },
    received(endpoint) {
      return messages.filter((m) => endpoint === undefined || m.endpoint === endpoint).map((m) => ({ ...m }));
    },
    failNext(status, n = 1, failOpts = {}) {
      failures.push({ status, left: n, ...failOpts });
    },
    expire(endpoint) {
      const subscription = subscriptions.get(endpoint);
      if (!subscription) {
        throw new Error("fake push service: unknown endpoint");
      }
      subscription.expired = true;
    },
    close() {
      // Keep-alive sockets from fetch would otherwise hold close() open.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Node joins repeated headers with ", " (only set-cookie stays an array), so a repeat fails validation. */
function single(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** RFC 8030 §5.2: TTL is mandatory, a non-negative integer of seconds. */
function readTtl(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new Reject(400, "missing or invalid TTL header");
  }
  return Number(value);
}

function readOptional(value: string | undefined, valid: (v: string) => boolean, name: string): string | null {
  if (value === undefined) {
    return null;
  }
  if (!valid(value)) {
    throw new Reject(400, `invalid ${name} header`);
  }
  return value;
}

/**
 * RFC 8292: `Authorization: vapid t=<JWT>, k=<application server public key>`. The JWT must be ES256,
 * signed by k, addressed to this origin, expiring within 24 h, with a mailto:/https: subject.
 */
function verifyVapid(header: string | undefined, origin: string): { publicKey: string; subject: string } {
  const scheme = /^vapid\s+(.+)$/i.exec(header ?? "");
  if (!scheme?.[1]) {
    throw new Reject(401, "missing vapid Authorization");
  }
  const params = new Map<string, string>();
  for (const part of scheme[1].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) {
      params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
  }
  const token = params.get("t");
  const k = params.get("k");
  if (!token || !k) {
    throw new Reject(401, "vapid Authorization needs t= and k=");
  }

  const [encodedHeader, encodedClaims, encodedSignature, ...rest] = token.split(".");
  if (!encodedHeader || !encodedClaims || !encodedSignature || rest.length > 0) {
    throw new Reject(401, "malformed JWT");
  }
  const jwtHeader = parseJsonSegment(encodedHeader);
  const claims = parseJsonSegment(encodedClaims);

  // The raw key is an uncompressed point 0x04 || X || Y; node:crypto takes it as a JWK.
  const raw = Buffer.from(k, "base64url");
  if (raw.length !== 65 || raw[0] !== 0x04) {
    throw new Reject(401, "k is not an uncompressed P-256 public key");
  }
  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({
      key: {
        kty: "EC",
        crv: "P-256",
        x: raw.subarray(1, 33).toString("base64url"),
        y: raw.subarray(33).toString("base64url"),
      },
      format: "jwk",
    });
  } catch {
    throw new Reject(401, "k is not a point on P-256");
  }
  // JWS ES256 signatures are r || s (IEEE P1363), not DER.
  const signed = verify(
    "sha256",
    Buffer.from(`${encodedHeader}.${encodedClaims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(encodedSignature, "base64url"),
  );
  if (jwtHeader.alg !== "ES256" || !signed) {
    throw new Reject(401, "JWT signature does not verify against k");
  }

  if (claims.aud !== origin) {
    throw new Reject(401, "JWT aud is not this push service's origin");
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now || claims.exp > now + MAX_JWT_LIFETIME_SECONDS) {
    throw new Reject(401, "JWT exp must be in the future and within 24 hours");
  }
  if (typeof claims.sub !== "string" || !/^(mailto:|https:)/.test(claims.sub)) {
    throw new Reject(401, "JWT sub must be a mailto: or https: URL");
  }
  return { publicKey: k, subject: claims.sub };
}

function parseJsonSegment(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // fall through to the rejection below
  }
  throw new Reject(401, "malformed JWT");
}

/** Stops buffering as soon as the body passes the limit (a chunked body has no Content-Length). */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) {
      throw new Reject(413, "payload too large");
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * RFC 8188 + RFC 8291 decryption, as a browser does it.
 * Body = salt (16) | rs (uint32 BE) | idlen (1) | keyid (idlen) | one encrypted record.
 * For Web Push the keyid is the sender's ephemeral public key (65 bytes) and there is one record.
 */
function decryptAes128gcm(body: Buffer, subscription: Subscription): Buffer {
  if (body.length < 21) {
    throw new Reject(400, "truncated aes128gcm header");
  }
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  if (idlen !== 65) {
    throw new Reject(400, "keyid must be the sender's 65-byte public key");
  }
  const senderPublicKey = body.subarray(21, 86);
  const record = body.subarray(86);
  // RFC 8291 §4: the whole message is a single record (at least 1 delimiter byte + 16-byte tag).
  if (rs < 18 || record.length < 17 || record.length > rs) {
    throw new Reject(400, "aes128gcm body must be a single record");
  }

  try {
    const ecdhSecret = subscription.ecdh.computeSecret(senderPublicKey);
    // RFC 8291 §3.4: IKM = HKDF(salt = auth secret, ikm = ECDH secret,
    //                           info = "WebPush: info" 0x00 || ua_public || as_public, 32 bytes).
    const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), subscription.publicKey, senderPublicKey]);
    const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, subscription.auth, keyInfo, 32));
    // RFC 8188 §2.2–2.3: CEK and NONCE from HKDF(salt, IKM); record 0 uses the nonce as is.
    const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
    const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));

    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);

    // RFC 8188 §2: plaintext || 0x02 (last-record delimiter) || zero padding.
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) {
      end--;
    }
    if (end < 0 || padded[end] !== 0x02) {
      throw new Reject(400, "missing last-record padding delimiter");
    }
    return padded.subarray(0, end);
  } catch (err) {
    throw err instanceof Reject ? err : new Reject(400, "aes128gcm decryption failed");
  }
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
