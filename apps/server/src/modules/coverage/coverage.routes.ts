import { ZCoverageResponse, ZHamletCoverage, ZId } from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { communeCoverage, hamletCoverage } from "./coverage.service";

export function coverageRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/communes/:communeId/coverage",
      {
        schema: {
          tags: ["coverage"],
          params: z.object({ communeId: ZId }),
          response: { 200: ZCoverageResponse },
        },
      },
      async (req) => communeCoverage(deps, requireActor(req), req.params.communeId),
    );
    app.get(
      "/api/hamlets/:hamletId/coverage",
      {
        schema: {
          tags: ["coverage"],
          params: z.object({ hamletId: ZId }),
          response: { 200: ZHamletCoverage.extend({ trend: ZCoverageResponse.shape.trend }) },
        },
      },
      async (req) => hamletCoverage(deps, requireActor(req), req.params.hamletId),
    );
  };
}
