import JSZip from "jszip";

/**
 * A small reader of WordprocessingML for the tests of the DOCX rules (req. 24): paragraphs with their
 * alignment, indent and spacing, runs with font, size, bold and italic, the section's page geometry,
 * and the headers by type. Regex-based on purpose: it reads what the docx library writes, nothing more.
 */
export type DocxRun = {
  text: string;
  fonts: string[];
  /** Half-points. */
  sz: number | null;
  bold: boolean;
  italic: boolean;
  field: string | null;
};
export type DocxParagraph = {
  text: string;
  jc: string | null;
  firstLine: number | null;
  after: number | null;
  line: number | null;
  lineRule: string | null;
  runs: DocxRun[];
  inTable: boolean;
  /** A bottom border: the short rules under the agency, the motto and the summary. */
  ruleBelow: boolean;
};
export type DocxReport = {
  documentXml: string;
  paragraphs: DocxParagraph[];
  page: { w: number; h: number; orient: string | null };
  margins: { top: number; right: number; bottom: number; left: number; header: number };
  titlePage: boolean;
  headers: { type: string; xml: string; paragraphs: DocxParagraph[] }[];
  /** Every w:rFonts of document.xml, the headers and styles.xml, as "ascii|hAnsi|cs|eastAsia". */
  rFonts: string[];
  /** The text of every part (document, headers, footers, core properties …), for leak checks. */
  allText: string;
};

const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1] ?? null;
const numAttr = (xml: string, name: string) => {
  const v = attr(xml, name);
  return v === null ? null : Number(v);
};

export const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** <w:b/>, <w:b w:val="true"/> → true; <w:b w:val="false"/> or absent → false (w:bCs is not w:b). */
function toggle(rPr: string, tag: "b" | "i"): boolean {
  const m = new RegExp(`<w:${tag}(\\s+w:val="([^"]*)")?\\s*/>`).exec(rPr);
  if (!m) {
    return false;
  }
  return m[2] === undefined || m[2] === "true" || m[2] === "1" || m[2] === "on";
}

function runs(pXml: string): DocxRun[] {
  const out: DocxRun[] = [];
  for (const m of pXml.matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r [^>]*>([\s\S]*?)<\/w:r>/g)) {
    const r = m[1] ?? m[2] ?? "";
    const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(r)?.[1] ?? "";
    const fonts = [...rPr.matchAll(/<w:rFonts([^>]*)\/>/g)].map((f) =>
      ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"].map((a) => attr(f[1] ?? "", a) ?? "").join("|"),
    );
    const text = [...r.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => decodeXml(t[1] ?? ""))
      .join("");
    const instr = /<w:instrText[^>]*>([^<]*)<\/w:instrText>/.exec(r)?.[1]?.trim() ?? null;
    out.push({
      text,
      fonts,
      sz: numAttr(/<w:sz [^>]*\/>/.exec(rPr)?.[0] ?? "", "w:val"),
      bold: toggle(rPr, "b"),
      italic: toggle(rPr, "i"),
      field: instr,
    });
  }
  return out;
}

export function paragraphsOf(xml: string): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  // Table depth, to tell body paragraphs from cells (the docx library writes no nested tables here).
  const tokens = xml.matchAll(/<w:tbl>|<\/w:tbl>|<w:p>[\s\S]*?<\/w:p>|<w:p [^>]*>[\s\S]*?<\/w:p>|<w:p\/>/g);
  let depth = 0;
  for (const t of tokens) {
    const s = t[0];
    if (s === "<w:tbl>") {
      depth++;
      continue;
    }
    if (s === "</w:tbl>") {
      depth--;
      continue;
    }
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(s)?.[1] ?? "";
    const spacing = /<w:spacing [^>]*\/>/.exec(pPr)?.[0] ?? "";
    const ind = /<w:ind [^>]*\/>/.exec(pPr)?.[0] ?? "";
    const rs = runs(s);
    out.push({
      text: rs.map((r) => r.text).join(""),
      jc: attr(/<w:jc [^>]*\/>/.exec(pPr)?.[0] ?? "", "w:val"),
      firstLine: numAttr(ind, "w:firstLine"),
      after: numAttr(spacing, "w:after"),
      line: numAttr(spacing, "w:line"),
      lineRule: attr(spacing, "w:lineRule"),
      runs: rs,
      inTable: depth > 0,
      ruleBelow: /<w:pBdr>[\s\S]*<w:bottom [^>]*w:val="single"/.test(pPr),
    });
  }
  return out;
}

export async function readDocx(bytes: Buffer | Uint8Array): Promise<DocxReport> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const documentXml = await read("word/document.xml");
  const rels = await read("word/_rels/document.xml.rels");
  const sect = /<w:sectPr>([\s\S]*?)<\/w:sectPr>/.exec(documentXml)?.[1] ?? "";
  const pgSz = /<w:pgSz [^>]*\/>/.exec(sect)?.[0] ?? "";
  const pgMar = /<w:pgMar [^>]*\/>/.exec(sect)?.[0] ?? "";
  const headers: DocxReport["headers"] = [];
  for (const ref of sect.matchAll(/<w:headerReference ([^>]*)\/>/g)) {
    const type = attr(ref[1] ?? "", "w:type") ?? "";
    const id = attr(ref[1] ?? "", "r:id") ?? "";
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? "";
    const xml = await read(`word/${target}`);
    headers.push({ type, xml, paragraphs: paragraphsOf(xml) });
  }
  const styles = await read("word/styles.xml");
  const fontsIn = (xml: string) =>
    [...xml.matchAll(/<w:rFonts([^>]*)\/>/g)].map((f) =>
      ["w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"].map((a) => attr(f[1] ?? "", a) ?? "").join("|"),
    );
  const textParts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
      .map((f) => f.async("string")),
  );
  return {
    documentXml,
    paragraphs: paragraphsOf(documentXml),
    page: { w: numAttr(pgSz, "w:w") ?? 0, h: numAttr(pgSz, "w:h") ?? 0, orient: attr(pgSz, "w:orient") },
    margins: {
      top: numAttr(pgMar, "w:top") ?? 0,
      right: numAttr(pgMar, "w:right") ?? 0,
      bottom: numAttr(pgMar, "w:bottom") ?? 0,
      left: numAttr(pgMar, "w:left") ?? 0,
      header: numAttr(pgMar, "w:header") ?? 0,
    },
    titlePage: /<w:titlePg\s*\/>/.test(sect) || /<w:titlePg w:val="(true|1)"\s*\/>/.test(sect),
    headers,
    rFonts: [...fontsIn(documentXml), ...headers.flatMap((h) => fontsIn(h.xml)), ...fontsIn(styles)],
    allText: textParts.map(decodeXml).join("\n"),
  };
}

/** The first paragraph whose text equals (or, with a RegExp, matches) `text`. */
export function findParagraph(doc: { paragraphs: DocxParagraph[] }, text: string | RegExp) {
  return doc.paragraphs.find((p) => (typeof text === "string" ? p.text === text : text.test(p.text)));
}

/** Table cell texts of document.xml, in order (for "the numbers in the tables equal the data"). */
export function tableRows(xml: string): string[][] {
  const rows: string[][] = [];
  for (const tr of xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)) {
    rows.push(
      [...(tr[1] ?? "").matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((tc) =>
        paragraphsOf(tc[1] ?? "")
          .map((p) => p.text)
          .join("\n"),
      ),
    );
  }
  return rows;
}

export type Decree30Expectation = {
  margins: { top: number; right: number; bottom: number; left: number };
  parentAgency: string;
  issuingAgency: string;
  numberLine: string;
  dateLine: string;
  summary: string;
  signature: { titleLines: string[]; name: string };
  recipients: string[];
};

const TNR = "Times New Roman|Times New Roman|Times New Roman|Times New Roman";

/**
 * Every rule of req. 24–27 this document breaks, as readable lines (empty = conforms). The tests
 * assert the empty list, so a failure names each broken rule at once.
 */
export function decree30Problems(doc: DocxReport, e: Decree30Expectation): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) {
      out.push(what);
    }
  };
  check(doc.page.w === 11906 && doc.page.h === 16838, `page ${doc.page.w}×${doc.page.h}, want 11906×16838`);
  check(doc.page.orient === null || doc.page.orient === "portrait", `orientation ${doc.page.orient}`);
  for (const k of ["top", "right", "bottom", "left"] as const) {
    check(doc.margins[k] === e.margins[k], `margin ${k} ${doc.margins[k]}, want ${e.margins[k]}`);
  }
  const badFonts = doc.rFonts.filter((f) => f !== TNR);
  check(
    doc.rFonts.length > 0 && badFonts.length === 0,
    `fonts other than Times New Roman: ${[...new Set(badFonts)].join(", ")}`,
  );
  const allParas = [...doc.paragraphs, ...doc.headers.flatMap((h) => h.paragraphs)];
  const bare = allParas
    .flatMap((p) => p.runs)
    .filter((r) => (r.text !== "" || r.field) && !r.fonts.includes(TNR));
  check(
    bare.length === 0,
    `runs without an explicit Times New Roman: ${bare.map((r) => r.text).join(" | ")}`,
  );

  // Body: justified, first-line indent 1 cm, 14 pt, ≥ 6 pt after, line spacing ≤ 1.5.
  const body = doc.paragraphs.filter((p) => !p.inTable && p.jc === "both" && p.text !== "");
  check(body.length >= 5, `only ${body.length} body paragraphs`);
  for (const p of body) {
    const where = `body "${p.text.slice(0, 40)}"`;
    check(p.firstLine === 567, `${where}: first-line indent ${p.firstLine}`);
    check(
      p.runs.every((r) => r.sz === 28),
      `${where}: size ${p.runs.map((r) => r.sz).join(",")}`,
    );
    check((p.after ?? 0) >= 120, `${where}: spacing after ${p.after}`);
    check(
      p.lineRule === "auto" && (p.line ?? 0) >= 240 && (p.line ?? 0) <= 360,
      `${where}: line ${p.line} ${p.lineRule}`,
    );
  }

  const one = (
    text: string,
    want: { sz: number; bold: boolean; italic?: boolean; inTable?: boolean; jc?: string; rule?: boolean },
  ) => {
    const p = findParagraph(doc, text);
    if (!p) {
      out.push(`missing "${text}"`);
      return;
    }
    const rs = p.runs.filter((r) => r.text !== "");
    check(
      rs.length > 0 && rs.every((r) => r.sz === want.sz),
      `"${text}": size ${rs.map((r) => r.sz).join(",")}, want ${want.sz}`,
    );
    check(
      rs.every((r) => r.bold === want.bold),
      `"${text}": bold ${!want.bold}`,
    );
    check(
      rs.every((r) => r.italic === (want.italic ?? false)),
      `"${text}": italic ${!(want.italic ?? false)}`,
    );
    if (want.inTable !== undefined) {
      check(p.inTable === want.inTable, `"${text}": ${want.inTable ? "not " : ""}in the header table`);
    }
    if (want.jc) {
      check(p.jc === want.jc, `"${text}": aligned ${p.jc}, want ${want.jc}`);
    }
    if (want.rule !== undefined) {
      check(p.ruleBelow === want.rule, `"${text}": ${want.rule ? "no" : "a"} rule below`);
    }
  };
  check(e.parentAgency === e.parentAgency.toLocaleUpperCase("vi"), "parent agency not upper case");
  check(e.issuingAgency === e.issuingAgency.toLocaleUpperCase("vi"), "issuing agency not upper case");
  one(e.parentAgency, { sz: 26, bold: false, inTable: true, jc: "center", rule: false });
  one(e.issuingAgency, { sz: 26, bold: true, inTable: true, jc: "center", rule: true });
  one(e.numberLine, { sz: 26, bold: false, inTable: true });
  one("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { sz: 26, bold: true, inTable: true, jc: "center" });
  one("Độc lập - Tự do - Hạnh phúc", { sz: 28, bold: true, inTable: true, jc: "center", rule: true });
  one(e.dateLine, { sz: 28, bold: false, italic: true, inTable: true });
  one("BÁO CÁO", { sz: 28, bold: true, inTable: false, jc: "center" });
  one(e.summary, { sz: 28, bold: true, inTable: false, jc: "center", rule: true });
  const title = doc.paragraphs.findIndex((p) => p.text === "BÁO CÁO");
  check(doc.paragraphs[title + 1]?.text === e.summary, "the summary does not follow the title");
  one("Nơi nhận:", { sz: 24, bold: true, italic: true });
  for (const r of e.recipients) {
    one(r, { sz: 22, bold: false });
  }
  const last = e.recipients[e.recipients.length - 1] ?? "";
  check(/^- Lưu: VT, .+\.$/.test(last), `last recipient "${last}"`);
  const afterLabel = doc.paragraphs.findIndex((p) => p.text === "Nơi nhận:");
  check(
    doc.paragraphs
      .slice(afterLabel + 1, afterLabel + 1 + e.recipients.length)
      .map((p) => p.text)
      .join("\n") === e.recipients.join("\n"),
    "recipients not in order under the label",
  );
  for (const l of e.signature.titleLines) {
    check(l === l.toLocaleUpperCase("vi"), `signature line "${l}" not upper case`);
    one(l, { sz: 28, bold: true, jc: "center" });
  }
  one(e.signature.name, { sz: 28, bold: true, jc: "center" });

  // Page numbers: a distinct first-page header without a number, the others with PAGE, centred, 13–14 pt.
  check(doc.titlePage, "no distinct first page (w:titlePg)");
  const first = doc.headers.find((h) => h.type === "first");
  const other = doc.headers.find((h) => h.type === "default");
  check(first !== undefined && !/PAGE/.test(first.xml), "page 1 shows a page number");
  const pageRun = other?.paragraphs.flatMap((p) => p.runs).find((r) => r.field === "PAGE");
  check(pageRun !== undefined, "no PAGE field in the header of the other pages");
  check(pageRun?.sz === 26 || pageRun?.sz === 28, `page number size ${pageRun?.sz}`);
  check(
    other?.paragraphs.some((p) => p.jc === "center" && p.runs.some((r) => r.field === "PAGE")) ?? false,
    "page number not centred",
  );
  return out;
}

export type PdfReport = {
  version: string;
  pages: string[];
  /** Font descriptors without an embedded font program, and standard fonts referenced (none wanted). */
  unembedded: string[];
  embeddedFonts: string[];
  /** Per page: text items lying in the top margin (x, y from the bottom-left corner, in points). */
  topMarginItems: { page: number; text: string; x: number; y: number }[];
  /** Every text item: left and right edge, baseline (points from the bottom-left corner). */
  items: { page: number; text: string; left: number; right: number; y: number }[];
  pageSize: { width: number; height: number };
};

const STANDARD_FONTS =
  /\/BaseFont\s*\/(Helvetica|Times-Roman|Times-Bold|Times-Italic|Times-BoldItalic|Courier|Symbol|ZapfDingbats)[\s/>]/g;

/** Reads a PDF for the tests: its version, each page's text (unpdf) and whether every font is embedded. */
export async function readPdf(bytes: Buffer | Uint8Array, topMarginPt = 56.7): Promise<PdfReport> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  const raw = Buffer.from(bytes).toString("latin1");
  const version = /^%PDF-(\d\.\d)/.exec(raw)?.[1] ?? "";
  const unembedded: string[] = [];
  const embeddedFonts: string[] = [];
  for (const m of raw.matchAll(/<<[^<>]*\/Type\s*\/FontDescriptor[^<>]*>>/g)) {
    const name = /\/FontName\s*\/([^\s/>]+)/.exec(m[0])?.[1] ?? "?";
    if (/\/FontFile[23]?\s/.test(m[0])) {
      embeddedFonts.push(name);
    } else {
      unembedded.push(name);
    }
  }
  for (const m of raw.matchAll(STANDARD_FONTS)) {
    unembedded.push(m[1] ?? "?");
  }
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  const topMarginItems: PdfReport["topMarginItems"] = [];
  const items: PdfReport["items"] = [];
  let pageSize = { width: 0, height: 0 };
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [, , w = 0, h = 0] = page.view;
    pageSize = { width: w, height: h };
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ("str" in item && item.str.trim() !== "") {
        const x = item.transform[4] ?? 0;
        const y = item.transform[5] ?? 0;
        items.push({ page: i, text: item.str, left: x, right: x + (item.width ?? 0), y });
        if (y > h - topMarginPt) {
          topMarginItems.push({ page: i, text: item.str, x: x + (item.width ?? 0) / 2, y });
        }
      }
    }
  }
  return { version, pages: text as string[], unembedded, embeddedFonts, topMarginItems, items, pageSize };
}
