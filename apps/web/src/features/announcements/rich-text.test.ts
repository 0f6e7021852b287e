import { describe, expect, it } from "vitest";
import { parseInline, parseRichText, plainText } from "./rich-text";

describe("announcement formatting", () => {
  it("reads bold, italic and bare https links; leaves everything else as text", () => {
    expect(parseInline("**Không** chuyển tiền, *nhất là* cho người lạ: https://dichvucong.gov.vn.")).toEqual([
      { kind: "strong", text: "Không" },
      { kind: "text", text: " chuyển tiền, " },
      { kind: "em", text: "nhất là" },
      { kind: "text", text: " cho người lạ: " },
      { kind: "link", href: "https://dichvucong.gov.vn" },
      { kind: "text", text: "." },
    ]);
    // No http, no javascript: only https links become links.
    expect(parseInline("http://a.vn javascript:alert(1) <b>x</b>")).toEqual([
      { kind: "text", text: "http://a.vn javascript:alert(1) <b>x</b>" },
    ]);
    expect(parseInline("2 * 3 * 4")).toEqual([{ kind: "text", text: "2 * 3 * 4" }]);
  });

  it("groups '- ' lines into a list and blank lines into paragraphs", () => {
    const blocks = parseRichText("Kính gửi bà con,\ndòng hai\n\n- một\n- **hai**\nSau danh sách");
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        lines: [[{ kind: "text", text: "Kính gửi bà con," }], [{ kind: "text", text: "dòng hai" }]],
      },
      {
        kind: "list",
        items: [[{ kind: "text", text: "một" }], [{ kind: "strong", text: "hai" }]],
      },
      { kind: "paragraph", lines: [[{ kind: "text", text: "Sau danh sách" }]] },
    ]);
  });

  it("gives the plain text for excerpts", () => {
    expect(plainText("**Chú ý:**\n- Tắt điện\n- Gọi *114*")).toBe("Chú ý: Tắt điện · Gọi 114");
  });
});
