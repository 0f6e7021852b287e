import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sampleReviewData } from "./review-report-fixture";
import { reviewTables } from "./review-report-tables";
import { buildReviewReportXlsx } from "./review-report-xlsx";

describe("review report spreadsheet", () => {
  it("puts every table on its own sheet with Vietnamese headers, numbers as numbers, dates dd/mm/yyyy", async () => {
    const data = sampleReviewData();
    const bytes = await buildReviewReportXlsx({
      data,
      issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
      numberText: "Số: 05/BC-CAX",
      issuedOn: "2026-01-05",
      summary: "Sơ kết 01 năm",
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const tables = reviewTables(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Thông tin",
      ...tables.map((t) => t.sheet),
      "Xu hướng",
    ]);

    const hamlets = wb.getWorksheet("Theo ấp");
    expect(hamlets?.getRow(2).values).toEqual([
      undefined,
      "STT",
      "Ấp, thôn",
      "Có nhóm",
      "Thành viên",
      "Hộ tham gia / tổng số hộ",
      "Tỷ lệ hộ (%)",
      "Thông báo",
      "Tin báo",
    ]);
    const h = data.hamlets[0];
    const first = hamlets?.getRow(3);
    expect(first?.getCell(2).value).toBe("Ấp 1");
    expect(first?.getCell(4).value).toBe(h?.members);
    expect(first?.getCell(6).value).toBe(h?.coveragePct);
    expect(first?.getCell(6).numFmt).toBe('0.0"%"');

    const info = wb.getWorksheet("Thông tin");
    const issued = info?.getRow(4).getCell(2);
    expect(issued?.value).toEqual(new Date(Date.UTC(2026, 0, 5)));
    expect(issued?.numFmt).toBe("dd/mm/yyyy");
    const trend = wb.getWorksheet("Xu hướng");
    expect(trend?.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(trend?.getRow(2).getCell(2).numFmt).toBe("dd/mm/yyyy");
    expect(trend?.getRow(13).getCell(3).value).toEqual(new Date(Date.UTC(2025, 11, 31)));

    const totals = wb.getWorksheet("Tổng hợp toàn xã");
    const members = totals?.getRows(3, 20)?.find((r) => r.getCell(2).value === "Thành viên");
    expect([members?.getCell(3).value, members?.getCell(4).value]).toEqual([687, 640]);
  });
});
