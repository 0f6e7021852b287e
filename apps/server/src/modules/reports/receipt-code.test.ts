import { createHash, createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import {
  newReceiptCode,
  normalizeReceiptCode,
  RECEIPT_ALPHABET,
  RECEIPT_DATA_SYMBOLS,
  RECEIPT_ENTROPY_BITS,
  RECEIPT_SYMBOLS,
  receiptLookupKey,
} from "./receipt-code";

const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A deterministic byte source: SHA-256 of seed and counter. */
function seeded(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => createHash("sha256").update(`${seed}:${counter++}`).digest().subarray(0, n);
}

const sample = (count: number, seed = "sample"): string[] => {
  const random = seeded(seed);
  return Array.from({ length: count }, () => newReceiptCode(random));
};

const compact = (code: string) => code.replaceAll("-", "");
const regroup = (symbols: string) => symbols.replace(/(.{4})(?=.)/g, "$1-");
const hmac = (key: string) => (data: string) => createHmac("sha256", key).update(data).digest("base64url");

/** Independent reference for the check: Σ αᵏ·vₖ over GF(32) with a general carry-less multiply. */
function gfMul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) {
    if (b & (1 << i)) {
      product ^= a << i;
    }
  }
  for (let bit = 8; bit >= 5; bit--) {
    if (product & (1 << bit)) {
      product ^= 0b100101 << (bit - 5);
    }
  }
  return product;
}
function referenceSum(symbols: string): number {
  // Weights α^16 (the fixed leading 1), α^15 … α^0 for the 16 symbols.
  const values = [1, ...[...symbols].map((ch) => RECEIPT_ALPHABET.indexOf(ch))];
  let sum = 0;
  values.forEach((v, i) => {
    let weight = 1;
    for (let k = 0; k < values.length - 1 - i; k++) {
      weight = gfMul(weight, 2);
    }
    sum ^= gfMul(weight, v);
  });
  return sum;
}

describe("newReceiptCode", () => {
  it("gives four groups of four Crockford symbols", () => {
    const codes = Array.from({ length: 500 }, () => newReceiptCode());
    for (const code of codes) {
      expect(code).toMatch(FORMAT);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("uses the 32-symbol Crockford alphabet: no I, L, O or U", () => {
    expect(RECEIPT_ALPHABET).toHaveLength(32);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(32);
    expect(RECEIPT_ALPHABET).not.toMatch(/[ILOU]/);
    const codes = sample(2000);
    const data = new Set(codes.flatMap((c) => [...compact(c).slice(0, RECEIPT_DATA_SYMBOLS)]));
    const checks = new Set(codes.map((c) => compact(c).at(-1)));
    expect([...data].sort().join("")).toBe(RECEIPT_ALPHABET);
    expect([...checks].sort().join("")).toBe(RECEIPT_ALPHABET);
  });

  it("has 16 symbols: 15 random (75 bits) and a check symbol", () => {
    expect(RECEIPT_SYMBOLS).toBe(16);
    expect(RECEIPT_DATA_SYMBOLS).toBe(15);
    expect(RECEIPT_ENTROPY_BITS).toBe(75);
    const random = vi.fn(seeded("entropy"));
    expect(compact(newReceiptCode(random))).toHaveLength(16);
    expect(random).toHaveBeenCalledExactlyOnceWith(15);
  });

  it("carries every one of the 75 random bits into the code", () => {
    const base = seeded("bits")(15);
    const code = newReceiptCode(() => base);
    const codes = new Set([code]);
    for (let byte = 0; byte < 15; byte++) {
      for (let bit = 0; bit < 5; bit++) {
        const flipped = Buffer.from(base);
        flipped[byte] = (flipped[byte] ?? 0) ^ (1 << bit);
        const other = newReceiptCode(() => flipped);
        expect(compact(other)[byte]).not.toBe(compact(code)[byte]);
        codes.add(other);
      }
    }
    expect(codes.size).toBe(76);
  });

  it("is deterministic with injected randomness", () => {
    const bytes = Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const code = newReceiptCode(() => bytes);
    expect(code.slice(0, 18)).toBe("0123-4567-89AB-CDE");
    expect(newReceiptCode(() => bytes)).toBe(code);
    expect(sample(5, "same")).toEqual(sample(5, "same"));
    expect(sample(5, "same")).not.toEqual(sample(5, "other"));
  });

  it("refuses a random source that returns too few bytes", () => {
    expect(() => newReceiptCode(() => Buffer.alloc(14))).toThrow(RangeError);
  });

  it("puts a check symbol that matches an independent GF(32) computation", () => {
    for (const code of sample(200, "reference")) {
      expect(referenceSum(compact(code))).toBe(0);
    }
  });
});

describe("the check symbol", () => {
  const codes = sample(100, "errors");

  it("catches every single-symbol substitution", () => {
    let tried = 0;
    for (const code of codes) {
      const symbols = [...compact(code)];
      symbols.forEach((original, i) => {
        for (const wrong of RECEIPT_ALPHABET) {
          if (wrong !== original) {
            const typo = symbols.with(i, wrong).join("");
            expect(normalizeReceiptCode(regroup(typo)), typo).toBeNull();
            tried++;
          }
        }
      });
    }
    expect(tried).toBe(codes.length * 16 * 31);
  });

  it("catches every transposition of two different symbols, adjacent or not", () => {
    let adjacent = 0;
    for (const code of codes) {
      const symbols = [...compact(code)];
      for (let i = 0; i < symbols.length; i++) {
        for (let j = i + 1; j < symbols.length; j++) {
          const [a, b] = [symbols[i] ?? "", symbols[j] ?? ""];
          if (a !== b) {
            const swapped = symbols.with(i, b).with(j, a).join("");
            expect(normalizeReceiptCode(swapped), swapped).toBeNull();
            adjacent += j === i + 1 ? 1 : 0;
          }
        }
      }
    }
    // Swapping equal neighbours changes nothing; the sample still tries well over a thousand real swaps.
    expect(adjacent).toBeGreaterThan(1000);
  });
});

describe("normalizeReceiptCode", () => {
  const [code = ""] = sample(1, "typed");
  const symbols = compact(code);

  it.each([
    ["canonical", code],
    ["lower case", code.toLowerCase()],
    ["no dashes", symbols],
    ["spaces instead of dashes", code.replaceAll("-", " ")],
    ["surrounding and doubled spaces", `  ${code.replaceAll("-", "  ")}\n`],
    ["extra dashes", `-${symbols.split("").join("-")}-`],
    ["misplaced dashes", `${symbols.slice(0, 3)}-${symbols.slice(3, 10)}--${symbols.slice(10)}`],
    [
      "en dashes, no-break and zero-width spaces",
      code.replace("-", "–").replace("-", "\u00A0").replace("-", "\u200B"),
    ],
    ["dots and underscores", code.replace("-", ".").replace("-", "_")],
    ["full-width characters", [...code].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join("")],
  ])("accepts %s", (_label, typed) => {
    expect(normalizeReceiptCode(typed)).toBe(code);
  });

  it("reads O as 0 and I or L as 1, in either case", () => {
    const withZeroAndOne = sample(400, "confusable").find((c) => /0/.test(c) && /1/.test(c)) ?? "";
    expect(withZeroAndOne).not.toBe("");
    for (const [from, to] of [
      ["0", "O"],
      ["0", "o"],
      ["1", "I"],
      ["1", "i"],
      ["1", "L"],
      ["1", "l"],
    ] as const) {
      expect(normalizeReceiptCode(withZeroAndOne.replaceAll(from, to))).toBe(withZeroAndOne);
    }
  });

  it.each([
    ["15 symbols", symbols.slice(0, 15)],
    ["17 symbols", `${symbols}0`],
    ["a symbol left out", code.slice(1)],
    ["a wrong check symbol", `${symbols.slice(0, 15)}${symbols.endsWith("0") ? "1" : "0"}`],
    ["the letter U", `U${symbols.slice(1)}`],
    ["a symbol outside the alphabet", `*${symbols.slice(1)}`],
    ["Vietnamese letters from a Telex keyboard", `Ư${symbols.slice(1)}`],
    ["all zeros", "0000-0000-0000-0000"],
    ["empty text", ""],
    ["only separators", " - - "],
    ["a very long text", `${code}${" ".repeat(100)}`],
  ])("rejects %s", (_label, typed) => {
    expect(normalizeReceiptCode(typed)).toBeNull();
  });
});

describe("receiptLookupKey", () => {
  const [a = "", b = ""] = sample(2, "lookup");
  const secret = hmac("test-key");

  it("is the injected keyed hash of the canonical code", () => {
    expect(receiptLookupKey(a, secret)).toBe(secret(a));
  });

  it("is stable for every way of typing the same code", () => {
    const key = receiptLookupKey(a, secret);
    expect(receiptLookupKey(a, secret)).toBe(key);
    expect(receiptLookupKey(a.toLowerCase().replaceAll("-", " "), secret)).toBe(key);
    expect(receiptLookupKey(compact(a), secret)).toBe(key);
  });

  it("differs between codes and between keys", () => {
    expect(receiptLookupKey(a, secret)).not.toBe(receiptLookupKey(b, secret));
    expect(receiptLookupKey(a, secret)).not.toBe(receiptLookupKey(a, hmac("other-key")));
  });

  it("never contains the code", () => {
    for (const code of sample(200, "leak")) {
      const key = receiptLookupKey(code, secret).toUpperCase();
      expect(key).not.toContain(code);
      expect(key).not.toContain(compact(code));
    }
  });

  it("refuses an invalid code instead of hashing it", () => {
    const spy = vi.fn(secret);
    expect(() => receiptLookupKey("0000-0000-0000-0000", spy)).toThrow(RangeError);
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses a secret function that would store the code itself", () => {
    expect(() => receiptLookupKey(a, (d) => d)).toThrow(/keyed hash/);
    expect(() => receiptLookupKey(a, (d) => `v1:${d.replaceAll("-", "").toLowerCase()}`)).toThrow(
      /keyed hash/,
    );
    expect(() => receiptLookupKey(a, () => "")).toThrow(/keyed hash/);
  });
});
