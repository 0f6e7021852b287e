import { createPrivateKey, generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpush from "web-push";
import { type FakePushService, startFakePushService } from "../../test/fake-push-service";
import { generateVapidKeys, MAX_PAYLOAD_BYTES, type PushOutcome, PushSender } from "./push-sender";

const SUBJECT = "mailto:ops@binhyen.test";
const vapid = generateVapidKeys();
let push: FakePushService;
let sender: PushSender;

beforeAll(async () => {
  // Bound like a subscription made with applicationServerKey = our VAPID public key.
  push = await startFakePushService({ vapidPublicKey: vapid.publicKey });
  sender = new PushSender({ vapid, subject: SUBJECT, timeoutMs: 5000 });
});

afterAll(() => push.close());

async function listenLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe("PushSender against the fake push service", () => {
  it("delivers a payload that the subscriber decrypts to exactly what was sent", async () => {
    const sub = push.subscribe();
    const payload = {
      event: "report.submitted",
      title: "Tin báo mới — Tổ 3 🚨",
      body: "Có người lạ ở ngõ 12, đường Lê Lợi",
      count: 42,
      nested: { ok: true, list: [1, "hai", null] },
    };

    expect(await sender.send(sub, payload)).toEqual({ kind: "delivered" });

    expect(push.received(sub.endpoint)).toEqual([
      { endpoint: sub.endpoint, payload, ttl: 86_400, urgency: "normal", topic: null, vapidSubject: SUBJECT },
    ]);
  });

  it("sends TTL, Urgency and Topic headers", async () => {
    const sub = push.subscribe();
    const shortLived = new PushSender({ vapid, subject: "https://binhyen.test/contact", ttlSeconds: 600 });

    await expect(shortLived.send(sub, { n: 1 }, { urgency: "high", topic: "case-42" })).resolves.toEqual({
      kind: "delivered",
    });

    expect(push.received(sub.endpoint)).toMatchObject([
      { ttl: 600, urgency: "high", topic: "case-42", vapidSubject: "https://binhyen.test/contact" },
    ]);
  });

  it("fits a payload of exactly the limit under the service's 4096-byte body cap", async () => {
    const sub = push.subscribe();
    const payload = { t: "x".repeat(MAX_PAYLOAD_BYTES - '{"t":""}'.length) };
    expect(Buffer.byteLength(JSON.stringify(payload))).toBe(MAX_PAYLOAD_BYTES);

    expect(await sender.send(sub, payload)).toEqual({ kind: "delivered" });
    expect(push.received(sub.endpoint)[0]?.payload).toEqual(payload);
  });

  it.each<[number, PushOutcome["kind"]]>([
    [400, "permanent"],
    [401, "permanent"],
    [403, "permanent"],
    [404, "gone"],
    [410, "gone"],
    [413, "permanent"],
    [429, "retry"],
    [500, "retry"],
    [502, "retry"],
    [503, "retry"],
  ])("maps a %i answer to %s", async (status, kind) => {
    const sub = push.subscribe();
    push.failNext(status, 1, { endpoint: sub.endpoint });

    const outcome = await sender.send(sub, { n: 1 });

    expect(outcome.kind).toBe(kind);
    if (outcome.kind === "retry" || outcome.kind === "permanent") {
      expect(outcome.reason).toContain(String(status));
    }
    if (outcome.kind === "retry") {
      expect(outcome.retryAfterMs).toBeUndefined();
    }
    // The scripted failure is used up: the next send goes through.
    expect(await sender.send(sub, { n: 2 })).toEqual({ kind: "delivered" });
    expect(push.received(sub.endpoint).map((m) => m.payload)).toEqual([{ n: 2 }]);
  });

  it("reports an expired subscription (410) as gone", async () => {
    const sub = push.subscribe();
    expect(await sender.send(sub, { n: 1 })).toEqual({ kind: "delivered" });
    push.expire(sub.endpoint);

    expect(await sender.send(sub, { n: 2 })).toEqual({ kind: "gone" });
    expect(push.received(sub.endpoint)).toHaveLength(1);
  });

  it("reports an unknown endpoint (404) as gone", async () => {
    const { keys } = push.subscribe();

    expect(await sender.send({ endpoint: `${push.url}/push/${randomUUID()}`, keys }, { n: 1 })).toEqual({
      kind: "gone",
    });
  });

  it("honours Retry-After on 429", async () => {
    const sub = push.subscribe();
    push.failNext(429, 2, { endpoint: sub.endpoint, retryAfterSeconds: 120 });

    const outcome = await sender.send(sub, { n: 1 });

    expect(outcome).toEqual({ kind: "retry", retryAfterMs: 120_000, reason: expect.stringContaining("429") });
    expect(await sender.send(sub, { n: 1 })).toMatchObject({ kind: "retry", retryAfterMs: 120_000 });
    expect(await sender.send(sub, { n: 1 })).toEqual({ kind: "delivered" });
  });

  it("gives up (403, permanent) when the VAPID key is not the one the subscription is bound to", async () => {
    const sub = push.subscribe();
    const stranger = new PushSender({ vapid: generateVapidKeys(), subject: SUBJECT });

    const outcome = await stranger.send(sub, { n: 1 });

    expect(outcome).toEqual({ kind: "permanent", reason: expect.stringContaining("403") });
    expect(push.received(sub.endpoint)).toEqual([]);
  });

  it("retries when nothing listens on the port (network error)", async () => {
    const server = createServer();
    const url = await listenLoopback(server);
    await closeServer(server);
    const { keys } = push.subscribe();

    const outcome = await sender.send({ endpoint: `${url}/push/gone-server`, keys }, { n: 1 });

    expect(outcome).toEqual({ kind: "retry", reason: expect.stringMatching(/network error.*ECONNREFUSED/) });
  });

  it("retries when the push service does not answer before the timeout", async () => {
    const server = createServer(() => {
      // Never answers.
    });
    const url = await listenLoopback(server);
    const impatient = new PushSender({ vapid, subject: SUBJECT, timeoutMs: 200 });
    const { keys } = push.subscribe();
    try {
      const outcome = await impatient.send({ endpoint: `${url}/push/slow`, keys }, { n: 1 });
      expect(outcome).toEqual({ kind: "retry", reason: "push service did not answer within 200 ms" });
    } finally {
      await closeServer(server);
    }
  });

  it("throws on a payload over 3 KB without sending anything", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(201).end();
    });
    const url = await listenLoopback(server);
    const { keys } = push.subscribe();
    try {
      const big = { text: "bí mật ".repeat(500) };
      await expect(sender.send({ endpoint: `${url}/push/counting`, keys }, big)).rejects.toThrow(
        /payload is \d+ bytes of JSON, the limit is 3072/,
      );
      expect(requests).toBe(0);
    } finally {
      await closeServer(server);
    }
  });

  it("refuses non-http(s) endpoints and malformed keys as permanent", async () => {
    const { keys } = push.subscribe();

    expect(await sender.send({ endpoint: "ftp://127.0.0.1/push/x", keys }, { n: 1 })).toEqual({
      kind: "permanent",
      reason: "endpoint is not an http(s) URL",
    });
    const sub = push.subscribe();
    expect(await sender.send({ ...sub, keys: { ...sub.keys, p256dh: "AAAA" } }, { n: 1 })).toEqual({
      kind: "permanent",
      reason: "invalid subscription keys (p256dh or auth)",
    });
  });

  it("never puts the payload, the subscription keys or the VAPID private key in error text", async () => {
    const secret = "Nguyễn Văn A, 0912 345 678, nhà số 7";
    const sub = push.subscribe();
    const texts: string[] = [];
    for (const status of [400, 401, 403, 413, 429, 500]) {
      push.failNext(status, 1, { endpoint: sub.endpoint, retryAfterSeconds: 1 });
      texts.push(JSON.stringify(await sender.send(sub, { secret })));
    }
    texts.push(JSON.stringify(await sender.send({ ...sub, keys: { ...sub.keys, auth: "x" } }, { secret })));
    texts.push(
      JSON.stringify(await sender.send({ ...sub, endpoint: "http://127.0.0.1:1/push/x" }, { secret })),
    );
    const tooBig = await sender.send(sub, { secret, filler: "x".repeat(4000) }).catch((err: Error) => err);
    expect(tooBig).toBeInstanceOf(Error);
    texts.push(String(tooBig));
    const stranger = await new PushSender({ vapid: generateVapidKeys(), subject: SUBJECT }).send(sub, {
      secret,
    });
    texts.push(JSON.stringify(stranger));

    expect(texts).toHaveLength(10);
    for (const text of texts) {
      for (const forbidden of [secret, "Nguy", sub.keys.auth, sub.keys.p256dh, vapid.privateKey]) {
        expect(text).not.toContain(forbidden);
      }
    }
  });

  it("rejects bad construction options with clear errors", () => {
    expect(() => new PushSender({ vapid, subject: "ops@binhyen.test" })).toThrow(/mailto: or https:/);
    expect(() => new PushSender({ vapid: { ...vapid, privateKey: "short" }, subject: SUBJECT })).toThrow(
      /private key/,
    );
    expect(() => new PushSender({ vapid, subject: SUBJECT, ttlSeconds: -1 })).toThrow(/ttlSeconds/);
  });
});

describe("the fake push service validates like a real one", () => {
  type RawRequest = { method: string; headers: Record<string, string>; body: Buffer | undefined };

  /** A request exactly as web-push would send it; each case below breaks one thing. */
  function validRequest(sub: { endpoint: string; keys: { p256dh: string; auth: string } }): RawRequest {
    const details = webpush.generateRequestDetails(sub, JSON.stringify({ hello: "xin chào" }), {
      vapidDetails: { subject: SUBJECT, ...vapid },
      TTL: 60,
      contentEncoding: "aes128gcm",
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(details.headers)) {
      if (name !== "Content-Length") {
        headers[name] = String(value);
      }
    }
    return { method: "POST", headers, body: details.body };
  }

  function post(endpoint: string, req: RawRequest): Promise<Response> {
    return fetch(endpoint, { method: req.method, headers: req.headers, body: req.body });
  }

  /** Our VAPID key as a node:crypto signing key (JWK d/x/y from the raw URL-safe base64 forms). */
  function vapidSigningKey(keys: { publicKey: string; privateKey: string }): KeyObject {
    const point = Buffer.from(keys.publicKey, "base64url");
    return createPrivateKey({
      key: {
        kty: "EC",
        crv: "P-256",
        d: keys.privateKey,
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      format: "jwk",
    });
  }

  function rawPublicKey(key: KeyObject): string {
    const jwk = key.export({ format: "jwk" });
    return Buffer.concat([
      Buffer.from([0x04]),
      Buffer.from(jwk.x ?? "", "base64url"),
      Buffer.from(jwk.y ?? "", "base64url"),
    ]).toString("base64url");
  }

  function jwt(claims: Record<string, unknown>, key: KeyObject): string {
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const unsigned = `${encode({ typ: "JWT", alg: "ES256" })}.${encode(claims)}`;
    const signature = sign("sha256", Buffer.from(unsigned), { key, dsaEncoding: "ieee-p1363" });
    return `${unsigned}.${signature.toString("base64url")}`;
  }

  const now = () => Math.floor(Date.now() / 1000);
  const ours = () => vapidSigningKey(vapid);
  const claims = (over: Record<string, unknown> = {}) => ({
    aud: push.url,
    exp: now() + 3600,
    sub: SUBJECT,
    ...over,
  });
  const withAuth = (r: RawRequest, token: string, k = vapid.publicKey): RawRequest => ({
    ...r,
    headers: { ...r.headers, Authorization: `vapid t=${token}, k=${k}` },
  });

  it("accepts web-push's request with 201 Created and a Location", async () => {
    const sub = push.subscribe();

    const res = await post(sub.endpoint, validRequest(sub));

    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toMatch(new RegExp(`^${push.url}/message/`));
    expect(push.received(sub.endpoint)).toMatchObject([{ payload: { hello: "xin chào" }, ttl: 60 }]);
  });

  it("accepts a JWT signed by hand with the right key (the verifier is not web-push-specific)", async () => {
    const sub = push.subscribe();

    const res = await post(sub.endpoint, withAuth(validRequest(sub), jwt(claims(), ours())));

    expect(res.status).toBe(201);
  });

  const other = generateKeyPairSync("ec", { namedCurve: "P-256" });

  it.each<[string, number, (r: RawRequest) => RawRequest]>([
    [
      "a JWT forged with another key while k claims ours",
      401,
      (r) => withAuth(r, jwt(claims(), other.privateKey)),
    ],
    ["a JWT for another audience", 401, (r) => withAuth(r, jwt(claims({ aud: "https://fcm.test" }), ours()))],
    ["an expired JWT", 401, (r) => withAuth(r, jwt(claims({ exp: now() - 60 }), ours()))],
    ["a JWT valid for more than 24 h", 401, (r) => withAuth(r, jwt(claims({ exp: now() + 90_000 }), ours()))],
    ["a subject that is not mailto:/https:", 401, (r) => withAuth(r, jwt(claims({ sub: "ops" }), ours()))],
    ["no Authorization", 401, (r) => ({ ...r, headers: omit(r.headers, "Authorization") })],
    [
      "a well-signed JWT from a key the subscription is not bound to",
      403,
      (r) => withAuth(r, jwt(claims(), other.privateKey), rawPublicKey(other.publicKey)),
    ],
    ["a missing TTL", 400, (r) => ({ ...r, headers: omit(r.headers, "TTL") })],
    ["a negative TTL", 400, (r) => ({ ...r, headers: { ...r.headers, TTL: "-1" } })],
    ["an unknown Urgency", 400, (r) => ({ ...r, headers: { ...r.headers, Urgency: "asap" } })],
    ["a Topic over 32 characters", 400, (r) => ({ ...r, headers: { ...r.headers, Topic: "t".repeat(33) } })],
    [
      "the legacy aesgcm encoding",
      415,
      (r) => ({ ...r, headers: { ...r.headers, "Content-Encoding": "aesgcm" } }),
    ],
    ["a tampered ciphertext", 400, (r) => ({ ...r, body: flipLastByte(r.body) })],
    ["a body over 4096 bytes", 413, (r) => ({ ...r, body: Buffer.alloc(4097, 1) })],
    ["GET", 405, (r) => ({ ...r, method: "GET", body: undefined })],
  ])("rejects %s with %i and stores nothing", async (_name, status, mutate) => {
    const sub = push.subscribe();

    const res = await post(sub.endpoint, mutate(validRequest(sub)));

    expect(res.status).toBe(status);
    expect(push.received(sub.endpoint)).toEqual([]);
  });
});

function omit(headers: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _dropped, ...rest } = headers;
  return rest;
}

function flipLastByte(body: Buffer | undefined): Buffer {
  const copy = Buffer.from(body ?? Buffer.alloc(0));
  copy[copy.length - 1] = (copy.at(-1) ?? 0) ^ 0xff;
  return copy;
}
