import {
  ZAddDeputyRequest,
  ZAddDeputyResponse,
  ZAssignLeaderRequest,
  ZGroupDetail,
  ZGroupMembersResponse,
  ZId,
  ZListQuery,
  ZOk,
  ZUpdateGroupRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { readUpload } from "../../http/upload";
import {
  addDeputy,
  assignLeader,
  type GroupImageKind,
  getGroup,
  getGroupImage,
  listGroupMembers,
  removeDeputy,
  setGroupImage,
  updateGroup,
} from "./group.service";

const groupParams = z.object({ groupId: ZId });
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export function groupRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/groups/:groupId",
      { schema: { tags: ["groups"], params: groupParams, response: { 200: ZGroupDetail } } },
      async (req) => getGroup(deps, requireActor(req), req.params.groupId),
    );

    app.patch(
      "/api/groups/:groupId",
      {
        schema: {
          tags: ["groups"],
          params: groupParams,
          body: ZUpdateGroupRequest,
          response: { 200: ZGroupDetail },
        },
      },
      async (req) => updateGroup(deps, requireActor(req), req.params.groupId, req.body, req.id),
    );

    for (const kind of ["avatar", "background"] as const satisfies GroupImageKind[]) {
      app.put(
        `/api/groups/:groupId/${kind}`,
        {
          schema: {
            tags: ["groups"],
            params: groupParams,
            consumes: ["multipart/form-data"],
            response: { 200: ZGroupDetail },
          },
        },
        async (req) => {
          const actor = requireActor(req);
          const { bytes } = await readUpload(req, MAX_IMAGE_BYTES);
          return setGroupImage(deps, actor, req.params.groupId, kind, bytes, req.id);
        },
      );

      app.get(
        `/api/groups/:groupId/${kind}`,
        { schema: { tags: ["groups"], params: groupParams } },
        async (req, reply) => {
          const media = await getGroupImage(deps, requireActor(req), req.params.groupId, kind);
          return reply
            .header("content-type", media.contentType)
            .header("cache-control", "private, max-age=86400")
            .send(media.bytes);
        },
      );
    }

    app.get(
      "/api/groups/:groupId/members",
      {
        schema: {
          tags: ["groups"],
          params: groupParams,
          querystring: ZListQuery,
          response: { 200: ZGroupMembersResponse },
        },
      },
      async (req) => listGroupMembers(deps, requireActor(req), req.params.groupId, req.query),
    );

    app.put(
      "/api/groups/:groupId/leader",
      {
        schema: { tags: ["groups"], params: groupParams, body: ZAssignLeaderRequest, response: { 200: ZOk } },
      },
      async (req) => {
        await assignLeader(deps, requireActor(req), req.params.groupId, req.body.userId, req.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/groups/:groupId/deputies",
      {
        schema: {
          tags: ["groups"],
          params: groupParams,
          body: ZAddDeputyRequest,
          response: { 201: ZAddDeputyResponse },
        },
      },
      async (req, reply) => {
        const added = await addDeputy(deps, requireActor(req), req.params.groupId, req.body, req.id);
        return reply.status(201).send(added);
      },
    );

    app.delete(
      "/api/groups/:groupId/deputies/:userId",
      {
        schema: { tags: ["groups"], params: z.object({ groupId: ZId, userId: ZId }), response: { 200: ZOk } },
      },
      async (req) => {
        await removeDeputy(deps, requireActor(req), req.params.groupId, req.params.userId, req.id);
        return { ok: true as const };
      },
    );
  };
}
