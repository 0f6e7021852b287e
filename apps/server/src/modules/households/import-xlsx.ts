import type { Worksheet } from "exceljs";
import ExcelJS from "exceljs";
import { ImportFileError, type ParsedHouseholdFile } from "./import-file-types";
import {
  emptyError,
  extractRows,
  findHeader,
  formatMb,
  MB,
  noHeadError,
  notSupported,
  type SourceRow,
} from "./import-header";

/** XLSX uploads: the zip-bomb guard, reading the sheets, and cell values as the officer sees them. */

export async function parseXlsx(
  bytes: Buffer,
  fileName: string,
  opts: { maxBytes: number; maxRows: number },
): Promise<ParsedHouseholdFile> {
  // A zip bomb: a small upload that inflates to gigabytes would exhaust memory in exceljs.
  const inflated = zipInflatedSize(bytes);
  const limit = Math.max(100 * MB, 10 * opts.maxBytes);
  if (inflated === undefined) {
    throw notSupported(fileName, "tệp nén bị hỏng");
  }
  if (inflated > limit) {
    throw new ImportFileError(
      "TOO_LARGE",
      `Tệp giải nén ra quá lớn (hơn ${formatMb(limit)} MB). Hãy chỉ để lại danh sách hộ gia đình trong tệp.`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` as an ArrayBuffer; a plain copy satisfies it at runtime too.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw notSupported(fileName, "tệp nén (zip) nhưng không phải Excel .xlsx hợp lệ");
  }
  if (workbook.worksheets.length === 0) {
    throw notSupported(fileName, "tệp nén (zip) hoặc tài liệu khác, không phải Excel .xlsx");
  }
  let sawData = false;
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== "visible") {
      continue;
    }
    // The first sheet with a household header is the list; sheets without one (instructions,
    // notes) are passed over. A header with no rows under it is EMPTY, not a reason to look on.
    const source = sheetRows(sheet);
    const header = findHeader(source, cellText);
    if (header === "blank") {
      continue;
    }
    if (header === "no-head") {
      sawData = true;
      continue;
    }
    return extractRows("xlsx", source, cellText, header, opts.maxRows);
  }
  throw sawData ? noHeadError() : emptyError();
}

function sheetRows(sheet: Worksheet): SourceRow[] {
  const rows: SourceRow[] = [];
  sheet.eachRow((row, n) => {
    const values = row.values;
    // row.values is 1-based (index 0 is empty), which is harmless for the column lookup.
    rows.push({ n, cells: Array.isArray(values) ? values : [] });
  });
  return rows;
}

/** Text as the officer sees it in the cell. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) {
    return "";
  }
  if (typeof v === "string") {
    return v;
  }
  if (typeof v === "number") {
    return numberText(v);
  }
  if (typeof v === "boolean") {
    return v ? "TRUE" : "FALSE";
  }
  if (v instanceof Date) {
    // exceljs turns a date serial into a Date at UTC midnight: read it back in UTC.
    const dd = String(v.getUTCDate()).padStart(2, "0");
    const mm = String(v.getUTCMonth() + 1).padStart(2, "0");
    return `${dd}/${mm}/${v.getUTCFullYear()}`;
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return o.richText.map((r: { text?: unknown }) => cellText(r.text)).join("");
    }
    if ("formula" in o || "sharedFormula" in o) {
      return cellText(o.result);
    }
    if ("text" in o) {
      // A hyperlink; its text may itself be rich text.
      return cellText(o.text);
    }
    if ("error" in o) {
      return String(o.error);
    }
  }
  return "";
}

/** Numbers as Excel shows them (15 significant digits), never with an exponent: 912345678, not 9.1e8. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) {
    return "";
  }
  const r = Number(n.toPrecision(15));
  const s = String(r);
  return s.includes("e") ? r.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

/**
 * Sum of the uncompressed sizes in the zip's central directory, or undefined when there is none.
 * ZIP64 (sizes of 0xFFFFFFFF) counts as huge: no spreadsheet of ours needs it.
 */
function zipInflatedSize(bytes: Buffer): number | undefined {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  const minEnd = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= minEnd; p--) {
    if (bytes.readUInt32LE(p) !== EOCD) {
      continue;
    }
    const entries = bytes.readUInt16LE(p + 10);
    let q = bytes.readUInt32LE(p + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (q + 46 > bytes.length || bytes.readUInt32LE(q) !== CDH) {
        return undefined;
      }
      const size = bytes.readUInt32LE(q + 24);
      total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
      q += 46 + bytes.readUInt16LE(q + 28) + bytes.readUInt16LE(q + 30) + bytes.readUInt16LE(q + 32);
    }
    return total;
  }
  return undefined;
}
