/**
 * The receipt code as a person types it: "by7k 3mq9-xw4t 8hrd", full-width letters from some
 * keyboards, or with a dash replaced by a dot. The server forgives the same variants (and checks the
 * code's check symbol); this only tidies what is sent and catches the commonest slips early.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CONFUSABLE: Record<string, string> = { O: "0", I: "1", L: "1" };
const SEPARATORS = /[\s\u200B-\u200D\uFEFF\-\u2010-\u2015\u2212._]/g;
export const RECEIPT_LENGTH = 16;

export type ReceiptCheck =
  | { ok: true; code: string }
  | { ok: false; reason: "empty" | "accents" | "chars" | "length"; length: number };

/** A Vietnamese keyboard with tone marks on turns "dd" into "đ" and "aa" into "â": say so. */
function hasVietnameseMarks(text: string): boolean {
  return /[đĐ]/.test(text) || /\p{M}/u.test(text.normalize("NFD"));
}

export function checkReceiptCode(input: string): ReceiptCheck {
  const compact = [...input.normalize("NFKC").toUpperCase().replace(SEPARATORS, "")]
    .map((ch) => CONFUSABLE[ch] ?? ch)
    .join("");
  if (compact === "") {
    return { ok: false, reason: "empty", length: 0 };
  }
  if (hasVietnameseMarks(input)) {
    return { ok: false, reason: "accents", length: compact.length };
  }
  if ([...compact].some((ch) => !ALPHABET.includes(ch))) {
    return { ok: false, reason: "chars", length: compact.length };
  }
  if (compact.length !== RECEIPT_LENGTH) {
    return { ok: false, reason: "length", length: compact.length };
  }
  return { ok: true, code: groupReceiptCode(compact) };
}

/** "BY7K3MQ9XW4T8HRD" → "BY7K-3MQ9-XW4T-8HRD". */
export function groupReceiptCode(compact: string): string {
  return compact.match(/.{1,4}/g)?.join("-") ?? compact;
}

/** The page a reporter opens to follow their report; whoever has it can read the report. */
export function followUrl(code: string): string {
  return `${window.location.origin}/report/follow?code=${encodeURIComponent(code)}`;
}

/**
 * The same page with the code in the fragment ("/report/follow#BY7K-…"): the fragment never leaves
 * the browser, so a scanned QR code puts the code in no server's or proxy's log.
 */
export function followFragmentUrl(code: string): string {
  return `${window.location.origin}/report/follow#${encodeURIComponent(code)}`;
}

/** The receipt code carried by an address's fragment ("#BY7K-3MQ9-XW4T-8HRD"), or "" if none. */
export function codeFromFragment(hash: string): string {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).slice(0, 64);
  } catch {
    return "";
  }
}
