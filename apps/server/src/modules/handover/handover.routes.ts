import {
  ZCreateHandoverRequest,
  ZCreateHandoverResponse,
  ZHandover,
  ZId,
  ZLeaderHistory,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  confirmHandover,
  createHandover,
  getHandover,
  handoverRecordDocx,
  listLeaders,
} from "./handover.service";

const groupParams = z.object({ groupId: ZId });
const handoverParams = z.object({ handoverId: ZId });
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Leader handover and the biên bản bàn giao (issue #6; contracts in packages/contracts/src/handover.ts). */
export function handoverRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/groups/:groupId/handover",
      {
        schema: {
          tags: ["handover"],
          params: groupParams,
          body: ZCreateHandoverRequest,
          response: { 201: ZCreateHandoverResponse },
        },
      },
      async (req, reply) => {
        const created = await createHandover(deps, requireActor(req), req.params.groupId, req.body, req.id);
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/api/groups/:groupId/leaders",
      { schema: { tags: ["handover"], params: groupParams, response: { 200: ZLeaderHistory } } },
      async (req) => listLeaders(deps, requireActor(req), req.params.groupId),
    );

    app.get(
      "/api/handovers/:handoverId",
      { schema: { tags: ["handover"], params: handoverParams, response: { 200: ZHandover } } },
      async (req) => getHandover(deps, requireActor(req), req.params.handoverId),
    );

    app.get(
      "/api/handovers/:handoverId/record.docx",
      { schema: { tags: ["handover"], params: handoverParams } },
      async (req, reply) => {
        const record = await handoverRecordDocx(deps, requireActor(req), req.params.handoverId);
        return reply
          .header("content-type", DOCX)
          .header("content-disposition", `attachment; filename="${record.fileName}"`)
          .header("cache-control", "private, no-store")
          .send(record.bytes);
      },
    );

    app.post(
      "/api/handovers/:handoverId/confirm",
      { schema: { tags: ["handover"], params: handoverParams, response: { 200: ZHandover } } },
      async (req) => confirmHandover(deps, requireActor(req), req.params.handoverId, req.id),
    );
  };
}
