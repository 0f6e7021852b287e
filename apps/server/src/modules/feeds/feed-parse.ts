import { createHash } from "node:crypto";
import { type EntityDecoderOptions, XMLParser, XMLValidator } from "fast-xml-parser";
import { nfc } from "../../core/text";
import { VN_OFFSET_MS } from "../../core/vn-time";

/*
 * RSS 2.0 / Atom 1.0 parsing for the feed relay (plan II.5.2). Pure: a string in, items out.
 *
 * Security assumptions:
 * - No entity expansion beyond XML's five predefined entities and numeric character references.
 *   Entities declared in a DOCTYPE are ignored (left as literal text), so no "billion laughs";
 *   external (SYSTEM/PUBLIC) entities make fast-xml-parser throw, which we report as NOT_A_FEED,
 *   and nothing is ever read from disk or the network (no XXE).
 * - Summaries are HTML reduced to plain text, never HTML: the web app escapes them like any text.
 * - Links are kept only when they are absolute http(s) URLs (no javascript:, data:, relative junk).
 */

export type FeedItem = {
  guid: string;
  title: string;
  link: string | null;
  summary: string;
  publishedAt: Date | null;
};

export type FeedErrorCode = "HTTP" | "TIMEOUT" | "NETWORK" | "NOT_A_FEED" | "TOO_LARGE" | "BAD_URL";

/** A feed could not be fetched or read. `message` is Vietnamese and is shown to the commune chief. */
export class FeedError extends Error {
  override readonly name = "FeedError";
  constructor(
    readonly code: FeedErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const NOT_A_FEED_MESSAGE = "Địa chỉ này không phải là nguồn tin RSS hoặc Atom.";

export const MAX_ITEMS = 50;
export const MAX_SUMMARY_CHARS = 2000;
/** Announcement titles are at most 200 characters (ZCreateAnnouncement). */
export const MAX_TITLE_CHARS = 200;
/** Only the start of a long article matters for a 2000-character summary. */
const MAX_HTML_CHARS = 100_000;

// ---------------------------------------------------------------------------------------------
// Entities

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/**
 * HTML named entities seen in Vietnamese CMS output: the XML five, typography, and the Latin-1
 * letters that Vietnamese shares (the rest of its letters come as numeric references, &#7879;).
 */
const HTML_ENTITIES: Record<string, string> = {
  ...XML_ENTITIES,
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  shy: "",
  zwnj: "\u200c",
  zwj: "\u200d",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  lsaquo: "‹",
  rsaquo: "›",
  bull: "•",
  middot: "·",
  deg: "°",
  copy: "©",
  reg: "®",
  trade: "™",
  times: "×",
  divide: "÷",
  plusmn: "±",
  frac12: "½",
  sect: "§",
  para: "¶",
  euro: "€",
  yen: "¥",
  pound: "£",
  cent: "¢",
  iexcl: "¡",
  iquest: "¿",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  atilde: "ã",
  egrave: "è",
  eacute: "é",
  ecirc: "ê",
  igrave: "ì",
  iacute: "í",
  ograve: "ò",
  oacute: "ó",
  ocirc: "ô",
  otilde: "õ",
  ugrave: "ù",
  uacute: "ú",
  yacute: "ý",
  Agrave: "À",
  Aacute: "Á",
  Acirc: "Â",
  Atilde: "Ã",
  Egrave: "È",
  Eacute: "É",
  Ecirc: "Ê",
  Igrave: "Ì",
  Iacute: "Í",
  Ograve: "Ò",
  Oacute: "Ó",
  Ocirc: "Ô",
  Otilde: "Õ",
  Ugrave: "Ù",
  Uacute: "Ú",
  Yacute: "Ý",
};

function codePointText(cp: number): string {
  // Surrogates, out-of-range values and NUL are not characters: U+FFFD, as HTML parsers do.
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    return "\ufffd";
  }
  return String.fromCodePoint(cp);
}

/** One pass, so "&amp;lt;" becomes "&lt;", never "<". Unknown names stay as they are. */
function decodeEntities(text: string, named: Record<string, string>): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31});/g,
    (whole, ref: string) => {
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        return codePointText(Number.parseInt(ref.slice(2), 16));
      }
      if (ref.startsWith("#")) {
        return codePointText(Number.parseInt(ref.slice(1), 10));
      }
      return Object.hasOwn(named, ref) ? (named[ref] ?? whole) : whole;
    },
  );
}

export const decodeHtmlEntities = (text: string): string => decodeEntities(text, HTML_ENTITIES);

/** Plugged into fast-xml-parser in place of its own decoder: XML's entities only, DOCTYPE ignored. */
const xmlOnlyDecoder: EntityDecoderOptions = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text) => decodeEntities(text, XML_ENTITIES),
};

// ---------------------------------------------------------------------------------------------
// HTML → plain text

const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tr",
  "ul",
]);

/** Cuts to at most `max` characters (code points, so no half surrogate pair), ending in "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) {
    return text;
  }
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * HTML to plain text: block elements and <br> become line breaks, list items "- " lines (the
 * composer's own list syntax), scripts, styles and comments vanish, entities are decoded, runs of
 * spaces collapse and blank lines fold into one "\n". Not a sanitizer: the output is text.
 */
export function htmlToText(html: string): string {
  // Every pattern below stops at the next "<" or ">" (or consumes the rest of the input), so a
  // hostile feed of unterminated "<a "… cannot make the regexes quadratic.
  const source = html.slice(0, MAX_HTML_CHARS);
  // In HTML a line break in the source is just a space; in a plain-text description it is a
  // line break. Markup with any tag is taken for HTML.
  const isHtml = /<\/?[A-Za-z][A-Za-z0-9]*(?=[\s/>])/.test(source);
  const withBreaks = (isHtml ? source.replace(/\s+/g, " ") : source)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    .replace(/<(script|style|noscript|template|iframe|object)(?=[\s/>])[\s\S]*?(?:<\/\1\s*>|$)/gi, "")
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, "$1")
    .replace(
      /<(\/?)([A-Za-z][A-Za-z0-9:-]*)(?=[\s/>])(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*>/g,
      (_tag, close: string, rawName: string) => {
        const name = rawName.toLowerCase();
        if (name === "br") {
          return "\n";
        }
        if (name === "li" && close === "") {
          return "\n- ";
        }
        if (name === "td" || name === "th") {
          return " ";
        }
        return BLOCK_TAGS.has(name) ? "\n" : "";
      },
    )
    // Declarations and processing instructions that survived (<!DOCTYPE …>, <?xml …?>).
    .replace(/<[!?][^<>]*>/g, "");
  return tidyText(decodeHtmlEntities(withBreaks));
}

function tidyText(text: string): string {
  return nfc(text)
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\f\v]/g, " ")
    .split("\n")
    .map((line) => line.replace(/ {2,}/g, " ").trim())
    .join("\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

const oneLine = (text: string): string => tidyText(text).replace(/\n+/g, " ");

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

/** RFC 822 zone names, plus ICT (Indochina Time, UTC+7) that Vietnamese servers sometimes print. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  ICT: 7,
};

function utcFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMs: number,
): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  const at = new Date(Date.UTC(year, month, day, hour, minute, Math.min(second, 59)) - offsetMs);
  // Date.UTC rolls 31 Feb over into March; a date that moved was not a date.
  const local = new Date(at.getTime() + offsetMs);
  return local.getUTCDate() === day && local.getUTCMonth() === month ? at : null;
}

function offsetFrom(zone: string | undefined): number | null {
  if (zone === undefined || zone === "") {
    // No zone at all: these are Vietnamese feeds, so Vietnamese time.
    return VN_OFFSET_MS;
  }
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) {
    const sign = numeric[1] === "-" ? -1 : 1;
    return sign * (Number(numeric[2]) * 3600_000 + Number(numeric[3]) * 60_000);
  }
  const hours = ZONES[zone.toUpperCase()];
  return hours === undefined ? null : hours * 3600_000;
}

/**
 * RFC 822 (RSS pubDate: "Fri, 27 Nov 2026 09:30:00 +0700", 2- or 4-digit year, optional seconds
 * and weekday), ISO 8601 / RFC 3339 (Atom, and RSS feeds that use it anyway) and the Vietnamese
 * "27/11/2026 09:30". A missing zone means Vietnamese time. Anything else → null.
 */
export function parseFeedDate(raw: string): Date | null {
  const s = raw.trim().replace(/\s+/g, " ");
  const rfc822 =
    /^(?:[A-Za-z]{3,9},? )?(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([+-]\d{2}:?\d{2}|[A-Za-z]{1,4}))?$/.exec(
      s,
    );
  if (rfc822) {
    const month = MONTHS[(rfc822[2] ?? "").toLowerCase()];
    const offset = offsetFrom(rfc822[7]);
    if (month === undefined || offset === null) {
      return null;
    }
    let year = Number(rfc822[3]);
    if (year < 100) {
      year += year < 50 ? 2000 : 1900;
    }
    return utcFromParts(
      year,
      month,
      Number(rfc822[1]),
      Number(rfc822[4]),
      Number(rfc822[5]),
      Number(rfc822[6] ?? 0),
      offset,
    );
  }
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)? ?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    );
  if (iso) {
    const offset = offsetFrom(iso[7]);
    if (offset === null) {
      return null;
    }
    return utcFromParts(
      Number(iso[1]),
      Number(iso[2]) - 1,
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      offset,
    );
  }
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (vn) {
    return utcFromParts(
      Number(vn[3]),
      Number(vn[2]) - 1,
      Number(vn[1]),
      Number(vn[4] ?? 0),
      Number(vn[5] ?? 0),
      Number(vn[6] ?? 0),
      VN_OFFSET_MS,
    );
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Bytes → string

const encodingOf = (label: string | undefined): string | null => {
  if (!label) {
    return null;
  }
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
};

/**
 * Decodes a feed body. Order: byte-order mark, then the XML declaration's encoding, then the HTTP
 * charset, then UTF-8. The declaration wins over HTTP because it is written by the CMS that
 * produced the bytes, while the header is often a web-server default ("ISO-8859-1" on a UTF-8
 * feed). windows-1258 (and any WHATWG encoding) works through TextDecoder; its tone marks come
 * out as combining characters, so the result is NFC-normalized.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): string {
  let encoding: string | null = null;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
    start = 3;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    start = 2;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    start = 2;
  }
  if (encoding === null) {
    // The declaration is ASCII in every encoding a feed uses (UTF-16 would have a BOM).
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
    encoding = encodingOf(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1]);
  }
  if (encoding === null && contentType) {
    encoding = encodingOf(/;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1]);
  }
  // A declared but wrong encoding should still give readable text: replacement chars, not a throw.
  const text = new TextDecoder(encoding ?? "utf-8").decode(bytes.subarray(start));
  return nfc(text);
}

// ---------------------------------------------------------------------------------------------
// XML → items

type XmlNode = string | number | boolean | { [key: string]: XmlNode } | XmlNode[] | undefined | null;
type XmlObject = { [key: string]: XmlNode };

const isObject = (node: XmlNode): node is XmlObject =>
  typeof node === "object" && node !== null && !Array.isArray(node);

const asArray = (node: XmlNode): XmlNode[] => (Array.isArray(node) ? node : node === undefined ? [] : [node]);

const first = (node: XmlNode): XmlNode => (Array.isArray(node) ? node[0] : node);

/** The text of an element, whether it had attributes (object with #text) or not (plain string). */
function textOf(node: XmlNode): string {
  const n = first(node);
  if (typeof n === "string") {
    return n;
  }
  if (typeof n === "number" || typeof n === "boolean") {
    return String(n);
  }
  if (isObject(n)) {
    return textOf(n["#text"]);
  }
  return "";
}

const attrOf = (node: XmlNode, name: string): string | undefined => {
  const n = first(node);
  return isObject(n)
    ? typeof n[`@_${name}`] === "string"
      ? (n[`@_${name}`] as string)
      : undefined
    : undefined;
};

/** Absolute http(s) URL or null; a relative one is resolved against `base` when that is absolute. */
function safeLink(raw: string, base?: string | null): string | null {
  const value = raw.trim();
  if (value === "") {
    return null;
  }
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Atom text constructs: type="text" (default) is text; "html" escaped markup; "xhtml" raw markup. */
function atomText(node: XmlNode): string {
  const type = attrOf(node, "type") ?? "text";
  const raw = textOf(node);
  return type === "html" || type === "xhtml" ? htmlToText(raw) : tidyText(raw);
}

/** RSS titles are HTML in practice (escaped or CDATA); treating them so costs nothing for text. */
const rssTitle = (node: XmlNode): string => oneLine(htmlToText(textOf(node)));

const hashGuid = (title: string, date: string): string =>
  `sha256:${createHash("sha256").update(`${title}\n${date}`).digest("hex").slice(0, 32)}`;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  // Trimming happens per text, not per XML text node: " a <![CDATA[b]]> c" must keep its spaces.
  trimValues: false,
  processEntities: true,
  entityDecoder: xmlOnlyDecoder,
  htmlEntities: false,
  // XHTML content is kept as raw markup and reduced to text like HTML.
  stopNodes: ["..title[type=xhtml]", "..summary[type=xhtml]", "..content[type=xhtml]"],
  isArray: (tagName) => tagName === "item" || tagName === "entry" || tagName === "link",
  maxNestedTags: 200,
});

type Draft = Omit<FeedItem, "title" | "guid"> & { title: string; guid: string | null; rawDate: string };

function rssItems(channel: XmlObject): Draft[] {
  const channelLink = safeLink(textOf(asArray(channel.link).find((l) => typeof l === "string")));
  return asArray(channel.item)
    .filter(isObject)
    .map((item) => {
      const links = asArray(item.link);
      // atom:link lives in its own key; a plain <link> is a string (an object if it had attributes).
      const link = safeLink(textOf(links[0]), channelLink);
      const guidNode = item.guid;
      const guidText = textOf(guidNode).trim();
      const permaLink = attrOf(guidNode, "isPermaLink") !== "false";
      const rawDate = textOf(item.pubDate ?? item["dc:date"]).trim();
      const description = textOf(item.description);
      const html = description.trim() !== "" ? description : textOf(item["content:encoded"]);
      return {
        guid: guidText !== "" ? guidText : link,
        title: rssTitle(item.title),
        link: link ?? (permaLink ? safeLink(guidText) : null),
        summary: htmlToText(html),
        publishedAt: rawDate === "" ? null : parseFeedDate(rawDate),
        rawDate,
      };
    });
}

function atomLink(links: XmlNode, base: string | null): string | null {
  const candidates = asArray(links).filter(isObject);
  const alternates = candidates.filter((l) => (attrOf(l, "rel") ?? "alternate") === "alternate");
  const best =
    alternates.find((l) => (attrOf(l, "type") ?? "text/html").startsWith("text/html")) ?? alternates[0];
  return best ? safeLink(attrOf(best, "href") ?? "", base) : null;
}

function atomItems(feed: XmlObject): Draft[] {
  const base = atomLink(feed.link, null);
  return asArray(feed.entry)
    .filter(isObject)
    .map((entry) => {
      const link = atomLink(entry.link, base);
      const id = textOf(entry.id).trim();
      const rawDate = textOf(entry.published ?? entry.updated).trim();
      const summaryNode = textOf(entry.summary).trim() !== "" ? entry.summary : entry.content;
      return {
        guid: id !== "" ? id : link,
        title: oneLine(atomText(entry.title)),
        link,
        summary: atomText(summaryNode),
        publishedAt: rawDate === "" ? null : parseFeedDate(rawDate),
        rawDate,
      };
    });
}

function finish(drafts: Draft[]): FeedItem[] {
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  for (const d of drafts) {
    const summary = truncate(d.summary, MAX_SUMMARY_CHARS);
    // An item without a title borrows the start of its text; one with neither says nothing.
    const title = truncate(d.title !== "" ? d.title : oneLine(summary), MAX_TITLE_CHARS);
    if (title === "") {
      continue;
    }
    const guid = d.guid ?? hashGuid(title, d.rawDate);
    if (seen.has(guid)) {
      continue;
    }
    seen.add(guid);
    items.push({ guid, title, link: d.link, summary, publishedAt: d.publishedAt });
  }
  // Newest first; undated items after the dated ones, in document order (sort is stable).
  const time = (item: FeedItem) => item.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return items.sort((a, b) => (time(a) === time(b) ? 0 : time(b) - time(a))).slice(0, MAX_ITEMS);
}

/** Parses an RSS 2.0 or Atom 1.0 document. Throws FeedError NOT_A_FEED for anything else. */
export function parseFeed(xml: string): { title: string; items: FeedItem[] } {
  const text = xml.replace(/^\ufeff/, "");
  // The parser is lenient (an unclosed <rss> parses); the validator is not.
  if (text.trim() === "" || XMLValidator.validate(text) !== true) {
    throw new FeedError("NOT_A_FEED", NOT_A_FEED_MESSAGE);
  }
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (error) {
    throw new FeedError("NOT_A_FEED", NOT_A_FEED_MESSAGE, { cause: error });
  }
  if (!isObject(doc)) {
    throw new FeedError("NOT_A_FEED", NOT_A_FEED_MESSAGE);
  }
  // An empty <channel/> or <feed></feed> parses as a string: still a feed, with no items.
  const channel = isObject(doc.rss) ? first(doc.rss.channel) : undefined;
  if (channel !== undefined) {
    const c = isObject(channel) ? channel : {};
    return { title: rssTitle(c.title), items: finish(rssItems(c)) };
  }
  const feed = first(doc.feed);
  if (feed !== undefined) {
    const f = isObject(feed) ? feed : {};
    return { title: oneLine(atomText(f.title)), items: finish(atomItems(f)) };
  }
  throw new FeedError("NOT_A_FEED", NOT_A_FEED_MESSAGE);
}
