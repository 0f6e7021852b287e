import { createHash, randomBytes } from "node:crypto";
import { ZaloApiError, ZaloNetworkError } from "./zalo-errors";
import { exchangeJson, type FetchLike } from "./zalo-http";
import { asRecord, isRecord, toNum, toStr } from "./zalo-json";

/**
 * Zalo OAuth v4 for Official Accounts (reference/zalo.md §2.2): consent link, code exchange and
 * refresh. Refresh tokens are single-use and rotating, so these calls are never retried here: a
 * blind retry after a lost response would present an already-consumed token. The caller (the
 * token manager) persists the new pair before using it and decides about retries.
 *
 * Security assumption: the app secret, code, verifier and tokens appear only in the request body
 * or the `secret_key` header, and are redacted from any error text.
 */

export type OaTokenPair = { accessToken: string; refreshToken: string; expiresInSec: number };
export type PkcePair = { codeVerifier: string; codeChallenge: string };

/** RFC 7636: 32 random bytes → 43-char base64url verifier; S256 challenge. */
export function pkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString("base64url");
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash("sha256").update(codeVerifier, "ascii").digest("base64url");
}

export function consentUrl(
  oauthUrl: string,
  p: { appId: string; redirectUri: string; codeChallenge: string; state?: string },
): string {
  const q = new URLSearchParams({
    app_id: p.appId,
    redirect_uri: p.redirectUri,
    code_challenge: p.codeChallenge,
  });
  if (p.state !== undefined) {
    q.set("state", p.state);
  }
  return `${oauthUrl}/v4/oa/permission?${q.toString()}`;
}

const TOKEN_ENDPOINT = "POST /v4/oa/access_token";
/** Zalo documents 90000 s (25 h); used only if `expires_in` is missing or unreadable. */
const DEFAULT_EXPIRES_IN_SEC = 90_000;

export async function requestToken(
  ctx: { oauthUrl: string; fetch: FetchLike; timeoutMs: number },
  appSecret: string,
  form: Record<string, string>,
): Promise<OaTokenPair> {
  const secrets = [appSecret, ...Object.values(form).filter((v) => v.length >= 8)];
  const { body } = await exchangeJson({
    api: "oauth",
    endpoint: TOKEN_ENDPOINT,
    url: `${ctx.oauthUrl}/v4/oa/access_token`,
    init: {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: appSecret },
      body: new URLSearchParams(form).toString(),
    },
    timeoutMs: ctx.timeoutMs,
    fetch: ctx.fetch,
  });
  const b = asRecord(body);
  const accessToken = toStr(b.access_token);
  const refreshToken = toStr(b.refresh_token);
  const code = toNum(b.error);
  if (accessToken && refreshToken && (code === null || code === 0)) {
    const expires = toNum(b.expires_in);
    return {
      accessToken,
      refreshToken,
      expiresInSec: expires && expires > 0 ? expires : DEFAULT_EXPIRES_IN_SEC,
    };
  }
  if (code !== null && code !== 0) {
    const name = toStr(b.error_name) ?? "";
    const reason = toStr(b.error_reason) ?? toStr(b.error_description) ?? toStr(b.message) ?? "";
    throw new ZaloApiError({
      api: "oauth",
      code,
      endpoint: TOKEN_ENDPOINT,
      zaloMessage: [name, reason].filter(Boolean).join(": "),
      secrets,
    });
  }
  if (isRecord(body) && typeof b.error === "string") {
    // OAuth2-style `{ error: "invalid_grant", error_description }`: still an API answer.
    throw new ZaloApiError({
      api: "oauth",
      code: -1,
      endpoint: TOKEN_ENDPOINT,
      zaloMessage: `${b.error}${typeof b.error_description === "string" ? `: ${b.error_description}` : ""}`,
      secrets,
    });
  }
  throw new ZaloNetworkError({
    api: "oauth",
    endpoint: TOKEN_ENDPOINT,
    reason: "invalid_body",
    detail: "token response without access_token/refresh_token",
  });
}
