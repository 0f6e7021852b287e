import { nfc, searchKey } from "../../core/text";
import {
  type HouseholdColumn,
  ImportFileError,
  type ParsedHouseholdFile,
  type RawHouseholdRow,
} from "./import-file-types";

/**
 * Header recognition and row extraction shared by the CSV and XLSX readers, plus the helpers and
 * errors both of them (and the format sniffing in import-file.ts) use.
 */

const COLUMNS: readonly HouseholdColumn[] = ["headName", "address", "phones", "members", "code"];
export const HEADER_SCAN_ROWS = 15;
export const MB = 1024 * 1024;

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

export type Mapping = {
  indices: Record<HouseholdColumn, number[]>;
  columns: Record<HouseholdColumn, string | null>;
  /** How many of the five columns the row names, and how well it names the head column. */
  named: number;
  headRank: number;
};

export function mapHeader(cells: readonly string[]): Mapping | undefined {
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
export function betterHeader(a: Mapping, b: Mapping | undefined): boolean {
  if (b === undefined) {
    return true;
  }
  const aMany = a.named >= 2;
  const bMany = b.named >= 2;
  return aMany !== bMany ? aMany : !aMany && a.headRank < b.headRank;
}

/** NFC, no zero-width characters, inner whitespace (newlines too) collapsed, trimmed. */
export function clean(s: string): string {
  return nfc(s)
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export type SourceRow = { n: number; cells: readonly unknown[] };

type Header = { mapping: Mapping; at: number };

/**
 * The header row: among the first 15 non-empty rows, the first that names the head column and at
 * least one other, else the one that names the head column best. "blank" when all rows are empty.
 */
export function findHeader(
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

export function noHeadError(): ImportFileError {
  return new ImportFileError(
    "NO_HEAD_COLUMN",
    "Không tìm thấy cột tên chủ hộ trong 15 dòng đầu của tệp. Dòng tiêu đề cần có một cột tên là " +
      "“Họ và tên chủ hộ”, “Chủ hộ”, “Tên chủ hộ”, “Họ và tên”, “Họ tên”, “Head of household” hoặc “Name” " +
      "(không phân biệt chữ hoa, có dấu hay không dấu). Có thể tải tệp mẫu để xem cách trình bày.",
  );
}

export function extractRows(
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

export function emptyError(): ImportFileError {
  return new ImportFileError("EMPTY", "Tệp trống, không có dữ liệu hộ gia đình.");
}

// ---------------------------------------------------------------------------------------------------
// Helpers shared with format detection and the CSV and XLSX readers

export const startsWith = (bytes: Buffer, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

export function notSupported(fileName: string, what: string): ImportFileError {
  const name = fileName.trim() === "" ? "Tệp" : `Tệp “${clean(fileName)}”`;
  return new ImportFileError(
    "NOT_CSV_OR_XLSX",
    `${name} là ${what}, không phải bảng tính. Chỉ nhận tệp Excel (.xlsx) hoặc CSV; có thể tải tệp mẫu để điền.`,
  );
}

export function formatMb(n: number): string {
  return (Math.round((n / MB) * 10) / 10).toLocaleString("vi-VN");
}
