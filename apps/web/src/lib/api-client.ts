/**
 * The one place that talks HTTP to /api. It sends the session cookie (same-origin), adds the
 * CSRF header on state-changing requests, and turns every failure into an ApiError that carries
 * the server's `{ error: { code, message, requestId, details } }`.
 */

/** Server error codes plus NETWORK, for when no answer arrived at all. */
export type ApiErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "TOTP_REQUIRED"
  | "VALIDATION_FAILED"
  | "CONFLICT"
  | "INVALID_TRANSITION"
  | "CONTENT_BLOCKED"
  | "RATE_LIMITED"
  | "CHANNEL_UNAVAILABLE"
  | "PROOF_OF_WORK_REQUIRED"
  | "INTERNAL"
  | "NETWORK";

const KNOWN_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "TOTP_REQUIRED",
  "VALIDATION_FAILED",
  "CONFLICT",
  "INVALID_TRANSITION",
  "CONTENT_BLOCKED",
  "RATE_LIMITED",
  "CHANNEL_UNAVAILABLE",
  "PROOF_OF_WORK_REQUIRED",
  "INTERNAL",
  "NETWORK",
]);

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The server's message (Vietnamese); empty when the server sent none. */
  readonly serverMessage: string;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    serverMessage: string;
    requestId: string | null;
    details?: unknown;
  }) {
    super(init.serverMessage || init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.serverMessage = init.serverMessage;
    this.requestId = init.requestId;
    this.details = init.details;
  }

  /** Validation problems as `{ path, message }`, when the server listed them. */
  get fieldIssues(): FieldIssue[] {
    if (!Array.isArray(this.details)) {
      return [];
    }
    const issues: FieldIssue[] = [];
    for (const item of this.details) {
      if (item && typeof item === "object" && "message" in item) {
        const path = "path" in item ? item.path : "";
        const raw = Array.isArray(path) ? path.join(".") : String(path ?? "");
        // Schema errors name the request part ("body.phone"); service errors name the field ("phone").
        issues.push({ path: raw.replace(/^(body|query|params)\.?/, ""), message: String(item.message) });
      }
    }
    return issues;
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();
const forbiddenListeners = new Set<() => void>();

/** Set from the login response or from GET /api/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 UNAUTHENTICATED (the session ended on the server). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * Called on 403 FORBIDDEN. The commune may have just required two-factor sign-in, which makes the
 * server refuse everything but the account routes: the session then reloads GET /api/me.
 */
export function onForbidden(listener: () => void): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

function statusToCode(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return "VALIDATION_FAILED";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "FORBIDDEN";
    case 404:
      return "NOT_FOUND";
    case 409:
      return "CONFLICT";
    case 428:
      return "PROOF_OF_WORK_REQUIRED";
    case 429:
      return "RATE_LIMITED";
    default:
      return "INTERNAL";
  }
}

function errorFrom(status: number, body: unknown, headerRequestId: string | null): ApiError {
  const error =
    body && typeof body === "object" && "error" in body && body.error && typeof body.error === "object"
      ? (body.error as Record<string, unknown>)
      : null;
  const rawCode = typeof error?.code === "string" ? error.code : "";
  return new ApiError({
    status,
    code:
      status === 0 ? "NETWORK" : KNOWN_CODES.has(rawCode) ? (rawCode as ApiErrorCode) : statusToCode(status),
    serverMessage: typeof error?.message === "string" ? error.message : "",
    requestId: typeof error?.requestId === "string" ? error.requestId : headerRequestId,
    details: error?.details,
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return errorFrom(response.status, body, response.headers.get("x-request-id"));
}

/** The same ApiError from a raw answer (XMLHttpRequest uploads); status 0 means no answer arrived. */
export function toApiErrorFromText(status: number, text: string, requestId: string | null): ApiError {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return errorFrom(status, body, requestId);
}

/** The CSRF token for requests made outside `api` (uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The ApiError of a failed answer, after telling the session about a 401 or a 403. */
async function failure(response: Response, options: { quietUnauthenticated?: boolean }): Promise<ApiError> {
  const error = await toApiError(response);
  if (error.code === "UNAUTHENTICATED" && !options.quietUnauthenticated) {
    for (const listener of unauthenticatedListeners) {
      listener();
    }
  }
  if (error.code === "FORBIDDEN") {
    for (const listener of forbiddenListeners) {
      listener();
    }
  }
  return error;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not report a 401 to the session (used by the sign-in and session probes). */
  quietUnauthenticated?: boolean;
  /** Sent as Idempotency-Key: the server answers a repeat with the first result. */
  idempotencyKey?: string;
  /** Sees the answer's headers (the service worker marks an answer served from its cache). */
  onHeaders?: (headers: Headers) => void;
  /** Sent as X-Proof-Of-Work ("<challenge>:<nonce>") after a 428 PROOF_OF_WORK_REQUIRED. */
  proofOfWork?: string;
}

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}) {
  const headers: Record<string, string> = { accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary itself
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET" && csrfToken) {
    headers["x-csrf-token"] = csrfToken;
  }
  if (options.idempotencyKey) {
    headers["idempotency-key"] = options.idempotencyKey;
  }
  if (options.proofOfWork) {
    headers["x-proof-of-work"] = options.proofOfWork;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: payload ?? null,
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") {
      throw cause;
    }
    throw new ApiError({ status: 0, code: "NETWORK", serverMessage: "", requestId: null });
  }
  if (!response.ok) {
    throw await failure(response, options);
  }
  options.onHeaders?.(response.headers);
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>("POST", path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>("PATCH", path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, undefined, options),
  /** DELETE that names what to delete in a JSON body (a push subscription by its endpoint). */
  deleteWithBody: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>("DELETE", path, body, options),
};

/** Builds a query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Bytes received so far, and the total when the server announced it (null otherwise). */
  onProgress?: (received: number, total: number | null) => void;
}

/** The file name of a Content-Disposition header ("attachment; filename="a.docx""), if any. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) {
    return null;
  }
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // A malformed encoding: fall back to the plain name below.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/**
 * A file generated by the server (a document, a spreadsheet, an archive), read in chunks so the
 * caller can show how much has arrived. Failures are the same ApiErrors as `api`'s.
 */
export async function downloadFile(
  path: string,
  options: DownloadOptions = {},
): Promise<{ blob: Blob; fileName: string | null }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: "GET",
      credentials: "same-origin",
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") {
      throw cause;
    }
    throw new ApiError({ status: 0, code: "NETWORK", serverMessage: "", requestId: null });
  }
  if (!response.ok) {
    throw await failure(response, {});
  }
  const type = response.headers.get("content-type") ?? "application/octet-stream";
  const fileName = fileNameOf(response.headers.get("content-disposition"));
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) {
    const blob = await response.blob();
    options.onProgress?.(blob.size, total);
    return { blob, fileName };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    received += value.byteLength;
    options.onProgress?.(received, total);
  }
  return { blob: new Blob(chunks, { type }), fileName };
}
