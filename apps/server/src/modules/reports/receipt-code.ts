import { randomBytes } from "node:crypto";

/**
 * Receipt codes: the anonymous reporter's only way back to their report, e.g. "BY7K-3MQ9-XW4T-8HRD".
 *
 * - Crockford base32 (digits and upper-case letters without I, L, O, U): nothing to confuse when
 *   read aloud or copied from a small screen, and typed look-alikes are forgiven (O→0, I/L→1).
 * - 16 symbols in groups of 4: 15 random symbols (75 bits) and one check symbol. 75 bits cannot be
 *   guessed through a rate-limited look-up; the check symbol only tells a typo from an unknown code.
 * - The check symbol makes the 16 symbols, read as a polynomial over GF(32) with a leading 1,
 *   vanish at α (a root of x⁵+x²+1). Every position has a distinct non-zero weight αᵏ, so any
 *   single wrong symbol and any swap of two different symbols (adjacent or not) changes the sum.
 *   The leading 1 keeps an all-zero code such as "0000-0000-0000-0000" invalid.
 */

export const RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_DATA_SYMBOLS = 15;
export const RECEIPT_SYMBOLS = RECEIPT_DATA_SYMBOLS + 1;
/** Random bits in a code: 5 per data symbol; the check symbol adds none. */
export const RECEIPT_ENTROPY_BITS = RECEIPT_DATA_SYMBOLS * 5;

const CONFUSABLE: Record<string, string> = { O: "0", I: "1", L: "1" };
// Spaces (including no-break and zero-width ones), every kind of dash, dots and underscores.
const SEPARATORS = /[\s\u200B-\u200D\uFEFF\-\u2010-\u2015\u2212._]/g;
// Longer than any sensible way of typing 16 symbols; bounds the work done on hostile input.
const MAX_INPUT = 64;

/** Multiplies by α in GF(32) = GF(2)[x]/(x⁵+x²+1). */
function timesAlpha(v: number): number {
  const shifted = v << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** Horner evaluation at α of (1, v₀, v₁, …): zero for a valid code. */
function syndrome(values: readonly number[]): number {
  let acc = 1;
  for (const v of values) {
    acc = timesAlpha(acc) ^ v;
  }
  return acc;
}

const grouped = (compact: string): string => compact.match(/.{1,4}/g)?.join("-") ?? compact;

/**
 * A new code from a cryptographic source; tests inject `random` for determinism. Each byte gives
 * one symbol through its low 5 bits, which is unbiased because 256 is a multiple of 32.
 */
export function newReceiptCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(RECEIPT_DATA_SYMBOLS);
  if (bytes.length < RECEIPT_DATA_SYMBOLS) {
    throw new RangeError(`random source returned ${bytes.length} bytes, need ${RECEIPT_DATA_SYMBOLS}`);
  }
  const values = Array.from(bytes.subarray(0, RECEIPT_DATA_SYMBOLS), (b) => b & 0b11111);
  // With acc the syndrome of the data, the check c must satisfy α·acc + c = 0, i.e. c = α·acc (GF(2ⁿ): −x = x).
  values.push(timesAlpha(syndrome(values)));
  return grouped(values.map((v) => RECEIPT_ALPHABET.charAt(v)).join(""));
}

/**
 * The canonical "XXXX-XXXX-XXXX-XXXX" form of what a person typed, or null when it cannot be a
 * code (wrong length, a symbol outside the alphabet, or a failed check symbol).
 */
export function normalizeReceiptCode(input: string): string | null {
  if (typeof input !== "string" || input.length > MAX_INPUT) {
    return null;
  }
  // NFKC folds full-width letters and digits that some phone keyboards produce.
  const compact = [...input.normalize("NFKC").toUpperCase().replace(SEPARATORS, "")]
    .map((ch) => CONFUSABLE[ch] ?? ch)
    .join("");
  if (compact.length !== RECEIPT_SYMBOLS) {
    return null;
  }
  const values = [...compact].map((ch) => RECEIPT_ALPHABET.indexOf(ch));
  if (values.includes(-1) || syndrome(values) !== 0) {
    return null;
  }
  return grouped(compact);
}

/**
 * What the database stores and indexes: `secret` (an HMAC under a key kept outside the database)
 * of the canonical code, so any typed variant finds the same row and a database dump alone does not
 * let anyone open a report. Throws on an invalid code: callers normalise first and answer "not found".
 */
export function receiptLookupKey(code: string, secret: (data: string) => string): string {
  const canonical = normalizeReceiptCode(code);
  if (canonical === null) {
    throw new RangeError("not a valid receipt code; call normalizeReceiptCode first");
  }
  const key = secret(canonical);
  // Guards against wiring an identity or encoding function here: the code itself must never be stored.
  const upper = typeof key === "string" ? key.toUpperCase() : "";
  if (upper === "" || upper.includes(canonical) || upper.includes(canonical.replaceAll("-", ""))) {
    throw new Error("secret() must return a keyed hash of the receipt code, not the code");
  }
  return key;
}
