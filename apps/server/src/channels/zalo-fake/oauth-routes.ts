import { OAuthError } from "./errors";
import { escapeHtml, header, type Route, readBody, redirect, sendHtml, sendJson } from "./http-util";
import { exchangeToken, grantConsent } from "./world-accounts";

/**
 * OAuth v4 (reference/zalo.md §2.2): the consent page auto-approves and redirects with a
 * single-use 10-minute code; the token endpoint issues rotating single-use refresh tokens.
 * Token errors are HTTP 200 `{ error, error_name, error_reason, ref_doc }`.
 */
const REF_DOC =
  "https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new";

export const oauthRoutes: Route = async (s, req, res, url) => {
  if (req.method === "GET" && url.pathname === "/v4/oa/permission") {
    const q = url.searchParams;
    try {
      const { code, oaId } = grantConsent(s.world.ctx, {
        appId: q.get("app_id"),
        redirectUri: q.get("redirect_uri"),
        codeChallenge: q.get("code_challenge"),
      });
      const target = new URL(q.get("redirect_uri") ?? "");
      target.searchParams.set("code", code);
      target.searchParams.set("oa_id", oaId);
      const state = q.get("state");
      if (state !== null) {
        target.searchParams.set("state", state);
      }
      redirect(res, 302, target.toString());
    } catch (err) {
      if (!(err instanceof OAuthError)) {
        throw err;
      }
      sendHtml(
        res,
        400,
        `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi cấp quyền Zalo</title>` +
          `<h1>Không thể cấp quyền cho ứng dụng</h1><p>Mã lỗi ${err.code}: ${escapeHtml(err.errorName)} — ${escapeHtml(err.message)}</p></html>`,
      );
    }
    return true;
  }
  if (req.method === "POST" && url.pathname === "/v4/oa/access_token") {
    const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString("utf8"));
    const injected = s.world.takeFailure("access_token");
    try {
      if (injected !== null) {
        throw new OAuthError(injected, "Injected failure", "failNext");
      }
      const pair = exchangeToken(s.world.ctx, form, header(req, "secret_key"));
      sendJson(res, 200, {
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        expires_in: String(pair.expiresIn),
      });
    } catch (err) {
      if (!(err instanceof OAuthError)) {
        throw err;
      }
      sendJson(res, 200, {
        error: err.code,
        error_name: err.errorName,
        error_reason: err.message,
        ref_doc: REF_DOC,
      });
    }
    return true;
  }
  return false;
};
