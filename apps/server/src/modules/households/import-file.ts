import { decodeText, parseCsvText } from "./import-csv";
import { ImportFileError, type ParsedHouseholdFile } from "./import-file-types";
import { emptyError, formatMb, notSupported, startsWith } from "./import-header";
import { parseXlsx } from "./import-xlsx";

/**
 * Reads a household list uploaded by an area officer (CSV or XLSX) into raw text rows. Pure: no
 * database, no validation of names or phones (the import service reports those per row).
 */

export type {
  HouseholdColumn,
  ImportFileErrorCode,
  ParsedHouseholdFile,
  RawHouseholdRow,
} from "./import-file-types";
export { ImportFileError } from "./import-file-types";
export { householdTemplate } from "./import-template";

// ---------------------------------------------------------------------------------------------------
// Format detection

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
