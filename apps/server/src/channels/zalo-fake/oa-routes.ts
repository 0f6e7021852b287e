import { OaError, ZaloApiError } from "./errors";
import { requireVerified } from "./gmf-common";
import { type Endpoint, gmfEndpoints } from "./gmf-routes";
import { BodyTooLarge, header, parseJsonObject, type Route, readBody, sendJson } from "./http-util";
import { type MultipartPart, multipartBoundary, parseMultipart } from "./multipart";
import type { Body } from "./params";
import { authenticate } from "./world-accounts";
import { conversation, getOa, quotaMessage, sendCs, upload, userDetail, userList } from "./world-oa";

/**
 * OA OpenAPI (reference/zalo.md §2.3–§2.5, §2.8): `/v2.0/oa/*` and `/v3.0/oa/*`, header
 * `access_token`, envelope `{ data?, error, message }`, always HTTP 200 (error 0 = success).
 */
const endpoints: Record<string, Endpoint> = {
  "v2.0/getoa": { method: "GET", input: "data", run: (ctx, oaId) => getOa(ctx, oaId) },
  "v3.0/quota/message": { method: "POST", input: "json", run: quotaMessage },
  "v3.0/user/getlist": { method: "GET", input: "data", run: userList },
  "v3.0/user/detail": { method: "GET", input: "data", run: userDetail },
  "v3.0/message/cs": { method: "POST", input: "json", run: sendCs },
  "v2.0/conversation": { method: "GET", input: "data", run: conversation },
  "v2.0/upload/image": {
    method: "POST",
    input: "multipart",
    run: (ctx, oaId, _b, f) => upload(ctx, oaId, "image", f),
  },
  "v2.0/upload/file": {
    method: "POST",
    input: "multipart",
    run: (ctx, oaId, _b, f) => upload(ctx, oaId, "file", f),
  },
  ...gmfEndpoints,
};

const MB = 1024 * 1024;
const invalid = (what: string) => new ZaloApiError(OaError.INVALID_PARAM, what);

export const oaRoutes: Route = async (s, req, res, url) => {
  const match = /^\/(v[23]\.0)\/oa\/([a-z0-9/]+)$/.exec(url.pathname);
  if (!match) {
    return false;
  }
  const [, version, op = ""] = match;
  const endpoint = endpoints[`${version}/${op}`];
  if (!endpoint || endpoint.method !== req.method) {
    sendJson(res, 404, { error: 404, message: `Unknown endpoint ${req.method} ${url.pathname}` });
    return true;
  }
  try {
    const { oaId } = authenticate(s.world.ctx, header(req, "access_token"));
    const injected = s.world.takeFailure(op);
    if (injected !== null) {
      throw new ZaloApiError(
        injected,
        injected === OaError.RATE_LIMIT ? "API call limit reached" : "Injected failure",
      );
    }
    if (endpoint.gmf) {
      requireVerified(s.world.ctx, oaId);
    }
    const { input, file } = await readInput(endpoint, req, url);
    const data = endpoint.run(s.world.ctx, oaId, input, file);
    sendJson(res, 200, { ...(data === undefined ? {} : { data }), error: 0, message: "Success" });
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      sendJson(res, 200, { error: OaError.OVER_LIMIT, message: "Request body too large" });
    } else if (err instanceof ZaloApiError) {
      sendJson(res, 200, { error: err.code, message: err.message });
    } else {
      throw err;
    }
  }
  return true;
};

async function readInput(
  endpoint: Endpoint,
  req: Parameters<Route>[1],
  url: URL,
): Promise<{ input: Body; file?: MultipartPart }> {
  switch (endpoint.input) {
    case "query":
      return { input: Object.fromEntries(url.searchParams) };
    case "data": {
      const raw = url.searchParams.get("data");
      const input = raw === null ? {} : parseJsonObject(Buffer.from(raw));
      if (!input) {
        throw invalid("data is not a JSON object");
      }
      return { input };
    }
    case "json": {
      const input = parseJsonObject(await readBody(req, MB));
      if (!input) {
        throw invalid("body is not a JSON object");
      }
      return { input };
    }
    case "multipart": {
      const boundary = multipartBoundary(req.headers["content-type"]);
      if (!boundary) {
        throw invalid("multipart/form-data body required");
      }
      const body = await readBody(req, 6 * MB);
      let parts: MultipartPart[];
      try {
        parts = parseMultipart(body, boundary);
      } catch {
        throw invalid("malformed multipart body");
      }
      return { input: {}, file: parts.find((p) => p.name === "file") };
    }
  }
}
