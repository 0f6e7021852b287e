import { describe, expect, it } from "vitest";
import { isRuleCode, POLICY_ACTION_LIST, RULE_CODES } from "./moderation-labels";
import { linesOf } from "./settings-lines";

describe("the settings' lists, one entry a line", () => {
  it("trims, drops empty lines and repeats, keeps the order", () => {
    expect(linesOf(" chuyên án X \n\n gov.vn\nchuyên án X\n")).toEqual(["chuyên án X", "gov.vn"]);
    expect(linesOf("")).toEqual([]);
  });
});

describe("the content policy's codes", () => {
  it("lists the six rules and four actions of the contracts, in their order", () => {
    expect(RULE_CODES).toEqual([
      "SECRECY",
      "SECRET_KEYWORD",
      "PERSONAL_DATA",
      "LINK",
      "PROFANITY",
      "FLOODING",
    ]);
    expect(POLICY_ACTION_LIST).toEqual(["block", "hold", "flag", "off"]);
    expect(isRuleCode("PERSONAL_DATA")).toBe(true);
    expect(isRuleCode("toString")).toBe(false);
  });
});
