/** Vietnamese text rules: NFC at the boundary (req. 36), accent-free search keys (req. 37). */

export const nfc = (s: string): string => s.normalize("NFC");

/** NFD, strip combining marks U+0300–U+036F, đ→d (đ has no canonical decomposition), lower-case, collapse spaces. */
export function searchKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Escapes LIKE wildcards in a user query so "%" and "_" match literally. */
export function likePattern(query: string): string {
  return `%${searchKey(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const collator = new Intl.Collator("vi", { sensitivity: "variant" });

/** Splits a Vietnamese full name into family, middle and given parts. */
export function nameParts(full: string): { family: string; middle: string; given: string } {
  const words = nfc(full).trim().split(/\s+/);
  const given = words.length > 0 ? (words[words.length - 1] ?? "") : "";
  const family = words.length > 1 ? (words[0] ?? "") : "";
  const middle = words.length > 2 ? words.slice(1, -1).join(" ") : "";
  return { family, middle, given };
}

/** Requirement 38: by given name, then middle, then family, then the whole name, with Intl.Collator('vi'). */
export function compareVietnameseNames(a: string, b: string): number {
  const pa = nameParts(a);
  const pb = nameParts(b);
  return (
    collator.compare(pa.given, pb.given) ||
    collator.compare(pa.middle, pb.middle) ||
    collator.compare(pa.family, pb.family) ||
    collator.compare(a, b)
  );
}

export function sortByVietnameseName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnameseNames(name(x), name(y)));
}
