import { beforeAll, describe, expect, it } from "vitest";
import { type PdfReport, readPdf } from "./document-inspect";
import { reviewCharts } from "./review-report-charts";
import type { ReviewDocumentInput } from "./review-report-document";
import { sampleReviewData, sampleSettings } from "./review-report-fixture";
import { prefillNarrative } from "./review-report-narrative";
import { buildReviewReportPdf } from "./review-report-pdf";

async function build(over: Partial<ReviewDocumentInput> = {}) {
  const data = sampleReviewData();
  const input: ReviewDocumentInput = {
    data,
    narrative: prefillNarrative(data),
    settings: sampleSettings(),
    issued: { number: 5, on: "2026-01-05" },
    draftYear: 2026,
    charts: await reviewCharts(data),
    ...over,
  };
  const bytes = await buildReviewReportPdf(input);
  return { bytes, pdf: await readPdf(bytes) };
}

describe("review report PDF (req. 24: PDF ≥ 1.4, fonts embedded)", () => {
  let issued: { bytes: Buffer; pdf: PdfReport };
  beforeAll(async () => {
    issued = await build();
  });

  it("is PDF 1.4 on A4 with every font embedded (DejaVu Serif), no standard font", () => {
    const { bytes, pdf } = issued;
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(Number(pdf.version)).toBeGreaterThanOrEqual(1.4);
    expect(pdf.unembedded).toEqual([]);
    expect(pdf.embeddedFonts.length).toBeGreaterThanOrEqual(3);
    expect(pdf.embeddedFonts.every((f) => /DejaVuSerif/.test(f))).toBe(true);
    expect(pdf.pageSize.width).toBeCloseTo(595.28, 0);
    expect(pdf.pageSize.height).toBeCloseTo(841.89, 0);
  });

  it("has the header, title, date line, tables, signature and recipients as text", () => {
    const { pdf } = issued;
    const all = pdf.pages.join("\n");
    for (const s of [
      "CÔNG AN TỈNH ĐỒNG NAI",
      "CÔNG AN XÃ ĐỒNG TÂM",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 05/BC-CAX",
      "Đồng Tâm, ngày 05 tháng 01 năm 2026",
      "BÁO CÁO",
      "Bảng 1. Kết quả triển khai mô hình theo ấp, thôn",
      "Nơi nhận:",
      "- Lưu: VT, CAX.",
      "TRƯỞNG CÔNG AN",
      "Lê Minh Trưởng",
    ]) {
      expect(all).toContain(s);
    }
    expect(all).toMatch(/Toàn xã\s+5\/6\s+687/);
  });

  it("keeps all text inside the margins (30/15 mm left/right, 20 mm bottom), numbers aside", () => {
    const { pdf } = issued;
    const left = 85.04;
    const right = 595.28 - 42.52;
    const outside = pdf.items.filter((i) => i.left < left - 0.5 || i.right > right + 0.5 || i.y < 56.7 - 0.5);
    expect(outside).toEqual([]);
    // The quốc hiệu stays on one line (DejaVu is set smaller when Times would fit).
    expect(pdf.items.some((i) => i.text === "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBe(true);
  });

  it("numbers pages from 2 on, centred in the top margin; page 1 has none", () => {
    const { pdf } = issued;
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    expect(pdf.topMarginItems.filter((i) => i.page === 1)).toEqual([]);
    for (let p = 2; p <= pdf.pages.length; p++) {
      const items = pdf.topMarginItems.filter((i) => i.page === p);
      expect(items.map((i) => i.text)).toEqual([String(p)]);
      // Centred between the margins (left 30 mm, right 15 mm).
      const centre = (85.04 + (595.28 - 42.52)) / 2;
      expect(Math.abs((items[0]?.x ?? 0) - centre)).toBeLessThan(3);
    }
  });

  it("a draft says so at the top of page 1, with blanks for the number and date", async () => {
    const { pdf } = await build({ issued: null });
    expect(pdf.topMarginItems.filter((i) => i.page === 1).map((i) => i.text)).toEqual(["DỰ THẢO"]);
    expect(pdf.pages[0]).toMatch(/Số:\s+\/BC-CAX/);
    expect(pdf.pages[0]).toMatch(/Đồng Tâm, ngày\s+tháng\s+năm 2026/);
  });
});
