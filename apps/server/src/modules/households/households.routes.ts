import {
  ZChangeHeadRequest,
  ZCreateHouseholdRequest,
  ZHousehold,
  ZHouseholdInvite,
  ZHouseholdListQuery,
  ZHouseholdListResponse,
  ZId,
  ZImportList,
  ZImportPreviewResponse,
  ZImportStatus,
  ZSendInviteRequest,
  ZSetHouseholdStatusRequest,
  ZUpdateHouseholdRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { readUpload } from "../../http/upload";
import { createInvite, sendInvite } from "../invites/invites.service";
import { getImport, listImports, previewImport, startImport } from "./household-import.service";
import {
  changeHead,
  createHousehold,
  listHouseholds,
  setHouseholdStatus,
  updateHousehold,
} from "./households.service";
import { householdTemplate } from "./import-file";

const hamletParams = z.object({ hamletId: ZId });
const householdParams = z.object({ householdId: ZId });

export function householdsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/hamlets/:hamletId/households",
      {
        schema: {
          tags: ["households"],
          params: hamletParams,
          querystring: ZHouseholdListQuery,
          response: { 200: ZHouseholdListResponse },
        },
      },
      async (req) => listHouseholds(deps, requireActor(req), req.params.hamletId, req.query),
    );

    app.post(
      "/api/hamlets/:hamletId/households",
      {
        schema: {
          tags: ["households"],
          params: hamletParams,
          body: ZCreateHouseholdRequest,
          response: { 201: ZHousehold },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await createHousehold(deps, requireActor(req), req.params.hamletId, req.body, req.id)),
    );

    app.patch(
      "/api/households/:householdId",
      {
        schema: {
          tags: ["households"],
          params: householdParams,
          body: ZUpdateHouseholdRequest,
          response: { 200: ZHousehold },
        },
      },
      async (req) => updateHousehold(deps, requireActor(req), req.params.householdId, req.body, req.id),
    );

    app.post(
      "/api/households/:householdId/head",
      {
        schema: {
          tags: ["households"],
          params: householdParams,
          body: ZChangeHeadRequest,
          response: { 200: ZHousehold },
        },
      },
      async (req) => changeHead(deps, requireActor(req), req.params.householdId, req.body, req.id),
    );

    app.post(
      "/api/households/:householdId/status",
      {
        schema: {
          tags: ["households"],
          params: householdParams,
          body: ZSetHouseholdStatusRequest,
          response: { 200: ZHousehold },
        },
      },
      async (req) => setHouseholdStatus(deps, requireActor(req), req.params.householdId, req.body, req.id),
    );

    app.post(
      "/api/households/:householdId/invite",
      { schema: { tags: ["invites"], params: householdParams, response: { 200: ZHouseholdInvite } } },
      async (req) => createInvite(deps, requireActor(req), req.params.householdId, req.id),
    );

    app.post(
      "/api/households/:householdId/invite/send",
      {
        schema: {
          tags: ["invites"],
          params: householdParams,
          body: ZSendInviteRequest,
          response: { 202: z.object({ queued: z.literal(true) }) },
        },
      },
      async (req, reply) =>
        reply
          .status(202)
          .send(await sendInvite(deps, requireActor(req), req.params.householdId, req.body.channel, req.id)),
    );

    app.post(
      "/api/hamlets/:hamletId/households/import",
      {
        schema: {
          tags: ["households"],
          params: hamletParams,
          querystring: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
          consumes: ["multipart/form-data"],
          response: { 200: ZImportPreviewResponse, 202: z.object({ importId: z.string() }) },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const file = await readUpload(req, deps.config.importMaxBytes);
        if (req.query.dryRun === "true") {
          return reply.status(200).send(await previewImport(deps, actor, req.params.hamletId, file));
        }
        const { importId } = await startImport(deps, actor, req.params.hamletId, file, req.id);
        return reply.status(202).send({ importId });
      },
    );

    app.get(
      "/api/imports/:importId",
      {
        schema: {
          tags: ["households"],
          params: z.object({ importId: ZId }),
          response: { 200: ZImportStatus },
        },
      },
      async (req) => getImport(deps, requireActor(req), req.params.importId),
    );

    app.get(
      "/api/hamlets/:hamletId/imports",
      { schema: { tags: ["households"], params: hamletParams, response: { 200: ZImportList } } },
      async (req) => listImports(deps, requireActor(req), req.params.hamletId),
    );

    for (const format of ["xlsx", "csv"] as const) {
      app.get(
        `/api/households/import-template.${format}`,
        { schema: { tags: ["households"] } },
        async (req, reply) => {
          requireActor(req);
          const file = await householdTemplate(format);
          return reply
            .header(
              "content-type",
              format === "xlsx"
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "text/csv; charset=utf-8",
            )
            .header("content-disposition", `attachment; filename="mau-danh-sach-ho-gia-dinh.${format}"`)
            .send(file);
        },
      );
    }
  };
}
