/**
 * Errors of the three fake surfaces. Every one is answered with HTTP 200 and an error body, as
 * Zalo does (reference/zalo.md §1.1, §2.3, §2.7).
 */

/** OA OpenAPI / GMF error codes used by the fake (reference/zalo.md §2.7). */
export const OaError = {
  /** app/OA reached its API call limit (only through failNext). */
  RATE_LIMIT: -32,
  /** upload (attachment_id / file token) older than 7 days. */
  ATTACHMENT_EXPIRED: -100,
  /** missing or malformed parameter, unknown user/attachment/quote id. */
  INVALID_PARAM: -201,
  /** parameter over its limit: text > 2000, count > 50, file too large, group full. */
  OVER_LIMIT: -210,
  /** no proactive (billable) CS quota left this month. */
  OUT_OF_QUOTA: -211,
  /** user neither follows the OA nor interacted with it within 7 days (GMF create/invite). */
  NOT_FOLLOWER: -213,
  /** access_token header missing or unknown. */
  INVALID_TOKEN: -216,
  /** access_token past its 25 h life (fake clock). */
  TOKEN_EXPIRED: -220,
  /** GMF needs a verified OA. */
  OA_NOT_VERIFIED: -221,
  /** CS message to a user without interaction in the last 7 days. */
  WINDOW_CLOSED: -230,
  /** group disabled (its GMF asset expired). */
  GROUP_DISABLED: -237,
  /** asset_id already used by another group. */
  ASSET_USED: -238,
  /** asset_id expired. */
  ASSET_DISABLED: -241,
  /** the OA does not own (or no longer has) the group — unknown and deleted groups included. */
  NOT_IN_GROUP: -403,
} as const;

export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * OAuth v4 error codes. Only -14002/-14003 are named by a source (reference/zalo.md §2.2); the
 * others are plausible values in the same range, chosen for the fake:
 *  -14001 invalid parameter (missing field, unsupported grant_type)
 *  -14002 invalid / inactive app_id
 *  -14003 invalid redirect uri
 *  -14008 secret_key header does not match the app secret
 *  -14014 invalid authorization code (unknown, used, expired after 10 min, other app)
 *  -14016 invalid code_verifier (S256(verifier) ≠ code_challenge)
 *  -14019 invalid refresh token (unknown, already used — they rotate —, expired after 3 months)
 */
export const OAuthErrorCode = {
  INVALID_PARAM: -14001,
  INVALID_APP: -14002,
  INVALID_REDIRECT_URI: -14003,
  INVALID_SECRET_KEY: -14008,
  INVALID_CODE: -14014,
  INVALID_CODE_VERIFIER: -14016,
  INVALID_REFRESH_TOKEN: -14019,
} as const;

export class OAuthError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Bot API error_code values (reference/zalo.md §1.1): 400, 401, 404, 408, 409 (fake's choice), 429. */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export const botUnauthorized = () => new BotApiError(401, "Unauthorized");
