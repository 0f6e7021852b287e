import { describe, expect, it } from "vitest";
import { checkReceiptCode, codeFromFragment, groupReceiptCode } from "./receipt-code";

describe("checkReceiptCode", () => {
  it("accepts lower case, spaces, dots and look-alike letters, and groups the code", () => {
    expect(checkReceiptCode("by7k 3mq9-xw4t.8hrd")).toEqual({ ok: true, code: "BY7K-3MQ9-XW4T-8HRD" });
    expect(checkReceiptCode(" BY7K3MQ9XW4T8HRD ")).toEqual({ ok: true, code: "BY7K-3MQ9-XW4T-8HRD" });
    // O is read as zero and I/L as one, as on the server.
    expect(checkReceiptCode("BY7K-3MQ9-XW4T-8HRO")).toEqual({ ok: true, code: "BY7K-3MQ9-XW4T-8HR0" });
    // Full-width letters from some phone keyboards.
    expect(checkReceiptCode("ＢＹ７Ｋ3MQ9XW4T8HRD")).toEqual({ ok: true, code: "BY7K-3MQ9-XW4T-8HRD" });
  });

  it("tells a Vietnamese keyboard's tone marks, a wrong length and other characters apart", () => {
    expect(checkReceiptCode("")).toMatchObject({ ok: false, reason: "empty" });
    // Telex turns "dd" into "đ" and "aa" into "â".
    expect(checkReceiptCode("BY7K-3MQ9-XW4T-8HRĐ")).toMatchObject({ ok: false, reason: "accents" });
    expect(checkReceiptCode("BÂ7K-3MQ9-XW4T-8HRD")).toMatchObject({ ok: false, reason: "accents" });
    expect(checkReceiptCode("BY7K-3MQ9")).toMatchObject({ ok: false, reason: "length", length: 8 });
    expect(checkReceiptCode("BY7K-3MQ9-XW4T-8HR#")).toMatchObject({ ok: false, reason: "chars" });
  });

  it("groups by four", () => {
    expect(groupReceiptCode("ABCDEFGH")).toBe("ABCD-EFGH");
  });
});

describe("codeFromFragment", () => {
  it("reads the code of a scanned QR's address, and nothing from a broken one", () => {
    expect(codeFromFragment("#BY7K-3MQ9-XW4T-8HRD")).toBe("BY7K-3MQ9-XW4T-8HRD");
    expect(codeFromFragment("#by7k%203mq9")).toBe("by7k 3mq9");
    expect(codeFromFragment("")).toBe("");
    expect(codeFromFragment("#%E0%A4%A")).toBe("");
  });
});
