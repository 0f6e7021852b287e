import { ZALO_TEXT_LIMIT } from "./message-text";
import { consentUrl, type OaTokenPair, type PkcePair, pkcePair, requestToken } from "./oa-oauth";
import {
  type CsSendResult,
  type GmfAsset,
  type GmfProductType,
  type GroupMemberPage,
  type GroupMessage,
  type GroupPage,
  type MessageQuota,
  normaliseAssets,
  normaliseCsSend,
  normaliseGroup,
  normaliseGroupMessages,
  normaliseGroupPage,
  normaliseMemberPage,
  normaliseMessageQuota,
  normaliseOaInfo,
  normalisePendingPage,
  normaliseUserDetail,
  normaliseUserPage,
  type OaInfo,
  type OaUserDetail,
  type OaUserPage,
  type PendingInvitePage,
  type ZaloGroup,
} from "./oa-types";
import {
  type Call,
  execCall,
  pipeline,
  type RetryEvent,
  type Sleep,
  TokenBucketLimiter,
  type TokenSource,
  withRateLimit,
  withRetry,
  withToken,
} from "./transport";
import { ZaloApiError, ZaloNetworkError } from "./zalo-errors";
import { exchangeJson, type FetchLike, trimBase } from "./zalo-http";
import { asRecord, isRecord, toNum, toStr } from "./zalo-json";

/**
 * Typed client for the Zalo OA OpenAPI (v2.0/v3.0, GMF groups) and OAuth v4
 * (reference/zalo.md §2). Conventions it enforces:
 * - header `access_token: <token>` (not Bearer);
 * - envelope `{ data, error, message }`: any `error != 0` is a `ZaloApiError`, whatever the HTTP
 *   status (Zalo answers errors with HTTP 200);
 * - v2/v3 user and message GETs take one `?data=<JSON>` parameter, GMF GETs plain parameters;
 * - ids stay strings, even when Zalo sends 19-digit JSON numbers.
 *
 * Each `forOa` API runs its calls through retry → token (refresh once on -216/-220) → per-OA
 * token bucket → one HTTP exchange.
 */

/** Zalo caps `member_user_ids` at creation (fill further by invite or link). */
export const MAX_CREATE_MEMBERS = 99;

export type OaClientOptions = {
  apiUrl: string;
  oauthUrl: string;
  fetch?: FetchLike;
  /** Per OA (per `forOa` key). Zalo publishes no limit; default 10. */
  ratePerSecond?: number;
  /** Attempts per call including the first; default 3. */
  maxAttempts?: number;
  sleep?: Sleep;
  /** Clock for the rate limiter (ms). */
  now?: () => number;
  /** Jitter source for backoff, [0, 1). */
  random?: () => number;
  baseDelayMs?: number;
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  onRetry?: (event: RetryEvent) => void;
};

export type UploadInput = { bytes: Uint8Array; filename: string; contentType: string };
export type MediaRef = { attachmentId?: string; url?: string };

export interface OaApi {
  getOa(): Promise<OaInfo>;
  messageQuota(userId: string): Promise<MessageQuota>;
  userDetail(userId: string): Promise<OaUserDetail>;
  userList(p: {
    offset: number;
    count: number;
    tagName?: string;
    lastInteractionPeriod?: string;
    isFollower?: boolean;
  }): Promise<OaUserPage>;
  sendCsText(p: { userId: string; text: string; quoteMessageId?: string }): Promise<CsSendResult>;
  sendCsImage(p: MediaRef & { userId: string; text?: string }): Promise<CsSendResult>;
  /** jpg/png ≤ 1 MB → attachment_id (expires after 7 days). */
  uploadImage(p: UploadInput): Promise<string>;
  /** PDF/DOC/DOCX/CSV ≤ 5 MB → file token (expires after 7 days). */
  uploadFile(p: UploadInput): Promise<string>;
  groupQuota(p?: {
    productType?: GmfProductType;
    quotaOwner?: "OA" | "APP";
    quotaType?: "sub_quota" | "purchase_quota" | "reward_quota";
  }): Promise<GmfAsset[]>;
  createGroup(p: {
    name: string;
    description?: string;
    assetId: string;
    memberUserIds: string[];
  }): Promise<ZaloGroup>;
  getGroup(groupId: string): Promise<ZaloGroup>;
  /** Returns the group as Zalo reports it after the update, or null when it sends no body. */
  updateGroupInfo(groupId: string, p: GroupInfoUpdate): Promise<ZaloGroup | null>;
  updateAsset(groupId: string, assetId: string): Promise<void>;
  invite(groupId: string, userIds: string[]): Promise<void>;
  listPendingInvites(groupId: string, offset: number, count: number): Promise<PendingInvitePage>;
  acceptPendingInvites(groupId: string, userIds: string[]): Promise<void>;
  rejectPendingInvites(groupId: string, userIds: string[]): Promise<void>;
  listMembers(groupId: string, offset: number, count: number): Promise<GroupMemberPage>;
  addAdmins(groupId: string, userIds: string[]): Promise<void>;
  removeAdmins(groupId: string, userIds: string[]): Promise<void>;
  removeMembers(groupId: string, userIds: string[]): Promise<void>;
  getGroupsOfOa(offset: number, count: number): Promise<GroupPage>;
  groupConversation(groupId: string, offset: number, count: number): Promise<GroupMessage[]>;
  sendGroupText(groupId: string, text: string): Promise<{ messageId: string }>;
  sendGroupImage(groupId: string, p: MediaRef & { caption?: string }): Promise<{ messageId: string }>;
  sendGroupFile(groupId: string, token: string): Promise<{ messageId: string }>;
}

export type GroupInfoUpdate = {
  name?: string;
  avatar?: string;
  description?: string;
  lockSendMsg?: boolean;
  joinAppr?: boolean;
  enableMsgHistory?: boolean;
  enableLinkJoin?: boolean;
};

export interface OaClient {
  consentUrl(p: { appId: string; redirectUri: string; codeChallenge: string; state?: string }): string;
  pkcePair(): PkcePair;
  exchangeCode(p: {
    appId: string;
    appSecret: string;
    code: string;
    codeVerifier: string;
  }): Promise<OaTokenPair>;
  refreshToken(p: { appId: string; appSecret: string; refreshToken: string }): Promise<OaTokenPair>;
  /** `key` names the rate-limit bucket (the OA or commune id); it must not be a secret. */
  forOa(getToken: TokenSource, key?: string): OaApi;
}

export function createOaClient(opts: OaClientOptions): OaClient {
  const apiUrl = trimBase(opts.apiUrl);
  const oauthUrl = trimBase(opts.oauthUrl);
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const http: Http = { apiUrl, fetch: fetchFn, timeoutMs, uploadTimeoutMs: opts.uploadTimeoutMs ?? 60_000 };
  const limiter = new TokenBucketLimiter({
    ratePerSecond: opts.ratePerSecond ?? 10,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const retry = withRetry({
    maxAttempts: opts.maxAttempts ?? 3,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.baseDelayMs !== undefined ? { baseDelayMs: opts.baseDelayMs } : {}),
    ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
  });
  const oauth = { oauthUrl, fetch: fetchFn, timeoutMs };

  return {
    consentUrl: (p) => consentUrl(oauthUrl, p),
    pkcePair,
    exchangeCode: (p) =>
      requestToken(oauth, p.appSecret, {
        code: p.code,
        app_id: p.appId,
        grant_type: "authorization_code",
        code_verifier: p.codeVerifier,
      }),
    refreshToken: (p) =>
      requestToken(oauth, p.appSecret, {
        refresh_token: p.refreshToken,
        app_id: p.appId,
        grant_type: "refresh_token",
      }),
    forOa: (getToken, key = "oa") =>
      oaApi(pipeline(execCall, retry, withToken(getToken), withRateLimit(limiter)), key, http),
  };
}

// ---------------------------------------------------------------------------------------------

type Http = { apiUrl: string; fetch: FetchLike; timeoutMs: number; uploadTimeoutMs: number };

type OaRequest =
  | { method: "GET"; path: string; data?: Record<string, unknown>; query?: Record<string, string | number> }
  | { method: "POST"; path: string; json: Record<string, unknown> }
  | { method: "POST"; path: string; upload: UploadInput };

function oaApi(call: Call, key: string, http: Http): OaApi {
  const run = (req: OaRequest): Promise<unknown> => {
    const endpoint = `${req.method} ${req.path}`;
    return call({ api: "oa", endpoint, key, exec: (token) => exchangeOa(http, endpoint, req, token) });
  };
  const groupPost = async (path: string, groupId: string, userIds: string[]): Promise<void> => {
    await run({
      method: "POST",
      path: `/v3.0/oa/group/${path}`,
      json: { group_id: id(groupId, "groupId"), member_user_ids: ids(userIds) },
    });
  };
  const groupSend = async (
    groupId: string,
    message: Record<string, unknown>,
  ): Promise<{ messageId: string }> => {
    const data = asRecord(
      await run({
        method: "POST",
        path: "/v3.0/oa/group/message",
        json: { recipient: { group_id: id(groupId, "groupId") }, message },
      }),
    );
    return { messageId: toStr(data.message_id ?? data.msg_id) ?? "" };
  };
  const page = (offset: number, count: number) => ({
    offset: nonNegInt(offset, "offset"),
    count: posInt(count),
  });

  return {
    getOa: async () => normaliseOaInfo(await run({ method: "GET", path: "/v2.0/oa/getoa" })),
    messageQuota: async (userId) =>
      normaliseMessageQuota(
        await run({
          method: "POST",
          path: "/v3.0/oa/quota/message",
          json: { user_id: id(userId, "userId") },
        }),
      ),
    userDetail: async (userId) =>
      normaliseUserDetail(
        await run({ method: "GET", path: "/v3.0/oa/user/detail", data: { user_id: id(userId, "userId") } }),
      ),
    userList: async (p) => {
      const data: Record<string, unknown> = { ...page(p.offset, p.count) };
      if (p.tagName !== undefined) {
        data.tag_name = p.tagName;
      }
      if (p.lastInteractionPeriod !== undefined) {
        data.last_interaction_period = p.lastInteractionPeriod;
      }
      if (p.isFollower !== undefined) {
        data.is_follower = String(p.isFollower);
      }
      return normaliseUserPage(await run({ method: "GET", path: "/v3.0/oa/user/getlist", data }));
    },
    sendCsText: async (p) => {
      const message: Record<string, unknown> = { text: text(p.text) };
      if (p.quoteMessageId !== undefined) {
        message.quote_message_id = id(p.quoteMessageId, "quoteMessageId");
      }
      return normaliseCsSend(
        await run({
          method: "POST",
          path: "/v3.0/oa/message/cs",
          json: { recipient: { user_id: id(p.userId, "userId") }, message },
        }),
      );
    },
    sendCsImage: async (p) => {
      const message: Record<string, unknown> = { attachment: mediaAttachment(p) };
      if (p.text !== undefined && p.text !== "") {
        message.text = text(p.text);
      }
      return normaliseCsSend(
        await run({
          method: "POST",
          path: "/v3.0/oa/message/cs",
          json: { recipient: { user_id: id(p.userId, "userId") }, message },
        }),
      );
    },
    uploadImage: async (p) =>
      uploaded(await run({ method: "POST", path: "/v2.0/oa/upload/image", upload: p }), "attachment_id"),
    uploadFile: async (p) =>
      uploaded(await run({ method: "POST", path: "/v2.0/oa/upload/file", upload: p }), "token"),
    groupQuota: async (p = {}) => {
      const json: Record<string, unknown> = { quota_owner: p.quotaOwner ?? "OA" };
      if (p.productType !== undefined) {
        json.product_type = p.productType;
      }
      if (p.quotaType !== undefined) {
        json.quota_type = p.quotaType;
      }
      return normaliseAssets(await run({ method: "POST", path: "/v3.0/oa/quota/group", json }));
    },
    createGroup: async (p) => {
      const members = ids(p.memberUserIds);
      if (members.length > MAX_CREATE_MEMBERS) {
        throw new RangeError(`createGroup: at most ${MAX_CREATE_MEMBERS} initial members`);
      }
      const json: Record<string, unknown> = {
        group_name: nonEmpty(p.name, "name"),
        asset_id: id(p.assetId, "assetId"),
        member_user_ids: members,
      };
      if (p.description !== undefined) {
        json.group_description = p.description;
      }
      return normaliseGroup(await run({ method: "POST", path: "/v3.0/oa/group/creategroupwithoa", json }));
    },
    getGroup: async (groupId) =>
      normaliseGroup(
        await run({
          method: "GET",
          path: "/v3.0/oa/group/getgroup",
          query: { group_id: id(groupId, "groupId") },
        }),
      ),
    updateGroupInfo: async (groupId, p) => {
      const json: Record<string, unknown> = { group_id: id(groupId, "groupId") };
      const fields: [keyof GroupInfoUpdate, string][] = [
        ["name", "group_name"],
        ["avatar", "group_avatar"],
        ["description", "group_description"],
        ["lockSendMsg", "lock_send_msg"],
        ["joinAppr", "join_appr"],
        ["enableMsgHistory", "enable_msg_history"],
        ["enableLinkJoin", "enable_link_join"],
      ];
      for (const [from, to] of fields) {
        if (p[from] !== undefined) {
          json[to] = p[from];
        }
      }
      const data = await run({ method: "POST", path: "/v3.0/oa/group/updateinfo", json });
      return isRecord(data) && (isRecord(data.group_info) || data.group_id !== undefined)
        ? normaliseGroup(data)
        : null;
    },
    updateAsset: async (groupId, assetId) => {
      await run({
        method: "POST",
        path: "/v3.0/oa/group/updateasset",
        json: { group_id: id(groupId, "groupId"), asset_id: id(assetId, "assetId") },
      });
    },
    invite: async (groupId, userIds) => groupPost("invite", groupId, userIds),
    listPendingInvites: async (groupId, offset, count) =>
      normalisePendingPage(
        await run({
          method: "GET",
          path: "/v3.0/oa/group/listpendinginvite",
          query: { group_id: id(groupId, "groupId"), ...page(offset, count) },
        }),
        offset,
        count,
      ),
    acceptPendingInvites: async (groupId, userIds) => groupPost("acceptpendinginvite", groupId, userIds),
    rejectPendingInvites: async (groupId, userIds) => groupPost("rejectpendinginvite", groupId, userIds),
    listMembers: async (groupId, offset, count) =>
      normaliseMemberPage(
        await run({
          method: "GET",
          path: "/v3.0/oa/group/listmember",
          query: { group_id: id(groupId, "groupId"), ...page(offset, count) },
        }),
        offset,
        count,
      ),
    addAdmins: async (groupId, userIds) => groupPost("addadmins", groupId, userIds),
    removeAdmins: async (groupId, userIds) => groupPost("removeadmins", groupId, userIds),
    removeMembers: async (groupId, userIds) => groupPost("removemembers", groupId, userIds),
    getGroupsOfOa: async (offset, count) =>
      normaliseGroupPage(
        await run({ method: "GET", path: "/v3.0/oa/group/getgroupsofoa", query: page(offset, count) }),
      ),
    groupConversation: async (groupId, offset, count) =>
      normaliseGroupMessages(
        await run({
          method: "GET",
          path: "/v3.0/oa/group/conversation",
          query: { group_id: id(groupId, "groupId"), ...page(offset, count) },
        }),
      ),
    sendGroupText: async (groupId, t) => groupSend(groupId, { text: text(t) }),
    sendGroupImage: async (groupId, p) => {
      const message: Record<string, unknown> = { attachment: mediaAttachment(p) };
      if (p.caption !== undefined && p.caption !== "") {
        message.text = text(p.caption);
      }
      return groupSend(groupId, message);
    },
    sendGroupFile: async (groupId, token) =>
      groupSend(groupId, { attachment: { type: "file", payload: { token: nonEmpty(token, "token") } } }),
  };
}

async function exchangeOa(
  http: Http,
  endpoint: string,
  req: OaRequest,
  token: string | undefined,
): Promise<unknown> {
  if (!token) {
    // The token source returned nothing: a caller bug, not a Zalo answer.
    throw new Error("Zalo OA call without an access token");
  }
  const url = new URL(http.apiUrl + req.path);
  const headers: Record<string, string> = { access_token: token };
  let body: string | FormData | undefined;
  let timeoutMs = http.timeoutMs;
  if (req.method === "GET") {
    if (req.data !== undefined) {
      url.searchParams.set("data", JSON.stringify(req.data));
    }
    for (const [k, v] of Object.entries(req.query ?? {})) {
      url.searchParams.set(k, String(v));
    }
  } else if ("upload" in req) {
    // Rebuilt per attempt: a FormData body is consumed by the first fetch.
    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(req.upload.bytes)], { type: req.upload.contentType }),
      req.upload.filename,
    );
    body = form;
    timeoutMs = http.uploadTimeoutMs;
  } else {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.json);
  }
  const { status, body: json } = await exchangeJson({
    api: "oa",
    endpoint,
    url: url.toString(),
    init: { method: req.method, headers, ...(body === undefined ? {} : { body }) },
    timeoutMs,
    fetch: http.fetch,
  });
  return unwrapOaEnvelope(json, status, endpoint, token);
}

/** `{ data, error, message }`: error 0 → data; anything else → ZaloApiError, even on HTTP 200. */
export function unwrapOaEnvelope(body: unknown, status: number, endpoint: string, token: string): unknown {
  const b = asRecord(body);
  const code = toNum(b.error);
  if (code !== null && code !== 0) {
    throw new ZaloApiError({
      api: "oa",
      code,
      endpoint,
      zaloMessage: toStr(b.message) ?? "",
      secrets: [token],
    });
  }
  if (status >= 400 || !isRecord(body) || (code === null && !("data" in b))) {
    throw new ZaloNetworkError({
      api: "oa",
      endpoint,
      reason: status >= 400 ? "http_status" : "invalid_body",
      status,
      detail: `HTTP ${status} without a Zalo envelope`,
    });
  }
  return b.data;
}

function uploaded(data: unknown, field: "attachment_id" | "token"): string {
  const value = toStr(asRecord(data)[field]);
  if (!value) {
    throw new ZaloNetworkError({
      api: "oa",
      endpoint: "POST /v2.0/oa/upload",
      reason: "invalid_body",
      detail: `upload answer without ${field}`,
    });
  }
  return value;
}

function mediaAttachment(p: MediaRef): Record<string, unknown> {
  if ((p.attachmentId === undefined) === (p.url === undefined)) {
    throw new TypeError("Zalo image: give exactly one of attachmentId or url");
  }
  const element =
    p.attachmentId !== undefined
      ? { media_type: "image", attachment_id: id(p.attachmentId, "attachmentId") }
      : { media_type: "image", url: nonEmpty(p.url ?? "", "url") };
  return { type: "template", payload: { template_type: "media", elements: [element] } };
}

// Caller mistakes throw plain errors before any request is made.

function text(value: string): string {
  if (value.trim() === "" || value.length > ZALO_TEXT_LIMIT) {
    throw new RangeError(`Zalo text must be 1–${ZALO_TEXT_LIMIT} characters (split with splitForZalo)`);
  }
  return value;
}

function nonEmpty(value: string, what: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`Zalo ${what} must be a non-empty string`);
  }
  return value;
}

function id(value: string, what: string): string {
  if (typeof value !== "string" || !/^[A-Za-z0-9_.:-]{1,128}$/.test(value)) {
    throw new TypeError(`Zalo ${what} must be an id string`);
  }
  return value;
}

function ids(values: string[]): string[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new TypeError("Zalo member_user_ids must be a non-empty list");
  }
  return values.map((v) => id(v, "userId"));
}

function nonNegInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`Zalo ${what} must be a non-negative integer`);
  }
  return value;
}

function posInt(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError("Zalo count must be a positive integer");
  }
  return value;
}
