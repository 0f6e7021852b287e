import { describe, expect, it } from "vitest";
import { isPhoneError, normalizePhone } from "./phone";

// Fixtures from domain-vn requirements 28–31.
describe("normalizePhone", () => {
  it.each([
    ["+84 912 345 678", "0912345678", "mobile"],
    ["0084912345678", "0912345678", "mobile"],
    ["84912345678", "0912345678", "mobile"],
    ["0841234567", "0841234567", "mobile"],
    ["091.234.5678", "0912345678", "mobile"],
    ["(091) 234-5678", "0912345678", "mobile"],
    ["912345678", "0912345678", "mobile"],
    ["02513 123 456", "02513123456", "landline"],
    ["0243 123 4567", "02431234567", "landline"],
  ])("%s → %s (%s)", (input, national, type) => {
    const r = normalizePhone(input);
    expect(isPhoneError(r)).toBe(false);
    if (!isPhoneError(r)) {
      expect(r.national).toBe(national);
      expect(r.type).toBe(type);
      expect(r.e164).toBe(`+84${national.slice(1)}`);
      expect(r.legacy).toBe(false);
    }
  });

  it("rejects 0123 456 789: 012 is not a current prefix", () => {
    const r = normalizePhone("0123 456 789");
    expect(isPhoneError(r) && r.error).toBe("INVALID_NUMBER");
  });

  it("converts legacy 11-digit mobiles with the 2018 table and flags them", () => {
    const r = normalizePhone("01699333999");
    expect(r).toMatchObject({ national: "0399333999", legacy: true, type: "mobile" });
  });

  it.each(["", "   ", "abc", "+1 202 555 0100", "09123", "0912345678901", "0000000000"])(
    "rejects %j",
    (input) => {
      expect(isPhoneError(normalizePhone(input))).toBe(true);
    },
  );

  it("gives the carrier as a hint only", () => {
    expect(normalizePhone("0981234567")).toMatchObject({ carrierHint: "Viettel" });
  });
});
