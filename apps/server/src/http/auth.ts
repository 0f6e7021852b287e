import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../core/authz";
import { AppError } from "../core/errors";
import type { Deps } from "../deps";
import { actorFromSession, tokensEqual } from "../modules/auth/auth.service";

export const SESSION_COOKIE = "by_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (health, login, anonymous report intake, webhooks). */
    public?: boolean;
    /** Still open to an officer who must first turn on TOTP (account routes). */
    openDuringTotpSetup?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Decorates request.actor from the session cookie; enforces sign-in, CSRF and required TOTP setup. */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest("actor", undefined);
  app.addHook("preHandler", async (req) => {
    // Only API routes; the web app's static route (and not-found paths under /api) pass untouched.
    if (!req.routeOptions.url?.startsWith("/api/")) {
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await actorFromSession(deps, token);
    }
    const cfg = req.routeOptions.config;
    if (cfg.public) {
      return;
    }
    const actor = req.actor;
    if (!actor) {
      throw new AppError("UNAUTHENTICATED");
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== "string" || !tokensEqual(header, actor.csrfToken)) {
        throw new AppError("FORBIDDEN", "Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang.");
      }
    }
    if (actor.totpSetupRequired && !cfg.openDuringTotpSetup) {
      throw new AppError(
        "FORBIDDEN",
        "Xã yêu cầu bật xác thực hai lớp. Vào trang Tài khoản để bật trước khi tiếp tục.",
      );
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) {
    throw new AppError("UNAUTHENTICATED");
  }
  return req.actor;
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
