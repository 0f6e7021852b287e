import type { TReviewReport, TReviewSignerPrefix } from "@binhyen/contracts";
import type { ReviewReportChanges } from "./review-api";

/*
 * The review report's editing form as plain strings, to and from the report the server answers,
 * and the checks made before saving (the server checks again; Decree 30/2020 rules).
 */

export const NARRATIVE_KEYS = ["results", "shortcomings", "causes", "lessons", "directions"] as const;
export type NarrativeKey = (typeof NARRATIVE_KEYS)[number];

export const SIGNER_PREFIXES = [
  "TM.",
  "KT.",
  "Q.",
  "TL.",
  "TUQ.",
] as const satisfies readonly TReviewSignerPrefix[];

export const MARGIN_KEYS = ["top", "bottom", "left", "right"] as const;
export type MarginKey = (typeof MARGIN_KEYS)[number];
/** Millimetres allowed by Decree 30 (Appendix I). */
export const MARGIN_RANGES: Readonly<Record<MarginKey, readonly [number, number]>> = {
  top: [20, 25],
  bottom: [20, 25],
  left: [30, 35],
  right: [15, 20],
};

const SYMBOL = /^BC(-[A-ZĐ0-9]+)+$/u;
const ACADEMIC_TITLE = /^(GS|PGS|TS|ThS|KS|CN|BS|DS|LS|TSKH)\.?(\s|$)/iu;
const MAX_RECIPIENTS = 30;

export interface ReportForm {
  narrative: Record<NarrativeKey, string>;
  parentAgency: string;
  issuingAgency: string;
  symbol: string;
  place: string;
  summary: string;
  /** "" for no prefix: the head of the agency signs. */
  prefix: TReviewSignerPrefix | "";
  authority: string;
  title: string;
  name: string;
  /** One recipient per line. */
  recipients: string;
  archiveUnit: string;
  margins: Record<MarginKey, string>;
}

const mm = (value: number) => String(value).replace(".", ",");

export function formFromReport(report: Pick<TReviewReport, "narrative" | "settings">): ReportForm {
  const s = report.settings;
  return {
    narrative: { ...report.narrative },
    parentAgency: s.parentAgency,
    issuingAgency: s.issuingAgency,
    symbol: s.symbol,
    place: s.place,
    summary: s.summary,
    prefix: s.signer.prefix ?? "",
    authority: s.signer.authority,
    title: s.signer.title,
    name: s.signer.name,
    recipients: s.recipients.join("\n"),
    archiveUnit: s.archiveUnit,
    margins: {
      top: mm(s.margins.top),
      bottom: mm(s.margins.bottom),
      left: mm(s.margins.left),
      right: mm(s.margins.right),
    },
  };
}

/** "20", "20,5" or "20.5" → 20.5; NaN when it is no number. */
export function parseMillimetres(text: string): number {
  const clean = text.trim().replace(",", ".");
  return /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
}

/** The recipients as lines, without the "- " and ";" that printing adds back. */
export function recipientList(text: string): string[] {
  return text
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/^-\s*/, "")
        .replace(/[;.,]\s*$/, "")
        .trim(),
    )
    .filter((line) => line !== "");
}

/** Upper case as Vietnamese writes it ("công an xã" → "CÔNG AN XÃ"). */
const upper = (text: string) => text.trim().toLocaleUpperCase("vi");

export function changesOf(form: ReportForm): ReviewReportChanges {
  const narrative = Object.fromEntries(NARRATIVE_KEYS.map((key) => [key, form.narrative[key]])) as Record<
    NarrativeKey,
    string
  >;
  const hasTitle = form.prefix !== "" && form.prefix !== "Q.";
  return {
    narrative,
    settings: {
      parentAgency: upper(form.parentAgency),
      issuingAgency: upper(form.issuingAgency),
      symbol: upper(form.symbol),
      place: form.place.trim(),
      summary: form.summary.trim(),
      signer: {
        prefix: form.prefix === "" ? null : form.prefix,
        authority: upper(form.authority),
        title: hasTitle ? upper(form.title) : "",
        name: form.name.trim(),
      },
      recipients: recipientList(form.recipients),
      archiveUnit: form.archiveUnit.trim(),
      margins: {
        top: parseMillimetres(form.margins.top),
        bottom: parseMillimetres(form.margins.bottom),
        left: parseMillimetres(form.margins.left),
        right: parseMillimetres(form.margins.right),
      },
    },
  };
}

export type FormProblem =
  | "required"
  | "symbol"
  | "academicTitle"
  | "signerTitle"
  | "tooManyRecipients"
  | { margin: MarginKey; min: number; max: number };

/** Problems by field path ("settings.symbol", "settings.margins.top"), the server's paths. */
export function formProblems(form: ReportForm): Map<string, FormProblem> {
  const problems = new Map<string, FormProblem>();
  const required: [string, string][] = [
    ["settings.parentAgency", form.parentAgency],
    ["settings.issuingAgency", form.issuingAgency],
    ["settings.place", form.place],
    ["settings.summary", form.summary],
    ["settings.signer.authority", form.authority],
    ["settings.signer.name", form.name],
    ["settings.archiveUnit", form.archiveUnit],
  ];
  for (const [path, value] of required) {
    if (value.trim() === "") {
      problems.set(path, "required");
    }
  }
  if (!SYMBOL.test(upper(form.symbol))) {
    problems.set("settings.symbol", "symbol");
  }
  if (ACADEMIC_TITLE.test(form.name.trim())) {
    problems.set("settings.signer.name", "academicTitle");
  }
  if (form.prefix !== "" && form.prefix !== "Q." && form.title.trim() === "") {
    problems.set("settings.signer.title", "signerTitle");
  }
  if (recipientList(form.recipients).length > MAX_RECIPIENTS) {
    problems.set("settings.recipients", "tooManyRecipients");
  }
  for (const key of MARGIN_KEYS) {
    const [min, max] = MARGIN_RANGES[key];
    const value = parseMillimetres(form.margins[key]);
    if (!(value >= min && value <= max)) {
      problems.set(`settings.margins.${key}`, { margin: key, min, max });
    }
  }
  return problems;
}

const pad = (n: number) => String(n).padStart(2, "0");

/*
 * The number and date lines as printed (Decree 30; the document is in Vietnamese whatever the
 * interface's language, like the server's own text).
 */

/** "Đồng Tâm, ngày 05 tháng 3 năm 2026": the month gets its zero only for January and February. */
export function documentDateLine(place: string, isoDate: string): string {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  const m = Number(month);
  return `${place}, ngày ${pad(Number(day))} tháng ${m <= 2 ? pad(m) : String(m)} năm ${year}`;
}

/** A draft's date line: the day and month are written by hand or at issue. */
export const draftDateLine = (place: string, year: number): string =>
  `${place}, ngày      tháng      năm ${year}`;

/** A draft's number line: "Số:      /BC-CAX". */
export const draftNumberLine = (symbol: string): string => `Số:      /${symbol}`;

/** The signature block's title lines ("KT. TRƯỞNG CÔNG AN" / "PHÓ TRƯỞNG CÔNG AN"). */
export function signatureTitleLines(form: Pick<ReportForm, "prefix" | "authority" | "title">): string[] {
  const first = form.prefix ? `${form.prefix} ${upper(form.authority)}` : upper(form.authority);
  const second = upper(form.title);
  return second && form.prefix && form.prefix !== "Q." ? [first, second] : [first];
}
