import {
  type TReviewNarrative,
  type TReviewReport,
  type TReviewReportSettings,
  ZReviewNarrative,
  ZReviewReportSettings,
} from "@binhyen/contracts";
import { vnDate } from "../../core/vn-time";
import { documentNumberText } from "./document-format";
import type { DossierGroupRow } from "./dossier";
import type { reviewReportRepository } from "./review-report.repository";
import type { ReviewData } from "./review-report-data";

export type ReviewReportFound = NonNullable<Awaited<ReturnType<typeof reviewReportRepository.find>>>;
type ListRow = Awaited<ReturnType<typeof reviewReportRepository.list>>[number];

/**
 * What an issued report froze at issue, kept in its settings column under this key: the figures and
 * the groups list as they were that day (counts and officers' work names only), so that the issued
 * document never changes and the province reads it without reading the commune's live indicators.
 */
export const ISSUE_SNAPSHOT_KEY = "issueSnapshot";
export type IssueSnapshot = { data: ReviewData; groups: DossierGroupRow[] };

export function storedSnapshot(settings: Record<string, unknown>): IssueSnapshot | null {
  const s = settings[ISSUE_SNAPSHOT_KEY];
  return s && typeof s === "object" ? (s as IssueSnapshot) : null;
}

/** The editable settings, without the snapshot (parsed: the stored JSON is the only source). */
export const settingsOf = (stored: Record<string, unknown>): TReviewReportSettings =>
  ZReviewReportSettings.parse(stored);
export const narrativeOf = (stored: Record<string, string>): TReviewNarrative =>
  ZReviewNarrative.parse(stored);

export type IssuedNumber = { number: number; symbol: string; on: string };

export function issuedOf(number: ListRow["number"]): IssuedNumber | null {
  return number ? { number: number.number, symbol: number.symbol, on: vnDate(number.createdAt) } : null;
}

function head(row: ListRow) {
  const issued = issuedOf(row.number);
  return {
    id: row.report.id,
    communeId: row.report.communeId,
    period: { from: row.report.periodFrom, to: row.report.periodTo },
    status: issued ? ("ISSUED" as const) : ("DRAFT" as const),
    number: issued?.number ?? null,
    numberText: issued ? documentNumberText(issued.number, issued.symbol) : null,
    issuedOn: issued?.on ?? null,
    createdAt: row.report.createdAt.toISOString(),
    updatedAt: row.report.updatedAt.toISOString(),
  };
}

export function presentReviewReport(found: ReviewReportFound): TReviewReport {
  return {
    ...head(found),
    narrative: narrativeOf(found.report.narrative),
    settings: settingsOf(found.report.settings),
  };
}

export function presentReviewReportItem(row: ListRow) {
  return { ...head(row), summary: settingsOf(row.report.settings).summary };
}
