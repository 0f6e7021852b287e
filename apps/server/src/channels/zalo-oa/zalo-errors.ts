/**
 * The two ways a Zalo call fails (STYLE §7, after grammY `GrammyError` / `HttpError`):
 * - `ZaloApiError`: Zalo answered, and the answer is an error — including HTTP 200 bodies with
 *   `error != 0` (OA) or `ok: false` (Bot), which is how Zalo reports nearly every failure.
 * - `ZaloNetworkError`: no usable answer — connection failure, timeout, HTTP 5xx, a body that is
 *   not JSON. Always worth retrying.
 *
 * Security assumption: the Bot token travels in the URL path and OA tokens in headers. Neither
 * error class ever stores a URL; `endpoint` is a label such as "POST /v3.0/oa/message/cs" or
 * "sendMessage", and any text echoed from Zalo passes through `redactSecrets` first.
 */

export type ZaloApiName = "oa" | "oauth" | "bot";

/**
 * What the caller should do:
 * - refresh: the access token is invalid/expired; refresh it and retry once.
 * - human: configuration, permission, billing or consent problem; alert an administrator.
 * - retry: transient (rate limit, quota window, Zalo-side failure); retry with backoff.
 * - permanent: this request will never succeed as sent; give up on it.
 */
export type ZaloErrorKind = "refresh" | "human" | "retry" | "permanent";

export class ZaloApiError extends Error {
  override readonly name = "ZaloApiError";
  readonly api: ZaloApiName;
  readonly code: number;
  readonly kind: ZaloErrorKind;
  readonly endpoint: string;
  /** Zalo's own (English or Vietnamese) text, with secrets redacted. For logs, not for officers. */
  readonly zaloMessage: string;

  constructor(opts: {
    api: ZaloApiName;
    code: number;
    endpoint: string;
    zaloMessage?: string;
    kind?: ZaloErrorKind;
    /** Values to cut out of `zaloMessage` (the token used for the call, app secret …). */
    secrets?: readonly string[];
  }) {
    const zaloMessage = redactSecrets(opts.zaloMessage ?? "", opts.secrets ?? []).slice(0, 300);
    super(
      `Zalo ${opts.api} API error ${opts.code} at ${opts.endpoint}${zaloMessage ? `: ${zaloMessage}` : ""}`,
    );
    this.api = opts.api;
    this.code = opts.code;
    this.endpoint = opts.endpoint;
    this.zaloMessage = zaloMessage;
    this.kind = opts.kind ?? classifyZaloError(opts.code, opts.api);
  }

  /** The Vietnamese sentence to show an officer. */
  get userMessage(): string {
    return zaloErrorMessage(this.code, this.api);
  }
}

export type ZaloNetworkReason = "network" | "timeout" | "http_status" | "invalid_body";

export class ZaloNetworkError extends Error {
  override readonly name = "ZaloNetworkError";
  readonly api: ZaloApiName;
  readonly endpoint: string;
  readonly reason: ZaloNetworkReason;
  /** HTTP status when the server answered (5xx, or a non-JSON body). */
  readonly status: number | undefined;
  readonly kind = "retry" as const;

  constructor(opts: {
    api: ZaloApiName;
    endpoint: string;
    reason: ZaloNetworkReason;
    status?: number;
    detail?: string;
  }) {
    const detail = opts.detail ? ` (${redactSecrets(opts.detail, [])})` : "";
    super(`Zalo ${opts.api} ${opts.reason.replace("_", " ")} at ${opts.endpoint}${detail}`);
    this.api = opts.api;
    this.endpoint = opts.endpoint;
    this.reason = opts.reason;
    this.status = opts.status;
  }

  get userMessage(): string {
    return NETWORK_MESSAGE;
  }
}

/** True for errors the transport retries with backoff. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ZaloNetworkError || (err instanceof ZaloApiError && err.kind === "retry");
}

// ---------------------------------------------------------------------------------------------
// Classification

/**
 * OA OpenAPI codes (reference/zalo.md §2.7 and §7). Codes not listed are "permanent": an unknown
 * failure is safer to surface than to hammer; the outbox may still reschedule the whole delivery.
 */
const OA_KINDS: Readonly<Record<number, ZaloErrorKind>> = {
  // Token: refresh and retry once.
  [-216]: "refresh", // access token invalid
  [-220]: "refresh", // access token expired
  // Needs a person: app/OA configuration, permissions, package, billing.
  [-204]: "human", // OA disabled
  [-205]: "human", // OA does not exist
  [-209]: "human", // app not activated
  [-212]: "human", // API not registered for the app
  [-219]: "human", // app removed / disabled
  [-221]: "human", // OA must be verified
  [-223]: "human", // OA has not authorised this API
  [-224]: "human", // OA package/tier too low
  [-235]: "human", // API not available for this OA type
  [-237]: "human", // group disabled: GMF asset expired (renew with updateasset)
  [-242]: "human", // bad appsecret_proof: app secret misconfigured
  [-320]: "human", // no Zalo Cloud Account linked
  [-321]: "human", // Zalo Cloud Account out of money
  // Transient: back off and retry.
  [-32]: "retry", // app/OA API call rate limit
  [-200]: "retry", // send failed (Zalo-side)
  [-211]: "retry", // out of quota (window based)
  // Permanent for this request.
  [-100]: "permanent", // attachment expired (re-upload, then a new request)
  [-201]: "permanent", // invalid parameter
  [-210]: "permanent", // parameter over limit
  [-213]: "permanent", // user is not a follower
  [-217]: "permanent", // user blocked invitations
  [-218]: "permanent", // per-recipient limit reached (resets on the user's next interaction, not in seconds)
  [-227]: "permanent", // user banned / inactive for 45 days
  [-230]: "permanent", // no interaction in the last 7 days
  [-232]: "permanent", // user never interacted
  [-233]: "permanent", // message type not supported
  [-234]: "permanent", // no promotional sends at night (reschedule, not retry)
  [-238]: "permanent", // asset already used
  [-240]: "permanent", // message v2 API shut down
  [-241]: "permanent", // asset disabled
  [-244]: "permanent", // user restricted this message type
  [-248]: "permanent", // violates platform standards
  [-403]: "permanent", // OA is not in (does not own) the group
};

export function classifyOaError(code: number): ZaloErrorKind {
  return OA_KINDS[code] ?? "permanent";
}

/**
 * OAuth v4 (`/v4/oa/access_token`): every error the token endpoint returns (invalid or reused
 * refresh token, expired/used code, wrong secret, redirect URI, app not active) needs re-consent
 * or a configuration fix, so all are "human". Transport failures are `ZaloNetworkError` (retry).
 */
export function classifyOauthError(_code: number): ZaloErrorKind {
  return "human";
}

/**
 * Bot API `error_code` (reference §1.1): 401 bad token → human; 429 quota, 408 timeout and 403
 * (documented as "server error", sic) → retry; 400/404 → permanent. Other 5xx → retry; anything
 * else → permanent.
 */
export function classifyBotError(code: number): ZaloErrorKind {
  if (code === 401) {
    return "human";
  }
  if (code === 403 || code === 408 || code === 429 || (code >= 500 && code < 600)) {
    return "retry";
  }
  return "permanent";
}

export function classifyZaloError(code: number, api: ZaloApiName): ZaloErrorKind {
  switch (api) {
    case "oa":
      return classifyOaError(code);
    case "oauth":
      return classifyOauthError(code);
    case "bot":
      return classifyBotError(code);
  }
}

// ---------------------------------------------------------------------------------------------
// Vietnamese messages for officers

const TOKEN_MESSAGE =
  "Phiên kết nối với Zalo OA đã hết hạn hoặc không hợp lệ. Hệ thống đang tự gia hạn; nếu lỗi lặp lại, quản trị viên cần kết nối lại OA.";
const NETWORK_MESSAGE = "Không kết nối được tới Zalo. Hệ thống sẽ tự thử lại sau ít phút.";

const OA_MESSAGES: Readonly<Record<number, string>> = {
  [-216]: TOKEN_MESSAGE,
  [-220]: TOKEN_MESSAGE,
  [-204]: "Official Account trên Zalo đang bị vô hiệu hoá. Quản trị viên cần liên hệ Zalo để mở lại OA.",
  [-205]: "Không tìm thấy Official Account trên Zalo. Quản trị viên cần kiểm tra lại cấu hình OA.",
  [-209]:
    "Ứng dụng Zalo của đơn vị chưa được kích hoạt. Quản trị viên cần kích hoạt ứng dụng trên trang Zalo for Developers.",
  [-212]:
    "Ứng dụng Zalo chưa đăng ký sử dụng chức năng này. Quản trị viên cần đăng ký quyền tương ứng với Zalo.",
  [-219]: "Ứng dụng Zalo của đơn vị đã bị gỡ hoặc vô hiệu hoá. Quản trị viên cần kiểm tra lại ứng dụng.",
  [-221]: "Chức năng này chỉ dành cho OA đã xác thực. Đơn vị cần hoàn tất xác thực OA với Zalo.",
  [-223]:
    "OA chưa cấp quyền cho ứng dụng dùng chức năng này. Quản trị viên cần kết nối lại OA và đồng ý cấp quyền.",
  [-224]: "Gói dịch vụ của OA không hỗ trợ chức năng này. Đơn vị cần nâng cấp gói OA.",
  [-235]: "Loại OA của đơn vị không được dùng chức năng này của Zalo.",
  [-237]: "Gói nhóm GMF đã hết hạn: nhóm bị tắt trên Zalo. Hãy gia hạn gói.",
  [-242]: "Khoá bí mật của ứng dụng Zalo không khớp. Quản trị viên cần kiểm tra lại cấu hình.",
  [-320]: "OA chưa liên kết tài khoản Zalo Cloud để thanh toán. Quản trị viên cần liên kết tài khoản.",
  [-321]: "Tài khoản Zalo Cloud của đơn vị đã hết tiền. Hãy nạp thêm để tiếp tục gửi tin.",
  [-32]: "Đã gửi quá nhiều yêu cầu tới Zalo trong thời gian ngắn. Hệ thống sẽ tự gửi lại sau ít phút.",
  [-200]: "Zalo chưa gửi được tin nhắn. Hệ thống sẽ tự thử lại.",
  [-211]: "Đã dùng hết hạn mức gửi tin của Zalo. Hệ thống sẽ thử lại khi có hạn mức mới.",
  [-100]: "Tệp đính kèm đã hết hạn trên Zalo (quá 7 ngày). Hãy tải tệp lên lại.",
  [-201]: "Zalo từ chối yêu cầu vì dữ liệu gửi lên không hợp lệ.",
  [-210]: "Nội dung vượt quá giới hạn Zalo cho phép (ví dụ tin nhắn quá dài hoặc quá nhiều người nhận).",
  [-213]: "Người dân chưa quan tâm (theo dõi) OA nên Zalo không cho gửi tin này.",
  [-217]: "Người dân đã chặn lời mời từ OA trên Zalo.",
  [-218]: "Đã gửi đủ số tin Zalo cho phép tới người này. Cần chờ người dân nhắn lại cho OA.",
  [-227]: "Tài khoản Zalo của người nhận đã bị khoá hoặc lâu ngày không hoạt động.",
  [-230]: "Người dân không tương tác với OA trong 7 ngày qua nên Zalo không cho gửi tin tư vấn.",
  [-232]: "Người dân chưa từng tương tác với OA nên Zalo không cho gửi tin.",
  [-233]: "Zalo không hỗ trợ loại tin nhắn này.",
  [-234]: "Zalo không cho gửi tin quảng bá trong khung giờ 22:00–06:00.",
  [-238]: "Gói nhóm GMF này đã được dùng cho một nhóm khác. Hãy chọn gói còn trống.",
  [-240]: "Chức năng gửi tin cũ của Zalo đã ngừng hoạt động.",
  [-241]: "Gói nhóm GMF này đã bị vô hiệu hoá. Hãy chọn gói khác.",
  [-244]: "Người dân đã tắt nhận loại tin nhắn này từ OA.",
  [-248]: "Zalo từ chối nội dung vì vi phạm tiêu chuẩn nền tảng.",
  [-403]: "OA không phải trưởng nhóm của nhóm Zalo này nên không thực hiện được thao tác.",
};

const OAUTH_MESSAGE =
  "Không lấy được quyền truy cập Zalo OA (mã kết nối hoặc mã gia hạn không còn hiệu lực). Quản trị viên cần kết nối lại OA.";

const BOT_MESSAGES: Readonly<Record<number, string>> = {
  400: "Zalo Bot từ chối yêu cầu vì dữ liệu không hợp lệ.",
  401: "Mã truy cập của Zalo Bot không hợp lệ hoặc đã bị đặt lại. Quản trị viên cần cập nhật mã bot.",
  403: "Máy chủ Zalo Bot đang gặp lỗi. Hệ thống sẽ tự thử lại.",
  404: "Zalo Bot không tìm thấy cuộc trò chuyện hoặc chức năng được yêu cầu.",
  408: "Zalo Bot không phản hồi kịp. Hệ thống sẽ tự thử lại.",
  429: "Zalo Bot đã vượt hạn mức gửi tin. Hệ thống sẽ tự gửi lại sau ít phút.",
};

/** A Vietnamese sentence for officers; never empty, never contains request data or secrets. */
export function zaloErrorMessage(code: number, api: ZaloApiName): string {
  const known = api === "oa" ? OA_MESSAGES[code] : api === "bot" ? BOT_MESSAGES[code] : OAUTH_MESSAGE;
  if (known) {
    return known;
  }
  const service = api === "bot" ? "Zalo Bot" : "Zalo OA";
  return `${service} báo lỗi (mã ${code}). Nếu lỗi lặp lại, hãy báo quản trị viên hệ thống.`;
}

/** Officer-facing text for any error thrown by a Zalo client (and a generic one otherwise). */
export function describeZaloError(err: unknown): string {
  if (err instanceof ZaloApiError || err instanceof ZaloNetworkError) {
    return err.userMessage;
  }
  return "Đã có lỗi khi làm việc với Zalo. Nếu lỗi lặp lại, hãy báo quản trị viên hệ thống.";
}

// ---------------------------------------------------------------------------------------------
// Redaction

/** `bot<id>:<secret>` in a Bot API URL, or a bare `<id>:<secret>` Bot token. */
const BOT_TOKEN = /(bot)?\d{3,}:[A-Za-z0-9_-]{6,}/g;
/** `access_token=…`, `"refresh_token": "…"`, `secret_key: …` in echoed text. */
const NAMED_SECRET =
  /\b(access_token|refresh_token|secret_key|secret_token|code_verifier|app_secret|oa_secret)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi;
/** `code=…` / `token=…` query parameters (an OAuth code or upload token in an echoed URL). */
const QUERY_SECRET = /([?&](?:code|token)=)[^\s&#"']+/gi;

/** Removes known secret values and anything shaped like a token from text bound for logs/errors. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join("[redacted]");
    }
  }
  return out
    .replace(BOT_TOKEN, (_m, bot: string | undefined) => `${bot ?? ""}[redacted]`)
    .replace(NAMED_SECRET, (_m, name: string, sep: string) => `${name}${sep}[redacted]`)
    .replace(QUERY_SECRET, (_m, name: string) => `${name}[redacted]`);
}
