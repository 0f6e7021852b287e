import ExcelJS from "exceljs";
import { isoDateParts } from "./document-format";
import type { ReviewData } from "./review-report-data";
import { type ReviewTable, reviewTables } from "./review-report-tables";

/**
 * The review report's tables as a spreadsheet (pure: data in, bytes out): every table on its own
 * sheet with Vietnamese headers, numbers as numbers, dates as dates shown dd/mm/yyyy. The same table
 * model as the DOCX and the PDF (review-report-tables.ts), so the figures cannot differ.
 */
export type ReviewXlsxInput = {
  data: ReviewData;
  issuingAgency: string;
  numberText: string | null;
  issuedOn: string | null;
  summary: string;
};

const DATE_FMT = "dd/mm/yyyy";
const BORDER = { style: "thin", color: { argb: "FF000000" } } as const;
const BORDERS = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };

/** A calendar day as the spreadsheet's date (UTC midnight: exceljs counts days from UTC). */
/** Percentages keep one decimal and their sign; medians read in minutes; counts with a thousands mark. */
const NUM_FMT: Record<string, string> = { percent: '0.0"%"', minutes: '0" phút"', count: "#,##0" };

const excelDate = (iso: string) => {
  const { year, month, day } = isoDateParts(iso);
  return new Date(Date.UTC(year, month - 1, day));
};

function tableSheet(wb: ExcelJS.Workbook, t: ReviewTable) {
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.addRow([t.title]).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, t.columns.length);
  const head = ws.addRow(t.columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  const add = (cells: ReviewTable["rows"][number], bold: boolean) => {
    const row = ws.addRow(cells.map((c) => c.value));
    row.font = { bold };
    cells.forEach((c, i) => {
      const fmt = c.unit ? NUM_FMT[c.unit] : undefined;
      if (fmt && typeof c.value === "number") {
        row.getCell(i + 1).numFmt = fmt;
      }
    });
  };
  for (const r of t.rows) {
    add(r, false);
  }
  if (t.total) {
    add(t.total, true);
  }
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(8, Math.round(c.weight * 0.9));
    col.alignment = { vertical: "middle", horizontal: c.align, wrapText: true };
  });
  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 1; c <= t.columns.length; c++) {
      ws.getCell(r, c).border = BORDERS;
    }
  }
}

export async function buildReviewReportXlsx(input: ReviewXlsxInput): Promise<Buffer> {
  const { data } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = "Bình Yên";
  wb.title = input.summary;
  if (input.issuedOn) {
    wb.created = excelDate(input.issuedOn);
  }

  const info = wb.addWorksheet("Thông tin");
  info.columns = [
    { header: "Nội dung", key: "k", width: 34 },
    { header: "Giá trị", key: "v", width: 60 },
  ];
  info.getRow(1).font = { bold: true };
  const line = (k: string, v: string | Date | null) => {
    const row = info.addRow({ k, v: v ?? "" });
    if (v instanceof Date) {
      row.getCell(2).numFmt = DATE_FMT;
      row.getCell(2).alignment = { horizontal: "left" };
    }
  };
  line("Cơ quan ban hành", input.issuingAgency);
  line("Số, ký hiệu", input.numberText ?? "Dự thảo (chưa cấp số)");
  line("Ngày ban hành", input.issuedOn ? excelDate(input.issuedOn) : null);
  line("Trích yếu", input.summary);
  line("Kỳ báo cáo: từ ngày", excelDate(data.period.from));
  line("Kỳ báo cáo: đến ngày", excelDate(data.period.to));
  if (data.previousPeriod) {
    line("Kỳ so sánh: từ ngày", excelDate(data.previousPeriod.from));
    line("Kỳ so sánh: đến ngày", excelDate(data.previousPeriod.to));
  }
  line("Ghi chú", "Số liệu thống kê theo số lượng; không chứa danh tính người báo tin, người bị tố giác.");

  for (const t of reviewTables(data)) {
    tableSheet(wb, t);
  }

  const trend = wb.addWorksheet("Xu hướng", { views: [{ state: "frozen", ySplit: 1 }] });
  trend.columns = [
    { header: "Kỳ", key: "label", width: 12 },
    { header: "Từ ngày", key: "from", width: 14, style: { numFmt: DATE_FMT } },
    { header: "Đến ngày", key: "to", width: 14, style: { numFmt: DATE_FMT } },
    { header: "Tin báo tiếp nhận", key: "reports", width: 18 },
    { header: "Thông báo đã đăng", key: "announcements", width: 18 },
  ];
  trend.getRow(1).font = { bold: true };
  for (const p of data.trend) {
    trend.addRow({
      label: p.label,
      from: excelDate(p.from),
      to: excelDate(p.to),
      reports: p.reports,
      announcements: p.announcements,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
