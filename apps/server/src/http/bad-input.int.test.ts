import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommune, type TestCommune } from "../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../test/harness";

/** No request can produce a 500 by its shape: every route gets garbage params, bodies and queries. */
let ctx: TestContext;
let t: TestCommune;
let chief: Session;
let leader: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await buildCommune(ctx.deps);
  chief = await sessionFor(ctx.deps, t.users.chief.id);
  leader = await sessionFor(ctx.deps, t.users.leader.id);
});
afterAll(() => ctx.close());

const PARAM_VALUES = [
  "x",
  "00000000-0000-0000-0000-000000000000",
  "%00",
  "a".repeat(300),
  "' or 1=1 --",
  "..%2F..%2Fetc",
];
const BODIES: unknown[] = [
  null,
  [],
  "text",
  42,
  {},
  { name: 12, phone: { a: 1 }, userId: "not-a-uuid", requireTotp: "yes", code: 123456, locale: "fr" },
  { description: "x".repeat(100_000) },
  { nested: { deep: { deeper: Array.from({ length: 1000 }, (_, i) => i) } } },
];
const RAW: { body: string; type: string }[] = [
  { body: "{not json", type: "application/json" },
  { body: "name=x", type: "application/x-www-form-urlencoded" },
  { body: "--x\r\n\r\n", type: "multipart/form-data; boundary=x" },
  { body: "\u0000\u0001", type: "application/octet-stream" },
];

function fill(url: string, value: string): string {
  return url.replace(/:[a-zA-Z]+/g, value);
}

describe("bad input never yields a 500", () => {
  it("for every route, parameter, body and content type", async () => {
    const routes = ctx.routes.filter((r) => r.url.startsWith("/api"));
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const r of routes) {
      for (const session of [chief, leader]) {
        const realUrl = fill(r.url, t.hamlets[0]?.groupId ?? "")
          .replace(`/communes/${t.hamlets[0]?.groupId}`, `/communes/${t.communeId}`)
          .replace(`/provinces/${t.hamlets[0]?.groupId}`, `/provinces/${t.provinceId}`);
        const requests = [
          ...PARAM_VALUES.map((v) => ({ method: r.method, url: fill(r.url, encodeURIComponent(v)) })),
          { method: r.method, url: `${realUrl}?limit=-5&offset=abc&q=${"%E0%A4%A".repeat(3)}` },
          ...(r.method === "GET"
            ? []
            : BODIES.map((b) => ({
                method: r.method,
                url: realUrl,
                payload: JSON.stringify(b),
                headers: { "content-type": "application/json" },
              }))),
          ...(r.method === "GET"
            ? []
            : RAW.map((x) => ({
                method: r.method,
                url: realUrl,
                payload: x.body,
                headers: { "content-type": x.type },
              }))),
        ];
        for (const req of requests) {
          const res = await call(ctx.app, session, req as Parameters<typeof call>[2]);
          if (res.statusCode >= 500) {
            failures.push(`${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          } else if (res.statusCode >= 400) {
            const body = res.json();
            if (typeof body?.error?.code !== "string" || typeof body.error.requestId !== "string") {
              failures.push(`${req.method} ${req.url} → ${res.statusCode} without an error code`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("names the offending field", async () => {
    const res = await call(ctx.app, chief, {
      method: "POST",
      url: `/api/communes/${t.communeId}/hamlets`,
      payload: { name: "", kind: "VILLAGE", leaderUserId: "nope" },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.kind", "body.leaderUserId"]));
  });
});
