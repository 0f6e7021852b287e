import { crc32 } from "node:zlib";
import type { CellValue, Worksheet } from "exceljs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { householdTemplate, ImportFileError, parseHouseholdFile } from "./import-file";

const LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 1000 };

/** An XLSX whose first sheet holds `rows` from row 1 down; `null` leaves that row blank. */
async function xlsx(
  rows: readonly (readonly CellValue[] | null)[],
  more?: (sheet: Worksheet, workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Hộ gia đình");
  rows.forEach((row, r) => {
    row?.forEach((value, c) => {
      sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  more?.(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const parse = (bytes: Buffer, name = "ho-gia-dinh.csv", limits = LIMITS) =>
  parseHouseholdFile(bytes, name, limits);
const csv = (text: string) => Buffer.from(text, "utf8");

/** A zip with stored (uncompressed) entries; `claimed` overrides the size the directory declares. */
function storedZip(files: readonly { name: string; data: Buffer; claimed?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(f.data.length, 20);
    dir.writeUInt32LE(f.claimed ?? f.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    central.push(dir, name);
    offset += 30 + name.length + f.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** Deterministic pseudo-random bytes (xorshift32): the test must not depend on luck. */
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe("parseHouseholdFile: CSV", () => {
  it("reads Vietnamese headers in any order and reports the header text found", async () => {
    const file = await parse(
      csv(
        "Số điện thoại,Họ và tên chủ hộ (*),Địa chỉ,Mã hộ,Số nhân khẩu\n" +
          '0912 345 678,Nguyễn Văn An,"Tổ 3, Ấp Tân Phú",TP-001,4\n',
      ),
    );
    expect(file.format).toBe("csv");
    expect(file.columns).toEqual({
      headName: "Họ và tên chủ hộ (*)",
      address: "Địa chỉ",
      phones: "Số điện thoại",
      members: "Số nhân khẩu",
      code: "Mã hộ",
    });
    expect(file.rows).toEqual([
      {
        row: 2,
        headName: "Nguyễn Văn An",
        address: "Tổ 3, Ấp Tân Phú",
        phones: "0912 345 678",
        members: "4",
        code: "TP-001",
      },
    ]);
  });

  it("reads English headers; absent columns are null and read as empty strings", async () => {
    const file = await parse(csv("Name,Phone number,Household size\nLê Thị Hoa,0987654321,2\n"));
    expect(file.columns).toEqual({
      headName: "Name",
      address: null,
      phones: "Phone number",
      members: "Household size",
      code: null,
    });
    expect(file.rows).toEqual([
      { row: 2, headName: "Lê Thị Hoa", address: "", phones: "0987654321", members: "2", code: "" },
    ]);
  });

  it("detects ';' from the header line even when data cells contain commas", async () => {
    const file = await parse(
      csv(
        "DANH SÁCH HỘ GIA ĐÌNH, ẤP TÂN PHÚ\nChủ hộ;Địa chỉ;SĐT\nTrần Văn Bình;Tổ 1, Ấp Tân Phú;0912345678\n",
      ),
    );
    expect(file.rows).toEqual([
      {
        row: 3,
        headName: "Trần Văn Bình",
        address: "Tổ 1, Ấp Tân Phú",
        phones: "0912345678",
        members: "",
        code: "",
      },
    ]);
  });

  it("detects tab-separated text and honours Excel's sep= line", async () => {
    const tab = await parse(csv("Họ tên\tĐịa chỉ\r\nPhạm Thị Cúc\tTổ 2\r\n"));
    expect(tab.rows[0]).toMatchObject({ headName: "Phạm Thị Cúc", address: "Tổ 2" });
    const sep = await parse(csv("sep=;\nHọ tên;Điện thoại\nĐỗ Văn Dũng;0386123456\n"));
    expect(sep.rows[0]).toMatchObject({ row: 3, headName: "Đỗ Văn Dũng", phones: "0386123456" });
  });

  it("strips a UTF-8 BOM and reads UTF-16 LE and BE with BOM", async () => {
    const text = "Họ và tên chủ hộ,Địa chỉ\nNguyễn Thị Ánh,Ấp Đồng Tâm\n";
    const expected = [
      { row: 2, headName: "Nguyễn Thị Ánh", address: "Ấp Đồng Tâm", phones: "", members: "", code: "" },
    ];
    expect((await parse(csv(`\ufeff${text}`))).rows).toEqual(expected);
    expect((await parse(csv(`\ufeff${text}`))).columns.headName).toBe("Họ và tên chủ hộ");
    expect((await parse(Buffer.from(`\ufeff${text}`, "utf16le"))).rows).toEqual(expected);
    expect((await parse(Buffer.from(`\ufeff${text}`, "utf16le").swap16())).rows).toEqual(expected);
  });

  it("keeps a quoted multi-line address as one cell and numbers records by their first line", async () => {
    const file = await parse(
      csv(
        'Họ tên chủ hộ,Địa chỉ,SĐT\nHồ Văn Em,"Số 12, Tổ 4\nẤp Tân Phú",0912000001\n\nVõ Thị Gấm,"Tổ 5,\n\nẤp Bàu Ké",0912000002\nLý Văn Hải,Tổ 6,0912000003\n',
      ),
    );
    expect(file.rows.map((r) => [r.row, r.headName, r.address])).toEqual([
      [2, "Hồ Văn Em", "Số 12, Tổ 4 Ấp Tân Phú"],
      [5, "Võ Thị Gấm", "Tổ 5, Ấp Bàu Ké"],
      [8, "Lý Văn Hải", "Tổ 6"],
    ]);
  });

  it("counts blank lines and title lines in row numbers, and skips rows with every mapped cell empty", async () => {
    const file = await parse(
      csv(
        "Danh sách hộ\n\n\nTên chủ hộ,Địa chỉ,Ghi chú\n\nA Văn Một,Tổ 1,\n , ,chỉ có ghi chú\n\nB Thị Hai,Tổ 2,\n",
      ),
    );
    expect(file.rows.map((r) => [r.row, r.headName])).toEqual([
      [6, "A Văn Một"],
      [9, "B Thị Hai"],
    ]);
  });

  it("turns NFD text into NFC and collapses whitespace", async () => {
    const nfd = "Họ tên,Địa chỉ\n  Nguyễn   Văn  Ánh ,Ấp\u00a0 Đồng Tâm\n".normalize("NFD");
    const [row] = (await parse(csv(nfd))).rows;
    expect(row?.headName).toBe("Nguyễn Văn Ánh".normalize("NFC"));
    expect(row?.headName).toHaveLength(14);
    expect(row?.address).toBe("Ấp Đồng Tâm");
  });

  it("joins several phone columns with ', ' and names all of them", async () => {
    const file = await parse(
      csv("Chủ hộ,SĐT 1,SĐT 2\nMai Văn Khôi,0912345678,\nMai Thị Lan,0912345679,0987654321\n"),
    );
    expect(file.columns.phones).toBe("SĐT 1, SĐT 2");
    expect(file.rows.map((r) => r.phones)).toEqual(["0912345678", "0912345679, 0987654321"]);
  });

  it("does not take a title such as 'Danh sách chủ hộ' for the header", async () => {
    const file = await parse(
      csv("Danh sách chủ hộ ấp Tân Phú năm 2025\nSTT,Họ và tên,Địa chỉ\n1,Ngô Văn Minh,Tổ 1\n"),
    );
    expect(file.columns.headName).toBe("Họ và tên");
    expect(file.rows).toEqual([
      { row: 3, headName: "Ngô Văn Minh", address: "Tổ 1", phones: "", members: "", code: "" },
    ]);
  });

  it("prefers a plain head column to a title that merely contains 'chủ hộ', and picks ';' under it", async () => {
    const file = await parse(
      csv("Danh sách chủ hộ, ấp Tân Phú\nHọ và tên;Ghi chú\nNgô Thị Mận;mới chuyển đến\n"),
    );
    expect(file.columns).toMatchObject({ headName: "Họ và tên", address: null });
    expect(file.rows).toEqual([
      { row: 3, headName: "Ngô Thị Mận", address: "", phones: "", members: "", code: "" },
    ]);
  });

  it("reads the noun first: 'Số điện thoại chủ hộ' is a phone column, 'Quan hệ với chủ hộ' loses to 'Họ và tên'", async () => {
    const file = await parse(
      csv(
        "Quan hệ với chủ hộ,Họ và tên,Số điện thoại chủ hộ,Địa chỉ chủ hộ\nChủ hộ,Đinh Văn Nam,0912345678,Tổ 7\n",
      ),
    );
    expect(file.columns).toMatchObject({
      headName: "Họ và tên",
      phones: "Số điện thoại chủ hộ",
      address: "Địa chỉ chủ hộ",
    });
    expect(file.rows[0]).toMatchObject({ headName: "Đinh Văn Nam", phones: "0912345678", address: "Tổ 7" });
  });

  it("skips the (1) (2) (3) column-number row under the header and a repeated header", async () => {
    const file = await parse(
      csv(
        "Mã hộ,Chủ hộ,Địa chỉ\n(1),(2),(3)\nH1,Tạ Văn Oanh,Tổ 1\nMã hộ,Chủ hộ,Địa chỉ\nH2,Tạ Thị Phúc,Tổ 2\n",
      ),
    );
    expect(file.rows.map((r) => [r.row, r.code, r.headName])).toEqual([
      [3, "H1", "Tạ Văn Oanh"],
      [5, "H2", "Tạ Thị Phúc"],
    ]);
  });

  it("does not validate names or phones", async () => {
    const file = await parse(csv("Chủ hộ,SĐT\n,abc\n123,+1 555 0100\n"));
    expect(file.rows).toMatchObject([
      { row: 2, headName: "", phones: "abc" },
      { row: 3, headName: "123", phones: "+1 555 0100" },
    ]);
  });

  it("rejects CSV in a Windows code page with a hint to save as CSV UTF-8", async () => {
    const err = await parse(Buffer.from("Ho ten,Dia chi\r\nL\xea H\xe0,To 1\r\n", "latin1")).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err).toMatchObject({ code: "NOT_CSV_OR_XLSX", message: expect.stringContaining("UTF-8") });
  });
});

describe("parseHouseholdFile: XLSX", () => {
  it("reads a sheet with a title row and blank rows above the header, numbering rows as Excel does", async () => {
    const bytes = await xlsx(
      [
        ["DANH SÁCH HỘ GIA ĐÌNH ẤP TÂN PHÚ"],
        null,
        ["STT", "Họ và tên chủ hộ", "Địa chỉ", "Số điện thoại", "Số nhân khẩu", "Mã hộ"],
        [1, "Nguyễn Văn An", "Tổ 3, Ấp Tân Phú", "0912 345 678", 4, "TP-001"],
        null,
        [2, "Trần Thị Bình", "Tổ 5, Ấp Tân Phú", "0987654321", 3, "TP-002"],
      ],
      (sheet) => sheet.mergeCells("A1:F1"),
    );
    const file = await parse(bytes, "ds.xlsx");
    expect(file.format).toBe("xlsx");
    expect(file.columns.code).toBe("Mã hộ");
    expect(file.rows).toEqual([
      {
        row: 4,
        headName: "Nguyễn Văn An",
        address: "Tổ 3, Ấp Tân Phú",
        phones: "0912 345 678",
        members: "4",
        code: "TP-001",
      },
      {
        row: 6,
        headName: "Trần Thị Bình",
        address: "Tổ 5, Ấp Tân Phú",
        phones: "0987654321",
        members: "3",
        code: "TP-002",
      },
    ]);
  });

  it("reads English headers in any order", async () => {
    const bytes = await xlsx([
      ["ID", "Mobile", "Address", "Head of household", "Members"],
      ["H-9", "0912345678", "Hamlet 2", "Lê Văn Quý", 5],
    ]);
    const file = await parse(bytes, "list.xlsx");
    expect(file.rows).toEqual([
      {
        row: 2,
        headName: "Lê Văn Quý",
        address: "Hamlet 2",
        phones: "0912345678",
        members: "5",
        code: "H-9",
      },
    ]);
  });

  it("reads numbers without exponent or lost digits, and two phone columns", async () => {
    const bytes = await xlsx([
      ["Chủ hộ", "ĐT 1", "ĐT 2", "Mã"],
      ["Phan Văn Sơn", 912345678, 84987654321, 1e21],
    ]);
    const [row] = (await parse(bytes)).rows;
    expect(row).toMatchObject({ phones: "912345678, 84987654321", code: "1000000000000000000000" });
  });

  it("reads rich text, formula results, hyperlinks, dates and booleans as the text shown", async () => {
    const bytes = await xlsx([
      ["Họ tên", "Địa chỉ", "Nhân khẩu", "Mã hộ", "Điện thoại"],
      [
        { richText: [{ text: "Hoàng " }, { font: { bold: true }, text: "Thị Tâm" }] },
        { text: "Tổ 8, Ấp Tân Phú", hyperlink: "https://maps.example/x" },
        { formula: "2+3", result: 5 },
        new Date(Date.UTC(2024, 0, 5)),
        { formula: "A1", result: { error: "#N/A" } },
      ],
    ]);
    const [row] = (await parse(bytes)).rows;
    expect(row).toEqual({
      row: 2,
      headName: "Hoàng Thị Tâm",
      address: "Tổ 8, Ấp Tân Phú",
      members: "5",
      code: "05/01/2024",
      phones: "#N/A",
    });
  });

  it("turns NFD cells into NFC", async () => {
    const bytes = await xlsx([
      ["Họ và tên chủ hộ".normalize("NFD"), "Địa chỉ"],
      ["Nguyễn Thị Ánh".normalize("NFD"), "Ấp  Đồng\nTâm".normalize("NFD")],
    ]);
    const file = await parse(bytes);
    expect(file.columns.headName).toBe("Họ và tên chủ hộ");
    expect(file.rows[0]).toMatchObject({ headName: "Nguyễn Thị Ánh", address: "Ấp Đồng Tâm" });
  });

  it("passes over an instructions sheet to the first sheet with a household header", async () => {
    const bytes = await xlsx([["Hướng dẫn: điền danh sách ở trang sau."]], (_sheet, workbook) => {
      const list = workbook.addWorksheet("Danh sách");
      list.addRow(["Chủ hộ", "Địa chỉ"]);
      list.addRow(["Bùi Văn Út", "Tổ 9"]);
    });
    expect((await parse(bytes)).rows).toMatchObject([{ row: 2, headName: "Bùi Văn Út" }]);
  });

  it("decides by content: XLSX bytes named .csv are read as XLSX", async () => {
    const bytes = await xlsx([["Chủ hộ"], ["Châu Văn Vĩnh"]]);
    const file = await parse(bytes, "danh-sach.csv");
    expect(file.format).toBe("xlsx");
    expect(file.rows).toMatchObject([{ row: 2, headName: "Châu Văn Vĩnh" }]);
  });

  it("parses 50,000 rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hộ");
    sheet.addRow(["Mã hộ", "Họ và tên chủ hộ", "Địa chỉ", "Số điện thoại", "Số nhân khẩu"]);
    for (let i = 0; i < 50_000; i++) {
      sheet.addRow([`H${i}`, `Nguyễn Văn ${i}`, `Tổ ${i % 20}, Ấp Tân Phú`, 912_000_000 + i, (i % 7) + 1]);
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const file = await parse(bytes, "lon.xlsx", { maxBytes: 50 * 1024 * 1024, maxRows: 50_000 });
    expect(file.rows).toHaveLength(50_000);
    expect(file.rows[49_999]).toEqual({
      row: 50_001,
      code: "H49999",
      headName: "Nguyễn Văn 49999",
      address: "Tổ 19, Ấp Tân Phú",
      phones: "912049999",
      members: "6",
    });
  }, 60_000);
});

describe("parseHouseholdFile: rejections", () => {
  const pdf = Buffer.from(
    "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  );
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise(200, 7)]);

  it.each([
    ["a PDF (even one that is plain ASCII)", pdf, "PDF"],
    ["a PNG", png, "ảnh"],
    ["random bytes", noise(4096), "Excel (.xlsx) hoặc CSV"],
    [
      "a zip that is not a workbook",
      storedZip([{ name: "word/document.xml", data: Buffer.from("<w/>") }]),
      "zip",
    ],
  ])("rejects %s as NOT_CSV_OR_XLSX with a Vietnamese message", async (_what, bytes, words) => {
    const err = await parse(bytes, "ho.csv").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err).toMatchObject({ code: "NOT_CSV_OR_XLSX", message: expect.stringContaining(words) });
  });

  it("rejects an old binary .xls (OLE header) as LEGACY_XLS", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
    ]);
    await expect(parse(ole, "ho.xls")).rejects.toMatchObject({
      code: "LEGACY_XLS",
      message: expect.stringContaining("lưu lại dưới dạng .xlsx"),
    });
  });

  it("rejects a file over maxBytes as TOO_LARGE, stating the limit in MB", async () => {
    const bytes = csv(`Chủ hộ\n${"Nguyễn Văn An\n".repeat(200_000)}`);
    await expect(
      parse(bytes, "ho.csv", { maxBytes: 2 * 1024 * 1024, maxRows: 1_000_000 }),
    ).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringContaining("2 MB"),
    });
  });

  it("rejects a zip that would inflate past the limit as TOO_LARGE before unpacking it", async () => {
    const bomb = storedZip([
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from("<x/>"), claimed: 0xfff0_0000 },
    ]);
    await expect(parse(bomb, "ho.xlsx")).rejects.toMatchObject({ code: "TOO_LARGE" });
  });

  it("rejects more than maxRows data rows as TOO_MANY_ROWS (blank and header rows do not count)", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `Hộ ${i},Tổ 1\n\n`).join("");
    const limits = { maxBytes: LIMITS.maxBytes, maxRows: 5 };
    expect((await parse(csv(`Chủ hộ,Địa chỉ\n${rows}`), "h.csv", limits)).rows).toHaveLength(5);
    await expect(parse(csv(`Chủ hộ,Địa chỉ\n${rows}Hộ 6,Tổ 2\n`), "h.csv", limits)).rejects.toMatchObject({
      code: "TOO_MANY_ROWS",
    });
    const sheet = await xlsx([["Chủ hộ"], ...Array.from({ length: 6 }, (_, i) => [`Hộ ${i}`])]);
    await expect(parse(sheet, "h.xlsx", limits)).rejects.toMatchObject({ code: "TOO_MANY_ROWS" });
  });

  it("rejects a list without a head-of-household column as NO_HEAD_COLUMN, listing accepted names", async () => {
    const err = await parse(csv("STT,Địa chỉ,Số điện thoại\n1,Tổ 1,0912345678\n")).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "NO_HEAD_COLUMN",
      message: expect.stringContaining("“Họ và tên chủ hộ”"),
    });
    await expect(parse(await xlsx([["Địa chỉ"], ["Tổ 1"]]))).rejects.toMatchObject({
      code: "NO_HEAD_COLUMN",
    });
  });

  it("rejects empty files and header-only files as EMPTY", async () => {
    for (const bytes of [Buffer.alloc(0), csv("\ufeff"), csv(" \r\n\r\n"), csv("Chủ hộ,Địa chỉ\n,\n")]) {
      await expect(parse(bytes)).rejects.toMatchObject({ code: "EMPTY" });
    }
    await expect(parse(await xlsx([]))).rejects.toMatchObject({ code: "EMPTY" });
    await expect(parse(await xlsx([["Họ và tên chủ hộ", "Địa chỉ"]]))).rejects.toMatchObject({
      code: "EMPTY",
    });
  });
});

describe("householdTemplate", () => {
  const expected = [
    {
      row: 2,
      code: "TP-001",
      headName: "Nguyễn Văn An",
      address: "Tổ 3, Ấp Tân Phú",
      phones: "0912 345 678; 0987 654 321",
      members: "4",
    },
    {
      row: 3,
      code: "TP-002",
      headName: "Trần Thị Bích Ngọc",
      address: "Tổ 5, Ấp Tân Phú",
      phones: "0386 123 456",
      members: "3",
    },
  ];
  const columns = {
    code: "Mã hộ",
    headName: "Họ và tên chủ hộ",
    address: "Địa chỉ",
    phones: "Số điện thoại",
    members: "Số nhân khẩu",
  };

  it("CSV: UTF-8 with BOM, comma-separated, and it round-trips", async () => {
    const bytes = await householdTemplate("csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").split(/\r?\n/)[0]).toBe(
      "\ufeffMã hộ,Họ và tên chủ hộ,Địa chỉ,Số điện thoại,Số nhân khẩu",
    );
    const file = await parseHouseholdFile(bytes, "mau.csv", LIMITS);
    expect(file).toEqual({ format: "csv", rows: expected, columns });
  });

  it("XLSX: bold header, phone column as text, a 'Hướng dẫn' sheet, and it round-trips", async () => {
    const bytes = await householdTemplate("xlsx");
    const file = await parseHouseholdFile(bytes, "mau.xlsx", LIMITS);
    expect(file).toEqual({ format: "xlsx", rows: expected, columns });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
    const [list, guide] = workbook.worksheets;
    expect(list?.getCell("B1").font?.bold).toBe(true);
    expect(list?.getCell("D2").numFmt).toBe("@");
    expect(list?.getColumn(4).numFmt).toBe("@");
    expect(list?.getColumn(2).width).toBeGreaterThan(20);
    expect(guide?.name).toBe("Hướng dẫn");
    const guideText: string[] = [];
    guide?.eachRow((row) => {
      guideText.push(String(row.getCell(2).value));
    });
    expect(guideText.join("\n")).toMatch(/“;” hoặc “,”/);
    expect(guideText.join("\n")).toMatch(/Không bắt buộc/);
    expect(guideText.join("\n")).toMatch(/không làm thay đổi gì/);
  });
});
