import type { TReviewIndicatorDefinition } from "@binhyen/contracts";
import { describe, expect, it } from "vitest";
import { interpolate, type Translate } from "../../i18n/i18n-context";
import { vi } from "../../i18n/vi";
import { amountFrom, caseIdFrom } from "./commendation-form";
import { planSections } from "./indicator-sections";
import { changeView, durationText, figureText } from "./review-format";

const t: Translate = (key, params) => interpolate(vi[key], params);
const figure = (
  value: number | null,
  numerator: number | null = null,
  denominator: number | null = null,
) => ({
  value,
  numerator,
  denominator,
});

describe("review figures as shown", () => {
  it("formats each unit the Vietnamese way", () => {
    expect(figureText(figure(1089), "count", "vi", t)).toBe("1.089");
    expect(figureText(figure(969, 969, 1514), "share", "vi", t)).toBe("969/1.514");
    expect(figureText(figure(64), "percent", "vi", t)).toBe("64,0%");
    expect(figureText(figure(300), "minutes", "vi", t)).toBe("5 giờ");
    expect(figureText(figure(null), "count", "vi", t)).toBe("—");
    expect(figureText(undefined, "count", "vi", t)).toBe("—");
  });

  it("reads a median in minutes, hours and days", () => {
    expect(durationText(45, t)).toBe("45 phút");
    expect(durationText(125, t)).toBe("2 giờ 05 phút");
    expect(durationText(1500, t)).toBe("1 ngày 1 giờ");
    expect(durationText(2880, t)).toBe("2 ngày");
  });

  it("shows the change with an arrow, absolute and in percent, coloured by whether it is welcome", () => {
    const up = changeView({ code: "REPORTS_RECEIVED", change: 7, changePercent: 12.5 }, "count", "vi", t);
    expect(up).toMatchObject({ direction: "up", arrow: "▲", text: "7 (+12,5%)", tone: "good" });
    expect(up.spoken).toBe("Tăng 7 (+12,5%) so với kỳ trước");
    const overdue = changeView({ code: "REPORTS_OVERDUE", change: -3, changePercent: -25 }, "count", "vi", t);
    expect(overdue).toMatchObject({ direction: "down", arrow: "▼", text: "3 (−25,0%)", tone: "good" });
    expect(
      changeView({ code: "REPORTS_OVERDUE", change: 2, changePercent: null }, "count", "vi", t),
    ).toMatchObject({ text: "2", tone: "bad" });
    expect(
      changeView({ code: "COVERAGE_PERCENT", change: 53.6, changePercent: 515 }, "percent", "vi", t).text,
    ).toBe("53,6 điểm %");
    expect(changeView({ code: "GROUPS", change: 0, changePercent: 0 }, "count", "vi", t)).toMatchObject({
      direction: "same",
      text: "không đổi",
    });
    expect(changeView({ code: "GROUPS", change: null, changePercent: null }, "count", "vi", t).text).toBe(
      "—",
    );
    expect(
      changeView({ code: "MODERATION_POSTS_HIDDEN", change: 4, changePercent: null }, "count", "vi", t).tone,
    ).toBe("neutral");
  });
});

describe("the dashboard's sections", () => {
  const d = (code: string, section: TReviewIndicatorDefinition["section"], label: string) =>
    ({ code, section, label, unit: "count", measure: "flow", perHamlet: true, drilldown: true }) as const;

  it("puts the parts of a figure under it, in the server's order", () => {
    const plans = planSections([
      d("ANNOUNCEMENTS_TOTAL", "COMMUNICATION", "Tổng số tin, bài"),
      d("ANNOUNCEMENTS_LAW", "COMMUNICATION", "— Pháp luật"),
      d("ANNOUNCEMENTS_FIRE", "COMMUNICATION", "— PCCC"),
      d("GROUPS", "COVERAGE", "Số nhóm Zalo"),
      d("REPORTS_RECEIVED", "INTAKE", "Tổng số tin báo"),
      d("REPORTS_KIND_TO_GIAC", "INTAKE", "— Tố giác"),
      d("REPORTS_VALUABLE", "INTAKE", "Tin có giá trị"),
    ]);
    expect(plans.map((p) => p.section)).toEqual(["COVERAGE", "COMMUNICATION", "INTAKE"]);
    const communication = plans[1];
    expect(communication?.main.map((m) => m.code)).toEqual(["ANNOUNCEMENTS_TOTAL"]);
    expect(communication?.parts[0]?.items.map((m) => m.code)).toEqual([
      "ANNOUNCEMENTS_LAW",
      "ANNOUNCEMENTS_FIRE",
    ]);
    const intake = plans[2];
    expect(intake?.main.map((m) => m.code)).toEqual(["REPORTS_RECEIVED", "REPORTS_VALUABLE"]);
    expect(intake?.parts[0]?.parent.code).toBe("REPORTS_RECEIVED");
  });
});

describe("the commendation form's inputs", () => {
  it("finds a case id in what was pasted", () => {
    const id = "2a9dd4da-e4a2-4e50-bb02-f8d1f8c6e7a9";
    expect(caseIdFrom(id)).toBe(id);
    expect(caseIdFrom(`https://binhyen.example/cases/${id.toUpperCase()}`)).toBe(id);
    expect(caseIdFrom("2a9dd4da")).toBeNull();
  });

  it("reads an amount as typed", () => {
    expect(amountFrom("")).toBeNull();
    expect(amountFrom("2.000.000")).toBe(2_000_000);
    expect(amountFrom("500 000 đ")).toBe(500_000);
    expect(amountFrom("hai triệu")).toBeNaN();
  });
});
