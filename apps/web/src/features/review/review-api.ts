import type {
  TCommendation,
  TCommendationDecision,
  TCreateCommendation,
  TProvinceReviewIndicators,
  TReviewIndicatorReports,
  TReviewIndicators,
  TReviewReport,
  TReviewReportList,
  TReviewSignerPrefix,
} from "@binhyen/contracts";
import { api, downloadFile, query } from "../../lib/api-client";
import type { ReviewPeriod } from "./review-period";

/*
 * The periodic review (sơ kết, issue #8; contracts in packages/contracts/src/review.ts): indicators
 * of a commune or a province for a period, the reports behind an indicator, the review report
 * documents and the commendations register. Counts only: nothing here names an informant.
 */

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const periodQuery = (p: ReviewPeriod) => query({ from: p.from, to: p.to });

export function getCommuneIndicators(
  communeId: string,
  period: ReviewPeriod,
  signal?: AbortSignal,
): Promise<TReviewIndicators> {
  return api.get(`/communes/${communeId}/review/indicators${periodQuery(period)}`, opts(signal));
}

export function getIndicatorReports(
  communeId: string,
  code: string,
  period: ReviewPeriod,
  signal?: AbortSignal,
): Promise<TReviewIndicatorReports> {
  return api.get(
    `/communes/${communeId}/review/indicators/${encodeURIComponent(code)}/reports${periodQuery(period)}`,
    opts(signal),
  );
}

export function getProvinceIndicators(
  provinceId: string,
  period: ReviewPeriod,
  signal?: AbortSignal,
): Promise<TProvinceReviewIndicators> {
  return api.get(`/provinces/${provinceId}/review/indicators${periodQuery(period)}`, opts(signal));
}

// --- review reports (báo cáo sơ kết) ---

export type TReviewReportItem = TReviewReportList["items"][number];

export function listReviewReports(communeId: string, signal?: AbortSignal): Promise<TReviewReportList> {
  return api.get(`/communes/${communeId}/review-reports`, opts(signal));
}

export function createReviewReport(communeId: string, period: ReviewPeriod): Promise<TReviewReport> {
  return api.post(`/communes/${communeId}/review-reports`, { from: period.from, to: period.to });
}

export function getReviewReport(reportId: string, signal?: AbortSignal): Promise<TReviewReport> {
  return api.get(`/review-reports/${reportId}`, opts(signal));
}

/** What the editing form sends: the whole narrative and the whole settings. */
export interface ReviewReportChanges {
  narrative: TReviewReport["narrative"];
  settings: {
    parentAgency: string;
    issuingAgency: string;
    symbol: string;
    place: string;
    summary: string;
    signer: { prefix: TReviewSignerPrefix | null; authority: string; title: string; name: string };
    recipients: string[];
    archiveUnit: string;
    margins: { top: number; bottom: number; left: number; right: number };
  };
}

export function updateReviewReport(reportId: string, changes: ReviewReportChanges): Promise<TReviewReport> {
  return api.patch(`/review-reports/${reportId}`, changes);
}

export function issueReviewReport(reportId: string): Promise<TReviewReport> {
  return api.post(`/review-reports/${reportId}/issue`, {});
}

export const REVIEW_FILES = [
  { kind: "docx", path: "report.docx" },
  { kind: "pdf", path: "report.pdf" },
  { kind: "xlsx", path: "tables.xlsx" },
  { kind: "zip", path: "dossier.zip" },
] as const;
export type ReviewFileKind = (typeof REVIEW_FILES)[number]["kind"];

export function downloadReviewFile(
  reportId: string,
  path: (typeof REVIEW_FILES)[number]["path"],
  onProgress: (received: number, total: number | null) => void,
) {
  return downloadFile(`/review-reports/${reportId}/${path}`, { onProgress });
}

// --- commendations (khen thưởng) ---

export function listCommendations(
  communeId: string,
  signal?: AbortSignal,
): Promise<{ items: TCommendation[] }> {
  return api.get(`/communes/${communeId}/commendations`, opts(signal));
}

export function proposeCommendation(communeId: string, body: TCreateCommendation): Promise<TCommendation> {
  return api.post(`/communes/${communeId}/commendations`, body);
}

export function decideCommendation(
  commendationId: string,
  body: TCommendationDecision,
): Promise<TCommendation> {
  return api.post(`/commendations/${commendationId}/decision`, body);
}
