import { parse as parseCsv } from "csv-parse/sync";
import type { Worksheet } from "exceljs";
import ExcelJS from "exceljs";
import { nfc, searchKey } from "../../core/text";

/**
 * Reads a household list uploaded by an area officer (CSV or XLSX) into raw text rows. Pure: no
 * database, no validation of names or phones (the import service reports those per row).
 */

export type HouseholdColumn = "headName" | "address" | "phones" | "members" | "code";
export type RawHouseholdRow = {
  row: number;
  headName: string;
  address: string;
  phones: string;
  members: string;
  code: string;
};
export type ParsedHouseholdFile = {
  format: "csv" | "xlsx";
  rows: RawHouseholdRow[];
  columns: Record<HouseholdColumn, string | null>;
};
export type ImportFileErrorCode =
  | "NOT_CSV_OR_XLSX"
  | "LEGACY_XLS"
  | "TOO_LARGE"
  | "TOO_MANY_ROWS"
  | "EMPTY"
  | "NO_HEAD_COLUMN";

/** `message` is Vietnamese and meant to be shown to the officer as is. */
export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ImportFileError";
  }
}

const COLUMNS: readonly HouseholdColumn[] = ["headName", "address", "phones", "members", "code"];
const HEADER_SCAN_ROWS = 15;
const MB = 1024 * 1024;

/**
 * Header synonyms as accent-free keys. `loose` ones also match inside a longer header ("Họ và tên chủ
 * hộ (*)", "Số điện thoại liên hệ"); `exact` ones are too generic for that ("Mã", "ID", "Name") and
 * match only alone or followed by a number ("SĐT 1", "ĐT 2").
 */
const SYNONYMS: Record<HouseholdColumn, { loose: readonly string[]; exact: readonly string[] }> = {
  headName: {
    loose: [
      "chủ hộ",
      "họ tên chủ hộ",
      "họ và tên chủ hộ",
      "tên chủ hộ",
      "họ và tên",
      "họ tên",
      "người đại diện",
      "đại diện hộ",
      "household head",
      "head of household",
      "head name",
      "full name",
    ],
    exact: ["head", "name", "tên"],
  },
  address: {
    loose: ["địa chỉ", "nơi ở", "chỗ ở", "nơi cư trú", "address"],
    exact: [],
  },
  phones: {
    loose: [
      "số điện thoại",
      "điện thoại",
      "sđt",
      "sdt",
      "số đt",
      "di động",
      "số zalo",
      "phone",
      "phones",
      "phone number",
      "mobile",
      "telephone",
    ],
    exact: ["đt", "tel"],
  },
  members: {
    loose: [
      "số nhân khẩu",
      "nhân khẩu",
      "số thành viên",
      "số người",
      "số khẩu",
      "members",
      "number of members",
      "household size",
    ],
    exact: ["size"],
  },
  code: {
    loose: ["mã hộ", "mã hộ gia đình", "mã số hộ", "số hộ", "household code", "household id", "code"],
    exact: ["mã", "id"],
  },
};

type Synonym = { column: HouseholdColumn; tokens: string[]; exact: boolean };

/** Accent-free, lower-case, punctuation-free key of a header cell; "(*)" and "[ghi chú]" dropped. */
function headerKey(text: string): string {
  return searchKey(text)
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/([a-z])(\d)/g, "$1 $2")
    .trim();
}

const SYNONYM_LIST: readonly Synonym[] = COLUMNS.flatMap((column) => [
  ...SYNONYMS[column].loose.map((s) => ({ column, tokens: headerKey(s).split(" "), exact: false })),
  ...SYNONYMS[column].exact.map((s) => ({ column, tokens: headerKey(s).split(" "), exact: true })),
]);

type HeaderMatch = { column: HouseholdColumn; rank: number };

/**
 * Which column a header cell names. The earliest synonym wins because Vietnamese puts the head noun
 * first: "Số điện thoại chủ hộ" is a phone column, "Họ tên chủ hộ" a name column.
 */
function matchHeader(text: string): HeaderMatch | undefined {
  const key = headerKey(text);
  if (key === "") {
    return undefined;
  }
  const tokens = key.split(" ");
  let best: HeaderMatch | undefined;
  for (const syn of SYNONYM_LIST) {
    const n = syn.tokens.length;
    for (let pos = 0; pos + n <= tokens.length; pos++) {
      if (!syn.tokens.every((t, i) => tokens[pos + i] === t)) {
        continue;
      }
      const extra = tokens.filter((_, i) => i < pos || i >= pos + n);
      const fits = syn.exact ? pos === 0 && extra.every((t) => /^\d+$/.test(t)) : extra.length <= 3;
      if (fits) {
        // Lower is better: a whole-cell match, then the earliest, then the longest synonym.
        const rank = (extra.length === 0 ? 0 : 10_000) + pos * 100 - syn.tokens.join(" ").length;
        if (best === undefined || rank < best.rank) {
          best = { column: syn.column, rank };
        }
      }
      break;
    }
  }
  return best;
}

type Mapping = {
  indices: Record<HouseholdColumn, number[]>;
  columns: Record<HouseholdColumn, string | null>;
  /** How many of the five columns the row names, and how well it names the head column. */
  named: number;
  headRank: number;
};

function mapHeader(cells: readonly string[]): Mapping | undefined {
  const found: { column: HouseholdColumn; rank: number; index: number }[] = [];
  cells.forEach((cell, index) => {
    const m = cell === "" ? undefined : matchHeader(cell);
    if (m) {
      found.push({ ...m, index });
    }
  });
  const indices: Record<HouseholdColumn, number[]> = {
    headName: [],
    address: [],
    phones: [],
    members: [],
    code: [],
  };
  const columns: Record<HouseholdColumn, string | null> = {
    headName: null,
    address: null,
    phones: null,
    members: null,
    code: null,
  };
  let headRank = Number.POSITIVE_INFINITY;
  for (const column of COLUMNS) {
    const mine = found.filter((f) => f.column === column);
    // Every phone column counts ("SĐT 1", "SĐT 2"); for the others the best-named one wins.
    const chosen =
      column === "phones" ? mine : mine.sort((a, b) => a.rank - b.rank || a.index - b.index).slice(0, 1);
    indices[column] = chosen.map((c) => c.index).sort((a, b) => a - b);
    columns[column] = chosen.length > 0 ? indices[column].map((i) => cells[i] ?? "").join(", ") : null;
    if (column === "headName") {
      headRank = chosen[0]?.rank ?? headRank;
    }
  }
  const named = COLUMNS.filter((c) => indices[c].length > 0).length;
  return indices.headName.length > 0 ? { indices, columns, named, headRank } : undefined;
}

/**
 * Whether `a` is a likelier header row than `b`: it names more columns (a title such as "Danh sách
 * chủ hộ" names one at most), or as many with a plainer head column ("Họ và tên" beats a phrase
 * that merely contains "chủ hộ").
 */
function betterHeader(a: Mapping, b: Mapping | undefined): boolean {
  if (b === undefined) {
    return true;
  }
  const aMany = a.named >= 2;
  const bMany = b.named >= 2;
  return aMany !== bMany ? aMany : !aMany && a.headRank < b.headRank;
}

/** NFC, no zero-width characters, inner whitespace (newlines too) collapsed, trimmed. */
function clean(s: string): string {
  return nfc(s)
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

type SourceRow = { n: number; cells: readonly unknown[] };

type Header = { mapping: Mapping; at: number };

/**
 * The header row: among the first 15 non-empty rows, the first that names the head column and at
 * least one other, else the one that names the head column best. "blank" when all rows are empty.
 */
function findHeader(
  source: readonly SourceRow[],
  text: (v: unknown) => string,
): Header | "blank" | "no-head" {
  let found: Header | undefined;
  let scanned = 0;
  for (let i = 0; i < source.length && scanned < HEADER_SCAN_ROWS; i++) {
    const cells = Array.from(source[i]?.cells ?? [], (c) => clean(text(c)));
    if (cells.every((c) => c === "")) {
      continue;
    }
    scanned++;
    const mapping = mapHeader(cells);
    if (mapping === undefined) {
      continue;
    }
    if (mapping.named >= 2) {
      return { mapping, at: i };
    }
    if (betterHeader(mapping, found?.mapping)) {
      found = { mapping, at: i };
    }
  }
  return found ?? (scanned === 0 ? "blank" : "no-head");
}

function noHeadError(): ImportFileError {
  return new ImportFileError(
    "NO_HEAD_COLUMN",
    "Không tìm thấy cột tên chủ hộ trong 15 dòng đầu của tệp. Dòng tiêu đề cần có một cột tên là " +
      "“Họ và tên chủ hộ”, “Chủ hộ”, “Tên chủ hộ”, “Họ và tên”, “Họ tên”, “Head of household” hoặc “Name” " +
      "(không phân biệt chữ hoa, có dấu hay không dấu). Có thể tải tệp mẫu để xem cách trình bày.",
  );
}

function extractRows(
  format: "csv" | "xlsx",
  source: readonly SourceRow[],
  text: (v: unknown) => string,
  header: Header,
  maxRows: number,
): ParsedHouseholdFile {
  const { indices, columns } = header.mapping;
  const pick = (cells: readonly unknown[], cols: readonly number[]): string => {
    if (cols.length === 1) {
      return clean(text(cells[cols[0] ?? -1]));
    }
    return cols
      .map((c) => clean(text(cells[c])))
      .filter((s) => s !== "")
      .join(", ");
  };
  const rows: RawHouseholdRow[] = [];
  for (let i = header.at + 1; i < source.length; i++) {
    const src = source[i];
    if (src === undefined) {
      continue;
    }
    const r: RawHouseholdRow = {
      row: src.n,
      headName: pick(src.cells, indices.headName),
      address: pick(src.cells, indices.address),
      phones: pick(src.cells, indices.phones),
      members: pick(src.cells, indices.members),
      code: pick(src.cells, indices.code),
    };
    if (r.headName === "" && r.address === "" && r.phones === "" && r.members === "" && r.code === "") {
      continue;
    }
    // A header repeated further down (lists pasted together), and the "(1) (2) (3)" column-number
    // row that administrative forms put under the header, are not households.
    if (r.headName === columns.headName || (rows.length === 0 && isColumnNumberRow(r))) {
      continue;
    }
    rows.push(r);
    if (rows.length > maxRows) {
      throw new ImportFileError(
        "TOO_MANY_ROWS",
        `Tệp có hơn ${maxRows.toLocaleString("vi-VN")} dòng dữ liệu. Hãy chia danh sách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.`,
      );
    }
  }
  if (rows.length === 0) {
    throw new ImportFileError("EMPTY", "Tệp chỉ có dòng tiêu đề, chưa có hộ gia đình nào.");
  }
  return { format, rows, columns };
}

function isColumnNumberRow(r: RawHouseholdRow): boolean {
  const values = [r.code, r.headName, r.address, r.phones, r.members].filter((v) => v !== "");
  return values.length >= 2 && values.every((v) => /^\(?\d{1,2}\)?$/.test(v));
}

function emptyError(): ImportFileError {
  return new ImportFileError("EMPTY", "Tệp trống, không có dữ liệu hộ gia đình.");
}

// ---------------------------------------------------------------------------------------------------
// Format detection

const startsWith = (bytes: Buffer, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const KNOWN_BINARY: readonly { magic: number[]; what: string }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "tệp PDF" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "tệp ảnh" },
  { magic: [0xff, 0xd8, 0xff], what: "tệp ảnh" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "tệp ảnh" },
  { magic: [0x52, 0x49, 0x46, 0x46], what: "tệp ảnh hoặc âm thanh" },
  { magic: [0x1f, 0x8b], what: "tệp nén" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "tệp nén" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "tệp nén" },
];

function notSupported(fileName: string, what: string): ImportFileError {
  const name = fileName.trim() === "" ? "Tệp" : `Tệp “${clean(fileName)}”`;
  return new ImportFileError(
    "NOT_CSV_OR_XLSX",
    `${name} là ${what}, không phải bảng tính. Chỉ nhận tệp Excel (.xlsx) hoặc CSV; có thể tải tệp mẫu để điền.`,
  );
}

export async function parseHouseholdFile(
  bytes: Buffer,
  fileName: string,
  opts: { maxBytes: number; maxRows: number },
): Promise<ParsedHouseholdFile> {
  if (bytes.length > opts.maxBytes) {
    throw new ImportFileError(
      "TOO_LARGE",
      `Tệp quá lớn (${formatMb(bytes.length)} MB). Dung lượng tối đa là ${formatMb(opts.maxBytes)} MB.`,
    );
  }
  if (bytes.length === 0) {
    throw emptyError();
  }
  if (startsWith(bytes, OLE)) {
    throw new ImportFileError(
      "LEGACY_XLS",
      "Tệp Excel cũ (.xls): hãy mở và lưu lại dưới dạng .xlsx rồi nhập lại. (Nếu tệp có đặt mật khẩu, hãy gỡ mật khẩu trước.)",
    );
  }
  if (startsWith(bytes, ZIP)) {
    return parseXlsx(bytes, fileName, opts);
  }
  const binary = KNOWN_BINARY.find((k) => startsWith(bytes, k.magic));
  if (binary) {
    throw notSupported(fileName, binary.what);
  }
  return parseCsvText(decodeText(bytes, fileName), opts.maxRows);
}

function formatMb(n: number): string {
  return (Math.round((n / MB) * 10) / 10).toLocaleString("vi-VN");
}

// ---------------------------------------------------------------------------------------------------
// CSV

function decodeText(bytes: Buffer, fileName: string): string {
  let encoding = "utf-8";
  let start = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    start = 3;
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = "utf-16le";
    start = 2;
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = "utf-16be";
    start = 2;
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    if (encoding === "utf-8" && !hasControlChars(bytes.subarray(0, 4096))) {
      // Excel's plain "CSV (Comma delimited)" writes the Windows code page, not UTF-8.
      throw new ImportFileError(
        "NOT_CSV_OR_XLSX",
        "Tệp CSV không dùng bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel, hãy chọn Lưu thành → “CSV UTF-8 (Comma delimited)” hoặc lưu dạng .xlsx rồi nhập lại.",
      );
    }
    throw notSupported(fileName, "dữ liệu nhị phân");
  }
  // Text files have no NULs and almost no C0 controls besides tab and line breaks.
  if (text.includes("\u0000") || hasControlChars(text.slice(0, 65_536))) {
    throw notSupported(fileName, "dữ liệu nhị phân");
  }
  return text;
}

/** C0 control characters other than tab, line breaks, vertical tab and form feed (9–13). */
function hasControlChars(s: string | Buffer): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = typeof s === "string" ? s.charCodeAt(i) : (s[i] ?? 0);
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) {
      return true;
    }
  }
  return false;
}

const DELIMITERS = [",", ";", "\t"] as const;

/** Splits one physical line on `d` outside double quotes; good enough to find the header line. */
function splitLine(line: string, d: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (ch === d && !quoted) {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

/** The delimiter that splits a line into the likeliest header (judged as in findHeader). */
function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 65_536)
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== "")
    .slice(0, HEADER_SCAN_ROWS);
  const sep = /^sep=(.)\s*$/i.exec(lines[0] ?? "");
  if (sep?.[1]) {
    return sep[1];
  }
  let fallback: { d: string; mapping: Mapping } | undefined;
  for (const line of lines) {
    let best: { d: string; mapping: Mapping; cells: number } | undefined;
    for (const d of DELIMITERS) {
      const cells = splitLine(line, d).map(clean);
      const mapping = mapHeader(cells);
      if (
        mapping &&
        (!best ||
          mapping.named > best.mapping.named ||
          (mapping.named === best.mapping.named && cells.length > best.cells))
      ) {
        best = { d, mapping, cells: cells.length };
      }
    }
    if (best && best.mapping.named >= 2) {
      return best.d;
    }
    if (best && betterHeader(best.mapping, fallback?.mapping)) {
      fallback = best;
    }
  }
  if (fallback) {
    return fallback.d;
  }
  const first = lines[0] ?? "";
  const counts = DELIMITERS.map((d) => splitLine(first, d).length);
  const max = Math.max(...counts);
  return DELIMITERS[counts.indexOf(max)] ?? ",";
}

function parseCsvText(text: string, maxRows: number): ParsedHouseholdFile {
  if (text.trim() === "") {
    throw emptyError();
  }
  const source: SourceRow[] = [];
  try {
    parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      ltrim: true,
      rtrim: true,
      // Collect here instead of building csv-parse's output array (null drops the record there).
      on_record: (record: string[], context) => {
        // context.lines is the line where the record ends; a quoted field may span several lines.
        let inner = 0;
        for (const field of record) {
          for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) {
            inner++;
          }
        }
        source.push({ n: context.lines - inner, cells: record });
        return null;
      },
    });
  } catch (err) {
    const line =
      typeof err === "object" && err !== null && "lines" in err ? ` gần dòng ${String(err.lines)}` : "";
    throw new ImportFileError(
      "NOT_CSV_OR_XLSX",
      `Tệp CSV bị lỗi định dạng${line} (thường do dấu ngoặc kép " chưa đóng). Hãy mở bằng Excel, lưu lại rồi nhập lại.`,
    );
  }
  const cell = (v: unknown): string => (typeof v === "string" ? v : "");
  const header = findHeader(source, cell);
  if (header === "blank") {
    throw emptyError();
  }
  if (header === "no-head") {
    throw noHeadError();
  }
  return extractRows("csv", source, cell, header, maxRows);
}

// ---------------------------------------------------------------------------------------------------
// XLSX

async function parseXlsx(
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

// ---------------------------------------------------------------------------------------------------
// Template

const TEMPLATE_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Địa chỉ", "Số điện thoại", "Số nhân khẩu"];
const TEMPLATE_ROWS: readonly (readonly [string, string, string, string, number])[] = [
  ["TP-001", "Nguyễn Văn An", "Tổ 3, Ấp Tân Phú", "0912 345 678; 0987 654 321", 4],
  ["TP-002", "Trần Thị Bích Ngọc", "Tổ 5, Ấp Tân Phú", "0386 123 456", 3],
];
const TEMPLATE_GUIDE: readonly (readonly [string, string])[] = [
  [
    "Mã hộ",
    "Không bắt buộc. Mã riêng của hộ trong ấp (ví dụ TP-001); nếu có, dùng để nhận ra hộ khi nhập lại.",
  ],
  ["Họ và tên chủ hộ", "Bắt buộc. Họ và tên đầy đủ, có dấu, của chủ hộ."],
  ["Địa chỉ", "Tổ, ấp/khu phố, số nhà nếu có (ví dụ: Tổ 3, Ấp Tân Phú)."],
  [
    "Số điện thoại",
    "Số điện thoại di động của hộ; có thể ghi nhiều số, cách nhau bởi dấu “;” hoặc “,”. Cột đã định dạng Văn bản để giữ số 0 ở đầu.",
  ],
  ["Số nhân khẩu", "Số người trong hộ (một con số)."],
  ["Lưu ý", "Mỗi dòng là một hộ gia đình. Giữ nguyên dòng tiêu đề; có thể đổi thứ tự các cột."],
  ["Nhập lại", "Nhập lại cùng một tệp không làm thay đổi gì: các hộ đã có sẽ không bị tạo thêm."],
];

export async function householdTemplate(format: "xlsx" | "csv"): Promise<Buffer> {
  if (format === "csv") {
    const quote = (v: string | number): string => {
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [TEMPLATE_HEADERS, ...TEMPLATE_ROWS].map((r) => r.map(quote).join(","));
    // The BOM makes Excel read the file as UTF-8 instead of the Windows code page.
    return Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`, "utf8");
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bình Yên";
  const sheet = workbook.addWorksheet("Danh sách hộ", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: TEMPLATE_HEADERS[0], width: 12 },
    { header: TEMPLATE_HEADERS[1], width: 28 },
    { header: TEMPLATE_HEADERS[2], width: 32 },
    { header: TEMPLATE_HEADERS[3], width: 30, style: { numFmt: "@" } },
    { header: TEMPLATE_HEADERS[4], width: 14 },
  ];
  for (const r of TEMPLATE_ROWS) {
    sheet.addRow([...r]);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0B3D91" } };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 22;

  const guide = workbook.addWorksheet("Hướng dẫn");
  guide.columns = [
    { header: "Cột", width: 20 },
    { header: "Cách điền", width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const [column, how] of TEMPLATE_GUIDE) {
    guide.addRow([column, how]).alignment = { wrapText: true, vertical: "top" };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
