import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";
import { mmToPoints, ruleInset } from "./document-format";
import {
  type ReviewDocumentInput,
  type ReviewDocumentText,
  reviewDocumentText,
} from "./review-report-document";
import type { ReviewTable, TableCell } from "./review-report-tables";

/**
 * The review report as PDF (pure: the resolved document in, bytes out), the same content and page
 * geometry as the DOCX: A4, the configured margins, the two-column header, page numbers centred in
 * the top margin from page 2. PDF 1.4 (Decree 30: digital copies in PDF 1.4 or later) with DejaVu
 * Serif embedded (subset, with a ToUnicode map so the text can be searched and extracted); Times New
 * Roman is not redistributable, and no standard (non-embedded) font is ever referenced.
 */
const FONT_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const FONTS = {
  regular: path.join(FONT_DIR, "DejaVuSerif.ttf"),
  bold: path.join(FONT_DIR, "DejaVuSerif-Bold.ttf"),
  italic: path.join(FONT_DIR, "DejaVuSerif-Italic.ttf"),
  boldItalic: path.join(FONT_DIR, "DejaVuSerif-BoldItalic.ttf"),
} as const;
type FontName = keyof typeof FONTS;
let fontCache: Record<FontName, Buffer> | undefined;
/** The four faces read once per process (pdfkit still parses and subsets them per document). */
function fontBytes(): Record<FontName, Buffer> {
  fontCache ??= {
    regular: readFileSync(FONTS.regular),
    bold: readFileSync(FONTS.bold),
    italic: readFileSync(FONTS.italic),
    boldItalic: readFileSync(FONTS.boldItalic),
  };
  return fontCache;
}

const A4 = { width: 595.28, height: 841.89 };
const CM = 72 / 2.54;
/** 1.25 lines: the gap added to DejaVu Serif's own line height (≈ 1.16 em). */
const lineGap = (size: number) => size * 0.1;
const PARA_GAP = 6;
/** The header's left column (agency, number) as a share of the text width; the right one is wider. */
const HEADER_LEFT = 0.38;
/** Tables at 11 pt here (12 pt in the DOCX): DejaVu Serif is wider than Times New Roman. */
const TABLE_SIZE = 11;

type Doc = PDFKit.PDFDocument;
type Style = { font?: FontName; size?: number };

function use(doc: Doc, s: Style) {
  doc.font(s.font ?? "regular").fontSize(s.size ?? 14);
}

/** Moves to a new page when `height` does not fit above the bottom margin. */
function ensure(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
  }
}

function centred(doc: Doc, text: string, x: number, y: number, width: number, s: Style): number {
  use(doc, s);
  doc.text(text, x, y, { width, align: "center", lineGap: 0 });
  return doc.y;
}

function rule(doc: Doc, x1: number, x2: number, y: number) {
  doc.save().lineWidth(0.6).moveTo(x1, y).lineTo(x2, y).stroke("#000000").restore();
}

/** The same 2/5 and full-length rules as the DOCX, measured with the embedded font (points). */
function ruleSpan(doc: Doc, text: string, s: Style, columnX: number, columnW: number, fraction: number) {
  use(doc, s);
  const inset = ruleInset(columnW, doc.widthOfString(text), fraction, 30);
  return [columnX + inset, columnX + columnW - inset] as const;
}

/**
 * DejaVu Serif is about a fifth wider than Times New Roman: a header line that fits one line in the
 * DOCX is set a little smaller here rather than wrapped (never below 10 pt).
 */
function fitted(doc: Doc, text: string, s: Style, width: number): Style {
  use(doc, s);
  const size = s.size ?? 14;
  const w = doc.widthOfString(text);
  return w <= width ? s : { ...s, size: Math.max(10, Math.floor(((size * width) / w) * 10) / 10) };
}

function header(doc: Doc, t: ReviewDocumentText) {
  const x0 = doc.page.margins.left;
  const contentW = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const leftW = contentW * HEADER_LEFT;
  const rightW = contentW - leftW;
  const rightX = x0 + leftW;
  const top = doc.page.margins.top;

  const room = (w: number) => w - 4;
  let yl = centred(
    doc,
    t.parentAgency,
    x0,
    top,
    leftW,
    fitted(doc, t.parentAgency, { size: 13 }, room(leftW)),
  );
  const issuer = fitted(doc, t.issuingAgency, { font: "bold", size: 13 }, room(leftW));
  yl = centred(doc, t.issuingAgency, x0, yl, leftW, issuer);
  const [l1, l2] = ruleSpan(doc, t.issuingAgency, issuer, x0, leftW, 0.4);
  rule(doc, l1, l2, yl + 1);

  const national = fitted(doc, t.nationalTitle, { font: "bold", size: 13 }, room(rightW));
  let yr = centred(doc, t.nationalTitle, rightX, top, rightW, national);
  const motto = fitted(doc, t.motto, { font: "bold", size: 14 }, room(rightW));
  yr = centred(doc, t.motto, rightX, yr, rightW, motto);
  const [r1, r2] = ruleSpan(doc, t.motto, motto, rightX, rightW, 1);
  rule(doc, r1, r2, yr + 1);

  // The number and the date line share a line, under the two blocks.
  const y = Math.max(yl, yr) + 8;
  const yn = centred(doc, t.numberLine, x0, y, leftW, fitted(doc, t.numberLine, { size: 13 }, room(leftW)));
  const yd = centred(
    doc,
    t.dateLine,
    rightX,
    y,
    rightW,
    fitted(doc, t.dateLine, { font: "italic", size: 14 }, room(rightW)),
  );
  doc.x = x0;
  doc.y = Math.max(yn, yd) + 18;
}

function paragraph(
  doc: Doc,
  text: string,
  s: Style & { indent?: boolean; align?: "justify" | "center" | "left" },
) {
  use(doc, s);
  const size = s.size ?? 14;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const opts = {
    width,
    align: s.align ?? "justify",
    indent: s.indent ? CM : 0,
    lineGap: lineGap(size),
    paragraphGap: PARA_GAP,
  } as const;
  // Keep at least two lines of a paragraph on the page it starts on.
  ensure(doc, Math.min(doc.heightOfString(text, opts), 2 * (size * 1.3)));
  doc.text(text, doc.page.margins.left, doc.y, opts);
}

function table(doc: Doc, t: ReviewTable) {
  const x0 = doc.page.margins.left;
  const contentW = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const totalWeight = t.columns.reduce((s, c) => s + c.weight, 0);
  const widths = t.columns.map((c) => (contentW * c.weight) / totalWeight);
  const pad = 3;
  const size = TABLE_SIZE;

  const rowHeight = (cells: string[], font: FontName) => {
    use(doc, { font, size });
    return (
      Math.max(...cells.map((c, i) => doc.heightOfString(c || " ", { width: (widths[i] ?? 0) - 2 * pad }))) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: FontName, shade: boolean) => {
    const h = rowHeight(cells, font);
    let x = x0;
    const y = doc.y;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0;
      if (shade) {
        doc.save().rect(x, y, w, h).fill("#ededed").restore();
      }
      doc.save().lineWidth(0.5).rect(x, y, w, h).stroke("#000000").restore();
      use(doc, { font, size });
      const align = t.columns[i]?.align ?? "center";
      const textH = doc.heightOfString(c || " ", { width: w - 2 * pad });
      doc
        .fillColor("#000000")
        .text(c, x + pad, y + (h - textH) / 2, { width: w - 2 * pad, align, lineGap: 0 });
      x += w;
    });
    doc.x = x0;
    doc.y = y + h;
  };
  const head = t.columns.map((c) => c.header);
  const cellsOf = (r: TableCell[]) => r.map((c) => c.text);

  // The caption stays with the header row and the first data row.
  const firstRow = t.rows[0] ? rowHeight(cellsOf(t.rows[0]), "regular") : 0;
  ensure(doc, 14 * 1.4 + rowHeight(head, "bold") + firstRow + 6);
  paragraph(doc, t.title, { font: "bold", size: 14, align: "center" });
  drawRow(head, "bold", true);
  const rows: [TableCell[], boolean][] = [...t.rows.map((r) => [r, false] as [TableCell[], boolean])];
  if (t.total) {
    rows.push([t.total, true]);
  }
  for (const [r, bold] of rows) {
    const cells = cellsOf(r);
    const h = rowHeight(cells, bold ? "bold" : "regular");
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      // The header row repeats on each page (as the DOCX's tableHeader row does).
      drawRow(head, "bold", true);
    }
    drawRow(cells, bold ? "bold" : "regular", bold);
  }
  doc.y += 10;
}

function chart(doc: Doc, png: Buffer, width: number, height: number, title: string) {
  const contentW = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const w = Math.min(contentW, 16 * CM);
  const h = (w * height) / width;
  ensure(doc, h + 30);
  const x = doc.page.margins.left + (contentW - w) / 2;
  doc.image(png, x, doc.y, { width: w, height: h });
  doc.y += h + 4;
  paragraph(doc, title, { font: "italic", size: 13, align: "center" });
}

function closing(doc: Doc, t: ReviewDocumentText) {
  const x0 = doc.page.margins.left;
  const contentW = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const leftW = contentW * 0.45;
  const rightW = contentW - leftW;
  const lineH = (size: number) => size * 1.25;
  const leftH = lineH(12) + t.recipients.length * lineH(11);
  const rightH = t.signature.titleLines.length * lineH(14) + 4 * lineH(14) + lineH(14);
  ensure(doc, Math.max(leftH, rightH) + 12);
  const top = doc.y + 12;

  use(doc, { font: "boldItalic", size: 12 });
  doc.text(t.recipientsLabel, x0, top, { width: leftW, lineGap: 1 });
  use(doc, { size: 11 });
  for (const r of t.recipients) {
    doc.text(r, x0, doc.y, { width: leftW, lineGap: 1 });
  }
  const yl = doc.y;

  let y = top;
  for (const l of t.signature.titleLines) {
    y = centred(doc, l, x0 + leftW, y, rightW, { font: "bold", size: 14 });
  }
  y += 4 * lineH(14);
  y = centred(doc, t.signature.name, x0 + leftW, y, rightW, { font: "bold", size: 14 });
  doc.x = x0;
  doc.y = Math.max(yl, y);
}

/** Page numbers centred in the top margin, from page 2 on; page 1 carries none (Decree 30). */
function pageNumbers(doc: Doc, draftMark: string | null) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    // Writing inside the margin: lift the bottom margin so pdfkit does not open a page.
    const saved = margins.bottom;
    margins.bottom = 0;
    const y = Math.max(12, margins.top / 2 - 7);
    if (i === range.start) {
      if (draftMark) {
        use(doc, { font: "bold", size: 13 });
        doc.text(draftMark, margins.left, y, {
          width: doc.page.width - margins.left - margins.right,
          align: "right",
          lineBreak: false,
        });
      }
    } else {
      use(doc, { size: 14 });
      doc.text(String(i - range.start + 1), margins.left, y, {
        width: doc.page.width - margins.left - margins.right,
        align: "center",
        lineBreak: false,
      });
    }
    margins.bottom = saved;
  }
}

export async function buildReviewReportPdf(input: ReviewDocumentInput): Promise<Buffer> {
  const t = reviewDocumentText(input);
  const m = input.settings.margins;
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margins: {
      top: mmToPoints(m.top),
      bottom: mmToPoints(m.bottom),
      left: mmToPoints(m.left),
      right: mmToPoints(m.right),
    },
    pdfVersion: "1.4",
    bufferPages: true,
    // The default would be Helvetica, a standard font that is not embedded.
    font: FONTS.regular,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: `${t.title} ${t.summary}`,
      Subject: t.numberLine,
      Author: t.issuingAgency,
      Creator: "Bình Yên",
      Producer: "Bình Yên (PDFKit)",
    },
  });
  for (const [name, bytes] of Object.entries(fontBytes())) {
    doc.registerFont(name, bytes);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  header(doc, t);
  const contentW = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  paragraph(doc, t.title, { font: "bold", size: 14, align: "center" });
  doc.y -= PARA_GAP;
  paragraph(doc, t.summary, { font: "bold", size: 14, align: "center" });
  const [s1, s2] = ruleSpan(doc, t.summary, { font: "bold", size: 14 }, doc.page.margins.left, contentW, 0.4);
  rule(
    doc,
    Math.max(doc.page.margins.left, s1),
    Math.min(doc.page.margins.left + contentW, s2),
    doc.y - PARA_GAP + 2,
  );
  doc.y += 8;

  for (const b of t.body) {
    switch (b.kind) {
      case "heading":
        ensure(doc, 60);
        paragraph(doc, b.text, { font: "bold", indent: true });
        break;
      case "subheading":
        ensure(doc, 50);
        paragraph(doc, b.text, { font: "bold", indent: true });
        break;
      case "paragraph":
        paragraph(doc, b.text, { indent: true });
        break;
      case "note":
        paragraph(doc, b.text, { font: "italic", indent: true });
        break;
      case "table":
        table(doc, b.table);
        break;
      case "chart":
        chart(doc, b.chart.png, b.chart.width, b.chart.height, b.chart.title);
        break;
    }
  }
  closing(doc, t);
  pageNumbers(doc, t.draftMark);
  doc.end();
  return done;
}
