import type { Actor } from "../../core/authz";
import { vnDate } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { documentNumberText } from "./document-format";
import { buildDossier, dossierFileNames } from "./dossier";
import { issuedOf, narrativeOf, type ReviewReportFound, settingsOf } from "./review-report.presenter";
import { loadReviewReport, reportFigures } from "./review-report.service";
import { reviewCharts } from "./review-report-charts";
import { type ReviewDocumentInput, reviewDocumentText } from "./review-report-document";
import { buildReviewReportDocx } from "./review-report-docx";
import { buildReviewReportPdf } from "./review-report-pdf";
import { buildReviewReportXlsx } from "./review-report-xlsx";

/**
 * The review report's files (issue #8): DOCX and PDF of the same document, the tables as XLSX, and
 * the dossier ZIP with the three and the list of groups. Read-only: whoever may read the report may
 * download it (review-report.policy.ts). Counts only (req. 13).
 */
export type ReviewFileKind = "docx" | "pdf" | "xlsx" | "zip";

export const CONTENT_TYPE: Record<ReviewFileKind, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

async function documentInput(deps: Deps, actor: Actor, found: ReviewReportFound) {
  const figures = await reportFigures(deps, actor, found);
  const issued = issuedOf(found.number);
  const settings = settingsOf(found.report.settings);
  const input: ReviewDocumentInput = {
    data: figures.data,
    narrative: narrativeOf(found.report.narrative),
    // An issued report prints the symbol it was numbered with.
    settings: issued ? { ...settings, symbol: issued.symbol } : settings,
    issued: issued ? { number: issued.number, on: issued.on } : null,
    draftYear: Number(vnDate(deps.clock.now()).slice(0, 4)),
    charts: await reviewCharts(figures.data),
  };
  return { input, figures, issued };
}

export async function reviewReportFile(
  deps: Deps,
  actor: Actor,
  id: string,
  kind: ReviewFileKind,
): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
  const found = await loadReviewReport(deps, actor, id);
  const { input, figures, issued } = await documentInput(deps, actor, found);
  const stem = reviewDocumentText(input).fileStem;
  const names = dossierFileNames(stem);
  const xlsx = () =>
    buildReviewReportXlsx({
      data: figures.data,
      issuingAgency: input.settings.issuingAgency,
      numberText: issued ? documentNumberText(issued.number, issued.symbol) : null,
      issuedOn: issued?.on ?? null,
      summary: input.settings.summary,
    });
  let bytes: Buffer;
  let fileName: string;
  switch (kind) {
    case "docx":
      bytes = await buildReviewReportDocx(input);
      fileName = names.docx;
      break;
    case "pdf":
      bytes = await buildReviewReportPdf(input);
      fileName = names.pdf;
      break;
    case "xlsx":
      bytes = await xlsx();
      fileName = names.xlsx;
      break;
    case "zip":
      bytes = await buildDossier({
        fileStem: stem,
        docx: await buildReviewReportDocx(input),
        pdf: await buildReviewReportPdf(input),
        xlsx: await xlsx(),
        groups: figures.groups,
        date: found.number?.createdAt ?? deps.clock.now(),
      });
      fileName = `ho-so-${stem}.zip`;
      break;
  }
  return { bytes, fileName, contentType: CONTENT_TYPE[kind] };
}
