import { describe, expect, it } from "vitest";
import {
  dateLine,
  documentNumberText,
  documentSymbol,
  draftDateLine,
  hasAcademicTitle,
  marginProblems,
  marginsTwips,
  mmToTwips,
  recipientLines,
  SIGNER_PREFIXES,
  shortDate,
  signatureLines,
  signatureProblem,
  symbolAgency,
} from "./document-format";

describe("date line (req. 25)", () => {
  it.each([
    ["2026-01-05", "Đồng Tâm, ngày 05 tháng 01 năm 2026"],
    ["2025-09-29", "Đồng Tâm, ngày 29 tháng 9 năm 2025"],
    ["2026-02-03", "Đồng Tâm, ngày 03 tháng 02 năm 2026"],
    ["2025-12-10", "Đồng Tâm, ngày 10 tháng 12 năm 2025"],
    ["2025-03-01", "Đồng Tâm, ngày 01 tháng 3 năm 2025"],
  ])("%s → %s", (iso, expected) => {
    expect(dateLine("Đồng Tâm", iso)).toBe(expected);
  });

  it("only January and February keep the month's leading zero", () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      dateLine("X", `2026-${String(i + 1).padStart(2, "0")}-15`).replace(
        /^X, ngày 15 tháng (\d+) năm 2026$/,
        "$1",
      ),
    );
    expect(months).toEqual(["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
  });

  it("a draft leaves the day and month blank", () => {
    expect(draftDateLine("Đồng Tâm", 2026)).toMatch(/^Đồng Tâm, ngày\s+tháng\s+năm 2026$/);
  });

  it("rejects what is not a calendar day", () => {
    expect(() => dateLine("X", "5/1/2026")).toThrow();
  });

  it("short dates are dd/mm/yyyy", () => {
    expect(shortDate("2026-01-05")).toBe("05/01/2026");
  });
});

describe("number and symbol (req. 26)", () => {
  it.each([
    [5, "Số: 05/BC-CAX"],
    [1, "Số: 01/BC-CAX"],
    [9, "Số: 09/BC-CAX"],
    [10, "Số: 10/BC-CAX"],
    [123, "Số: 123/BC-CAX"],
  ])("%i → %s", (n, expected) => {
    expect(documentNumberText(n, "BC-CAX")).toBe(expected);
  });

  it("refuses a number that is not a positive integer", () => {
    expect(() => documentNumberText(0, "BC-CAX")).toThrow();
    expect(() => documentNumberText(1.5, "BC-CAX")).toThrow();
  });

  it("joins the type and the agency with '-' and no spaces, upper case", () => {
    expect(documentSymbol("BC", "cax")).toBe("BC-CAX");
    expect(documentSymbol("BC", " CAX-TH ")).toBe("BC-CAX-TH");
    expect(() => documentSymbol("BC", "CA X")).toThrow();
  });

  it("numbers run per issuing agency: the agency part of the symbol", () => {
    expect(symbolAgency("BC-CAX")).toBe("CAX");
    expect(symbolAgency("BC-CAX-TH")).toBe("CAX");
  });
});

describe("signature block (req. 27)", () => {
  it("supports the five prefixes, upper case, with the signer's own title under the authority", () => {
    expect(SIGNER_PREFIXES).toEqual(["TM.", "KT.", "Q.", "TL.", "TUQ."]);
    expect(
      signatureLines({
        prefix: "KT.",
        authority: "Trưởng Công an",
        title: "Phó Trưởng Công an",
        name: " Trần Quốc Phó ",
      }),
    ).toEqual({ titleLines: ["KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"], name: "Trần Quốc Phó" });
    expect(
      signatureLines({ prefix: "TM.", authority: "Ủy ban nhân dân", title: "Chủ tịch", name: "A" })
        .titleLines,
    ).toEqual(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    expect(
      signatureLines({ prefix: "TL.", authority: "Giám đốc", title: "Trưởng phòng", name: "A" }).titleLines,
    ).toEqual(["TL. GIÁM ĐỐC", "TRƯỞNG PHÒNG"]);
    expect(
      signatureLines({ prefix: "TUQ.", authority: "Giám đốc", title: "Trưởng phòng", name: "A" }).titleLines,
    ).toEqual(["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG"]);
  });

  it("Q. (acting) and no prefix print one authority line", () => {
    expect(
      signatureLines({ prefix: "Q.", authority: "Trưởng Công an", title: "", name: "A" }).titleLines,
    ).toEqual(["Q. TRƯỞNG CÔNG AN"]);
    expect(
      signatureLines({ prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: "A" }).titleLines,
    ).toEqual(["TRƯỞNG CÔNG AN"]);
  });

  it("the name is normal case without academic titles", () => {
    expect(hasAcademicTitle("TS. Nguyễn Văn A")).toBe(true);
    expect(hasAcademicTitle("ThS Nguyễn Văn A")).toBe(true);
    expect(hasAcademicTitle("Thái Văn Sơn")).toBe(false);
    expect(hasAcademicTitle("Tsan Văn B")).toBe(false);
    expect(
      signatureProblem({ prefix: null, authority: "X", title: "", name: "TS. Nguyễn Văn A" }),
    ).not.toBeNull();
    expect(signatureProblem({ prefix: "KT.", authority: "X", title: "", name: "A" })).not.toBeNull();
    expect(signatureProblem({ prefix: "KT.", authority: "X", title: "Y", name: "A" })).toBeNull();
  });
});

describe("Nơi nhận (Appendix I, 9b)", () => {
  it("each line starts with '-' and ends with ';', the last is '- Lưu: VT, <unit>.'", () => {
    expect(
      recipientLines(["Công an tỉnh (PV01)", "- Đảng ủy xã;", "UBND xã.", " ", "Lưu: VT"], "CAX"),
    ).toEqual(["- Công an tỉnh (PV01);", "- Đảng ủy xã;", "- UBND xã;", "- Lưu: VT, CAX."]);
  });
});

describe("page geometry (req. 24)", () => {
  it("millimetres to twips, never below the legal minimum", () => {
    expect(mmToTwips(20)).toBe(1134);
    expect(mmToTwips(30)).toBe(1701);
    expect(mmToTwips(15)).toBe(851);
    expect(marginsTwips({ top: 20, bottom: 20, left: 30, right: 15 })).toEqual({
      top: 1134,
      bottom: 1134,
      left: 1701,
      right: 851,
    });
    expect(mmToTwips(25)).toBeGreaterThanOrEqual(1417);
  });

  it("lists the margins outside Decree 30's ranges", () => {
    expect(marginProblems({ top: 20, bottom: 25, left: 35, right: 20 })).toEqual([]);
    expect(marginProblems({ top: 19, bottom: 26, left: 29, right: 21 })).toEqual([
      "top",
      "bottom",
      "left",
      "right",
    ]);
  });
});
