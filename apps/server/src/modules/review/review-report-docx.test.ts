import { describe, expect, it } from "vitest";
import { decree30Problems, findParagraph, readDocx, tableRows } from "./document-inspect";
import { reviewCharts } from "./review-report-charts";
import type { ReviewDocumentInput } from "./review-report-document";
import { buildReviewReportDocx } from "./review-report-docx";
import { sampleNarrative, sampleReviewData, sampleSettings } from "./review-report-fixture";
import { prefillNarrative } from "./review-report-narrative";

const RECIPIENTS = ["- Công an tỉnh (PV01);", "- Đảng ủy xã;", "- UBND xã;", "- Lưu: VT, CAX."];

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
  return { input, doc: await readDocx(await buildReviewReportDocx(input)) };
}

describe("review report DOCX (Decree 30/2020, req. 24–27)", () => {
  it("follows every layout rule", async () => {
    const { doc } = await build();
    expect(
      decree30Problems(doc, {
        margins: { top: 1134, right: 851, bottom: 1134, left: 1701 },
        parentAgency: "CÔNG AN TỈNH ĐỒNG NAI",
        issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
        numberLine: "Số: 05/BC-CAX",
        dateLine: "Đồng Tâm, ngày 05 tháng 01 năm 2026",
        summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
        signature: { titleLines: ["TRƯỞNG CÔNG AN"], name: "Lê Minh Trưởng" },
        recipients: RECIPIENTS,
      }),
    ).toEqual([]);
  });

  it("puts the margins the settings give (within the legal range)", async () => {
    const settings = { ...sampleSettings(), margins: { top: 25, bottom: 22, left: 35, right: 20 } };
    const { doc } = await build({ settings });
    expect(doc.margins).toMatchObject({ top: 1418, bottom: 1248, left: 1985, right: 1134 });
  });

  it("prints KT. with the signer's own title, and a draft with blanks and a mark on page 1", async () => {
    const settings = {
      ...sampleSettings(),
      signer: {
        prefix: "KT." as const,
        authority: "TRƯỞNG CÔNG AN",
        title: "PHÓ TRƯỞNG CÔNG AN",
        name: "Trần Quốc Phó",
      },
    };
    const { doc } = await build({ settings, issued: null });
    const problems = decree30Problems(doc, {
      margins: { top: 1134, right: 851, bottom: 1134, left: 1701 },
      parentAgency: "CÔNG AN TỈNH ĐỒNG NAI",
      issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
      numberLine: "Số:        /BC-CAX",
      dateLine: "Đồng Tâm, ngày      tháng      năm 2026",
      summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
      signature: { titleLines: ["KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"], name: "Trần Quốc Phó" },
      recipients: RECIPIENTS,
    });
    expect(problems).toEqual([]);
    expect(doc.headers.find((h) => h.type === "first")?.paragraphs.map((p) => p.text)).toEqual(["DỰ THẢO"]);
  });

  it("prints the narrative sections as justified body text under their headings", async () => {
    const { doc } = await build({
      narrative: { ...sampleNarrative(), lessons: "Bài học một.\nBài học hai." },
    });
    const texts = doc.paragraphs.map((p) => p.text);
    for (const heading of [
      "I. KẾT QUẢ ĐẠT ĐƯỢC",
      "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
      "1. Tồn tại, hạn chế",
      "2. Nguyên nhân",
      "III. BÀI HỌC KINH NGHIỆM",
      "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    ]) {
      expect(texts).toContain(heading);
    }
    const i = texts.indexOf("III. BÀI HỌC KINH NGHIỆM");
    expect(texts.slice(i + 1, i + 3)).toEqual(["Bài học một.", "Bài học hai."]);
    expect(findParagraph(doc, "Bài học hai.")).toMatchObject({ jc: "both", firstLine: 567 });
  });

  it("the tables carry the data's numbers, and the charts are PNG images", async () => {
    const { input, doc } = await build();
    const rows = tableRows(doc.documentXml);
    const hamlet1 = rows.find((r) => r[1] === "Ấp 1");
    const h = input.data.hamlets[0];
    expect(hamlet1).toEqual([
      "1",
      "Ấp 1",
      "Có",
      String(h?.members),
      `${h?.householdsCovered}/${h?.householdsTotal}`,
      `${String(h?.coveragePct).replace(".", ",")}%`,
      String(h?.announcements),
      String(h?.reports),
    ]);
    const members = rows.find((r) => r[1] === "Thành viên");
    expect(members).toEqual(["3", "Thành viên", "687", "640", "+47 (+7,3%)"]);
    expect(rows.find((r) => r[1] === "Ấp, thôn có nhóm / tổng số")?.slice(2)).toEqual([
      "5/6",
      "4/6",
      "+1 (+25,0%)",
    ]);
    expect(doc.documentXml.match(/<pic:pic /g)?.length).toBe(3);
  });
});
