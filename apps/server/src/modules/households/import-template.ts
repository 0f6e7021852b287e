import ExcelJS from "exceljs";

/** The blank household list offered for download, as XLSX (with a guide sheet) or CSV. */

const TEMPLATE_HEADERS = ["Mã hộ", "Họ và tên chủ hộ", "Địa chỉ", "Số điện thoại", "Số nhân khẩu"];
const TEMPLATE_ROWS: readonly (readonly [string, string, string, string, number])[] = [
  ["TP-001", "Nguyễn Văn An", "Tổ 3, Ấp Tân Phú", "0912 345 678; 0987 654 321", 4],
  ["TP-002", "Trần Thị Bích Ngọc", "Tổ 5, Ấp Tân Phú", "0386 123 456", 3],
];
const TEMPLATE_GUIDE: readonly (readonly [string, string])[] = [
  [
    "Mã hộ",
    "Không bắt buộc. Mã riêng của hộ trong ấp (ví dụ TP-001); nếu có, dùng để nhận ra hộ khi nhập lại.",
  ],
  ["Họ và tên chủ hộ", "Bắt buộc. Họ và tên đầy đủ, có dấu, của chủ hộ."],
  ["Địa chỉ", "Tổ, ấp/khu phố, số nhà nếu có (ví dụ: Tổ 3, Ấp Tân Phú)."],
  [
    "Số điện thoại",
    "Số điện thoại di động của hộ; có thể ghi nhiều số, cách nhau bởi dấu “;” hoặc “,”. Cột đã định dạng Văn bản để giữ số 0 ở đầu.",
  ],
  ["Số nhân khẩu", "Số người trong hộ (một con số)."],
  ["Lưu ý", "Mỗi dòng là một hộ gia đình. Giữ nguyên dòng tiêu đề; có thể đổi thứ tự các cột."],
  ["Nhập lại", "Nhập lại cùng một tệp không làm thay đổi gì: các hộ đã có sẽ không bị tạo thêm."],
];

export async function householdTemplate(format: "xlsx" | "csv"): Promise<Buffer> {
  if (format === "csv") {
    const quote = (v: string | number): string => {
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const lines = [TEMPLATE_HEADERS, ...TEMPLATE_ROWS].map((r) => r.map(quote).join(","));
    // The BOM makes Excel read the file as UTF-8 instead of the Windows code page.
    return Buffer.from(`\ufeff${lines.join("\r\n")}\r\n`, "utf8");
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bình Yên";
  const sheet = workbook.addWorksheet("Danh sách hộ", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [
    { header: TEMPLATE_HEADERS[0], width: 12 },
    { header: TEMPLATE_HEADERS[1], width: 28 },
    { header: TEMPLATE_HEADERS[2], width: 32 },
    { header: TEMPLATE_HEADERS[3], width: 30, style: { numFmt: "@" } },
    { header: TEMPLATE_HEADERS[4], width: 14 },
  ];
  for (const r of TEMPLATE_ROWS) {
    sheet.addRow([...r]);
  }
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0B3D91" } };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 22;

  const guide = workbook.addWorksheet("Hướng dẫn");
  guide.columns = [
    { header: "Cột", width: 20 },
    { header: "Cách điền", width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const [column, how] of TEMPLATE_GUIDE) {
    guide.addRow([column, how]).alignment = { wrapText: true, vertical: "top" };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
