import { describe, expect, it } from "vitest";
import { parseMentions } from "./mentions";

const GROUP = "7000000000000000001";
const members = new Set(["1111111111111111111", "2222222222222222222"]);
const isMember = (id: string) => members.has(id);

describe("parseMentions", () => {
  it("finds member mentions and mention-all with offsets covering the token", () => {
    const text = `Chú ý [@${GROUP}]: anh [@1111111111111111111] trực tối nay`;
    expect(parseMentions(text, GROUP, isMember)).toEqual([
      { kind: "all", id: GROUP, offset: 6, length: 22 },
      { kind: "user", id: "1111111111111111111", offset: text.indexOf("[@111"), length: 22 },
    ]);
  });

  it("leaves tokens for non-members and malformed tokens as plain text", () => {
    expect(parseMentions("[@3333333333333333333] [@abc] [1111111111111111111] [@]", GROUP, isMember)).toEqual(
      [],
    );
  });

  it("counts offsets in UTF-16 units after Vietnamese text and emoji", () => {
    const text = "Mưa lớn 🌧️ [@2222222222222222222]";
    const [mention] = parseMentions(text, GROUP, isMember);
    expect(mention?.offset).toBe(text.indexOf("[@"));
    expect(text.slice(mention?.offset, (mention?.offset ?? 0) + (mention?.length ?? 0))).toBe(
      "[@2222222222222222222]",
    );
  });
});
