import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildDossier, csvField, groupsCsv } from "./dossier";

const rows = [
  {
    hamletName: "Ấp 1",
    groupName: 'Nhóm Ấp 1, "Bình Yên"',
    leaderName: "Phạm Văn Đức",
    members: 80,
    householdsCovered: 68,
    householdsTotal: 150,
    coveragePct: 45.3,
  },
  {
    hamletName: "Ấp 2",
    groupName: '=HYPERLINK("x")',
    leaderName: null,
    members: 0,
    householdsCovered: 0,
    householdsTotal: 0,
    coveragePct: null,
  },
];

describe("dossier", () => {
  it("writes the groups list as UTF-8 CSV with a BOM, quoted, formulas neutralised", () => {
    const csv = groupsCsv(rows);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe(
      'STT,"Ấp, thôn",Nhóm,Trưởng nhóm,Số thành viên,Hộ tham gia,Tổng số hộ,Tỷ lệ bao phủ (%)',
    );
    expect(lines[1]).toBe('1,Ấp 1,"Nhóm Ấp 1, ""Bình Yên""",Phạm Văn Đức,80,68,150,45.3');
    expect(lines[2]).toBe(`2,Ấp 2,"'=HYPERLINK(""x"")",,0,0,0,`);
    expect(csvField("-1")).toBe("'-1");
  });

  it("zips the DOCX, the PDF, the XLSX and the list", async () => {
    const zip = await JSZip.loadAsync(
      await buildDossier({
        fileStem: "bao-cao",
        docx: Buffer.from("docx"),
        pdf: Buffer.from("%PDF-1.4"),
        xlsx: Buffer.from("xlsx"),
        groups: rows,
        date: new Date("2026-01-05T03:00:00Z"),
      }),
    );
    expect(Object.keys(zip.files).sort()).toEqual([
      "bao-cao-bang-so-lieu.xlsx",
      "bao-cao.docx",
      "bao-cao.pdf",
      "danh-sach-nhom.csv",
    ]);
    expect(await zip.file("bao-cao.pdf")?.async("string")).toBe("%PDF-1.4");
  });
});
