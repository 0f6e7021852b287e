import { type ZaloApiName, ZaloNetworkError } from "./zalo-errors";
import { parseJsonKeepingIds } from "./zalo-json";

/**
 * One HTTP exchange with a Zalo host: fetch with a deadline, no redirects, body parsed with ids
 * kept exact. Everything that is not "Zalo answered with JSON" becomes a `ZaloNetworkError`; the
 * caller interprets the JSON envelope (OA `{data,error,message}`, Bot `{ok,result,…}`, OAuth).
 *
 * Security assumption: `url` may contain the Bot token; it is never put into an error. Errors
 * carry `endpoint`, a label chosen by the caller.
 */

export type FetchLike = typeof fetch;

export type HttpExchange = {
  api: ZaloApiName;
  endpoint: string;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  fetch: FetchLike;
};

export type HttpResult = { status: number; body: unknown };

export async function exchangeJson(x: HttpExchange): Promise<HttpResult> {
  let response: Response;
  try {
    response = await x.fetch(x.url, {
      ...x.init,
      redirect: "manual",
      signal: AbortSignal.timeout(x.timeoutMs),
    });
  } catch (err) {
    const timeout = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    throw new ZaloNetworkError({
      api: x.api,
      endpoint: x.endpoint,
      reason: timeout ? "timeout" : "network",
      detail: timeout ? `no answer within ${x.timeoutMs} ms` : networkCode(err),
    });
  }
  const status = response.status;
  if (status >= 500 || (status >= 300 && status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw new ZaloNetworkError({
      api: x.api,
      endpoint: x.endpoint,
      reason: "http_status",
      status,
      detail: `HTTP ${status}`,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    throw new ZaloNetworkError({
      api: x.api,
      endpoint: x.endpoint,
      reason: "network",
      detail: networkCode(err),
    });
  }
  try {
    return { status, body: parseJsonKeepingIds(text) };
  } catch {
    // The body itself is not quoted: it could be an HTML error page echoing the request URL.
    throw new ZaloNetworkError({
      api: x.api,
      endpoint: x.endpoint,
      reason: "invalid_body",
      status,
      detail: `HTTP ${status}, body is not JSON`,
    });
  }
}

function networkCode(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  const code =
    cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string"
      ? cause.code
      : undefined;
  return code ?? "connection failed";
}

/** Base URL without trailing slashes. */
export function trimBase(url: string): string {
  return url.replace(/\/+$/, "");
}
