import {
  ZChangePasswordRequest,
  ZLoginRequest,
  ZLoginResponse,
  ZMeResponse,
  ZOk,
  ZTotpCodeRequest,
  ZTotpSetupResponse,
  ZUpdateMeRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Deps } from "../../deps";
import { clearSessionCookie, requireActor, setSessionCookie } from "../../http/auth";
import { abilitiesOf } from "../org/org.policy";
import * as auth from "./auth.service";

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  const secure = deps.config.cookieSecure;
  const account = { openDuringTotpSetup: true };
  return async (app) => {
    app.post(
      "/api/auth/login",
      {
        config: { public: true, rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: "1 minute" } },
        schema: { tags: ["auth"], body: ZLoginRequest, response: { 200: ZLoginResponse } },
      },
      async (req, reply) => {
        const result = await auth.login(deps, req.body, {
          ip: req.ip,
          userAgent: req.headers["user-agent"],
          requestId: req.id,
        });
        setSessionCookie(reply, result.token, result.expiresAt, secure);
        return { csrfToken: result.csrfToken, totpSetupRequired: result.totpSetupRequired };
      },
    );

    app.post(
      "/api/auth/logout",
      { config: account, schema: { tags: ["auth"], response: { 200: ZOk } } },
      async (req, reply) => {
        await auth.logout(deps, requireActor(req), req.id);
        clearSessionCookie(reply, secure);
        return { ok: true as const };
      },
    );

    app.get(
      "/api/me",
      { config: account, schema: { tags: ["auth"], response: { 200: ZMeResponse } } },
      async (req) => {
        const a = requireActor(req);
        return {
          user: {
            id: a.userId,
            name: a.name,
            phone: a.phone,
            locale: a.locale,
            totpEnabled: a.totpEnabled,
            isOfficer: a.isOfficer,
          },
          roles: a.roles,
          abilities: abilitiesOf(a),
          totpSetupRequired: a.totpSetupRequired,
          csrfToken: a.csrfToken,
        };
      },
    );

    app.patch(
      "/api/me",
      { config: account, schema: { tags: ["auth"], body: ZUpdateMeRequest, response: { 200: ZOk } } },
      async (req) => {
        await auth.updateMe(deps, requireActor(req), req.body, req.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/me/password",
      {
        config: { ...account, rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: { tags: ["auth"], body: ZChangePasswordRequest, response: { 200: ZOk } },
      },
      async (req) => {
        await auth.changePassword(deps, requireActor(req), req.body, req.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/me/totp/setup",
      { config: account, schema: { tags: ["auth"], response: { 200: ZTotpSetupResponse } } },
      async (req) => auth.startTotpSetup(deps, requireActor(req), req.id),
    );

    app.post(
      "/api/me/totp/enable",
      {
        config: { ...account, rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: { tags: ["auth"], body: ZTotpCodeRequest, response: { 200: ZOk } },
      },
      async (req) => {
        await auth.enableTotp(deps, requireActor(req), req.body.code, req.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/me/totp/disable",
      {
        config: { ...account, rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: { tags: ["auth"], body: ZTotpCodeRequest, response: { 200: ZOk } },
      },
      async (req) => {
        await auth.disableTotp(deps, requireActor(req), req.body.code, req.id);
        return { ok: true as const };
      },
    );
  };
}
