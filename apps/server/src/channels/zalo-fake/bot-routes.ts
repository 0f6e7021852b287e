import { BotApiError } from "./errors";
import { parseJsonObject, type Route, readBody, sendJson } from "./http-util";

/**
 * Bot API (reference/zalo.md §1): `POST /bot<TOKEN>/<method>` with JSON (GET also accepted for
 * getMe, getUpdates, getWebhookInfo). Envelope `{ ok, result?, error_code?, description? }`,
 * always HTTP 200.
 */
const GET_OK = new Set(["getMe", "getUpdates", "getWebhookInfo"]);

export const botRoutes: Route = async (s, req, res, url) => {
  const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
  if (!match) {
    return false;
  }
  const token = decodeURIComponent(match[1] ?? "");
  const method = match[2] ?? "";
  try {
    if (req.method !== "POST" && !(req.method === "GET" && GET_OK.has(method))) {
      throw new BotApiError(400, "Bad Request: use POST");
    }
    const body =
      req.method === "GET"
        ? Object.fromEntries(url.searchParams)
        : parseJsonObject(await readBody(req, 1 << 20));
    if (!body) {
      throw new BotApiError(400, "Bad Request: body must be a JSON object");
    }
    s.world.bot.known(token);
    const injected = s.world.takeFailure(method);
    if (injected !== null) {
      throw new BotApiError(injected, injected === 429 ? "Too Many Requests" : "Injected failure");
    }
    if (method === "getUpdates") {
      const seconds = Number(body.timeout ?? 30);
      const waitMs = Math.min(
        Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000,
        s.longPollCapMs,
      );
      const poll = s.world.bot.poll(token, waitMs);
      res.on("close", () => poll.cancel());
      const update = await poll.result;
      if (update === null) {
        throw new BotApiError(408, "Request timeout");
      }
      sendJson(res, 200, { ok: true, result: update });
      return true;
    }
    sendJson(res, 200, { ok: true, result: s.world.bot.call(token, method, body) });
  } catch (err) {
    if (!(err instanceof BotApiError)) {
      throw err;
    }
    sendJson(res, 200, { ok: false, error_code: err.code, description: err.description });
  }
  return true;
};
