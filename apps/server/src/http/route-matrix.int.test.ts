import type { InjectOptions } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleAssignments } from "../db/schema";
import { actorFromSession } from "../modules/auth/auth.service";
import { setGroupImage } from "../modules/org/group.service";
import { buildCommune, freshPhone, TEST_PASSWORD, type TestCommune } from "../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../test/harness";

/**
 * Route × role × tenant. Every registered route must have a row here: a new route without one fails
 * the first test. For each role the row gives the status in its own commune; in another commune
 * every signed-in role gets 404 (tenant rows) and anonymous callers 401.
 */
type Who = "anon" | "province" | "chief" | "deputy" | "leader" | "leader2" | "groupDeputy" | "member";
const WHO: Who[] = ["anon", "province", "chief", "deputy", "leader", "leader2", "groupDeputy", "member"];

type Row = {
  /** Builds the request against commune `t` (own or other). May prepare its own target rows. */
  req: (t: TestCommune, who: Who) => Promise<InjectOptions> | InjectOptions;
  own: Partial<Record<Who, number>> & { default: number };
  /** false for routes that are not tied to a commune (health, login, the caller's own account). */
  tenant: boolean;
};

let ctx: TestContext;
let own: TestCommune;
let other: TestCommune;
let png: Buffer;
let counter = 0;

const g0 = (t: TestCommune) => t.hamlets[0]?.groupId ?? "";
const officersOnly = { anon: 401, default: 200, groupDeputy: 403, member: 403 };
const signedIn = { anon: 401, default: 200 };
const groupReaders = { anon: 401, default: 200, province: 403, leader2: 403 };
const groupEditors = { anon: 401, default: 403, leader: 200, groupDeputy: 200 };
const management = (ok: number) => ({ anon: 401, default: 403, chief: ok, deputy: ok });
const multipart = async (): Promise<Pick<InjectOptions, "payload" | "headers">> => {
  const form = new FormData();
  form.append("file", new Blob([png], { type: "image/png" }), "a.png");
  const r = new Request("http://x/", { method: "PUT", body: form });
  return {
    payload: Buffer.from(await r.arrayBuffer()),
    headers: { "content-type": r.headers.get("content-type") ?? "" },
  };
};

const MATRIX: Record<string, Row> = {
  "GET /api/health": {
    tenant: false,
    own: { default: 200 },
    req: () => ({ method: "GET", url: "/api/health" }),
  },
  "GET /api/openapi.json": {
    tenant: false,
    own: { default: 200 },
    req: () => ({ method: "GET", url: "/api/openapi.json" }),
  },
  "POST /api/auth/login": {
    tenant: false,
    own: { default: 401 },
    // Each caller tries its own phone, so the per-phone lockout (5 failures) is not reached here.
    req: (t, who) => ({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: t.users[who === "anon" ? "chief" : who].phone, password: "wrong-password" },
    }),
  },
  "POST /api/auth/logout": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "POST", url: "/api/auth/logout" }),
  },
  "GET /api/me": { tenant: false, own: signedIn, req: () => ({ method: "GET", url: "/api/me" }) },
  "PATCH /api/me": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "PATCH", url: "/api/me", payload: { locale: "vi" } }),
  },
  "POST /api/me/password": {
    tenant: false,
    own: signedIn,
    req: () => ({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    }),
  },
  "POST /api/me/totp/setup": {
    tenant: false,
    own: officersOnly,
    req: () => ({ method: "POST", url: "/api/me/totp/setup" }),
  },
  "POST /api/me/totp/enable": {
    tenant: false,
    own: { ...officersOnly, default: 400 },
    req: () => ({ method: "POST", url: "/api/me/totp/enable", payload: { code: "000000" } }),
  },
  "POST /api/me/totp/disable": {
    tenant: false,
    own: { ...officersOnly, default: 409 },
    req: () => ({ method: "POST", url: "/api/me/totp/disable", payload: { code: "000000" } }),
  },
  "GET /api/communes/:communeId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, leader2: 200 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}` }),
  },
  "PATCH /api/communes/:communeId/settings": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({
      method: "PATCH",
      url: `/api/communes/${t.communeId}/settings`,
      payload: { requireTotp: false },
    }),
  },
  "POST /api/communes/:communeId/hamlets": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/hamlets`,
      payload: { name: `Ấp Ma Trận ${++counter}`, kind: "AP", leaderUserId: t.users.leader.id },
    }),
  },
  "GET /api/communes/:communeId/officers": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/officers` }),
  },
  "POST /api/communes/:communeId/officers": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/officers`,
      payload: { name: "Cán Bộ Mới", phone: freshPhone() },
    }),
  },
  "PATCH /api/communes/:communeId/officers/:userId": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "PATCH",
      url: `/api/communes/${t.communeId}/officers/${t.users.spareOfficer.id}`,
      payload: { resetPassword: true },
    }),
  },
  "GET /api/provinces/:provinceId/summary": {
    tenant: true,
    own: { anon: 401, default: 404, province: 200 },
    req: (t) => ({ method: "GET", url: `/api/provinces/${t.provinceId}/summary` }),
  },
  "GET /api/groups/:groupId": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}` }),
  },
  "PATCH /api/groups/:groupId": {
    tenant: true,
    own: groupEditors,
    req: (t) => ({ method: "PATCH", url: `/api/groups/${g0(t)}`, payload: { description: "Ma trận" } }),
  },
  "PUT /api/groups/:groupId/avatar": {
    tenant: true,
    own: groupEditors,
    req: async (t) => ({ method: "PUT", url: `/api/groups/${g0(t)}/avatar`, ...(await multipart()) }),
  },
  "GET /api/groups/:groupId/avatar": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/avatar` }),
  },
  "PUT /api/groups/:groupId/background": {
    tenant: true,
    own: groupEditors,
    req: async (t) => ({ method: "PUT", url: `/api/groups/${g0(t)}/background`, ...(await multipart()) }),
  },
  "GET /api/groups/:groupId/background": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/background` }),
  },
  "GET /api/groups/:groupId/members": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/members?q=a` }),
  },
  "PUT /api/groups/:groupId/leader": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "PUT",
      url: `/api/groups/${g0(t)}/leader`,
      payload: { userId: t.users.leader.id },
    }),
  },
  "POST /api/groups/:groupId/deputies": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 201, deputy: 201, leader: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/deputies`,
      payload: { name: "Phó Nhóm Thử", phone: freshPhone(), title: "OTHER" },
    }),
  },
  "DELETE /api/groups/:groupId/deputies/:userId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 },
    req: async (t) => {
      // A fresh deputy for each call, so each role removes its own target.
      const userId = t.users.member.id;
      await ctx.deps.db
        .insert(roleAssignments)
        .values({
          id: ctx.deps.ids.uuid(),
          userId,
          role: "GROUP_DEPUTY",
          communeId: t.communeId,
          groupId: g0(t),
          title: "OTHER",
        })
        .onConflictDoNothing();
      return { method: "DELETE", url: `/api/groups/${g0(t)}/deputies/${userId}` };
    },
  },
};

beforeAll(async () => {
  ctx = await createTestContext();
  own = await buildCommune(ctx.deps);
  other = await buildCommune(ctx.deps);
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ffcc00" } })
    .png()
    .toBuffer();
  for (const t of [own, other]) {
    const leader = await actorFromSession(
      ctx.deps,
      (await sessionFor(ctx.deps, t.users.leader.id)).cookie.split("=")[1] ?? "",
    );
    if (leader) {
      await setGroupImage(ctx.deps, leader, g0(t), "avatar", png, "setup");
      await setGroupImage(ctx.deps, leader, g0(t), "background", png, "setup");
    }
  }
});
afterAll(() => ctx.close());

async function sessionOf(t: TestCommune, who: Who): Promise<Session | undefined> {
  return who === "anon" ? undefined : sessionFor(ctx.deps, t.users[who].id);
}

describe("route × role × tenant matrix", () => {
  it("has a row for every registered route, and no stale rows", () => {
    const registered = new Set(
      ctx.routes.filter((r) => r.url.startsWith("/api")).map((r) => `${r.method} ${r.url}`),
    );
    expect(
      [...registered].filter((k) => !(k in MATRIX)),
      "routes without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !registered.has(k)),
      "rows without a route",
    ).toEqual([]);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it.each(WHO)(`${route} — %s, own commune`, async (who) => {
      const res = await call(ctx.app, await sessionOf(own, who), await row.req(own, who));
      expect(res.statusCode, res.body).toBe(row.own[who] ?? row.own.default);
    });
    if (row.tenant) {
      it.each(WHO)(`${route} — %s of commune A on commune B → 404`, async (who) => {
        const res = await call(ctx.app, await sessionOf(own, who), await row.req(other, who));
        expect(res.statusCode, res.body).toBe(who === "anon" ? 401 : 404);
        if (who !== "anon") {
          // Not found and not allowed look the same.
          expect(res.json().error.code).toBe("NOT_FOUND");
        }
      });
    }
  }
});
