import { parse as parseCsv } from "csv-parse/sync";
import { ImportFileError, type ParsedHouseholdFile } from "./import-file-types";
import {
  betterHeader,
  clean,
  emptyError,
  extractRows,
  findHeader,
  HEADER_SCAN_ROWS,
  type Mapping,
  mapHeader,
  noHeadError,
  notSupported,
  type SourceRow,
  startsWith,
} from "./import-header";

/** CSV uploads: text decoding (UTF-8/UTF-16 with or without BOM), delimiter detection, parsing. */

export function decodeText(bytes: Buffer, fileName: string): string {
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

export function parseCsvText(text: string, maxRows: number): ParsedHouseholdFile {
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
