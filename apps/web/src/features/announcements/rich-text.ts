/**
 * The announcements' small formatting language (contracts: ZCreateAnnouncement.body): **bold**,
 * *italic*, lines starting "- " are a list, bare https links. Parsed into plain data and drawn as
 * React elements, never as HTML, so nothing an author types can become markup or script.
 */

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "link"; href: string };

export type Block = { kind: "paragraph"; lines: Inline[][] } | { kind: "list"; items: Inline[][] };

const INLINE = /\*\*([^*\n]+?)\*\*|\*([^*\s][^*\n]*?)\*|(https:\/\/[^\s<>"]+)/g;
/** Sentence punctuation after a link belongs to the sentence. */
const TRAILING = /[.,;:!?)\]'"]+$/;
const LIST_ITEM = /^\s*[-•]\s+(.*)$/;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (item: Inline) => {
    const previous = out[out.length - 1];
    if (item.kind === "text" && previous?.kind === "text") {
      previous.text += item.text;
    } else if (item.kind !== "text" || item.text !== "") {
      out.push(item);
    }
  };
  for (const match of line.matchAll(INLINE)) {
    const index = match.index ?? 0;
    push({ kind: "text", text: line.slice(last, index) });
    const [whole, bold, italic, url] = match;
    if (bold !== undefined) {
      push({ kind: "strong", text: bold });
    } else if (italic !== undefined) {
      push({ kind: "em", text: italic });
    } else if (url !== undefined) {
      const tail = TRAILING.exec(url)?.[0] ?? "";
      const href = url.slice(0, url.length - tail.length);
      if (href.length > "https://".length) {
        push({ kind: "link", href });
      } else {
        push({ kind: "text", text: href });
      }
      push({ kind: "text", text: tail });
    } else {
      push({ kind: "text", text: whole });
    }
    last = index + whole.length;
  }
  push({ kind: "text", text: line.slice(last) });
  return out;
}

export function parseRichText(body: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  for (const raw of body.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      if (current?.kind !== "list") {
        current = { kind: "list", items: [] };
        blocks.push(current);
      }
      current.items.push(parseInline(item[1] ?? ""));
    } else {
      if (current?.kind !== "paragraph") {
        current = { kind: "paragraph", lines: [] };
        blocks.push(current);
      }
      current.lines.push(parseInline(line.trim()));
    }
  }
  return blocks;
}

/** The text without its marks, on one line: for excerpts. Lines without an end mark get " · ". */
export function plainText(body: string): string {
  const lines = parseRichText(body)
    .flatMap((block) => (block.kind === "list" ? block.items : block.lines))
    .map((line) =>
      line
        .map((part) => (part.kind === "link" ? part.href : part.text))
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean);
  return lines.reduce(
    (text, line) => (text === "" ? line : `${text}${/[.,:;!?…]$/.test(text) ? " " : " · "}${line}`),
    "",
  );
}
