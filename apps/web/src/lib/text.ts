/**
 * Accent-free search key, as the server builds it: NFD, marks removed, đ→d, lower case.
 * `fold("Đồng Tâm") === "dong tam"`; "Hoà" and "Hòa" fold to the same key.
 */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when every word of the query appears in one of the texts, ignoring accents and case. */
export function matchesQuery(query: string, ...texts: ReadonlyArray<string | null | undefined>): boolean {
  const words = fold(query).split(" ").filter(Boolean);
  if (words.length === 0) {
    return true;
  }
  const haystack = fold(texts.filter(Boolean).join(" "));
  return words.every((word) => haystack.includes(word));
}
