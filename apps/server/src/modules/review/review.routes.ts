import {
  ZCommendation,
  ZCommendationClaim,
  ZCommendationDecision,
  ZCommendationList,
  ZCreateCommendation,
  ZId,
  ZProvinceReviewIndicators,
  ZReceiptCommendation,
  ZReviewIndicatorReports,
  ZReviewIndicators,
  ZReviewPeriodQuery,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  claimCommendation,
  decideCommendation,
  listCommendations,
  proposeCommendation,
  receiptCommendation,
} from "./commendations.service";
import { communeIndicators, provinceIndicators } from "./indicators.service";
import { indicatorReports } from "./indicators-drilldown.service";

const communeParams = z.object({ communeId: ZId });
const receipt = z.object({ code: z.string().min(4).max(40) });

/** Review indicators (req. 39–40) and commendations; the review documents live in review-documents.routes. */
export function reviewRoutes(deps: Deps): FastifyPluginAsyncZod {
  // The reporter's receipt routes are public and rate-limited per address like the other receipt
  // routes (reports.routes): a wrong code answers exactly like an unknown one.
  const open = { public: true, rateLimit: { max: deps.config.publicRatePerMinute, timeWindow: "1 minute" } };
  return async (app) => {
    app.get(
      "/api/communes/:communeId/review/indicators",
      {
        schema: {
          tags: ["review"],
          params: communeParams,
          querystring: ZReviewPeriodQuery,
          response: { 200: ZReviewIndicators },
        },
      },
      async (req) => communeIndicators(deps, requireActor(req), req.params.communeId, req.query),
    );
    app.get(
      "/api/communes/:communeId/review/indicators/:code/reports",
      {
        schema: {
          tags: ["review"],
          params: z.object({ communeId: ZId, code: z.string().regex(/^[A-Z0-9_]{1,60}$/) }),
          querystring: ZReviewPeriodQuery,
          response: { 200: ZReviewIndicatorReports },
        },
      },
      async (req) =>
        indicatorReports(deps, requireActor(req), req.params.communeId, req.params.code, req.query),
    );
    app.get(
      "/api/provinces/:provinceId/review/indicators",
      {
        schema: {
          tags: ["review"],
          params: z.object({ provinceId: ZId }),
          querystring: ZReviewPeriodQuery,
          response: { 200: ZProvinceReviewIndicators },
        },
      },
      async (req) => provinceIndicators(deps, requireActor(req), req.params.provinceId, req.query),
    );

    app.get(
      "/api/communes/:communeId/commendations",
      { schema: { tags: ["review"], params: communeParams, response: { 200: ZCommendationList } } },
      async (req) => listCommendations(deps, requireActor(req), req.params.communeId),
    );
    app.post(
      "/api/communes/:communeId/commendations",
      {
        schema: {
          tags: ["review"],
          params: communeParams,
          body: ZCreateCommendation,
          response: { 201: ZCommendation },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await proposeCommendation(deps, requireActor(req), req.params.communeId, req.body, req.id)),
    );
    app.post(
      "/api/commendations/:commendationId/decision",
      {
        schema: {
          tags: ["review"],
          params: z.object({ commendationId: ZId }),
          body: ZCommendationDecision,
          response: { 200: ZCommendation },
        },
      },
      async (req) => decideCommendation(deps, requireActor(req), req.params.commendationId, req.body, req.id),
    );

    app.get(
      "/api/reports/receipt/:code/commendation",
      {
        config: open,
        schema: { tags: ["reports"], params: receipt, response: { 200: ZReceiptCommendation } },
      },
      async (req) => receiptCommendation(deps, req.params.code),
    );
    app.post(
      "/api/reports/receipt/:code/commendation/claim",
      { config: open, schema: { tags: ["reports"], params: receipt, response: { 201: ZCommendationClaim } } },
      async (req, reply) => reply.status(201).send(await claimCommendation(deps, req.params.code)),
    );
  };
}
