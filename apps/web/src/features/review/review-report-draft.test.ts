import type { TReviewReport } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import {
  changesOf,
  documentDateLine,
  draftNumberLine,
  formFromReport,
  formProblems,
  parseMillimetres,
  recipientList,
  signatureTitleLines,
} from "./review-report-draft";

const report: Pick<TReviewReport, "narrative" | "settings"> = {
  narrative: { results: "Kết quả", shortcomings: "", causes: "", lessons: "", directions: "" },
  settings: {
    parentAgency: "CÔNG AN TỈNH ĐỒNG NAI",
    issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
    symbol: "BC-CAX",
    place: "Đồng Tâm",
    summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
    signer: { prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: "Lê Minh Tuấn" },
    recipients: ["Công an tỉnh (PV01)", "Đảng ủy xã"],
    archiveUnit: "CAX",
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
  },
};

describe("the review report's form", () => {
  it("round-trips the report's settings", () => {
    const form = formFromReport(report);
    expect(form.recipients).toBe("Công an tỉnh (PV01)\nĐảng ủy xã");
    expect(formProblems(form).size).toBe(0);
    expect(changesOf(form)).toEqual({ narrative: report.narrative, settings: report.settings });
  });

  it("upper-cases agencies and titles the Vietnamese way, drops a title without a prefix", () => {
    const form = {
      ...formFromReport(report),
      issuingAgency: "công an xã đồng tâm",
      symbol: "bc-cax",
      title: "phó trưởng công an",
    };
    const settings = changesOf(form).settings;
    expect(settings.issuingAgency).toBe("CÔNG AN XÃ ĐỒNG TÂM");
    expect(settings.symbol).toBe("BC-CAX");
    expect(settings.signer.title).toBe("");
    expect(changesOf({ ...form, prefix: "KT." }).settings.signer).toEqual({
      prefix: "KT.",
      authority: "TRƯỞNG CÔNG AN",
      title: "PHÓ TRƯỞNG CÔNG AN",
      name: "Lê Minh Tuấn",
    });
  });

  it("finds what Decree 30 refuses", () => {
    const form = formFromReport(report);
    const problems = formProblems({
      ...form,
      symbol: "CAX-BC",
      name: "TS. Lê Minh Tuấn",
      prefix: "KT.",
      title: " ",
      place: "",
      margins: { top: "19", bottom: "25", left: "36", right: "17,5" },
    });
    expect(problems.get("settings.symbol")).toBe("symbol");
    expect(problems.get("settings.signer.name")).toBe("academicTitle");
    expect(problems.get("settings.signer.title")).toBe("signerTitle");
    expect(problems.get("settings.place")).toBe("required");
    expect(problems.get("settings.margins.top")).toEqual({ margin: "top", min: 20, max: 25 });
    expect(problems.get("settings.margins.left")).toEqual({ margin: "left", min: 30, max: 35 });
    expect(problems.has("settings.margins.bottom")).toBe(false);
    expect(problems.has("settings.margins.right")).toBe(false);
    // "Q." (acting) needs no title of its own.
    expect(formProblems({ ...form, prefix: "Q.", title: "" }).has("settings.signer.title")).toBe(false);
  });

  it("reads millimetres and recipient lines as typed", () => {
    expect(parseMillimetres("20,5")).toBe(20.5);
    expect(parseMillimetres(" 30 ")).toBe(30);
    expect(parseMillimetres("3O")).toBeNaN();
    expect(recipientList("- Công an tỉnh (PV01);\n\n UBND xã. \n")).toEqual([
      "Công an tỉnh (PV01)",
      "UBND xã",
    ]);
  });

  it("prints the date, number and signature lines as Decree 30 does", () => {
    expect(documentDateLine("Đồng Tâm", "2026-02-05")).toBe("Đồng Tâm, ngày 05 tháng 02 năm 2026");
    expect(documentDateLine("Đồng Tâm", "2026-11-28")).toBe("Đồng Tâm, ngày 28 tháng 11 năm 2026");
    expect(documentDateLine("Đồng Tâm", "2026-03-09")).toBe("Đồng Tâm, ngày 09 tháng 3 năm 2026");
    expect(draftNumberLine("BC-CAX")).toBe("Số:      /BC-CAX");
    expect(
      signatureTitleLines({ prefix: "KT.", authority: "trưởng công an", title: "phó trưởng công an" }),
    ).toEqual(["KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"]);
    expect(signatureTitleLines({ prefix: "", authority: "TRƯỞNG CÔNG AN", title: "" })).toEqual([
      "TRƯỞNG CÔNG AN",
    ]);
  });
});
