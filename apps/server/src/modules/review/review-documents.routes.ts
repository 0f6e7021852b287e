import {
  ZCreateReviewReportRequest,
  ZId,
  ZReviewReport,
  ZReviewReportList,
  ZUpdateReviewReportRequest,
} from "@binhyen/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Deps } from "../../deps";
import { requireActor } from "../../http/auth";
import {
  createReviewReport,
  getReviewReport,
  issueReviewReport,
  listReviewReports,
  updateReviewReport,
} from "./review-report.service";
import { type ReviewFileKind, reviewReportFile } from "./review-report-files.service";

const communeParams = z.object({ communeId: ZId });
const reportParams = z.object({ reportId: ZId });

const FILES: [string, ReviewFileKind][] = [
  ["report.docx", "docx"],
  ["report.pdf", "pdf"],
  ["tables.xlsx", "xlsx"],
  ["dossier.zip", "zip"],
];

/** Review report documents (issue #8; contracts at the end of packages/contracts/src/review.ts). */
export function reviewDocumentsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/communes/:communeId/review-reports",
      {
        schema: {
          tags: ["review"],
          params: communeParams,
          body: ZCreateReviewReportRequest,
          response: { 201: ZReviewReport },
        },
      },
      async (req, reply) => {
        const created = await createReviewReport(
          deps,
          requireActor(req),
          req.params.communeId,
          req.body,
          req.id,
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      "/api/communes/:communeId/review-reports",
      { schema: { tags: ["review"], params: communeParams, response: { 200: ZReviewReportList } } },
      async (req) => listReviewReports(deps, requireActor(req), req.params.communeId),
    );

    app.get(
      "/api/review-reports/:reportId",
      { schema: { tags: ["review"], params: reportParams, response: { 200: ZReviewReport } } },
      async (req) => getReviewReport(deps, requireActor(req), req.params.reportId),
    );

    app.patch(
      "/api/review-reports/:reportId",
      {
        schema: {
          tags: ["review"],
          params: reportParams,
          body: ZUpdateReviewReportRequest,
          response: { 200: ZReviewReport },
        },
      },
      async (req) => updateReviewReport(deps, requireActor(req), req.params.reportId, req.body, req.id),
    );

    app.post(
      "/api/review-reports/:reportId/issue",
      { schema: { tags: ["review"], params: reportParams, response: { 200: ZReviewReport } } },
      async (req) => issueReviewReport(deps, requireActor(req), req.params.reportId, req.id),
    );

    for (const [file, kind] of FILES) {
      app.get(
        `/api/review-reports/:reportId/${file}`,
        { schema: { tags: ["review"], params: reportParams } },
        async (req, reply) => {
          const out = await reviewReportFile(deps, requireActor(req), req.params.reportId, kind);
          return reply
            .header("content-type", out.contentType)
            .header("content-disposition", `attachment; filename="${out.fileName}"`)
            .header("cache-control", "private, no-store")
            .send(out.bytes);
        },
      );
    }
  };
}
