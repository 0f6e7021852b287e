import { describe, expect, it } from "vitest";
import type { ReviewData } from "./review-report-data";
import { changeText, metricValue } from "./review-report-data";
import { sampleReviewData } from "./review-report-fixture";
import { comparison, minutesText, prefillNarrative } from "./review-report-narrative";

describe("comparisons in words and in tables", () => {
  it.each([
    [12, 10, "count", "tăng 2, tương đương 20,0% so với kỳ trước"],
    [8, 10, "count", "giảm 2, tương đương 20,0% so với kỳ trước"],
    [3, 0, "count", "tăng 3 so với kỳ trước"],
    [5, 5, "count", "bằng kỳ trước"],
    [5, null, "count", ""],
    [52.5, 50, "percent", "tăng 2,5 điểm phần trăm so với kỳ trước"],
    [30, 45, "minutes", "nhanh hơn 15 phút so với kỳ trước"],
  ] as const)("%d vs %s (%s)", (cur, prev, unit, words) => {
    expect(comparison(cur, prev, unit)).toBe(words);
  });

  it.each([
    [12, 10, "count", "+2 (+20,0%)"],
    [8, 10, "count", "-2 (-20,0%)"],
    [3, 0, "count", "+3"],
    [5, 5, "count", "0"],
    [5, null, "count", "—"],
    [52.5, 50, "percent", "+2,5 điểm %"],
    [1234, 1000, "count", "+234 (+23,4%)"],
  ] as const)("table change %d vs %s (%s)", (cur, prev, unit, text) => {
    expect(changeText(cur, prev, unit)).toBe(text);
  });

  it("prints values the Vietnamese way", () => {
    expect(metricValue(1234)).toBe("1.234");
    expect(metricValue(49.6, "percent")).toBe("49,6%");
    expect(metricValue(5, "share", 6)).toBe("5/6");
    expect(metricValue(95, "minutes")).toBe("95 phút");
    expect(metricValue(null)).toBe("—");
    expect(minutesText(45)).toBe("45 phút");
    expect(minutesText(125)).toBe("2 giờ 05 phút");
    expect(minutesText(60 * 27)).toBe("1 ngày 3 giờ");
  });
});

describe("pre-filled narrative", () => {
  const data = sampleReviewData();
  const n = prefillNarrative(data);

  it("states the results with the numbers and the comparison with the previous period", () => {
    expect(n.results).toContain("Qua 12 tháng triển khai (từ ngày 01/01/2025 đến ngày 31/12/2025)");
    expect(n.results).toContain(
      "tại 5/6 ấp, thôn với 5 nhóm, 687 thành viên (tăng 47, tương đương 7,3% so với kỳ trước)",
    );
    expect(n.results).toContain(
      "Có 617/1.245 hộ gia đình có ít nhất một thành viên tham gia nhóm, đạt 49,6%",
    );
    expect(n.results).toContain(
      "105 thông báo, bài tuyên truyền (tăng 25, tương đương 31,3% so với kỳ trước)",
    );
    expect(n.results).toContain("tiếp nhận 39 tin báo, phản ánh của Nhân dân");
    expect(n.results).toContain("khởi tố 2 vụ án");
    expect(n.results).toContain("ngăn chặn kịp thời 6 vụ lừa đảo");
    expect(n.results).toContain("thời gian phản hồi đầu tiên (trung vị) là 2 giờ 30 phút");
    expect(n.results).toContain("5 cá nhân và 1 tập thể");
  });

  it("names the weak points from the data (hamlets without a group, low coverage, late tips)", () => {
    expect(n.shortcomings).toContain("Còn 1/6 ấp, thôn chưa thành lập nhóm (Ấp 6).");
    expect(n.shortcomings).toContain("Ấp 1 (45,3%)");
    expect(n.shortcomings).toContain("Vẫn còn 7,7% tin tố giác");
    expect(n.directions).toContain("Hoàn thành việc thành lập nhóm tại 100% ấp, thôn");
  });

  it("has every section, and says so plainly when nothing happened", () => {
    for (const k of ["results", "shortcomings", "causes", "lessons", "directions"] as const) {
      expect(n[k].length).toBeGreaterThan(40);
    }
    const empty: ReviewData = {
      ...data,
      previousPeriod: null,
      totals: [],
      announcementsByTopic: [],
      reportsByKind: [],
      outcomes: [],
      moderation: [],
      commendations: [],
      hamlets: [],
      trend: [],
    };
    const e = prefillNarrative(empty);
    expect(e.results).toContain("Trong kỳ chưa đăng thông báo, bài tuyên truyền nào qua nhóm.");
    expect(e.results).toContain("chưa ghi nhận kết quả xử lý vụ việc");
    expect(e.results).not.toMatch(/undefined|NaN|null/);
  });
});
