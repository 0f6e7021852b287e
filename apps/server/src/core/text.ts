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

// Letters in Vietnamese alphabetical order (ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u).
const ALPHABET = "0123456789aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
// Tones are a secondary difference: none < huyền < hỏi < ngã < sắc < nặng.
const TONE: Record<string, number> = { "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5 };
const MODIFIER: Record<string, string> = { "\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b" };
const LETTER_BASE = 0x22;

function partKeys(part: string): { primary: string; secondary: string } {
  let primary = "";
  let secondary = "";
  const chars = [...part.normalize("NFD").toLowerCase()];
  for (let i = 0; i < chars.length; i++) {
    const base = chars[i] ?? "";
    if (/\s/.test(base)) {
      primary += "\u0021";
      secondary += "0";
      continue;
    }
    let mods = "";
    let tone = 0;
    while (i + 1 < chars.length && /[\u0300-\u036f]/.test(chars[i + 1] ?? "")) {
      const m = chars[++i] ?? "";
      if (TONE[m] !== undefined) {
        tone = TONE[m];
      } else if (MODIFIER[m]) {
        mods += m;
      }
    }
    const letter = `${base}${mods}`.normalize("NFC");
    const idx = ALPHABET.indexOf(letter);
    primary += String.fromCharCode(
      LETTER_BASE + (idx >= 0 ? idx : ALPHABET.length + ((base.codePointAt(0) ?? 0) % 40)),
    );
    secondary += String(tone);
  }
  return { primary, secondary };
}

/**
 * A key whose plain byte order ("C" collation) follows compareVietnameseNames: given name, then
 * middle, then family, each compared first by letters (ă, â, đ … as their own letters) and then by
 * tones. Stored beside names so the database can page lists in the order people expect.
 */
export function vietnameseSortKey(full: string): string {
  const { family, middle, given } = nameParts(full);
  return [given, middle, family]
    .map((p) => {
      const k = partKeys(p);
      return `${k.primary} ${k.secondary}`;
    })
    .join(" ");
}
