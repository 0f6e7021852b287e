import {
  ZCreatePost,
  ZCreatePostResponse,
  ZId,
  ZModerationAction,
  ZModerationConsole,
  ZModerationQueue,
  ZModerationSettings,
  ZModerationSettingsView,
  ZOk,
  ZPost,
  ZPostList,
  ZReportPost,
  ZSanctionRequest,
  ZViolationHistory,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  getModerationSettings,
  moderatePost,
  moderationConsole,
  moderationQueue,
  restoreOfficialProfile,
  sanctionMember,
  saveModerationSettings,
  saveOfficialProfile,
  violationHistory,
} from "./moderation.service";
import { createPost, listPosts, reportPost } from "./posts.service";

const groupParams = z.object({ groupId: ZId });
const postParams = z.object({ postId: ZId });
const communeParams = z.object({ communeId: ZId });

/** Group life (issue #6): posts, moderation, console, settings, profile protection. */
export function moderationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    // New or moderated posts: every process tells its clients in the group to refetch.
    const unsubscribe = deps.realtime.subscribe((msg) => {
      if (msg.topic === "post" && typeof msg.data.groupId === "string") {
        deps.sse.send("post", { groupId: msg.data.groupId }, { groupIds: [msg.data.groupId] });
      }
    });
    app.addHook("onClose", async () => unsubscribe());

    app.post(
      "/api/groups/:groupId/posts",
      {
        schema: {
          tags: ["posts"],
          params: groupParams,
          body: ZCreatePost,
          response: { 201: ZCreatePostResponse },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createPost(deps, requireActor(req), req.params.groupId, req.body, req.id)),
    );
    app.get(
      "/api/groups/:groupId/posts",
      {
        schema: {
          tags: ["posts"],
          params: groupParams,
          querystring: z.object({ before: z.string().max(200).optional() }),
          response: { 200: ZPostList },
        },
      },
      async (req) => listPosts(deps, requireActor(req), req.params.groupId, req.query.before),
    );
    app.post(
      "/api/posts/:postId/report",
      { schema: { tags: ["posts"], params: postParams, body: ZReportPost, response: { 200: ZOk } } },
      async (req) => reportPost(deps, requireActor(req), req.params.postId, req.body.reason, req.id),
    );
    app.get(
      "/api/groups/:groupId/moderation",
      { schema: { tags: ["moderation"], params: groupParams, response: { 200: ZModerationQueue } } },
      async (req) => moderationQueue(deps, requireActor(req), req.params.groupId),
    );
    app.post(
      "/api/posts/:postId/moderation",
      {
        schema: {
          tags: ["moderation"],
          params: postParams,
          body: ZModerationAction,
          response: { 200: ZPost },
        },
      },
      async (req) => moderatePost(deps, requireActor(req), req.params.postId, req.body, req.id),
    );
    app.post(
      "/api/groups/:groupId/members/:memberId/sanctions",
      {
        schema: {
          tags: ["moderation"],
          params: z.object({ groupId: ZId, memberId: ZId }),
          body: ZSanctionRequest,
          response: { 201: ZOk },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await sanctionMember(
              deps,
              requireActor(req),
              req.params.groupId,
              req.params.memberId,
              req.body,
              req.id,
            ),
          ),
    );
    app.get(
      "/api/groups/:groupId/members/:memberId/violations",
      {
        schema: {
          tags: ["moderation"],
          params: z.object({ groupId: ZId, memberId: ZId }),
          response: { 200: ZViolationHistory },
        },
      },
      async (req) => violationHistory(deps, requireActor(req), req.params.groupId, req.params.memberId),
    );
    app.get(
      "/api/communes/:communeId/moderation",
      { schema: { tags: ["moderation"], params: communeParams, response: { 200: ZModerationConsole } } },
      async (req) => moderationConsole(deps, requireActor(req), req.params.communeId),
    );
    app.get(
      "/api/communes/:communeId/moderation-settings",
      { schema: { tags: ["moderation"], params: communeParams, response: { 200: ZModerationSettingsView } } },
      async (req) => getModerationSettings(deps, requireActor(req), req.params.communeId),
    );
    app.put(
      "/api/communes/:communeId/moderation-settings",
      {
        schema: {
          tags: ["moderation"],
          params: communeParams,
          body: ZModerationSettings,
          response: { 200: ZModerationSettingsView },
        },
      },
      async (req) => saveModerationSettings(deps, requireActor(req), req.params.communeId, req.body, req.id),
    );
    app.post(
      "/api/groups/:groupId/profile/official",
      { schema: { tags: ["groups"], params: groupParams, response: { 200: ZOk } } },
      async (req) => saveOfficialProfile(deps, requireActor(req), req.params.groupId, req.id),
    );
    app.post(
      "/api/groups/:groupId/profile/restore",
      { schema: { tags: ["groups"], params: groupParams, response: { 200: ZOk } } },
      async (req) => restoreOfficialProfile(deps, requireActor(req), req.params.groupId, req.id),
    );
  };
}
