import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeOf, testWorld } from "./test-helpers";
import { authenticate, exchangeToken, grantConsent } from "./world-accounts";

const HOUR = 3_600_000;

function setup() {
  const t = testWorld();
  const app = t.world.createApp({ oaName: "Công an xã Đồng Tâm" });
  const verifier = "v".repeat(43);
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const consent = (redirectUri = "https://binhyen.test/cb") =>
    grantConsent(t.world.ctx, { appId: app.appId, redirectUri, codeChallenge: challenge });
  const form = (fields: Record<string, string>) => new URLSearchParams({ app_id: app.appId, ...fields });
  const exchange = (code: string, v = verifier, secret = app.appSecret) =>
    exchangeToken(t.world.ctx, form({ grant_type: "authorization_code", code, code_verifier: v }), secret);
  const refresh = (token: string) =>
    exchangeToken(t.world.ctx, form({ grant_type: "refresh_token", refresh_token: token }), app.appSecret);
  return { ...t, app, consent, exchange, refresh };
}

describe("OAuth v4 rules", () => {
  it("issues ids as 18–19-digit strings and a 25 h access token for a PKCE code", () => {
    const { app, consent, exchange } = setup();
    expect(app.appId).toMatch(/^[1-9][0-9]{17,18}$/);
    expect(app.oaId).toMatch(/^[1-9][0-9]{17,18}$/);
    const { code, oaId } = consent();
    expect(oaId).toBe(app.oaId);
    expect(exchange(code).expiresIn).toBe(90_000);
  });

  it("rejects a wrong verifier, a reused code, an expired code and a wrong secret", () => {
    const s = setup();
    const first = s.consent().code;
    expect(codeOf(() => s.exchange(first, "w".repeat(43)))).toBe(-14016);
    expect(codeOf(() => s.exchange(first, undefined, "wrong-secret"))).toBe(-14008);
    s.exchange(first);
    expect(codeOf(() => s.exchange(first))).toBe(-14014);
    const late = s.consent().code;
    s.clock.advance(10 * 60_000 + 1);
    expect(codeOf(() => s.exchange(late))).toBe(-14014);
  });

  it("refuses unknown or inactive apps and a redirect other than the registered one", () => {
    const s = setup();
    expect(
      codeOf(() =>
        grantConsent(s.world.ctx, { appId: "1", redirectUri: "https://x.test/", codeChallenge: null }),
      ),
    ).toBe(-14002);
    const fixed = s.world.createApp({ oaName: "OA 2", redirectUri: "https://a.test/cb" });
    expect(
      codeOf(() =>
        grantConsent(s.world.ctx, {
          appId: fixed.appId,
          redirectUri: "https://b.test/cb",
          codeChallenge: null,
        }),
      ),
    ).toBe(-14003);
    const off = s.world.createApp({ oaName: "OA 3", active: false });
    expect(
      codeOf(() =>
        grantConsent(s.world.ctx, { appId: off.appId, redirectUri: "https://x.test/", codeChallenge: null }),
      ),
    ).toBe(-14002);
  });

  it("rotates refresh tokens: each is single-use and the new one works", () => {
    const s = setup();
    const first = s.exchange(s.consent().code);
    const second = s.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(codeOf(() => s.refresh(first.refreshToken))).toBe(-14019);
    expect(s.refresh(second.refreshToken).accessToken).toBeTruthy();
  });

  it("expires refresh tokens after about three months", () => {
    const s = setup();
    const pair = s.world.mintTokens(s.app.appId);
    s.clock.advance(91 * 24 * HOUR);
    expect(codeOf(() => s.refresh(pair.refreshToken))).toBe(-14019);
  });

  it("authenticates access tokens until 25 h have passed: -216 unknown, -220 expired", () => {
    const s = setup();
    const pair = s.world.mintTokens(s.app.appId);
    expect(codeOf(() => authenticate(s.world.ctx, undefined))).toBe(-216);
    expect(codeOf(() => authenticate(s.world.ctx, "nope"))).toBe(-216);
    expect(codeOf(() => authenticate(s.world.ctx, "constructor"))).toBe(-216);
    expect(codeOf(() => authenticate(s.world.ctx, "__proto__"))).toBe(-216);
    s.clock.advance(25 * HOUR - 1);
    expect(authenticate(s.world.ctx, pair.accessToken)).toEqual({ oaId: s.app.oaId, appId: s.app.appId });
    s.clock.advance(1);
    expect(codeOf(() => authenticate(s.world.ctx, pair.accessToken))).toBe(-220);
  });
});
