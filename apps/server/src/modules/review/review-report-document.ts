import type { TReviewNarrative, TReviewReportSettings } from "@binhyen/contracts";
import type { ChartImage } from "./document-charts";
import {
  dateLine,
  documentNumberText,
  draftDateLine,
  draftNumberText,
  recipientLines,
  shortDate,
  signatureLines,
} from "./document-format";
import type { ReviewData } from "./review-report-data";
import { NARRATIVE_HEADINGS, type TNarrativeSection } from "./review-report-narrative";
import { type ReviewTable, reviewTables } from "./review-report-tables";

/**
 * Everything a review report prints, resolved to strings once, so that the DOCX and the PDF are the
 * same document: header, number and date, title, body blocks in order, "Nơi nhận" and signature.
 */
export type ReviewDocumentInput = {
  data: ReviewData;
  narrative: TReviewNarrative;
  settings: TReviewReportSettings;
  /** null for a draft (blank number and date). */
  issued: { number: number; on: string } | null;
  /** The year printed on a draft's date line. */
  draftYear: number;
  charts: ChartImage[];
};

export type BodyBlock =
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "note"; text: string }
  | { kind: "table"; table: ReviewTable }
  | { kind: "chart"; chart: ChartImage };

export type ReviewDocumentText = {
  parentAgency: string;
  issuingAgency: string;
  numberLine: string;
  nationalTitle: string;
  motto: string;
  dateLine: string;
  draftMark: string | null;
  title: string;
  summary: string;
  body: BodyBlock[];
  recipientsLabel: string;
  recipients: string[];
  signature: { titleLines: string[]; name: string };
  fileStem: string;
};

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";
export const DOCUMENT_TITLE = "BÁO CÁO";

const paragraphs = (text: string): BodyBlock[] =>
  text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => ({ kind: "paragraph", text: s }) as const);

const COMMUNE_WORD: Record<string, string> = { XA: "xã", PHUONG: "phường", DAC_KHU: "đặc khu" };

/** "xã Đồng Tâm" from ("Đồng Tâm", XA); a name that already says its kind stays as it is. */
export function communeFullName(name: string, kind: string): string {
  const m = /^(xã|phường|đặc khu|thị trấn)\s+/iu.exec(name);
  return m
    ? `${(m[1] ?? "").toLocaleLowerCase("vi")}${name.slice(m[1]?.length ?? 0)}`
    : `${COMMUNE_WORD[kind] ?? "xã"} ${name}`;
}

/** "Đồng Tâm" from "Xã Đồng Tâm": the place of the date line. */
export function communePlace(name: string): string {
  return name.replace(/^(xã|phường|đặc khu|thị trấn)\s+/iu, "");
}

/** "tỉnh Đồng Nai" unless the name already says "tỉnh" or "thành phố". */
export function provinceFullName(name: string): string {
  return /^(tỉnh|thành phố)\s+/iu.test(name) ? name : `tỉnh ${name}`;
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI"];

export function reviewDocumentText(input: ReviewDocumentInput): ReviewDocumentText {
  const { data, narrative, settings } = input;
  const tables = reviewTables(data);
  const section = (k: TNarrativeSection) => paragraphs(narrative[k]);
  const charts: BodyBlock[] = input.charts.map((chart) => ({ kind: "chart", chart }));
  const agency = `Công an ${communeFullName(data.communeName, data.communeKind)}`;

  const body: BodyBlock[] = [
    {
      kind: "paragraph",
      text:
        `Thực hiện kế hoạch triển khai mô hình “Zalo kết nối bình yên”, ${agency} báo cáo kết quả thực hiện từ ngày ` +
        `${shortDate(data.period.from)} đến ngày ${shortDate(data.period.to)}` +
        (data.previousPeriod
          ? `, so sánh với cùng kỳ trước (từ ngày ${shortDate(data.previousPeriod.from)} đến ngày ${shortDate(data.previousPeriod.to)}), như sau:`
          : ", như sau:"),
    },
    { kind: "heading", text: `${ROMAN[0]}. ${NARRATIVE_HEADINGS.results.toLocaleUpperCase("vi")}` },
    ...section("results"),
    { kind: "subheading", text: "Số liệu cụ thể" },
    {
      kind: "note",
      text: "Số liệu thống kê theo số lượng; không nêu danh tính người báo tin, người bị tố giác.",
    },
    ...tables.flatMap((table): BodyBlock[] => [{ kind: "table", table }]),
    ...charts,
    {
      kind: "heading",
      text: `${ROMAN[1]}. ${NARRATIVE_HEADINGS.shortcomings.toLocaleUpperCase("vi")} VÀ NGUYÊN NHÂN`,
    },
    { kind: "subheading", text: `1. ${NARRATIVE_HEADINGS.shortcomings}` },
    ...section("shortcomings"),
    { kind: "subheading", text: `2. ${NARRATIVE_HEADINGS.causes}` },
    ...section("causes"),
    { kind: "heading", text: `${ROMAN[2]}. ${NARRATIVE_HEADINGS.lessons.toLocaleUpperCase("vi")}` },
    ...section("lessons"),
    { kind: "heading", text: `${ROMAN[3]}. ${NARRATIVE_HEADINGS.directions.toLocaleUpperCase("vi")}` },
    ...section("directions"),
    {
      kind: "paragraph",
      text: `Trên đây là báo cáo kết quả thực hiện mô hình “Zalo kết nối bình yên” của ${agency}./.`,
    },
  ];

  return {
    parentAgency: settings.parentAgency,
    issuingAgency: settings.issuingAgency,
    numberLine: input.issued
      ? documentNumberText(input.issued.number, settings.symbol)
      : draftNumberText(settings.symbol),
    nationalTitle: NATIONAL_TITLE,
    motto: MOTTO,
    dateLine: input.issued
      ? dateLine(settings.place, input.issued.on)
      : draftDateLine(settings.place, input.draftYear),
    draftMark: input.issued ? null : "DỰ THẢO",
    title: DOCUMENT_TITLE,
    summary: settings.summary,
    body,
    recipientsLabel: "Nơi nhận:",
    recipients: recipientLines(settings.recipients, settings.archiveUnit),
    signature: signatureLines(settings.signer),
    fileStem: `bao-cao-so-ket-${data.period.from}-${data.period.to}${input.issued ? `-so-${input.issued.number}` : "-du-thao"}`,
  };
}
