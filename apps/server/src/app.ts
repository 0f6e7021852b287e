import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "./core/errors";
import type { Deps } from "./deps";
import { registerAuth } from "./http/auth";
import { registerErrorHandler } from "./http/error-handler";
import { registerSecurityHeaders } from "./http/security-headers";
import { createAlertPushChannel } from "./modules/alerts/alert-push.channel";
import { alertsRoutes } from "./modules/alerts/alerts.routes";
import { registerAnnouncementChannels } from "./modules/announcements/announcement-channels";
import { announcementsRoutes } from "./modules/announcements/announcements.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { consultationRoutes } from "./modules/consultation/consultation.routes";
import { coverageRoutes } from "./modules/coverage/coverage.routes";
import { feedsRoutes } from "./modules/feeds/feeds.routes";
import { handoverRoutes } from "./modules/handover/handover.routes";
import { householdsRoutes } from "./modules/households/households.routes";
import { invitesRoutes } from "./modules/invites/invites.routes";
import { moderationRoutes } from "./modules/moderation/moderation.routes";
import { groupRoutes } from "./modules/org/group.routes";
import { orgRoutes } from "./modules/org/org.routes";
import { reportsRoutes } from "./modules/reports/reports.routes";
import { reviewRoutes } from "./modules/review/review.routes";
import { reviewDocumentsRoutes } from "./modules/review/review-documents.routes";
import { systemRoutes } from "./modules/system/system.routes";
import { zaloRoutes } from "./modules/zalo/zalo.routes";
import { registerZaloChannels } from "./modules/zalo/zalo-outbound.channel";

export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

export type BuildAppOptions = {
  logger?: FastifyServerOptions["logger"];
  /** Collects every registered route (the route × role × tenant matrix test uses it). */
  onRoute?: (route: { method: string; url: string }) => void;
};

export async function buildApp(deps: Deps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  // Validation messages in Vietnamese (the API's first language); codes and paths stay stable.
  z.config(z.locales.vi());
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => deps.ids.token(9),
    // Informant data may sit in bodies and queries: request logs carry method, route and status only.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 1000 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (opts.onRoute) {
    const hook = opts.onRoute;
    app.addHook("onRoute", (r) => {
      for (const m of Array.isArray(r.method) ? r.method : [r.method]) {
        if (m !== "HEAD") {
          hook({ method: m, url: r.url });
        }
      }
    });
  }
  app.addHook("onResponse", async (req, reply) => {
    req.log.info(
      {
        reqId: req.id,
        method: req.method,
        route: req.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request",
    );
  });

  registerErrorHandler(app);
  registerSecurityHeaders(app, { hsts: deps.config.cookieSecure });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        "RATE_LIMITED",
        undefined,
        { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
        { "retry-after": String(Math.ceil(ctx.ttl / 1000)) },
      ),
  });
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Bình Yên API",
        version: deps.version,
        description: "Zalo kết nối bình yên — API for commune police, hamlet groups and residents.",
      },
    },
    transform: jsonSchemaTransform,
  });
  registerAuth(app, deps);

  await app.register(systemRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(orgRoutes(deps));
  await app.register(groupRoutes(deps));
  await app.register(householdsRoutes(deps));
  await app.register(invitesRoutes(deps));
  await app.register(coverageRoutes(deps));
  await app.register(reportsRoutes(deps));
  await app.register(announcementsRoutes(deps));
  await app.register(feedsRoutes(deps));
  await app.register(moderationRoutes(deps));
  await app.register(handoverRoutes(deps));
  await app.register(consultationRoutes(deps));
  await app.register(reviewRoutes(deps));
  await app.register(reviewDocumentsRoutes(deps));
  registerAnnouncementChannels(deps);
  await app.register(alertsRoutes(deps));
  deps.channels.register(createAlertPushChannel(deps));
  await app.register(zaloRoutes(deps));
  registerZaloChannels(deps);

  await registerWebApp(app, deps.config.webDir ?? DEFAULT_WEB_DIR);
  return app;
}

const STATIC_FILE = /\.(js|mjs|css|map|png|jpe?g|gif|svg|webp|ico|webmanifest|json|txt|woff2?|ttf|pdf)$/i;

/** Serves the built PWA; unknown non-API paths get index.html so client routes survive a reload. */
async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexPath = join(webDir, "index.html");
  const hasWeb = existsSync(indexPath);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ["index.html"], serve: true });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split("?")[0] ?? "";
    // API paths, and missing static files (a stale /assets/x.js must be a 404, not index.html with a
    // MIME error). Only real asset extensions: client routes such as /join/<id>.<mac> contain dots.
    if (path.startsWith("/api/") || path === "/api" || req.method !== "GET" || STATIC_FILE.test(path)) {
      return reply
        .status(404)
        .send({ error: { code: "NOT_FOUND", message: "Không tìm thấy.", requestId: req.id } });
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send("Ứng dụng web chưa được build. Chạy: npm run build:web");
    }
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(await readFile(indexPath));
  });
}
