import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { A4_TWIPS, marginsTwips, ruleInset, textWidthTwips } from "./document-format";
import {
  type ReviewDocumentInput,
  type ReviewDocumentText,
  reviewDocumentText,
} from "./review-report-document";
import type { TableCell as ModelCell, ReviewTable } from "./review-report-tables";

/**
 * The review report as DOCX (pure: the resolved document in, bytes out), after Decree 30/2020
 * Appendix I and requirement 24: A4 portrait, the configured legal margins, Times New Roman in every
 * run, body 14 pt justified with a 1 cm first-line indent, 6 pt after and 1.25 line spacing; the
 * two-column header; "Nơi nhận" 12 bold italic with 11 pt items; page numbers centred in the top
 * margin from page 2 (a distinct, empty first-page header).
 */
const FONT = "Times New Roman";
/** Half-points, as DOCX counts font sizes. */
const SZ = { 11: 22, 12: 24, 13: 26, 14: 28 } as const;
const FIRST_LINE = 567;
/** 6 pt after; line 300/240 = 1.25 lines (Decree 30: single to 1.5). */
const BODY_SPACING = { after: 120, line: 300, lineRule: LineRuleType.AUTO };
/** The chart images: 16 cm wide at 96 px per inch. */
const CHART_WIDTH_PX = 605;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
type RunStyle = { bold?: boolean; italics?: boolean; size?: number };

const run = (text: string, s: RunStyle = {}) =>
  new TextRun({
    text,
    font: FONT,
    size: s.size ?? SZ[14],
    bold: s.bold ?? false,
    italics: s.italics ?? false,
  });

function para(
  text: string,
  o: RunStyle & {
    align?: Align;
    indent?: boolean;
    after?: number;
    before?: number;
    rule?: number;
    keepNext?: boolean;
  } = {},
): Paragraph {
  return new Paragraph({
    children: text === "" ? [] : [run(text, o)],
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: {
      before: o.before ?? 0,
      after: o.after ?? BODY_SPACING.after,
      line: BODY_SPACING.line,
      lineRule: BODY_SPACING.lineRule,
    },
    keepNext: o.keepNext ?? false,
    ...(o.indent ? { indent: { firstLine: FIRST_LINE } } : {}),
    // A rule under the line: the paragraph's bottom border, narrowed by equal insets.
    ...(o.rule !== undefined
      ? {
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
          indent: { left: o.rule, right: o.rule },
        }
      : {}),
  });
}

const cell = (children: Paragraph[], width: number, shade = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60 },
    ...(shade ? { shading: { fill: "EDEDED" } } : {}),
    children,
  });

function header(doc: ReviewDocumentText, contentW: number): Table {
  // The quốc hiệu at 13 pt bold is about 5,430 twips of Times New Roman: the right column takes 62%.
  const left = Math.round(contentW * 0.38);
  const right = contentW - left;
  const c = AlignmentType.CENTER;
  const line = { after: 0, align: c } as const;
  return new Table({
    width: { size: contentW, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              para(doc.parentAgency, { ...line, size: SZ[13] }),
              // The issuing agency, bold, with a rule of about 2/5 of its length (1/3–1/2).
              para(doc.issuingAgency, {
                ...line,
                size: SZ[13],
                bold: true,
                rule: ruleInset(left, textWidthTwips(doc.issuingAgency, 13, true), 0.4),
              }),
            ],
            left,
          ),
          cell(
            [
              para(doc.nationalTitle, { ...line, size: SZ[13], bold: true }),
              // The motto's rule is as long as the motto.
              para(doc.motto, {
                ...line,
                size: SZ[14],
                bold: true,
                rule: ruleInset(right, textWidthTwips(doc.motto, 14, true), 1),
              }),
            ],
            right,
          ),
        ],
      }),
      new TableRow({
        children: [
          cell([para(doc.numberLine, { ...line, size: SZ[13], before: 120 })], left),
          cell([para(doc.dateLine, { ...line, size: SZ[14], italics: true, before: 120 })], right),
        ],
      }),
    ],
  });
}

const alignOf = (a: "left" | "center" | "right"): Align =>
  a === "left" ? AlignmentType.LEFT : a === "right" ? AlignmentType.RIGHT : AlignmentType.CENTER;

function dataTable(t: ReviewTable, contentW: number): Table {
  const totalWeight = t.columns.reduce((s, c) => s + c.weight, 0);
  const widths = t.columns.map((c) => Math.floor((contentW * c.weight) / totalWeight));
  const cellPara = (text: string, align: Align, bold: boolean) =>
    new Paragraph({
      alignment: align,
      spacing: { before: 30, after: 30 },
      children: text === "" ? [] : [run(text, { size: SZ[12], bold })],
    });
  const rowOf = (cells: ModelCell[], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: cells.map((v, i) =>
        cell([cellPara(v.text, alignOf(t.columns[i]?.align ?? "center"), bold)], widths[i] ?? 0, bold),
      ),
    });
  return new Table({
    width: { size: contentW, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c, i) =>
          cell([cellPara(c.header, AlignmentType.CENTER, true)], widths[i] ?? 0, true),
        ),
      }),
      ...t.rows.map((r) => rowOf(r, false)),
      ...(t.total ? [rowOf(t.total, true)] : []),
    ],
  });
}

function closing(doc: ReviewDocumentText, contentW: number): Table {
  const left = Math.round(contentW * 0.45);
  const right = contentW - left;
  const c = AlignmentType.CENTER;
  const recipients = [
    new Paragraph({
      spacing: { after: 0 },
      alignment: AlignmentType.LEFT,
      children: [run(doc.recipientsLabel, { size: SZ[12], bold: true, italics: true })],
    }),
    ...doc.recipients.map(
      (r) =>
        new Paragraph({
          spacing: { after: 0 },
          alignment: AlignmentType.LEFT,
          children: [run(r, { size: SZ[11] })],
        }),
    ),
  ];
  const signature = [
    ...doc.signature.titleLines.map((l) => para(l, { align: c, after: 0, bold: true, size: SZ[14] })),
    para("", { after: 0 }),
    para("", { after: 0 }),
    para("", { after: 0 }),
    para("", { after: 0 }),
    para(doc.signature.name, { align: c, after: 0, bold: true, size: SZ[14] }),
  ];
  return new Table({
    width: { size: contentW, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(signature, right)] })],
  });
}

export async function buildReviewReportDocx(input: ReviewDocumentInput): Promise<Buffer> {
  const doc = reviewDocumentText(input);
  const margin = marginsTwips(input.settings.margins);
  const contentW = A4_TWIPS.width - margin.left - margin.right;
  const c = AlignmentType.CENTER;

  const body: (Paragraph | Table)[] = [
    header(doc, contentW),
    para("", { after: 120 }),
    para(doc.title, { align: c, bold: true, after: 0, before: 240 }),
    para(doc.summary, {
      align: c,
      bold: true,
      after: 240,
      rule: ruleInset(contentW, Math.min(contentW, textWidthTwips(doc.summary, 14, true)), 0.4),
    }),
  ];
  for (const b of doc.body) {
    switch (b.kind) {
      case "heading":
        body.push(para(b.text, { bold: true, keepNext: true, before: 120, indent: true }));
        break;
      case "subheading":
        body.push(para(b.text, { bold: true, keepNext: true, indent: true }));
        break;
      case "paragraph":
        body.push(para(b.text, { indent: true }));
        break;
      case "note":
        body.push(para(b.text, { italics: true, indent: true }));
        break;
      case "table":
        body.push(para(b.table.title, { bold: true, align: c, keepNext: true, before: 120 }));
        body.push(dataTable(b.table, contentW));
        body.push(para("", { after: 120 }));
        break;
      case "chart": {
        const height = Math.round((CHART_WIDTH_PX * b.chart.height) / b.chart.width);
        body.push(
          new Paragraph({
            alignment: c,
            keepNext: true,
            spacing: { before: 120, after: 60 },
            children: [
              new ImageRun({
                type: "png",
                data: b.chart.png,
                transformation: { width: CHART_WIDTH_PX, height },
                altText: { name: b.chart.title, description: b.chart.title, title: b.chart.title },
              }),
            ],
          }),
        );
        body.push(para(b.chart.title, { italics: true, align: c, size: SZ[13] }));
        break;
      }
    }
  }
  body.push(para("", { after: 120 }));
  body.push(closing(doc, contentW));

  const document = new Document({
    creator: "Bình Yên",
    title: `${doc.title} ${doc.summary}`,
    description: doc.numberLine,
    styles: {
      default: {
        document: { run: { font: FONT, size: SZ[14] } },
        heading1: { run: { font: FONT } },
        heading2: { run: { font: FONT } },
        heading3: { run: { font: FONT } },
        heading4: { run: { font: FONT } },
        heading5: { run: { font: FONT } },
        heading6: { run: { font: FONT } },
        title: { run: { font: FONT } },
        hyperlink: { run: { font: FONT } },
        listParagraph: { run: { font: FONT } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { ...A4_TWIPS }, margin: { ...margin, header: 567, footer: 567 } },
        },
        headers: {
          // Page 1: no number (Decree 30); a draft is marked there.
          first: new Header({
            children: [
              doc.draftMark
                ? new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    children: [run(doc.draftMark, { bold: true, size: SZ[13] })],
                  })
                : new Paragraph({ children: [] }),
            ],
          }),
          // From page 2: the page number, centred in the top margin, 14 pt.
          default: new Header({
            children: [
              new Paragraph({
                alignment: c,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SZ[14] })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
