import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { communes, sessions } from "../../db/schema";
import { buildCommune, TEST_PASSWORD, type TestCommune } from "../../test/factories";
import { call, createTestContext, login, type TestContext } from "../../test/harness";
import { totpCodeAt } from "./totp";

const clock = fixedClock(new Date("2026-03-02T02:00:00Z"));
let ctx: TestContext;
let t: TestCommune;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await buildCommune(ctx.deps);
});
afterAll(() => ctx.close());

describe("sign-in", () => {
  it("sets an httpOnly SameSite=Strict session cookie and returns a CSRF token; /api/me shows roles", async () => {
    const res = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: `+84 ${t.users.chief.phone.slice(1)}`, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "by_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    const { csrfToken } = res.json<{ csrfToken: string }>();
    expect(csrfToken.length).toBeGreaterThan(20);
    const me = await ctx.app.inject({
      method: "GET",
      url: "/api/me",
      headers: { cookie: `by_session=${cookie?.value}` },
    });
    expect(me.json()).toMatchObject({
      user: { id: t.users.chief.id, phone: t.users.chief.phone },
      roles: [{ role: "COMMUNE_CHIEF", communeId: t.communeId }],
      csrfToken,
    });
    // The cookie value is not what the database stores (only its SHA-256 is).
    const stored = await ctx.deps.db.select().from(sessions).where(eq(sessions.userId, t.users.chief.id));
    expect(stored.some((s) => s.id === cookie?.value)).toBe(false);
  });

  it("answers a wrong password and an unknown phone the same way", async () => {
    const wrong = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: t.users.deputy.phone, password: "nope-nope-nope" },
    });
    const unknown = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: "0987654321", password: "nope-nope-nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.json().error.code).toBe("UNAUTHENTICATED");
  });

  it("locks a phone after 5 failures with back-off, then accepts the right password after the lock", async () => {
    const phone = t.users.leader2.phone;
    for (let i = 0; i < 5; i++) {
      const r = await ctx.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { phone, password: "wrong-password" },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone, password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    clock.advance(61_000);
    const ok = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone, password: TEST_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it("refuses state-changing requests without the CSRF header, and changes nothing", async () => {
    const s = await login(ctx.app, t.users.leader.phone, TEST_PASSWORD);
    const groupId = t.hamlets[0]?.groupId;
    const res = await ctx.app.inject({
      method: "PATCH",
      url: `/api/groups/${groupId}`,
      headers: { cookie: s.cookie },
      payload: { description: "CSRF attempt" },
    });
    expect(res.statusCode).toBe(403);
    const g = await call(ctx.app, s, { method: "GET", url: `/api/groups/${groupId}` });
    expect(g.json().description).not.toBe("CSRF attempt");
    const bad = await ctx.app.inject({
      method: "PATCH",
      url: `/api/groups/${groupId}`,
      headers: {
        cookie: s.cookie,
        "x-csrf-token": `${s.csrf.slice(0, -1)}${s.csrf.endsWith("x") ? "y" : "x"}`,
      },
      payload: { description: "CSRF attempt" },
    });
    expect(bad.statusCode).toBe(403);
  });

  it("ends the session on logout", async () => {
    const s = await login(ctx.app, t.users.member.phone, TEST_PASSWORD);
    expect((await call(ctx.app, s, { method: "POST", url: "/api/auth/logout" })).statusCode).toBe(200);
    expect((await call(ctx.app, s, { method: "GET", url: "/api/me" })).statusCode).toBe(401);
  });

  it("sends security headers and a strict CSP", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
  });
});

describe("TOTP two-factor sign-in", () => {
  it("an officer turns it on, then sign-in needs a fresh code and a replayed code is refused", async () => {
    const s = await login(ctx.app, t.users.spareOfficer.phone, TEST_PASSWORD);
    const setup = await call(ctx.app, s, { method: "POST", url: "/api/me/totp/setup" });
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl } = setup.json<{ secret: string; qrDataUrl: string }>();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await call(ctx.app, s, {
      method: "POST",
      url: "/api/me/totp/enable",
      payload: { code: "000000" },
    });
    expect(wrong.statusCode).toBe(400);
    const code = totpCodeAt(secret, clock.now());
    expect(
      (await call(ctx.app, s, { method: "POST", url: "/api/me/totp/enable", payload: { code } })).statusCode,
    ).toBe(200);

    const noCode = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: t.users.spareOfficer.phone, password: TEST_PASSWORD },
    });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe("TOTP_REQUIRED");
    // The code used to enable is spent: the same time step cannot sign in.
    const replay = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: t.users.spareOfficer.phone, password: TEST_PASSWORD, totp: code },
    });
    expect(replay.statusCode).toBe(401);
    clock.advance(30_000);
    const s2 = await login(
      ctx.app,
      t.users.spareOfficer.phone,
      TEST_PASSWORD,
      totpCodeAt(secret, clock.now()),
    );
    const me = await call(ctx.app, s2, { method: "GET", url: "/api/me" });
    expect(me.json().user.totpEnabled).toBe(true);
  });

  it("members cannot turn it on", async () => {
    const s = await login(ctx.app, t.users.member.phone, TEST_PASSWORD);
    expect((await call(ctx.app, s, { method: "POST", url: "/api/me/totp/setup" })).statusCode).toBe(403);
  });

  it("when the chief requires it, an officer without TOTP can only reach the account routes until it is on", async () => {
    const chief = await login(ctx.app, t.users.chief.phone, TEST_PASSWORD);
    const set = await call(ctx.app, chief, {
      method: "PATCH",
      url: `/api/communes/${t.communeId}/settings`,
      payload: { requireTotp: true },
    });
    expect(set.statusCode).toBe(200);
    const s = await login(ctx.app, t.users.deputy.phone, TEST_PASSWORD);
    const me = await call(ctx.app, s, { method: "GET", url: "/api/me" });
    expect(me.json().totpSetupRequired).toBe(true);
    expect((await call(ctx.app, s, { method: "GET", url: `/api/communes/${t.communeId}` })).statusCode).toBe(
      403,
    );
    const { secret } = (await call(ctx.app, s, { method: "POST", url: "/api/me/totp/setup" })).json<{
      secret: string;
    }>();
    const code = totpCodeAt(secret, clock.now());
    expect(
      (await call(ctx.app, s, { method: "POST", url: "/api/me/totp/enable", payload: { code } })).statusCode,
    ).toBe(200);
    expect((await call(ctx.app, s, { method: "GET", url: `/api/communes/${t.communeId}` })).statusCode).toBe(
      200,
    );
    // Members are not officers: the requirement does not apply to them.
    const m = await login(ctx.app, t.users.member.phone, TEST_PASSWORD);
    expect((await call(ctx.app, m, { method: "GET", url: "/api/me" })).json().totpSetupRequired).toBe(false);
    // Only the chief may change the setting.
    const other = await login(ctx.app, t.users.leader.phone, TEST_PASSWORD).catch(() => undefined);
    if (other) {
      const r = await call(ctx.app, other, {
        method: "PATCH",
        url: `/api/communes/${t.communeId}/settings`,
        payload: { requireTotp: false },
      });
      expect(r.statusCode).toBe(403);
    }
    await ctx.deps.db.update(communes).set({ requireTotp: false }).where(eq(communes.id, t.communeId));
  });
});

describe("accounts", () => {
  it("a disabled officer cannot sign in and loses open sessions", async () => {
    const chief = await login(ctx.app, t.users.chief.phone, TEST_PASSWORD);
    const created = await call(ctx.app, chief, {
      method: "POST",
      url: `/api/communes/${t.communeId}/officers`,
      payload: { name: "Ngô Văn Mới", phone: "0971112223" },
    });
    expect(created.statusCode).toBe(201);
    const { userId, temporaryPassword } = created.json<{ userId: string; temporaryPassword: string }>();
    const s = await login(ctx.app, "0971112223", temporaryPassword);
    const disabled = await call(ctx.app, chief, {
      method: "PATCH",
      url: `/api/communes/${t.communeId}/officers/${userId}`,
      payload: { status: "disabled" },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await call(ctx.app, s, { method: "GET", url: "/api/me" })).statusCode).toBe(401);
    await expect(login(ctx.app, "0971112223", temporaryPassword)).rejects.toThrow(/401/);
  });

  it("changes a password only with the current one", async () => {
    const s = await login(ctx.app, t.users.groupDeputy.phone, TEST_PASSWORD);
    const bad = await call(ctx.app, s, {
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: "wrong-one", newPassword: "a-much-longer-pass" },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await call(ctx.app, s, {
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "a-much-longer-pass" },
    });
    expect(ok.statusCode).toBe(200);
    await login(ctx.app, t.users.groupDeputy.phone, "a-much-longer-pass");
  });
});
