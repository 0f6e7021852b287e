/**
 * Pure formatting rules of Decree 30/2020 (Appendix I) used by the review report (domain-vn §3,
 * requirements 24–27): the date line, the number and symbol, the signature block, "Nơi nhận", page
 * geometry. No I/O; the DOCX and PDF builders both take their strings from here.
 */

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A calendar day "YYYY-MM-DD" as numbers; throws on anything else (callers pass validated dates). */
export function isoDateParts(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) {
    throw new Error(`not an ISO date: ${iso}`);
  }
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Requirement 25: "<Place>, ngày DD tháng M năm YYYY". The day gets a leading zero below 10, the
 * month only for January and February (so "tháng 01", "tháng 02", but "tháng 9").
 */
export function dateLine(place: string, isoDate: string): string {
  const { year, month, day } = isoDateParts(isoDate);
  const mm = month <= 2 ? pad2(month) : String(month);
  return `${place}, ngày ${pad2(day)} tháng ${mm} năm ${year}`;
}

/** The date line of a draft: blanks for the day and month, filled in by hand or at issue. */
export function draftDateLine(place: string, year: number): string {
  return `${place}, ngày      tháng      năm ${year}`;
}

/** "dd/mm/yyyy" (tables, spreadsheets, the summary line). */
export function shortDate(isoDate: string): string {
  const { year, month, day } = isoDateParts(isoDate);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** Type abbreviations of Appendix III that this module issues (a report is BC). */
export const DocType = { BC: "BC" } as const;
export type TDocType = (typeof DocType)[keyof typeof DocType];

/**
 * A symbol: the type abbreviation and the agency abbreviation (optionally the drafting unit) joined
 * by "-" without spaces, upper case: "BC-CAX", "BC-CAX-TH". Requirement 26.
 */
export const SYMBOL_PATTERN = /^BC(-[A-ZĐ0-9]+)+$/u;

export function documentSymbol(docType: TDocType, agencyAbbreviation: string): string {
  const symbol = `${docType}-${agencyAbbreviation.trim().toLocaleUpperCase("vi")}`;
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw new Error(`bad symbol: ${symbol}`);
  }
  return symbol;
}

/** The agency part of a symbol ("BC-CAX-TH" → "CAX"): numbers run per issuing agency. */
export function symbolAgency(symbol: string): string {
  return symbol.split("-")[1] ?? "";
}

/** Requirement 26: numbers below 10 get a leading zero; "/" between number and symbol. */
export function documentNumberText(num: number, symbol: string): string {
  if (!Number.isInteger(num) || num < 1) {
    throw new Error(`bad document number: ${num}`);
  }
  return `Số: ${num < 10 ? pad2(num) : String(num)}/${symbol}`;
}

/** The number line of a draft: the number is left blank until the document is issued. */
export function draftNumberText(symbol: string): string {
  return `Số:        /${symbol}`;
}

/** Requirement 27: the signing-authority prefixes (thay mặt, ký thay, quyền, thừa lệnh, thừa ủy quyền). */
export const SIGNER_PREFIXES = ["TM.", "KT.", "Q.", "TL.", "TUQ."] as const;
export type TSignerPrefix = (typeof SIGNER_PREFIXES)[number];

export type Signature = {
  prefix: TSignerPrefix | null;
  /** The authority signed for, e.g. "TRƯỞNG CÔNG AN" or "ỦY BAN NHÂN DÂN". */
  authority: string;
  /** The signer's own title under a prefix, e.g. "PHÓ TRƯỞNG CÔNG AN" after "KT. TRƯỞNG CÔNG AN". */
  title: string;
  name: string;
};

const ACADEMIC_TITLE = /^(GS|PGS|TS|ThS|KS|CN|BS|DS|LS|TSKH)\.?(\s|$)/iu;

/** Decree 30: the signer's name carries no academic title ("TS. Nguyễn Văn A" is refused). */
export const hasAcademicTitle = (name: string) => ACADEMIC_TITLE.test(name.trim());

/**
 * The signature block: the authority lines (UPPER, bold) and the name (bold, normal case). With a
 * prefix the signer's own title follows on the second line; Q. (acting) needs none.
 */
export function signatureLines(s: Signature): { titleLines: string[]; name: string } {
  const up = (t: string) => t.trim().toLocaleUpperCase("vi");
  const first = s.prefix ? `${s.prefix} ${up(s.authority)}` : up(s.authority);
  const second = up(s.title);
  return {
    titleLines: second && s.prefix && s.prefix !== "Q." ? [first, second] : [first],
    name: s.name.trim(),
  };
}

/** Why a signature is not valid, or null. */
export function signatureProblem(s: Signature): string | null {
  if (hasAcademicTitle(s.name)) {
    return "Tên người ký không ghi học hàm, học vị.";
  }
  if (s.prefix && s.prefix !== "Q." && s.title.trim() === "") {
    return `Sau "${s.prefix} ${s.authority}" cần ghi chức vụ của người ký.`;
  }
  return null;
}

/**
 * "Nơi nhận": each line starts with "-" and ends with ";", the last is "- Lưu: VT, <unit>."
 * (Appendix I, item 9b). Items may be given with or without the dash and the semicolon.
 */
export function recipientLines(items: readonly string[], archiveUnit: string): string[] {
  const clean = (s: string) =>
    s
      .trim()
      .replace(/^-\s*/, "")
      .replace(/[;.,]\s*$/, "")
      .trim();
  const lines = items
    .map(clean)
    .filter((s) => s !== "" && !/^Lưu\s*:/iu.test(s))
    .map((s) => `- ${s};`);
  return [...lines, `- Lưu: VT, ${clean(archiveUnit)}.`];
}

/** A4 portrait in twips, and the legal margin ranges in millimetres (Appendix I). */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
export const MARGIN_RANGE_MM = {
  top: [20, 25],
  bottom: [20, 25],
  left: [30, 35],
  right: [15, 20],
} as const;
export type Margins = { top: number; bottom: number; left: number; right: number };
export const DEFAULT_MARGINS_MM: Margins = { top: 20, bottom: 20, left: 30, right: 15 };

/**
 * Millimetres → twips, rounded up so that a margin never falls below its legal minimum:
 * 20 mm → 1134, 30 mm → 1701, 15 mm → 851 (requirement 24).
 */
export const mmToTwips = (mm: number) => Math.ceil((mm * 1440) / 25.4 - 1e-9);
/** Millimetres → PDF points (1/72 inch). */
export const mmToPoints = (mm: number) => (mm * 72) / 25.4;

export function marginsTwips(mm: Margins): Margins {
  return {
    top: mmToTwips(mm.top),
    bottom: mmToTwips(mm.bottom),
    left: mmToTwips(mm.left),
    right: mmToTwips(mm.right),
  };
}

/** Which margins are outside the legal range (paths for a validation error). */
export function marginProblems(mm: Margins): string[] {
  return (Object.keys(MARGIN_RANGE_MM) as (keyof Margins)[]).filter((k) => {
    const [lo, hi] = MARGIN_RANGE_MM[k];
    return !(mm[k] >= lo && mm[k] <= hi);
  });
}

/**
 * A rough printed width of a line of Times New Roman, in twips: enough to size the short rules
 * (1/3–1/2 of the text for the agency and the summary, the full line for the motto).
 */
export function textWidthTwips(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize("NFC")) {
    if (ch === " ") {
      em += 0.25;
    } else if (ch !== ch.toLocaleLowerCase("vi")) {
      em += 0.68;
    } else if (/[0-9]/.test(ch)) {
      em += 0.5;
    } else if (/[-.,:;/()]/.test(ch)) {
      em += 0.3;
    } else {
      em += 0.47;
    }
  }
  return Math.round(em * sizePt * 20 * (bold ? 1.05 : 1));
}

/**
 * Equal left/right insets that leave a rule of `fraction` × text width, centred in `columnWidth`
 * (any unit; `minRule` in the same unit, 600 twips ≈ 1 cm by default).
 */
export function ruleInset(columnWidth: number, textWidth: number, fraction: number, minRule = 600): number {
  const rule = Math.min(columnWidth, Math.max(minRule, Math.round(textWidth * fraction)));
  return Math.max(0, Math.round((columnWidth - rule) / 2));
}
