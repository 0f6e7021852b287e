/**
 * Vietnamese person lists sort by given name (last word), then middle name, then family name
 * (first word), then the full name, with the Vietnamese collation (a < ă < â, d < đ, tones).
 * Expected: Nguyễn Thị An, Nguyễn Văn An, Đỗ Thị Anh, Lê Ánh, Phạm Văn Ân, Trần Văn Bình.
 */
const collator = new Intl.Collator("vi");

interface NameParts {
  given: string;
  middle: string;
  family: string;
  full: string;
}

function splitName(name: string): NameParts {
  const full = name.normalize("NFC").trim().replace(/\s+/g, " ");
  const words = full.split(" ");
  if (words.length <= 1) {
    return { given: full, middle: "", family: "", full };
  }
  return {
    given: words[words.length - 1] ?? "",
    middle: words.slice(1, -1).join(" "),
    family: words[0] ?? "",
    full,
  };
}

export function compareVietnameseNames(a: string, b: string): number {
  const x = splitName(a);
  const y = splitName(b);
  return (
    collator.compare(x.given, y.given) ||
    collator.compare(x.middle, y.middle) ||
    collator.compare(x.family, y.family) ||
    collator.compare(x.full, y.full)
  );
}

export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVietnameseNames(nameOf(a), nameOf(b)));
}
