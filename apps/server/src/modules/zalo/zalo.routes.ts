import {
  ZId,
  ZZaloCaseChannel,
  ZZaloConnectBotRequest,
  ZZaloConnectOaRequest,
  ZZaloConnectOaResponse,
  ZZaloFollowers,
  ZZaloGroup,
  ZZaloInventory,
  ZZaloInviteRequest,
  ZZaloInviteResponse,
  ZZaloLinkCode,
  ZZaloLinkGroupRequest,
  ZZaloMyLink,
  ZZaloStatus,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  BOT_WEBHOOK_PATH,
  checkConnection,
  connectBot,
  connectOa,
  disconnectBot,
  disconnectOa,
  OA_WEBHOOK_PATH,
  OAUTH_CALLBACK_PATH,
  oauthCallback,
  zaloStatus,
} from "./zalo-connection.service";
import {
  getZaloGroup,
  inviteToZaloGroup,
  linkZaloGroup,
  syncZaloGroup,
  unlinkZaloGroup,
  zaloFollowers,
  zaloInventory,
} from "./zalo-groups.service";
import { myZaloLink, newLinkCode, unlinkMyZalo } from "./zalo-officers.service";
import { zaloCaseChannel } from "./zalo-private-reports.service";
import { receiveBotWebhook, receiveOaWebhook } from "./zalo-webhook.service";

const communeParams = z.object({ communeId: ZId });
const groupParams = z.object({ groupId: ZId });
const caseParams = z.object({ caseId: ZId });
const tags = ["zalo"];
/** Webhook bodies are small; Zalo's image events carry links, not bytes. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

/** The Zalo channel (issue #7; contracts in packages/contracts/src/zalo.ts). */
export function zaloRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/communes/:communeId/zalo",
      { schema: { tags, params: communeParams, response: { 200: ZZaloStatus } } },
      async (req) => zaloStatus(deps, requireActor(req), req.params.communeId),
    );
    app.post(
      "/api/communes/:communeId/zalo/oa",
      {
        schema: {
          tags,
          params: communeParams,
          body: ZZaloConnectOaRequest,
          response: { 200: ZZaloConnectOaResponse },
        },
      },
      async (req) => connectOa(deps, requireActor(req), req.params.communeId, req.body, req.id),
    );
    app.delete(
      "/api/communes/:communeId/zalo/oa",
      { schema: { tags, params: communeParams, response: { 200: ZZaloStatus } } },
      async (req) => disconnectOa(deps, requireActor(req), req.params.communeId, req.id),
    );
    app.post(
      "/api/communes/:communeId/zalo/check",
      { schema: { tags, params: communeParams, response: { 200: ZZaloStatus } } },
      async (req) => checkConnection(deps, requireActor(req), req.params.communeId),
    );
    app.post(
      "/api/communes/:communeId/zalo/bot",
      {
        schema: { tags, params: communeParams, body: ZZaloConnectBotRequest, response: { 200: ZZaloStatus } },
      },
      async (req) => connectBot(deps, requireActor(req), req.params.communeId, req.body, req.id),
    );
    app.delete(
      "/api/communes/:communeId/zalo/bot",
      { schema: { tags, params: communeParams, response: { 200: ZZaloStatus } } },
      async (req) => disconnectBot(deps, requireActor(req), req.params.communeId, req.id),
    );
    app.get(
      "/api/communes/:communeId/zalo/groups",
      { schema: { tags, params: communeParams, response: { 200: ZZaloInventory } } },
      async (req) => zaloInventory(deps, requireActor(req), req.params.communeId),
    );
    app.get(
      "/api/communes/:communeId/zalo/followers",
      {
        schema: {
          tags,
          params: communeParams,
          querystring: z.object({ offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
          response: { 200: ZZaloFollowers },
        },
      },
      async (req) => zaloFollowers(deps, requireActor(req), req.params.communeId, req.query.offset),
    );

    // Zalo sends the OA admin's browser back here (cross-site: no session cookie; the state proves it).
    app.get(
      OAUTH_CALLBACK_PATH,
      {
        config: { public: true, rateLimit: { max: deps.config.publicRatePerMinute, timeWindow: "1 minute" } },
        schema: {
          tags,
          querystring: z.object({
            code: z.string().max(2000).optional(),
            oa_id: z.string().max(40).optional(),
            state: z.string().max(200).optional(),
            error: z.string().max(200).optional(),
          }),
        },
      },
      async (req, reply) => {
        const r = await oauthCallback(deps, req.query);
        const to = r.communeId
          ? `/communes/${r.communeId}/zalo?oa=${r.ok ? "connected" : `failed&reason=${encodeURIComponent(r.reason ?? "")}`}`
          : "/?zalo=failed";
        return reply.redirect(to, 303);
      },
    );

    app.get(
      "/api/groups/:groupId/zalo",
      { schema: { tags, params: groupParams, response: { 200: ZZaloGroup } } },
      async (req) => getZaloGroup(deps, requireActor(req), req.params.groupId),
    );
    app.post(
      "/api/groups/:groupId/zalo",
      { schema: { tags, params: groupParams, body: ZZaloLinkGroupRequest, response: { 200: ZZaloGroup } } },
      async (req) => linkZaloGroup(deps, requireActor(req), req.params.groupId, req.body, req.id),
    );
    app.delete("/api/groups/:groupId/zalo", { schema: { tags, params: groupParams } }, async (req, reply) => {
      await unlinkZaloGroup(deps, requireActor(req), req.params.groupId, req.id);
      return reply.status(204).send();
    });
    app.post(
      "/api/groups/:groupId/zalo/sync",
      { schema: { tags, params: groupParams, response: { 200: ZZaloGroup } } },
      async (req) =>
        (await syncZaloGroup(deps, requireActor(req), req.params.groupId)) as z.infer<typeof ZZaloGroup>,
    );
    app.post(
      "/api/groups/:groupId/zalo/invite",
      {
        schema: {
          tags,
          params: groupParams,
          body: ZZaloInviteRequest,
          response: { 200: ZZaloInviteResponse },
        },
      },
      async (req) =>
        inviteToZaloGroup(deps, requireActor(req), req.params.groupId, req.body.zaloUserIds, req.id),
    );

    app.get(
      "/api/me/zalo",
      { config: { openDuringTotpSetup: true }, schema: { tags, response: { 200: ZZaloMyLink } } },
      async (req) => myZaloLink(deps, requireActor(req)),
    );
    app.post("/api/me/zalo/link-code", { schema: { tags, response: { 200: ZZaloLinkCode } } }, async (req) =>
      newLinkCode(deps, requireActor(req), req.id),
    );
    app.delete("/api/me/zalo", { schema: { tags, response: { 200: ZZaloMyLink } } }, async (req) =>
      unlinkMyZalo(deps, requireActor(req), req.id),
    );
    app.get(
      "/api/cases/:caseId/zalo",
      { schema: { tags, params: caseParams, response: { 200: ZZaloCaseChannel } } },
      async (req) => zaloCaseChannel(deps, requireActor(req), req.params.caseId),
    );

    // Webhooks: the raw body is what Zalo signed, so these two read it as a string.
    await app.register(async (hooks) => {
      hooks.removeAllContentTypeParsers();
      hooks.addContentTypeParser(
        "*",
        { parseAs: "string", bodyLimit: WEBHOOK_BODY_LIMIT },
        (_req, body, done) => done(null, body),
      );
      const config = { public: true, rateLimit: { max: 6000, timeWindow: "1 minute" } };
      hooks.post(OA_WEBHOOK_PATH, { config, schema: { tags, hide: true } }, async (req) => {
        const sig = req.headers["x-zevent-signature"];
        await receiveOaWebhook(deps, String(req.body ?? ""), typeof sig === "string" ? sig : undefined);
        return {};
      });
      hooks.post(BOT_WEBHOOK_PATH, { config, schema: { tags, hide: true } }, async (req) => {
        const secret = req.headers["x-bot-api-secret-token"];
        await receiveBotWebhook(
          deps,
          String(req.body ?? ""),
          typeof secret === "string" ? secret : undefined,
        );
        return {};
      });
    });
  };
}
