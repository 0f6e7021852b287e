import type { TContentFinding } from "@binhyen/contracts";
import { fileTypeFromBuffer } from "file-type";
import JSZip from "jszip";
import sharp from "sharp";
import { getDocumentProxy, getMeta } from "unpdf";
import { AppError } from "../../core/errors";
import { findSecrecyMarkings } from "./content-check";

/**
 * Attachments of announcements. The type comes from the bytes (file-type), never from the name or
 * the client's Content-Type. Images are decoded and re-encoded, so whatever rode along in the
 * original (EXIF GPS of the officer's phone, a payload after the image data) is dropped. Documents
 * are kept as uploaded but must not carry secrecy markings (domain-vn req. 14) in the name, the
 * metadata or the first page; their first-page text goes back to the caller for the full content
 * check of req. 12–13.
 */
export type CheckedFile = {
  kind: "image" | "file";
  contentType: string;
  name: string;
  bytes: Buffer;
  width?: number;
  height?: number;
  /** Extracted first-page text, or "" for images. */
  text: string;
};

const MAX_SIDE = 2000;
const JPEG_QUALITY = 85;
// 100 megapixels: far above any phone camera, far below what would exhaust memory (a pixel bomb).
const MAX_INPUT_PIXELS = 100_000_000;
const FIRST_TEXT_CHARS = 3000;
// Bytes of decompressed XML read from an Office part: enough for the first page, and a zip bomb
// cannot make us inflate more than this.
const MAX_XML_BYTES = 1_000_000;
const MAX_NAME = 120;

const ACCEPTED_MESSAGE =
  "Chỉ nhận ảnh (JPEG, PNG, WebP, HEIC) và tài liệu PDF, Word (.docx), Excel (.xlsx). " +
  "Tệp này không thuộc các loại trên nên không thể đính kèm.";

const IMAGE_MIMES = new Set(["image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"]);
const DOCUMENTS: Record<string, "pdf" | "docx" | "xlsx"> = { pdf: "pdf", docx: "docx", xlsx: "xlsx" };

const mb = (bytes: number) =>
  new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));

function invalid(message: string, detail: string): AppError {
  return new AppError("VALIDATION_FAILED", message, [{ path: "file", message: detail }]);
}

/**
 * A safe display name: no directories, no control or bidi-override characters (which can disguise
 * "gpj.exe" as "exe.jpg"), Vietnamese letters kept, at most 120 characters, and the extension of
 * the type the bytes really are.
 */
export function sanitizeFileName(raw: string, ext: string): string {
  const leaf = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = leaf
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N} ._\-()[\],+&'!]/gu, "_")
    .replace(/\s+/g, " ")
    .trim();
  const base = cleaned.replace(/\.[\p{L}\p{N}]{1,5}$/u, "").replace(/^[\s._]+|[\s._]+$/g, "");
  const room = MAX_NAME - ext.length - 1;
  const short = [...(base || "tep-dinh-kem")].slice(0, room).join("").trimEnd();
  return `${short}.${ext}`;
}

function blocked(name: string, findings: TContentFinding[]): AppError {
  const marks = [...new Set(findings.map((f) => f.excerpt))].map((m) => `"${m}"`).join(", ");
  return new AppError(
    "CONTENT_BLOCKED",
    `Không thể đính kèm tệp "${name}": tệp mang dấu độ mật hoặc dấu hạn chế phát hành (${marks}) ở tên tệp, ` +
      "thông tin tệp hoặc trang đầu. Luật Bảo vệ bí mật nhà nước (số 29/2018/QH14) cấm đưa bí mật nhà nước lên " +
      "Internet, mạng máy tính và mạng viễn thông; nền tảng này không phải kênh truyền bí mật nhà nước hay tài " +
      "liệu nội bộ. Chỉ đính kèm tài liệu đã được phép công bố rộng rãi.",
    { findings },
  );
}

// --- images -------------------------------------------------------------------------------------

async function reencodeImage(bytes: Buffer, heic: boolean) {
  try {
    // sharp keeps no metadata unless asked (no keepMetadata/withMetadata here): EXIF, GPS, XMP and
    // ICC are gone. rotate() first applies the EXIF orientation so the photo stays upright.
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw heic
      ? invalid(
          "Máy chủ không đọc được ảnh HEIC này. Hãy gửi ảnh dạng JPEG (trên iPhone: Cài đặt > Camera > " +
            "Định dạng > Tương thích nhất) hoặc chụp màn hình ảnh rồi gửi lại.",
          "unreadable image",
        )
      : invalid("Không đọc được ảnh: tệp bị hỏng hoặc quá lớn. Hãy chọn ảnh khác.", "unreadable image");
  }
}

// --- PDF ----------------------------------------------------------------------------------------

function isIterable(v: unknown): v is Iterable<unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Partial<Iterable<unknown>>)[Symbol.iterator] === "function"
  );
}

async function readPdf(bytes: Buffer): Promise<{ meta: string[]; text: string }> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js may transfer (detach) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch {
    throw invalid(
      "Không mở được tệp PDF: tệp bị hỏng hoặc được đặt mật khẩu. Hãy gửi bản PDF không đặt mật khẩu.",
      "unreadable pdf",
    );
  }
  try {
    const { info, metadata } = await getMeta(pdf);
    const meta: string[] = [];
    for (const key of ["Title", "Subject", "Keywords", "Author"]) {
      const value: unknown = info[key];
      if (typeof value === "string") {
        meta.push(value);
      }
    }
    // XMP (dc:title, dc:description …) may say what the Info dictionary does not. pdf.js's Metadata
    // yields [name, value] pairs; without XMP, unpdf hands back a plain {} whatever its typings say.
    const xmp: unknown = metadata;
    if (isIterable(xmp)) {
      for (const entry of xmp) {
        if (Array.isArray(entry) && typeof entry[1] === "string") {
          meta.push(entry[1]);
        }
      }
    }
    // Page 1 only: unpdf's extractText reads every page, and a 500-page PDF would stall the upload.
    const page = await pdf.getPage(1);
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? `${item.str}${item.hasEOL ? "\n" : ""}` : ""))
      .join("");
    return { meta, text };
  } catch {
    throw invalid("Không đọc được nội dung tệp PDF. Hãy xuất lại tệp PDF rồi gửi lại.", "unreadable pdf");
  } finally {
    await pdf.destroy();
  }
}

// --- DOCX / XLSX --------------------------------------------------------------------------------

/** Reads at most `max` decompressed bytes of a zip entry, so a zip bomb cannot exhaust memory. */
function readPrefix(file: JSZip.JSZipObject | null, max: number): Promise<string> {
  if (!file) {
    return Promise.resolve("");
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stream = file.nodeStream("nodebuffer");
    const finish = () => {
      stream.removeAllListeners();
      stream.pause();
      resolve(new TextDecoder().decode(Buffer.concat(chunks).subarray(0, max)));
    };
    stream.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= max) {
        finish();
      }
    });
    stream.on("end", finish);
    stream.on("error", reject);
  });
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (e.startsWith("#")) {
      const code = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return named[e.toLowerCase()] ?? "";
  });
}

/** Text runs of WordprocessingML (w:t) or SpreadsheetML (t), paragraphs and breaks as new lines. */
function xmlText(xml: string): string {
  let out = "";
  const tokens = /<(?:w:)?t(?:\s[^>]*)?>([^<]*)<\/(?:w:)?t>|<\/w:p>|<\/si>|<w:br\b[^>]*\/>|<w:tab\/>/g;
  for (const m of xml.matchAll(tokens)) {
    if (m[1] !== undefined) {
      out += decodeXml(m[1]);
    } else {
      out += m[0] === "<w:tab/>" ? "\t" : "\n";
    }
    if (out.length >= FIRST_TEXT_CHARS) {
      break;
    }
  }
  return out.slice(0, FIRST_TEXT_CHARS);
}

async function readOffice(bytes: Buffer, kind: "docx" | "xlsx"): Promise<{ meta: string[]; text: string }> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const core = await readPrefix(zip.file("docProps/core.xml"), 64 * 1024);
    const meta = [
      ...core.matchAll(/<(dc:title|dc:subject|cp:keywords|dc:description)\b[^>]*>([^<]*)<\/\1>/g),
    ].map((m) => decodeXml(m[2] ?? ""));
    if (kind === "xlsx") {
      return { meta, text: xmlText(await readPrefix(zip.file("xl/sharedStrings.xml"), MAX_XML_BYTES)) };
    }
    // A stamp at the top of every page usually lives in the header part, not in the body.
    const headerText: string[] = [];
    for (const h of zip.file(/^word\/header\d*\.xml$/).slice(0, 6)) {
      headerText.push(xmlText(await readPrefix(h, 64 * 1024)));
    }
    const body = xmlText(await readPrefix(zip.file("word/document.xml"), MAX_XML_BYTES));
    return { meta, text: [...headerText.filter((t) => t.trim() !== ""), body].join("\n") };
  } catch {
    // A broken zip directory or a corrupt deflate stream in one part: unreadable, so not accepted.
    throw invalid(
      "Không mở được tệp Word/Excel: tệp bị hỏng. Hãy lưu lại tệp rồi gửi lại.",
      "unreadable office file",
    );
  }
}

// --- entry point --------------------------------------------------------------------------------

export async function checkAnnouncementFile(input: {
  fileName: string;
  bytes: Buffer;
  maxBytes: number;
}): Promise<CheckedFile> {
  const { bytes, maxBytes } = input;
  if (bytes.length === 0) {
    throw invalid("Tệp trống. Hãy chọn lại tệp.", "empty file");
  }
  if (bytes.length > maxBytes) {
    throw invalid(
      `Tệp quá lớn (${mb(bytes.length)} MB). Dung lượng tối đa là ${mb(maxBytes)} MB.`,
      `file larger than ${maxBytes} bytes`,
    );
  }
  const type = await fileTypeFromBuffer(bytes);
  const image = type !== undefined && IMAGE_MIMES.has(type.mime);
  const document = type ? DOCUMENTS[type.ext] : undefined;
  if (!type || (!image && !document)) {
    throw invalid(ACCEPTED_MESSAGE, "unsupported type");
  }

  const name = sanitizeFileName(input.fileName, image ? "jpg" : type.ext);
  const field = `file:${name}`;
  // Underscores and dashes stand for spaces in file names: "TUYET_MAT.pdf" is "TUYET MAT".
  const nameFindings = findSecrecyMarkings(field, name.replace(/[_\-.+]+/g, " "));
  if (nameFindings.length > 0) {
    throw blocked(name, nameFindings);
  }

  if (image) {
    const out = await reencodeImage(bytes, type.ext === "heic");
    return {
      kind: "image",
      contentType: "image/jpeg",
      name,
      bytes: out.data,
      width: out.width,
      height: out.height,
      text: "",
    };
  }

  const { meta, text: raw } =
    document === "pdf" ? await readPdf(bytes) : await readOffice(bytes, document ?? "docx");
  const text = raw.normalize("NFC");
  const findings = new Map<string, TContentFinding>();
  for (const f of [
    ...meta.flatMap((m) => findSecrecyMarkings(field, m)),
    ...findSecrecyMarkings(field, text),
  ]) {
    if (!findings.has(f.excerpt)) {
      findings.set(f.excerpt, f);
    }
  }
  if (findings.size > 0) {
    throw blocked(name, [...findings.values()]);
  }
  return { kind: "file", contentType: type.mime, name, bytes, text };
}
