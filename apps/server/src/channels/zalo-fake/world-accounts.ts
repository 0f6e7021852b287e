import { createHash } from "node:crypto";
import { OAuthErrorCode as C, OAuthError, OaError, ZaloApiError } from "./errors";
import { alnum, numericId, opaqueToken } from "./ids";
import { DAY_MS, type WorldCtx } from "./world-context";

/** Apps, OAs, users and OAuth v4 tokens (reference/zalo.md §2.1, §2.2). */

export const ACCESS_TOKEN_TTL_S = 90_000; // 25 h, sent as the string "90000"
export const REFRESH_TOKEN_TTL_MS = 90 * DAY_MS; // ~3 months
export const AUTH_CODE_TTL_MS = 10 * 60_000;

export type CreateAppInput = {
  appId?: string;
  appSecret?: string;
  oaId?: string;
  oaName: string;
  oaSecret?: string;
  /** GMF needs a verified OA (default true). */
  verified?: boolean;
  packageName?: string;
  /** When set, consent links must use exactly this redirect_uri. */
  redirectUri?: string;
  /** An inactive app gets -14002 (default true). */
  active?: boolean;
};
export type CreatedApp = { appId: string; appSecret: string; oaId: string; oaSecret: string };

export type AddUserInput = {
  displayName: string;
  follower?: boolean;
  lastInteractionAt?: Date;
  phone?: string;
};

export type TokenPair = { accessToken: string; refreshToken: string; expiresIn: number };

export function createApp(ctx: WorldCtx, input: CreateAppInput): CreatedApp {
  const appId = input.appId ?? numericId();
  const oaId = input.oaId ?? numericId();
  if (ctx.state.apps[appId] || ctx.state.oas[oaId]) {
    throw new Error(`fake Zalo: app ${appId} or OA ${oaId} already exists`);
  }
  const appSecret = input.appSecret ?? alnum(20);
  const oaSecret = input.oaSecret ?? alnum(20);
  ctx.state.apps[appId] = {
    appId,
    appSecret,
    oaId,
    active: input.active ?? true,
    redirectUri: input.redirectUri ?? null,
  };
  ctx.state.oas[oaId] = {
    oaId,
    appId,
    name: input.oaName,
    secret: oaSecret,
    verified: input.verified ?? true,
    packageName: input.packageName ?? "Gói Nâng cao",
    packageValidThrough: ctx.now() + 365 * DAY_MS,
    proactiveQuota: 1000,
  };
  return { appId, appSecret, oaId, oaSecret };
}

export function addUser(ctx: WorldCtx, oaId: string, input: AddUserInput): string {
  if (!ctx.state.oas[oaId]) {
    throw new Error(`fake Zalo: unknown OA ${oaId}`);
  }
  const userId = numericId();
  ctx.state.users[userId] = {
    userId,
    oaId,
    userIdByApp: numericId(),
    displayName: input.displayName,
    follower: input.follower ?? true,
    lastInteractionAt: input.lastInteractionAt?.getTime() ?? null,
    phone: input.phone ?? null,
    repliesSinceInteraction: 0,
  };
  return userId;
}

function issuePair(ctx: WorldCtx, appId: string, oaId: string): TokenPair {
  pruneCredentials(ctx);
  const accessToken = opaqueToken(96);
  const refreshToken = opaqueToken(96);
  const now = ctx.now();
  ctx.state.accessTokens[accessToken] = {
    appId,
    oaId,
    expiresAt: now + ACCESS_TOKEN_TTL_S * 1000,
    used: false,
  };
  ctx.state.refreshTokens[refreshToken] = { appId, oaId, expiresAt: now + REFRESH_TOKEN_TTL_MS, used: false };
  return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_S };
}

/** The API Explorer shortcut: a fresh token pair without consent. */
export function mintTokens(ctx: WorldCtx, appId: string): TokenPair {
  const app = ctx.state.apps[appId];
  if (!app) {
    throw new Error(`fake Zalo: unknown app ${appId}`);
  }
  return issuePair(ctx, appId, app.oaId);
}

/** The consent page, auto-approved: returns the code for the redirect (errors render as HTML). */
export function grantConsent(
  ctx: WorldCtx,
  q: { appId: string | null; redirectUri: string | null; codeChallenge: string | null },
): { code: string; oaId: string } {
  const app = q.appId ? ctx.state.apps[q.appId] : undefined;
  if (!app?.active) {
    throw new OAuthError(C.INVALID_APP, "Invalid app id", "The app does not exist or is not active");
  }
  if (!q.redirectUri || !/^https?:\/\//.test(q.redirectUri) || !URL.canParse(q.redirectUri)) {
    throw new OAuthError(C.INVALID_REDIRECT_URI, "Invalid redirect uri", "redirect_uri is not a URL");
  }
  if (app.redirectUri !== null && app.redirectUri !== q.redirectUri) {
    throw new OAuthError(
      C.INVALID_REDIRECT_URI,
      "Invalid redirect uri",
      "redirect_uri differs from the app's",
    );
  }
  const code = opaqueToken(64);
  ctx.state.authCodes[code] = {
    appId: app.appId,
    oaId: app.oaId,
    challenge: q.codeChallenge || null,
    expiresAt: ctx.now() + AUTH_CODE_TTL_MS,
    used: false,
  };
  return { code, oaId: app.oaId };
}

/** POST /v4/oa/access_token with its form fields and the secret_key header. */
export function exchangeToken(
  ctx: WorldCtx,
  form: URLSearchParams,
  secretKey: string | undefined,
): TokenPair {
  const appId = form.get("app_id") ?? "";
  const app = ctx.state.apps[appId];
  if (!app?.active) {
    throw new OAuthError(C.INVALID_APP, "Invalid app id", "The app does not exist or is not active");
  }
  if (secretKey !== app.appSecret) {
    throw new OAuthError(C.INVALID_SECRET_KEY, "Invalid secret key", "secret_key header is wrong");
  }
  const now = ctx.now();
  const grant = form.get("grant_type");
  if (grant === "authorization_code") {
    const code = ctx.state.authCodes[form.get("code") ?? ""];
    if (!code || code.used || code.expiresAt < now || code.appId !== appId) {
      throw new OAuthError(C.INVALID_CODE, "Invalid code", "The authorization code is invalid or expired");
    }
    if (code.challenge !== null) {
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== code.challenge) {
        throw new OAuthError(
          C.INVALID_CODE_VERIFIER,
          "Invalid code verifier",
          "S256(code_verifier) mismatch",
        );
      }
    }
    code.used = true;
    return issuePair(ctx, appId, code.oaId);
  }
  if (grant === "refresh_token") {
    const refresh = ctx.state.refreshTokens[form.get("refresh_token") ?? ""];
    if (!refresh || refresh.used || refresh.expiresAt < now || refresh.appId !== appId) {
      throw new OAuthError(C.INVALID_REFRESH_TOKEN, "Invalid refresh token", "The refresh token is invalid");
    }
    refresh.used = true;
    return issuePair(ctx, appId, refresh.oaId);
  }
  throw new OAuthError(C.INVALID_PARAM, "Invalid parameter", "grant_type is not supported");
}

/** The `access_token` header of an OpenAPI call → the OA it acts for (-216 unknown, -220 expired). */
export function authenticate(ctx: WorldCtx, token: string | undefined): { oaId: string; appId: string } {
  const record = token ? ctx.state.accessTokens[token] : undefined;
  if (!record) {
    throw new ZaloApiError(OaError.INVALID_TOKEN, "Access token is invalid");
  }
  if (record.expiresAt <= ctx.now()) {
    throw new ZaloApiError(OaError.TOKEN_EXPIRED, "Access token is expired");
  }
  return { oaId: record.oaId, appId: record.appId };
}

/** Forget codes and tokens a day past expiry so a long-running demo's state file stays small. */
function pruneCredentials(ctx: WorldCtx): void {
  const now = ctx.now();
  for (const table of [ctx.state.authCodes, ctx.state.refreshTokens, ctx.state.accessTokens]) {
    for (const [key, value] of Object.entries(table)) {
      if (value.expiresAt + DAY_MS < now) {
        delete table[key];
      }
    }
  }
}
