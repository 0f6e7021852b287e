import {
  ZCaseDetail,
  ZCaseList,
  ZCreateReportRequest,
  ZCreateReportResponse,
  ZFlagCaseRequest,
  ZGrantIdentityRequest,
  ZId,
  ZIntakeHeaders,
  ZLogReportRequest,
  ZMessageRequest,
  ZOfficerMessageRequest,
  ZOk,
  ZPowChallenge,
  ZRatingRequest,
  ZReceiptView,
  ZReportPlaces,
  ZRevealedIdentity,
  ZSuspectRequest,
  ZTransitionRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import { readUpload } from "../../http/upload";
import { getCase, transitionCase } from "./case.service";
import { checkProofOfWork, issueChallenge, newPowState } from "./intake-pow";
import {
  addSuspect,
  caseAttachment,
  flagCase,
  grantIdentity,
  listCases,
  logReport,
  officerMessage,
  rateReport,
  receiptView,
  reporterAttachment,
  reporterMessage,
  reportPlaces,
  revealIdentity,
  submitReport,
} from "./reports.service";

const receipt = z.object({ code: z.string().min(4).max(40) });
const caseParams = z.object({ caseId: ZId });

export function reportsRoutes(deps: Deps): FastifyPluginAsyncZod {
  // Anonymous intake and receipt look-ups are rate-limited per client address; guessing codes is
  // slow, and a wrong code answers exactly like an unknown one.
  const open = { public: true, rateLimit: { max: deps.config.publicRatePerMinute, timeWindow: "1 minute" } };
  const pow = newPowState();
  return async (app) => {
    app.post(
      "/api/reports",
      {
        config: open,
        schema: {
          tags: ["reports"],
          headers: ZIntakeHeaders,
          body: ZCreateReportRequest,
          response: { 201: ZCreateReportResponse },
        },
      },
      async (req, reply) => {
        checkProofOfWork(deps, pow, req.headers["x-proof-of-work"]);
        // Only the receipt code goes back: the reporter needs nothing else. A repeated
        // Idempotency-Key (an offline queue re-sending) gets the same receipt, not a second report.
        const { receiptCode } = await submitReport(deps, req.body, undefined, req.headers["idempotency-key"]);
        return reply.status(201).send({ receiptCode });
      },
    );
    app.post(
      "/api/cases/:caseId/suspects",
      { schema: { tags: ["cases"], params: caseParams, body: ZSuspectRequest, response: { 201: ZOk } } },
      async (req, reply) =>
        reply
          .status(201)
          .send(await addSuspect(deps, requireActor(req), req.params.caseId, req.body, req.id)),
    );
    app.get(
      "/api/reports/challenge",
      { config: open, schema: { tags: ["reports"], response: { 200: ZPowChallenge } } },
      async () => issueChallenge(deps, pow),
    );
    app.get(
      "/api/reports/places/:communeId",
      {
        config: open,
        schema: { tags: ["reports"], params: z.object({ communeId: ZId }), response: { 200: ZReportPlaces } },
      },
      async (req) => reportPlaces(deps, req.params.communeId),
    );
    app.get(
      "/api/reports/receipt/:code",
      { config: open, schema: { tags: ["reports"], params: receipt, response: { 200: ZReceiptView } } },
      async (req) => receiptView(deps, req.params.code),
    );
    app.post(
      "/api/reports/receipt/:code/messages",
      {
        config: open,
        schema: {
          tags: ["reports"],
          params: receipt,
          body: ZMessageRequest,
          response: { 201: ZReceiptView },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await reporterMessage(deps, req.params.code, req.body.body)),
    );
    app.post(
      "/api/reports/receipt/:code/attachments",
      {
        config: open,
        schema: {
          tags: ["reports"],
          params: receipt,
          consumes: ["multipart/form-data"],
          response: { 201: z.object({ attachmentId: z.string() }) },
        },
      },
      async (req, reply) => {
        const { bytes } = await readUpload(req, 10 * 1024 * 1024);
        return reply.status(201).send(await reporterAttachment(deps, req.params.code, bytes));
      },
    );

    app.post(
      "/api/reports/receipt/:code/rating",
      {
        config: open,
        schema: { tags: ["reports"], params: receipt, body: ZRatingRequest, response: { 200: ZReceiptView } },
      },
      async (req) => rateReport(deps, req.params.code, req.body.rating, req.body.comment),
    );
    app.post(
      "/api/cases/:caseId/flag",
      {
        schema: {
          tags: ["cases"],
          params: caseParams,
          body: ZFlagCaseRequest,
          response: { 200: ZCaseDetail },
        },
      },
      async (req) => flagCase(deps, requireActor(req), req.params.caseId, req.body.spam, req.id),
    );
    app.post(
      "/api/cases/:caseId/transitions",
      {
        schema: {
          tags: ["cases"],
          params: caseParams,
          body: ZTransitionRequest,
          response: { 200: ZCaseDetail },
        },
      },
      async (req) => transitionCase(deps, requireActor(req), req.params.caseId, req.body.event, req.id),
    );
    app.post(
      "/api/cases",
      {
        schema: {
          tags: ["cases"],
          body: ZLogReportRequest,
          response: { 201: z.object({ caseId: z.string(), receiptCode: z.string() }) },
        },
      },
      async (req, reply) => {
        const { reportId, receiptCode } = await logReport(deps, requireActor(req), req.body);
        return reply.status(201).send({ caseId: reportId, receiptCode });
      },
    );
    app.get(
      "/api/cases",
      {
        schema: {
          tags: ["cases"],
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          }),
          response: { 200: ZCaseList },
        },
      },
      async (req) => listCases(deps, requireActor(req), req.query.limit, req.query.offset),
    );
    app.get(
      "/api/cases/:caseId",
      { schema: { tags: ["cases"], params: caseParams, response: { 200: ZCaseDetail } } },
      async (req) => getCase(deps, requireActor(req), req.params.caseId),
    );
    app.post(
      "/api/cases/:caseId/messages",
      {
        schema: {
          tags: ["cases"],
          params: caseParams,
          body: ZOfficerMessageRequest,
          response: { 201: ZCaseDetail },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await officerMessage(
              deps,
              requireActor(req),
              req.params.caseId,
              req.body.body,
              req.body.internal,
              req.id,
            ),
          ),
    );
    app.post(
      "/api/cases/:caseId/identity/reveal",
      { schema: { tags: ["cases"], params: caseParams, response: { 200: ZRevealedIdentity } } },
      async (req) => revealIdentity(deps, requireActor(req), req.params.caseId, req.id),
    );
    app.post(
      "/api/cases/:caseId/identity/grants",
      {
        schema: { tags: ["cases"], params: caseParams, body: ZGrantIdentityRequest, response: { 200: ZOk } },
      },
      async (req) => {
        await grantIdentity(deps, requireActor(req), req.params.caseId, req.body.userId, req.id);
        return { ok: true as const };
      },
    );
    app.get(
      "/api/cases/:caseId/attachments/:attachmentId",
      { schema: { tags: ["cases"], params: z.object({ caseId: ZId, attachmentId: ZId }) } },
      async (req, reply) => {
        const a = await caseAttachment(deps, requireActor(req), req.params.caseId, req.params.attachmentId);
        return reply
          .header("content-type", a.contentType)
          .header("cache-control", "private, no-store")
          .send(a.bytes);
      },
    );
  };
}
