/**
 * Text shaping for Zalo messages: mention neutralisation, splitting to Zalo's 2000-character limit
 * and the announcement markdown subset → plain text. Pure functions, no I/O.
 *
 * Lengths are UTF-16 code units (`String.length`): Zalo does not say how it counts; code units are
 * never fewer than code points or graphemes, so a part that fits here fits there.
 */

// ---------------------------------------------------------------------------------------------
// Mentions

/**
 * In OA group messages `[@<user_id>]` pings one member and `[@<group_id>]` pings everyone
 * (reference/zalo.md §2.8). Relayed text from residents or officers must never do that.
 *
 * `[@` becomes `[` + U+200B ZERO WIDTH SPACE + `＠` (U+FF20 FULLWIDTH COMMERCIAL AT): the reader still
 * sees "[＠…]", while the mention pattern no longer matches — twice over, so it still fails if
 * Zalo strips zero-width characters or folds full-width forms (NFKC), but not both. Invisible
 * characters or look-alike at-signs placed between `[` and `@` by the author are folded into the
 * escape too, so they cannot be used to smuggle a mention past a later normalisation.
 */
const MENTION_START = /\[[\s\u00AD\u200B-\u200D\u2060\uFEFF]*[@\uFF20\uFE6B]/g;
export const ESCAPED_MENTION_START = "[\u200B\uFF20";

export function escapeMentions(text: string): string {
  return text.replace(MENTION_START, ESCAPED_MENTION_START);
}

// ---------------------------------------------------------------------------------------------
// Splitting

export const ZALO_TEXT_LIMIT = 2000;
const graphemes = new Intl.Segmenter("vi", { granularity: "grapheme" });

/**
 * Splits `text` into parts of at most `max` code units each, *including* the "\n(i/n)" marker
 * added when there is more than one part. Cuts at the last paragraph break, else line break,
 * else sentence end, else space found in the second half of the window; only text without any of
 * those is hard-cut, and then on a grapheme boundary (never inside a surrogate pair, a combining
 * sequence such as NFD Vietnamese "ệ", or an emoji ZWJ sequence). Parts are trimmed; none is empty.
 */
export function splitForZalo(text: string, max: number = ZALO_TEXT_LIMIT): string[] {
  if (!Number.isInteger(max) || max < 20) {
    throw new RangeError("splitForZalo: max must be an integer ≥ 20");
  }
  const clean = text.trim();
  if (clean === "") {
    return [];
  }
  if (clean.length <= max) {
    return [clean];
  }
  // The marker's width depends on the part count: retry with wider markers until they agree.
  for (let digits = 1; digits <= 6; digits++) {
    const parts = chunk(clean, max - markerWidth(digits));
    if (String(parts.length).length <= digits) {
      return parts.map((p, i) => p + marker(i + 1, parts.length));
    }
  }
  throw new RangeError("splitForZalo: text too long");
}

const marker = (i: number, n: number) => `\n(${i}/${n})`;
/** "\n(" + i + "/" + n + ")" with i, n of at most `digits` digits. */
const markerWidth = (digits: number) => 4 + 2 * digits;

function chunk(text: string, budget: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > budget) {
    const cut = findCut(rest, budget);
    const head = rest.slice(0, cut).trimEnd();
    if (head !== "") {
      parts.push(head);
    }
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== "") {
    parts.push(rest);
  }
  return parts;
}

/** Natural break levels, best first. `after` cuts after the match, otherwise before it. */
const LEVELS: readonly { re: RegExp; after: boolean }[] = [
  { re: /\n[ \t\r]*\n/g, after: false },
  { re: /\n/g, after: false },
  { re: /[.!?…;:]["'”’»)\]]*(?=\s)/g, after: true },
  { re: /\s/g, after: false },
];

function findCut(rest: string, budget: number): number {
  // +2 lets a break that starts exactly at `budget` be seen.
  const window = rest.slice(0, budget + 2);
  const floor = Math.floor(budget / 2);
  for (const { re, after } of LEVELS) {
    let best = -1;
    re.lastIndex = 0;
    for (let m = re.exec(window); m !== null; m = re.exec(window)) {
      const pos = after ? m.index + m[0].length : m.index;
      if (pos <= budget && pos >= floor) {
        best = pos;
      }
      if (m[0].length === 0) {
        re.lastIndex++;
      }
    }
    if (best > 0) {
      return best;
    }
  }
  return graphemeCut(rest, budget);
}

/** The last grapheme boundary at or before `budget` (a hard cut). */
function graphemeCut(rest: string, budget: number): number {
  // Boundaries strictly inside the probe do not depend on what follows it.
  const probe = rest.slice(0, budget + 64);
  let last = 0;
  for (const { index } of graphemes.segment(probe)) {
    if (index > budget) {
      break;
    }
    last = index;
  }
  if (last > 0) {
    return last;
  }
  // A single "grapheme" longer than the budget (combining-mark abuse): cut between code points.
  const code = rest.charCodeAt(budget - 1);
  return code >= 0xd800 && code <= 0xdbff ? budget - 1 : budget;
}

// ---------------------------------------------------------------------------------------------
// Markdown subset → plain text

const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>"]+/g;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * Announcements are written with `**đậm**`, `*nghiêng*`, `- ` lists, `[text](url)` links (plus
 * `#` headings and `` `code` `` in practice). Zalo shows plain text, so: emphasis markers go,
 * list items become "• ", links become "text (url)" (just the URL when the text is the URL),
 * headings lose their hashes, backslash escapes are resolved. URLs are protected from the
 * emphasis rules so `_` and `*` inside them survive.
 */
export function plainTextFromMarkdown(source: string): string {
  const urls: string[] = [];
  const protect = (url: string) => `\uE000${urls.push(url) - 1}\uE001`;

  let s = source.replace(/\r\n?/g, "\n");
  s = s.replace(LINK, (_m, label: string, url: string) => {
    const text = label.trim();
    return text === url || text === "" ? protect(url) : `${text} (${protect(url)})`;
  });
  s = s.replace(BARE_URL, (url) => protect(url));

  s = s
    .split("\n")
    .map((line) => {
      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (heading) {
        return heading[1] ?? "";
      }
      const item = /^(\s*)[-*+]\s+(.*)$/.exec(line);
      if (item) {
        const depth = Math.floor((item[1] ?? "").replace(/\t/g, "  ").length / 2);
        return `${"  ".repeat(depth)}• ${item[2] ?? ""}`;
      }
      return line;
    })
    .join("\n");

  s = s
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/\*\*(?=\S)([^\n]*?\S)\*\*/g, "$1")
    .replace(/__(?=\S)([^\n]*?\S)__/g, "$1")
    .replace(/(^|[^*\w\\])\*(?=[^\s*])([^*\n]*?[^\s*\\])\*(?![*\w])/g, "$1$2")
    .replace(/(^|[^_\w\\])_(?=[^\s_])([^_\n]*?[^\s_\\])_(?![_\w])/g, "$1$2")
    .replace(/\\([\\`*_[\]()#+\-.!>~|])/g, "$1");

  s = s.replace(PLACEHOLDER, (_m, i: string) => urls[Number(i)] ?? "");
  return s
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
