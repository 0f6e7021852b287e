import { describe, expect, it } from "vitest";
import { pollDraftProblems } from "./poll-draft";

const NOW = new Date("2026-05-01T10:00:00+07:00");
const LATER = "2026-05-08T20:00:00+07:00";

describe("a draft poll's problems, before asking the server", () => {
  it.each([
    ["a good poll", "Họp tổ lúc nào?", ["Tối thứ Bảy", "Sáng Chủ nhật"], LATER, {}],
    ["no question", "  ", ["A", "B"], LATER, { question: "required" }],
    ["an empty option", "Q?", ["A", " "], LATER, { options: "empty" }],
    ["one option", "Q?", ["A"], LATER, { options: "count" }],
    ["eleven options", "Q?", Array.from({ length: 11 }, (_, i) => `P${i}`), LATER, { options: "count" }],
    ["the same option twice, whatever the case", "Q?", ["Đồng ý", "đồng ý"], LATER, { options: "duplicate" }],
    ["no deadline", "Q?", ["A", "B"], null, { deadline: "required" }],
    ["a deadline already past", "Q?", ["A", "B"], "2026-05-01T09:59:00+07:00", { deadline: "past" }],
  ] as const)("%s", (_what, question, options, deadline, expected) => {
    expect(pollDraftProblems(question, options, deadline, NOW)).toEqual(expected);
  });
});
