import {
  ZConfirmHouseholdRequest,
  ZDecideJoinRequest,
  ZId,
  ZJoinInfo,
  ZJoinRequest,
  ZJoinRequestList,
  ZJoinResult,
  ZMembership,
  ZOk,
  ZUpdateGroupSettingsRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  groupJoinInfo,
  groupJoinLink,
  groupPoster,
  inviteJoinInfo,
  joinByInvite,
  requestToJoin,
} from "./invites.service";
import {
  confirmMemberHousehold,
  decideJoinRequest,
  getMembership,
  leaveGroup,
  listJoinRequests,
  updateGroupSettings,
  withdrawConsent,
} from "./membership.service";

const token = z
  .string()
  .min(10)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/);
const groupParams = z.object({ groupId: ZId });
export function invitesRoutes(deps: Deps): FastifyPluginAsyncZod {
  /** Public endpoints residents reach without an account: rate-limited per client address. */
  const open = { public: true, rateLimit: { max: deps.config.publicRatePerMinute, timeWindow: "1 minute" } };
  return async (app) => {
    app.get(
      "/api/join/:token",
      { config: open, schema: { tags: ["join"], params: z.object({ token }), response: { 200: ZJoinInfo } } },
      async (req) => inviteJoinInfo(deps, req.params.token),
    );
    app.post(
      "/api/join/:token",
      {
        config: open,
        schema: {
          tags: ["join"],
          params: z.object({ token }),
          body: ZJoinRequest,
          response: { 201: ZJoinResult },
        },
      },
      async (req, reply) => reply.status(201).send(await joinByInvite(deps, req.params.token, req.body)),
    );
    app.get(
      "/api/groups/:groupId/join-info",
      { config: open, schema: { tags: ["join"], params: groupParams, response: { 200: ZJoinInfo } } },
      async (req) => groupJoinInfo(deps, req.params.groupId),
    );
    app.post(
      "/api/groups/:groupId/join-requests",
      {
        config: open,
        schema: { tags: ["join"], params: groupParams, body: ZJoinRequest, response: { 201: ZJoinResult } },
      },
      async (req, reply) => reply.status(201).send(await requestToJoin(deps, req.params.groupId, req.body)),
    );
    app.get(
      "/api/memberships/:token",
      {
        config: open,
        schema: { tags: ["join"], params: z.object({ token }), response: { 200: ZMembership } },
      },
      async (req) => getMembership(deps, req.params.token),
    );
    app.post(
      "/api/memberships/:token/leave",
      {
        config: open,
        schema: { tags: ["join"], params: z.object({ token }), response: { 200: ZMembership } },
      },
      async (req) => leaveGroup(deps, req.params.token),
    );
    app.post(
      "/api/memberships/:token/withdraw-consent",
      {
        config: open,
        schema: { tags: ["join"], params: z.object({ token }), response: { 200: ZMembership } },
      },
      async (req) => withdrawConsent(deps, req.params.token),
    );

    app.get(
      "/api/groups/:groupId/join-requests",
      { schema: { tags: ["join"], params: groupParams, response: { 200: ZJoinRequestList } } },
      async (req) => listJoinRequests(deps, requireActor(req), req.params.groupId),
    );
    app.post(
      "/api/join-requests/:requestId/decision",
      {
        schema: {
          tags: ["join"],
          params: z.object({ requestId: ZId }),
          body: ZDecideJoinRequest,
          response: { 200: ZOk },
        },
      },
      async (req) => {
        await decideJoinRequest(deps, requireActor(req), req.params.requestId, req.body, req.id);
        return { ok: true as const };
      },
    );
    app.put(
      "/api/members/:memberId/household",
      {
        schema: {
          tags: ["join"],
          params: z.object({ memberId: ZId }),
          body: ZConfirmHouseholdRequest,
          response: { 200: ZOk },
        },
      },
      async (req) => {
        await confirmMemberHousehold(
          deps,
          requireActor(req),
          req.params.memberId,
          req.body.householdId,
          req.id,
        );
        return { ok: true as const };
      },
    );
    app.patch(
      "/api/groups/:groupId/settings",
      {
        schema: {
          tags: ["groups"],
          params: groupParams,
          body: ZUpdateGroupSettingsRequest,
          response: { 200: ZOk },
        },
      },
      async (req) => {
        await updateGroupSettings(deps, requireActor(req), req.params.groupId, req.body, req.id);
        return { ok: true as const };
      },
    );
    app.get(
      "/api/groups/:groupId/join-link",
      {
        schema: {
          tags: ["join"],
          params: groupParams,
          response: { 200: z.object({ url: z.string(), qrDataUrl: z.string() }) },
        },
      },
      async (req) => {
        const { url, qrDataUrl } = await groupJoinLink(deps, requireActor(req), req.params.groupId);
        return { url, qrDataUrl };
      },
    );
    app.get(
      "/api/groups/:groupId/poster.pdf",
      { schema: { tags: ["join"], params: groupParams } },
      async (req, reply) => {
        const pdf = await groupPoster(deps, requireActor(req), req.params.groupId);
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", 'inline; filename="ap-phich-nhom.pdf"')
          .send(pdf);
      },
    );
  };
}
