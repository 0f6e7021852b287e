import {
  ZCommuneDetail,
  ZCreateHamletRequest,
  ZCreateHamletResponse,
  ZCreateOfficerRequest,
  ZCreateOfficerResponse,
  ZId,
  ZOfficersResponse,
  ZOk,
  ZProvinceSummary,
  ZUpdateCommuneSettingsRequest,
  ZUpdateOfficerRequest,
  ZUpdateOfficerResponse,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { createOfficer, listOfficers, updateOfficer } from "./officer.service";
import { createHamlet, getCommuneDetail, getProvinceSummary, updateCommuneSettings } from "./org.service";

const communeParams = z.object({ communeId: ZId });

export function orgRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/communes/:communeId",
      { schema: { tags: ["org"], params: communeParams, response: { 200: ZCommuneDetail } } },
      async (req) => getCommuneDetail(deps, requireActor(req), req.params.communeId),
    );

    app.patch(
      "/api/communes/:communeId/settings",
      {
        schema: {
          tags: ["org"],
          params: communeParams,
          body: ZUpdateCommuneSettingsRequest,
          response: { 200: ZOk },
        },
      },
      async (req) => {
        await updateCommuneSettings(deps, requireActor(req), req.params.communeId, req.body, req.id);
        return { ok: true as const };
      },
    );

    app.post(
      "/api/communes/:communeId/hamlets",
      {
        schema: {
          tags: ["org"],
          params: communeParams,
          body: ZCreateHamletRequest,
          response: { 201: ZCreateHamletResponse },
        },
      },
      async (req, reply) => {
        const created = await createHamlet(deps, requireActor(req), req.params.communeId, req.body, req.id);
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/api/communes/:communeId/officers",
      { schema: { tags: ["org"], params: communeParams, response: { 200: ZOfficersResponse } } },
      async (req) => listOfficers(deps, requireActor(req), req.params.communeId),
    );

    app.post(
      "/api/communes/:communeId/officers",
      {
        schema: {
          tags: ["org"],
          params: communeParams,
          body: ZCreateOfficerRequest,
          response: { 201: ZCreateOfficerResponse },
        },
      },
      async (req, reply) => {
        const created = await createOfficer(deps, requireActor(req), req.params.communeId, req.body, req.id);
        return reply.status(201).send(created);
      },
    );

    app.patch(
      "/api/communes/:communeId/officers/:userId",
      {
        schema: {
          tags: ["org"],
          params: z.object({ communeId: ZId, userId: ZId }),
          body: ZUpdateOfficerRequest,
          response: { 200: ZUpdateOfficerResponse },
        },
      },
      async (req) =>
        updateOfficer(deps, requireActor(req), req.params.communeId, req.params.userId, req.body, req.id),
    );

    app.get(
      "/api/provinces/:provinceId/summary",
      {
        schema: { tags: ["org"], params: z.object({ provinceId: ZId }), response: { 200: ZProvinceSummary } },
      },
      async (req) => getProvinceSummary(deps, requireActor(req), req.params.provinceId),
    );
  };
}
