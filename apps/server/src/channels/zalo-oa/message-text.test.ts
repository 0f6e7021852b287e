import { describe, expect, it } from "vitest";
import { ESCAPED_MENTION_START, escapeMentions, plainTextFromMarkdown, splitForZalo } from "./message-text";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const STARTS_WITH_MARK = /^\p{M}/u;
const MARKER = /\n\((\d+)\/(\d+)\)$/;
const unmark = (parts: string[]) => parts.map((p) => p.replace(MARKER, ""));

function expectWellFormedParts(parts: string[], max: number): void {
  expect(parts.length).toBeGreaterThan(0);
  parts.forEach((p, i) => {
    expect(p.length).toBeLessThanOrEqual(max);
    expect(p.trim()).toBe(p);
    expect(p).not.toBe("");
    expect(LONE_SURROGATE.test(p)).toBe(false);
    if (parts.length > 1) {
      expect(p).toMatch(MARKER);
      const [, i1, n] = MARKER.exec(p) ?? [];
      expect(Number(i1)).toBe(i + 1);
      expect(Number(n)).toBe(parts.length);
    }
    const body = p.replace(MARKER, "");
    expect(STARTS_WITH_MARK.test(body)).toBe(false);
  });
}

describe("escapeMentions", () => {
  it("neutralises member and everyone mentions but keeps the text readable", () => {
    const input = "Kính gửi [@7654321098765432109] và cả nhóm [@1234567890123456789]: họp lúc 19h.";
    const out = escapeMentions(input);
    expect(out).not.toMatch(/\[\s*@/);
    expect(out).toContain(`${ESCAPED_MENTION_START}7654321098765432109]`);
    // Remove the invisible character and fold the full-width @: the reader sees the same text.
    expect(out.replace(/\u200B/g, "").replace(/\uFF20/g, "@")).toBe(input);
  });

  it("also catches invisible characters or look-alike at-signs between [ and @", () => {
    for (const sneaky of ["[\u200B@1]", "[ @1]", "[\uFEFF\u2060@1]", "[\uFF20 1]", "[\uFE6B1]"]) {
      const out = escapeMentions(sneaky);
      expect(out.startsWith(ESCAPED_MENTION_START)).toBe(true);
      // Survives either normalisation Zalo might apply (not both at once — see the doc comment).
      expect(out.normalize("NFKC")).not.toMatch(/\[\s*@/);
      expect(out.replace(/[\u200B\u2060\uFEFF\s]/g, "")).not.toMatch(/\[@/);
    }
  });

  it("is idempotent and leaves ordinary @ and brackets alone", () => {
    const once = escapeMentions("[@123] email a@b.vn [ghi chú]");
    expect(escapeMentions(once)).toBe(once);
    expect(once).toContain("a@b.vn [ghi chú]");
  });
});

describe("splitForZalo", () => {
  it("returns short text trimmed as a single part without a marker, and nothing for blank text", () => {
    expect(splitForZalo("  Xin chào  ")).toEqual(["Xin chào"]);
    expect(splitForZalo(" \n\t ")).toEqual([]);
    const exact = "a".repeat(2000);
    expect(splitForZalo(exact)).toEqual([exact]);
  });

  it("keeps every part within 2000 characters including the (i/n) marker", () => {
    const sentence = "Công an xã thông báo lịch trực ban dịp lễ cho toàn thể bà con thôn Đông. ";
    const text = sentence.repeat(120); // ~8,700 chars
    const parts = splitForZalo(text);
    expectWellFormedParts(parts, 2000);
    expect(parts.length).toBeGreaterThan(4);
    // Cut at sentence ends: each body ends with a full stop.
    for (const body of unmark(parts)) {
      expect(body.endsWith(".")).toBe(true);
    }
    expect(unmark(parts).join(" ")).toBe(text.trim());
  });

  it("prefers paragraph breaks, then line breaks", () => {
    const para = `${"Đoạn một có nhiều chữ. ".repeat(30).trim()}`;
    const text = `${para}\n\n${para}\n\n${para}`;
    const parts = splitForZalo(text, 1000);
    expectWellFormedParts(parts, 1000);
    expect(unmark(parts)).toEqual([para, para, para]);

    const lines = Array.from({ length: 60 }, (_, i) => `- Hộ số ${i + 1}: đã xác minh`).join("\n");
    const lineParts = splitForZalo(lines, 300);
    expectWellFormedParts(lineParts, 300);
    for (const body of unmark(lineParts)) {
      expect(body.startsWith("- Hộ số")).toBe(true);
      expect(body.endsWith("đã xác minh")).toBe(true);
    }
  });

  it("hard-cuts 5,000 characters of Vietnamese without spaces, losing nothing", () => {
    const text = "ThôngbáokhẩncấpvềtìnhhìnhantoànậtựtạithônBìnhYên".repeat(110).slice(0, 5000);
    const parts = splitForZalo(text);
    expectWellFormedParts(parts, 2000);
    expect(parts).toHaveLength(3);
    expect(unmark(parts).join("")).toBe(text);
  });

  it("never breaks an NFD combining sequence", () => {
    const nfd = "Nguyễnvănệợữ".normalize("NFD");
    expect(nfd.length).toBeGreaterThan("Nguyễnvănệợữ".length);
    const text = nfd.repeat(400);
    for (const max of [100, 333, 2000]) {
      const parts = splitForZalo(text, max);
      expectWellFormedParts(parts, max);
      expect(unmark(parts).join("")).toBe(text);
    }
  });

  it("never splits emoji surrogate pairs or ZWJ sequences", () => {
    const family = "👨‍👩‍👧‍👦";
    const text = `🚨${family}`.repeat(600);
    const parts = splitForZalo(text, 101);
    expectWellFormedParts(parts, 101);
    expect(unmark(parts).join("")).toBe(text);
    for (const body of unmark(parts)) {
      expect(body.startsWith("\u200D")).toBe(false);
      expect(body.endsWith("\u200D")).toBe(false);
    }
  });

  it("widens the marker when the part count reaches two digits", () => {
    const parts = splitForZalo("x ".repeat(1200), 50);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expectWellFormedParts(parts, 50);
  });
});

describe("plainTextFromMarkdown", () => {
  it("turns the announcement subset into readable plain text", () => {
    const md = [
      "# Thông báo",
      "",
      "**Lịch tiêm phòng** cho *toàn thôn*:",
      "- Sáng thứ Bảy, **7h30**",
      "* Tại nhà văn hoá",
      "  - Mang theo `CCCD`",
      "",
      "",
      "",
      "Xem [hướng dẫn](https://dichvucong.gov.vn/p/home/dvc_huongdan.html?a=1_2) hoặc https://x.vn/a_b_c.",
      "Nguồn: [https://cand.com.vn](https://cand.com.vn) \\*không\\* đổi.",
    ].join("\n");
    expect(plainTextFromMarkdown(md)).toBe(
      [
        "Thông báo",
        "",
        "Lịch tiêm phòng cho toàn thôn:",
        "• Sáng thứ Bảy, 7h30",
        "• Tại nhà văn hoá",
        "  • Mang theo CCCD",
        "",
        "Xem hướng dẫn (https://dichvucong.gov.vn/p/home/dvc_huongdan.html?a=1_2) hoặc https://x.vn/a_b_c.",
        "Nguồn: https://cand.com.vn *không* đổi.",
      ].join("\n"),
    );
  });

  it("leaves arithmetic and lone asterisks alone and handles links with parentheses", () => {
    expect(plainTextFromMarkdown("3 * 4 = 12, 5*")).toBe("3 * 4 = 12, 5*");
    expect(plainTextFromMarkdown("[Wiki](https://vi.wikipedia.org/wiki/Hà_Tĩnh_(tỉnh))")).toBe(
      "Wiki (https://vi.wikipedia.org/wiki/Hà_Tĩnh_(tỉnh))",
    );
    expect(plainTextFromMarkdown("__đậm__ và _nghiêng_")).toBe("đậm và nghiêng");
  });
});
