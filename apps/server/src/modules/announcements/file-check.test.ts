import { createRequire } from "node:module";
import path from "node:path";
import JSZip from "jszip";
import PDFDocument from "pdfkit";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import { checkAnnouncementFile, sanitizeFileName } from "./file-check";

const FONT = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
  "DejaVuSans.ttf",
);
const MB = 1024 * 1024;

async function pdf(pages: string[], info: PDFKit.DocumentInfo = {}, pdfA = false): Promise<Buffer> {
  // PDF/A makes pdfkit also write XMP metadata (dc:title …).
  const doc = new PDFDocument(pdfA ? { info, subset: "PDF/A-1b", pdfVersion: "1.4" } : { info });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.font(FONT).fontSize(14);
  pages.forEach((text, i) => {
    if (i > 0) {
      doc.addPage();
    }
    doc.text(text);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A minimal DOCX: content types, package relationships, the body, optional core properties and header. */
async function docx(paragraphs: string[], opts: { title?: string; header?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      "</Relationships>",
  );
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  // Each paragraph split into two runs, as Word does when formatting changes mid-word.
  const body = paragraphs
    .map((p) => {
      const cut = Math.ceil(p.length / 2);
      return `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p.slice(0, cut))}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>${xmlEscape(p.slice(cut))}</w:t></w:r></w:p>`;
    })
    .join("");
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  if (opts.header) {
    zip.file(
      "word/header1.xml",
      `<w:hdr ${W}><w:p><w:r><w:t>${xmlEscape(opts.header)}</w:t></w:r></w:p></w:hdr>`,
    );
  }
  zip.file(
    "docProps/core.xml",
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:title>${xmlEscape(opts.title ?? "Thông báo")}</dc:title><dc:creator>Công an xã</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function xlsx(strings: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      "</Types>",
  );
  zip.file("xl/workbook.xml", "<workbook/>");
  zip.file(
    "xl/sharedStrings.xml",
    `<sst>${strings.map((s) => `<si><t xml:space="preserve">${xmlEscape(s)}</t></si>`).join("")}</sst>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: channels === 4 ? "#0a0c" : "#c33" } });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const check = (fileName: string, bytes: Buffer, maxBytes = 10 * MB) =>
  checkAnnouncementFile({ fileName, bytes, maxBytes });

describe("images", () => {
  it("re-encodes a phone photo to JPEG without EXIF/GPS, upright", async () => {
    const photo = await solid(300, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: "PhoneMaker", Model: "X1" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "10/1 57/1 0/1", GPSMapDatum: "WGS-84" },
      })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString("latin1")).toContain("WGS-84");

    const out = await check("IMG_0001.JPG", photo);
    expect(out).toMatchObject({ kind: "image", contentType: "image/jpeg", name: "IMG_0001.jpg", text: "" });
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.bytes.toString("latin1")).not.toContain("WGS-84");
    expect(out.bytes.toString("latin1")).not.toContain("PhoneMaker");
    // Orientation 6 rotates 300×200 to 200×300.
    expect([after.width, after.height, out.width, out.height]).toEqual([200, 300, 200, 300]);
  });

  it("shrinks large images to fit 2000 px and keeps small ones as they are", async () => {
    const big = await check("big.png", await solid(3000, 1500).png().toBuffer());
    expect([big.width, big.height]).toEqual([2000, 1000]);
    const small = await check("small.png", await solid(640, 480).png().toBuffer());
    expect([small.width, small.height]).toEqual([640, 480]);
  });

  it("turns PNG with transparency and WebP into JPEG named .jpg", async () => {
    const png = await check("Ảnh hiện trường.png", await solid(50, 40, 4).png().toBuffer());
    expect(png).toMatchObject({ kind: "image", contentType: "image/jpeg", name: "Ảnh hiện trường.jpg" });
    expect((await sharp(png.bytes).metadata()).hasAlpha).toBe(false);
    const webp = await check("anh.webp", await solid(50, 40).webp().toBuffer());
    expect(webp).toMatchObject({ contentType: "image/jpeg", name: "anh.jpg" });
  });

  it("trusts the bytes, not the extension: a PNG called .pdf is an image", async () => {
    const out = await check("thong-bao.pdf", await solid(20, 20).png().toBuffer());
    expect(out).toMatchObject({ kind: "image", name: "thong-bao.jpg" });
  });

  it("explains a HEIC it cannot decode", async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from("ftypheic"),
      Buffer.alloc(4),
      Buffer.from("mif1heic"),
      Buffer.alloc(200),
    ]);
    const err = await rejection(check("IMG_0002.HEIC", heic));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("HEIC");
    expect(err.message).toContain("JPEG");
  });

  it("rejects a broken image", async () => {
    const jpeg = await solid(100, 100).jpeg().toBuffer();
    const err = await rejection(check("a.jpg", jpeg.subarray(0, 40)));
    expect(err.code).toBe("VALIDATION_FAILED");
  });

  it("blocks an image whose name carries a secrecy marking", async () => {
    const err = await rejection(check("Sơ đồ TUYỆT MẬT.jpg", await solid(20, 20).jpeg().toBuffer()));
    expect(err.code).toBe("CONTENT_BLOCKED");
  });
});

describe("PDF", () => {
  it("accepts a clean PDF and returns the first page's text only", async () => {
    const bytes = await pdf(
      [
        "Thông báo phòng cháy chữa cháy\nKhi có cháy gọi 114. Liên hệ anh Tư 0912 345 678.",
        "Trang hai: TUYỆT MẬT",
      ],
      { Title: "Thông báo phòng cháy", Author: "Công an xã Đồng Tâm" },
    );
    const out = await check("Thông báo PCCC.pdf", bytes);
    expect(out).toMatchObject({ kind: "file", contentType: "application/pdf", name: "Thông báo PCCC.pdf" });
    expect(out.bytes.equals(bytes)).toBe(true);
    expect(out.text).toContain("Khi có cháy gọi 114");
    expect(out.text).toContain("0912 345 678");
    expect(out.text).not.toContain("Trang hai");
    expect(out.text).toBe(out.text.normalize("NFC"));
  });

  it("blocks TUYỆT MẬT on page 1", async () => {
    const bytes = await pdf(["TUYỆT MẬT\n\nKẾ HOẠCH\nTruy bắt đối tượng"]);
    const err = await rejection(check("Kế hoạch.pdf", bytes));
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.message).toContain("29/2018/QH14");
    expect(err.message).toContain("Kế hoạch.pdf");
    expect(err.details).toEqual({
      findings: [
        expect.objectContaining({
          rule: "SECRECY_MARKING",
          field: "file:Kế hoạch.pdf",
          excerpt: "TUYỆT MẬT",
        }),
      ],
    });
  });

  it("blocks a marking in the Title metadata", async () => {
    const bytes = await pdf(["Nội dung bình thường"], { Title: "Kế hoạch TỐI MẬT" });
    const err = await rejection(check("ke-hoach.pdf", bytes));
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.details).toEqual({ findings: [expect.objectContaining({ excerpt: "TỐI MẬT" })] });
  });

  it("blocks a marking that only the XMP metadata carries", async () => {
    const bytes = await pdf(["Nội dung bình thường"], { Title: "Kế hoạch TỐI MẬT" }, true);
    // Rewrite the Info title in place (same UTF-16 length, so the xref offsets stay right).
    const at = bytes.indexOf(Buffer.from("TỐI MẬT", "utf16le").swap16());
    expect(at).toBeGreaterThan(0);
    Buffer.from("TỐI NAY", "utf16le").swap16().copy(bytes, at);
    expect(bytes.toString("latin1")).toContain("<dc:title>");
    const err = await rejection(check("ke-hoach.pdf", bytes));
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.details).toEqual({ findings: [expect.objectContaining({ excerpt: "TỐI MẬT" })] });
  });

  it("accepts a clean PDF/A with XMP metadata", async () => {
    const bytes = await pdf(["Nội dung bình thường"], { Title: "Thông báo" }, true);
    expect((await check("thong-bao.pdf", bytes)).text).toContain("Nội dung bình thường");
  });

  it.each([["Subject"], ["Keywords"], ["Author"]] as const)("blocks a marking in %s", async (key) => {
    const bytes = await pdf(["Nội dung bình thường"], { [key]: "LƯU HÀNH NỘI BỘ" });
    expect((await rejection(check("a.pdf", bytes))).code).toBe("CONTENT_BLOCKED");
  });

  it("blocks a file named «Kế hoạch MẬT.pdf» before reading it", async () => {
    const err = await rejection(check("Kế hoạch MẬT.pdf", await pdf(["Nội dung bình thường"])));
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.details).toEqual({
      findings: [expect.objectContaining({ field: "file:Kế hoạch MẬT.pdf", excerpt: "MẬT" })],
    });
  });

  it("blocks markings in NFD file names and with underscores", async () => {
    const bytes = await pdf(["Nội dung bình thường"]);
    expect((await rejection(check("Kế hoạch MẬT.pdf".normalize("NFD"), bytes))).code).toBe("CONTENT_BLOCKED");
    expect((await rejection(check("KE_HOACH_TUYET_MAT.pdf", bytes))).code).toBe("CONTENT_BLOCKED");
  });

  it("does not block everyday words in a PDF", async () => {
    const bytes = await pdf(["Cảnh báo: không cung cấp mật khẩu, mã OTP. Người báo tin được giữ bí mật."]);
    expect((await check("canh-bao.pdf", bytes)).kind).toBe("file");
  });

  it("rejects a PDF that cannot be opened", async () => {
    const bytes = await pdf(["x"]);
    const broken = Buffer.concat([bytes.subarray(0, 20), Buffer.alloc(50)]);
    const err = await rejection(check("a.pdf", broken));
    expect(err.code).toBe("VALIDATION_FAILED");
  });
});

describe("DOCX and XLSX", () => {
  it("accepts a clean DOCX and returns its text", async () => {
    const bytes = await docx(["Thông báo họp tổ ngày 12/11/2026", "Đề nghị bà con giữ bí mật mật khẩu."]);
    const out = await check("Thông báo.docx", bytes);
    expect(out).toMatchObject({
      kind: "file",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      name: "Thông báo.docx",
    });
    expect(out.text).toContain("Thông báo họp tổ ngày 12/11/2026\nĐề nghị bà con");
  });

  it("blocks MẬT in the body, even split across runs", async () => {
    const err = await rejection(check("ke-hoach.docx", await docx(["MẬT", "Kế hoạch tuần tra"])));
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.details).toEqual({
      findings: [expect.objectContaining({ field: "file:ke-hoach.docx", excerpt: "MẬT" })],
    });
  });

  it("blocks a marking in core.xml title and in the page header", async () => {
    expect((await rejection(check("a.docx", await docx(["x"], { title: "TỐI MẬT" })))).code).toBe(
      "CONTENT_BLOCKED",
    );
    expect((await rejection(check("a.docx", await docx(["x"], { header: "XEM XONG TRẢ LẠI" })))).code).toBe(
      "CONTENT_BLOCKED",
    );
  });

  it("only reads the first ~3000 characters of the body", async () => {
    const filler = Array.from(
      { length: 80 },
      (_, i) => `Đoạn ${i}: nội dung tuyên truyền pháp luật cho bà con.`,
    );
    const out = await check("dai.docx", await docx([...filler, "TUYỆT MẬT"]));
    expect(out.text.length).toBeLessThanOrEqual(3000);
  });

  it("rejects a DOCX whose body part is corrupt", async () => {
    const good = await docx(["Nội dung bình thường mà đủ dài để được nén. ".repeat(20)]);
    // Corrupt the deflated bytes of word/document.xml (just after its local header, whose name is
    // the first occurrence); the central directory stays intact, so the file still sniffs as DOCX.
    const name = Buffer.from("word/document.xml");
    const at = good.indexOf(name) + name.length;
    const bad = Buffer.from(good);
    bad.fill(0xff, at, at + 40);
    const err = await rejection(check("a.docx", bad));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("Word/Excel");
  });

  it("accepts a clean XLSX and blocks one with a marking", async () => {
    const out = await check("danh-sach.xlsx", await xlsx(["Ấp", "Số hộ", "Ấp 3"]));
    expect(out).toMatchObject({ kind: "file", name: "danh-sach.xlsx" });
    expect(out.text).toContain("Số hộ");
    expect((await rejection(check("b.xlsx", await xlsx(["TUYỆT MẬT", "x"])))).code).toBe("CONTENT_BLOCKED");
  });
});

describe("rejected files", () => {
  it.each([
    ["an .exe renamed .jpg", "anh.jpg", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(300)])],
    ["HTML", "trang.html", Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>")],
    [
      "SVG",
      "logo.svg",
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ],
    ["plain text", "ghi-chu.txt", Buffer.from("Nội dung ghi chú")],
  ])("%s", async (_, name, bytes) => {
    const err = await rejection(check(name, bytes));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("JPEG, PNG, WebP, HEIC");
    expect(err.message).toContain("PDF");
    expect(err.details).toEqual([{ path: "file", message: "unsupported type" }]);
  });

  it("a plain ZIP", async () => {
    const zip = new JSZip();
    zip.file("a.txt", "x");
    const err = await rejection(check("a.zip", await zip.generateAsync({ type: "nodebuffer" })));
    expect(err.details).toEqual([{ path: "file", message: "unsupported type" }]);
  });

  it("an empty file", async () => {
    const err = await rejection(check("a.pdf", Buffer.alloc(0)));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("trống");
  });

  it("a file over the limit, naming the limit in MB", async () => {
    const bytes = await solid(50, 50).png().toBuffer();
    const err = await rejection(check("a.png", Buffer.concat([bytes, Buffer.alloc(2 * MB)]), 2 * MB));
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(err.message).toContain("tối đa là 2 MB");
    const half = await rejection(check("a.png", Buffer.alloc(MB), MB / 2));
    expect(half.message).toContain("0,5 MB");
  });
});

describe("sanitizeFileName", () => {
  it.each([
    ["../../etc/passwd", "pdf", "passwd.pdf"],
    ["C:\\Users\\CSKV\\Ảnh hiện trường.JPG", "jpg", "Ảnh hiện trường.jpg"],
    ["\u202Egpj.exe", "pdf", "gpj.pdf"],
    ["bao\u0000cao\u0007.docx", "docx", "baocao.docx"],
    ["Kế hoạch: tuần tra *đêm*?.docx", "docx", "Kế hoạch_ tuần tra _đêm.docx"],
    ["Nguyễn Văn A.pdf".normalize("NFD"), "pdf", "Nguyễn Văn A.pdf"],
    ["...", "pdf", "tep-dinh-kem.pdf"],
    ["", "jpg", "tep-dinh-kem.jpg"],
    ["  Thông   báo  .pdf ", "pdf", "Thông báo.pdf"],
  ])("%j → %j", (raw, ext, expected) => {
    expect(sanitizeFileName(raw, ext)).toBe(expected);
  });

  it("keeps names to 120 characters", () => {
    const name = sanitizeFileName(`${"Thông báo tuyên truyền ".repeat(20)}.pdf`, "pdf");
    expect([...name].length).toBeLessThanOrEqual(120);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(name.normalize("NFC")).toBe(name);
  });
});
