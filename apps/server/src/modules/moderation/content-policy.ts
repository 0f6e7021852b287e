import { searchKey } from "../../core/text";
import { checkAnnouncementContent, findSecrecyMarkings } from "../announcements/content-check";
import {
  BUILTIN_ALLOW_DOMAINS,
  BUILTIN_PROFANITY,
  type LexiconEntry,
  type LexiconMode,
  LINK_SHORTENERS,
  SCAM_BAIT,
  STRONG_TLDS,
  WEAK_TLDS,
} from "./policy-lexicon";

/**
 * The content policy (issue #6): run on every post before it is shown and on every message
 * captured from Zalo. Pure and synchronous: the caller loads the commune's settings, compiles them
 * once (compilePolicy) and passes the member's posts of the last 10 minutes. Every hit names its
 * rule and explains it in Vietnamese; phone numbers, IDs and plates are masked in the excerpt.
 */
export const POLICY_RULES = [
  "SECRECY",
  "SECRET_KEYWORD",
  "PERSONAL_DATA",
  "LINK",
  "PROFANITY",
  "FLOODING",
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];
export type PolicyAction = "block" | "hold" | "flag" | "off";
export type PolicyHit = {
  rule: PolicyRule;
  action: Exclude<PolicyAction, "off">;
  message: string;
  excerpt: string;
};
export type PolicyConfig = {
  actions: Partial<Record<PolicyRule, PolicyAction>>;
  /** Kept by the management team; matched as whole words, ignoring accents, case and spacing. */
  secretKeywords: string[];
  /** "gov.vn" allows every *.gov.vn; links to allowed domains pass. */
  allowDomains: string[];
  /** Known scam domains: always a hit, even under an allowed domain. */
  denyDomains: string[];
  /** Extra words on top of the built-in list (see policy-lexicon.ts for how they match). */
  profanity: string[];
};
export const DEFAULT_POLICY_ACTIONS: Record<PolicyRule, PolicyAction> = {
  SECRECY: "block",
  SECRET_KEYWORD: "hold",
  PERSONAL_DATA: "hold",
  LINK: "hold",
  PROFANITY: "hold",
  FLOODING: "hold",
};
export type RecentPost = { body: string; at: Date };
export type PolicyInput = {
  body: string;
  now: Date;
  /** This member's posts in the last 10 minutes, newest first (older ones are ignored). */
  recent: RecentPost[];
};
export type PolicyDecision = "publish" | "hold" | "block";
export type PolicyResult = { decision: PolicyDecision; flagged: boolean; hits: PolicyHit[] };

export const FLOOD_WINDOW_MS = 10 * 60_000;
/** More than this many posts (the new one included) in the window is flooding. */
export const FLOOD_MAX_POSTS = 5;
/** This many copies of one text (the new one included) in the window is flooding. */
export const FLOOD_SAME_TEXT = 3;
/** A long post stops at this many hits per rule: enough to review, bounded for spam. */
const MAX_HITS_PER_RULE = 10;

// ---------------------------------------------------------------------------------------------
// Text: NFC, invisible characters out, full-width forms to ASCII, then words.

// Soft hyphen, zero-width and direction marks, word joiners, variation selectors, BOM.
const INVISIBLE =
  /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]|\u034f|\u17b4|\u17b5|\ufe0e|\ufe0f/g;
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/g;

/** What every rule reads. Stripping comes before NFC so "a\u200b\u0301" still composes to "á". */
export function preparePolicyText(body: string): string {
  return body
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .replace(FULL_WIDTH, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

type Token = {
  /** accent-free lower-case (core/text searchKey), 3+ repeated letters squeezed */
  key: string;
  /** lower-case as written (NFC), 3+ repeated letters squeezed */
  low: string;
  /** no diacritic anywhere in the word */
  plain: boolean;
  caps: boolean;
  digits: boolean;
  start: number;
  end: number;
};

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ASCII = /^[\x20-\x7e]*$/;
const REPEATED_LETTER = /(\p{L})\1{2,}/gu;
const DIGITS = /^\d+$/;

type Forms = Omit<Token, "start" | "end">;

// A hamlet's chat reuses a few thousand words: folding each one once (NFD + regexes in searchKey)
// instead of on every post is most of the fast path. Bounded, so odd input cannot grow it forever.
const FORMS = new Map<string, Forms>();
const FORMS_MAX = 50_000;

function wordForms(written: string): Forms {
  let f = FORMS.get(written);
  if (f === undefined) {
    let low = written.toLowerCase();
    if (low.length >= 3) {
      low = low.replace(REPEATED_LETTER, "$1");
    }
    const key = ASCII.test(low) ? low : searchKey(low);
    f = {
      key,
      low,
      plain: key === low,
      caps: written !== low && written === written.toUpperCase(),
      digits: DIGITS.test(written),
    };
    if (FORMS.size >= FORMS_MAX) {
      FORMS.clear();
    }
    FORMS.set(written, f);
  }
  return f;
}

function tokenize(t: string): Token[] {
  const out: Token[] = [];
  // exec with lastIndex rather than matchAll and spreads: this loop runs for every word of every post.
  WORD.lastIndex = 0;
  for (let m = WORD.exec(t); m !== null; m = WORD.exec(t)) {
    const f = wordForms(m[0]);
    const start = m.index;
    out.push({
      key: f.key,
      low: f.low,
      plain: f.plain,
      caps: f.caps,
      digits: f.digits,
      start,
      end: start + m[0].length,
    });
  }
  return out;
}

/**
 * Letter-spaced runs ("đ ị t", "d.m", "c h u y ê n á n") merged into one word each: two or more
 * single letters, at most 3 characters apart on one line. Only these merged words are returned.
 */
function spacedRuns(t: string, tokens: Token[]): Token[] {
  const single = (x: Token | undefined): x is Token => x !== undefined && x.low.length === 1 && !x.digits;
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    for (;;) {
      const a = tokens[j];
      const b = tokens[j + 1];
      if (!single(a) || !single(b) || b.start - a.end > 3 || t.slice(a.end, b.start).includes("\n")) {
        break;
      }
      j++;
    }
    if (j > i) {
      const run = tokens.slice(i, j + 1);
      const first = run[0] as Token;
      const last = run[run.length - 1] as Token;
      out.push({
        key: run.map((x) => x.key).join(""),
        low: run.map((x) => x.low).join(""),
        plain: run.every((x) => x.plain),
        caps: run.every((x) => x.caps),
        digits: false,
        start: first.start,
        end: last.end,
      });
    }
    i = j + 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Word and phrase lists: one hash lookup per word of the post, whatever the size of the list.

type Entry = {
  keys: string[];
  lows: string[];
  mode: LexiconMode;
  notBefore: ReadonlySet<string> | undefined;
  notAfter: ReadonlySet<string> | undefined;
  notAfterNumber: boolean;
  notAllCaps: boolean;
};
type Matcher = {
  byFirst: ReadonlyMap<string, readonly Entry[]>;
  /** Every entry as one word ("địt mẹ" → "địtmẹ"), for glued and letter-spaced writing. */
  joined: readonly { key: string; low: string; entry: Entry }[];
};
type Match = { start: number; end: number };

/** Lexicon entries in the forms the tokenizer produces (NFC, lower-case, folded). */
function toEntries(list: readonly LexiconEntry[]): Entry[] {
  const out: Entry[] = [];
  for (const e of list) {
    const words = [...preparePolicyText(e.text).matchAll(WORD)].map((m) => wordForms(m[0]));
    if (words.length > 0) {
      out.push({
        keys: words.map((w) => w.key),
        lows: words.map((w) => w.low),
        mode: e.mode,
        notBefore: e.notBefore ? new Set(e.notBefore) : undefined,
        notAfter: e.notAfter ? new Set(e.notAfter) : undefined,
        notAfterNumber: e.notAfterNumber ?? false,
        notAllCaps: e.notAllCaps ?? false,
      });
    }
  }
  return out;
}

function buildMatcher(entries: readonly Entry[]): Matcher {
  const byFirst = new Map<string, Entry[]>();
  const joined: { key: string; low: string; entry: Entry }[] = [];
  const seen = new Set<string>();
  const add = (entry: Entry) => {
    const id = `${entry.mode}|${entry.keys.join(" ")}|${entry.lows.join(" ")}`;
    const first = entry.keys[0];
    if (first !== undefined && !seen.has(id)) {
      seen.add(id);
      byFirst.set(first, [...(byFirst.get(first) ?? []), entry]);
    }
  };
  for (const entry of entries) {
    add(entry);
    const key = entry.keys.join("");
    const low = entry.lows.join("");
    if (entry.keys.length > 1) {
      add({ ...entry, keys: [key], lows: [low] });
    }
    joined.push({ key, low, entry });
  }
  // Longest first, so "dit me may" reports "dit me", not "dit".
  for (const list of byFirst.values()) {
    list.sort((a, b) => b.keys.length - a.keys.length);
  }
  return { byFirst, joined };
}

// The built-in lists are prepared once per process; compilePolicy only adds a commune's words.
const BUILTIN_PROFANITY_ENTRIES = toEntries(BUILTIN_PROFANITY);
const BAIT_MATCHER = buildMatcher(toEntries(SCAM_BAIT.map((text) => ({ text, mode: "bare" as const }))));

function accepts(e: Entry, tokens: Token[], i: number, n: number): boolean {
  if (e.mode !== "bare") {
    let same = true;
    let plain = true;
    for (let k = 0; k < n; k++) {
      const tk = tokens[i + k] as Token;
      same &&= tk.low === e.lows[k];
      plain &&= tk.plain;
    }
    if (!same && !(e.mode === "loose" && plain)) {
      return false;
    }
  }
  const first = tokens[i] as Token;
  const prev = tokens[i - 1];
  const next = tokens[i + n];
  if (e.notAfterNumber && prev?.digits && first.start - prev.end <= 1) {
    return false;
  }
  if (
    (e.notBefore && prev && e.notBefore.has(prev.key)) ||
    (e.notAfter && next && e.notAfter.has(next.key))
  ) {
    return false;
  }
  return !(e.notAllCaps && tokens.slice(i, i + n).every((x) => x.caps));
}

function findPhrases(m: Matcher, tokens: Token[], runs: Token[]): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = m.byFirst.get((tokens[i] as Token).key);
    if (!candidates) {
      continue;
    }
    for (const e of candidates) {
      const n = e.keys.length;
      let ok = i + n <= tokens.length;
      for (let k = 1; ok && k < n; k++) {
        ok = (tokens[i + k] as Token).key === e.keys[k];
      }
      if (ok && accepts(e, tokens, i, n)) {
        out.push({ start: (tokens[i] as Token).start, end: (tokens[i + n - 1] as Token).end });
        i += n - 1;
        break;
      }
    }
  }
  // A letter-spaced run is itself a trick, so a longer entry may sit anywhere inside it
  // ("đ ị t m ẹ m à y"); entries of up to 3 letters must be the whole run ("d.m", not "A B C C").
  // Capitals do not excuse a spaced run: "ĐM" may be định mức, "Đ.M" is not.
  for (const run of runs) {
    const hit = m.joined.find(
      ({ key, low, entry }) =>
        (key.length <= 3 ? run.key === key : run.key.includes(key)) &&
        (entry.mode === "bare" || run.low.includes(low) || (entry.mode === "loose" && run.plain)),
    );
    if (hit) {
      out.push({ start: run.start, end: run.end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Compiled policy

export type CompiledPolicy = {
  readonly compiled: true;
  readonly actions: Readonly<Record<PolicyRule, PolicyAction>>;
  readonly secretKeywords: Matcher;
  readonly profanity: Matcher;
  readonly bait: Matcher;
  readonly allowDomains: readonly string[];
  readonly denyDomains: readonly string[];
};

/** "https://www.Abc.vn/x", "*.abc.vn", " abc.vn " → "abc.vn". */
function domainOf(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/^(?:\*\.|www\.)/, "")
    .replace(/[/?#:].*$/, "")
    .replace(/\.$/, "");
}

const ACTIONS: readonly string[] = ["block", "hold", "flag", "off"];

/** Settings come from a JSON column: an unknown rule is ignored, an unknown action keeps the default. */
function actionsOf(actions: Partial<Record<PolicyRule, PolicyAction>>): Record<PolicyRule, PolicyAction> {
  const out = { ...DEFAULT_POLICY_ACTIONS };
  for (const rule of POLICY_RULES) {
    const a = actions[rule];
    if (a !== undefined && ACTIONS.includes(a)) {
      out[rule] = a;
    }
  }
  return out;
}

/**
 * Builds the lists and tables once per commune (on settings change); pass the result to
 * evaluatePost or evaluateCompiled for each post. A settings word with diacritics matches that
 * spelling or the same letters typed without diacritics; one without diacritics matches any accents.
 */
export function compilePolicy(config: PolicyConfig): CompiledPolicy {
  const userWord = (text: string): LexiconEntry => {
    const written = preparePolicyText(text).trim().toLowerCase().replace(/\s+/g, " ");
    return { text, mode: searchKey(written) === written ? "bare" : "loose" };
  };
  return Object.freeze({
    compiled: true as const,
    actions: Object.freeze(actionsOf(config.actions)),
    secretKeywords: buildMatcher(
      toEntries(config.secretKeywords.map((text) => ({ text, mode: "bare" as const }))),
    ),
    profanity: buildMatcher([...BUILTIN_PROFANITY_ENTRIES, ...toEntries(config.profanity.map(userWord))]),
    bait: BAIT_MATCHER,
    allowDomains: Object.freeze(
      [...BUILTIN_ALLOW_DOMAINS, ...config.allowDomains.map(domainOf)].filter((d) => d !== ""),
    ),
    denyDomains: Object.freeze(config.denyDomains.map(domainOf).filter((d) => d !== "")),
  });
}

function isCompiled(p: PolicyConfig | CompiledPolicy): p is CompiledPolicy {
  return "compiled" in p && p.compiled === true;
}

// ---------------------------------------------------------------------------------------------
// SECRECY and PERSONAL_DATA through the announcement content check

/** `id` tells two findings apart when their masked excerpts look alike; it never leaves this file. */
type Found = { message: string; excerpt: string; id?: string };

const SECRET_MESSAGE = (mark: string) =>
  `Bài viết có dấu độ mật ("${mark}"). Luật Bảo vệ bí mật nhà nước (số 29/2018/QH14) cấm đăng, phát tán ` +
  "tài liệu mật lên mạng. Hãy xóa nội dung này; nếu bạn nhận được tài liệu mang dấu mật, hãy báo ngay cho " +
  "Công an xã.";
const RESTRICTED_MESSAGE = (mark: string) =>
  `Bài viết có dấu "${mark}": đây là tài liệu chỉ dùng trong cơ quan, không được đưa lên nhóm cộng đồng. ` +
  "Hãy xóa nội dung này; khi cần phổ biến, Trưởng nhóm sẽ đăng bản được phép công khai.";
const PHONE_MESSAGE =
  "Bài viết có số điện thoại. Không đăng thông tin cá nhân lên nhóm — hãy nhắn riêng cho Trưởng nhóm.";
const ID_MESSAGE = (kind: string) =>
  `Bài viết có ${kind}. Đây là dữ liệu cá nhân, kẻ xấu có thể lợi dụng để lừa đảo, mạo danh. Không đăng ` +
  "lên nhóm — hãy nhắn riêng cho Trưởng nhóm.";
const PLATE_MESSAGE =
  "Bài viết có biển số xe. Biển số giúp truy ra chủ xe nên không đăng lên nhóm, kể cả khi báo mất xe hay " +
  "phản ánh vi phạm — hãy nhắn riêng cho Trưởng nhóm.";

const DIGIT = /\d/g;
// Every secrecy marking contains "mật"/"MAT", or is "lưu hành nội bộ" / "xem xong trả lại".
const SECRECY_HINT = /(?:^|[^a-z])(?:mat|luu hanh|xem xong)(?:$|[^a-z])/;

/** Mask all but the first and last two digits, in the national form: 0912345678 → 09******78. */
function maskPhone(written: string): string {
  let d = written.replace(/\D/g, "");
  if (d.startsWith("0084")) {
    d = `0${d.slice(4)}`;
  } else if (d.startsWith("84") && d.length >= 11) {
    d = `0${d.slice(2)}`;
  }
  return d.length <= 4 ? "*".repeat(d.length) : `${d.slice(0, 2)}${"*".repeat(d.length - 4)}${d.slice(-2)}`;
}

function announcementFindings(t: string, key: string, wantSecrecy: boolean, wantPersonal: boolean) {
  const secrecy: Found[] = [];
  const personal: Found[] = [];
  // The phone/ID scan needs 9+ digits and the secrecy scan folds every character: skip what
  // cannot match (the prefilters are supersets of what the detectors look for).
  const digits = wantPersonal ? (t.match(DIGIT)?.length ?? 0) : 0;
  const findings =
    digits >= 9
      ? checkAnnouncementContent({
          fields: [{ field: "body", text: t }],
          protectedPeople: [],
          allowedPhones: [],
        })
      : wantSecrecy && SECRECY_HINT.test(key)
        ? findSecrecyMarkings("body", t)
        : [];
  for (const f of findings) {
    if (f.rule === "SECRECY_MARKING" && wantSecrecy) {
      const restricted = /luu hanh|xem xong/.test(searchKey(f.excerpt));
      secrecy.push({
        message: restricted ? RESTRICTED_MESSAGE(f.excerpt) : SECRET_MESSAGE(f.excerpt),
        excerpt: f.excerpt,
      });
    } else if (f.rule === "PHONE_NUMBER" && wantPersonal) {
      // The detector lists each number once; two numbers may share a mask (09******78).
      personal.push({ message: PHONE_MESSAGE, excerpt: maskPhone(f.excerpt), id: `phone ${f.excerpt}` });
    } else if (f.rule === "CITIZEN_ID" && wantPersonal) {
      // The detector masks IDs already (first and last three digits); 9 digits is the old CMND.
      const kind =
        f.excerpt.length === 9 ? "số chứng minh nhân dân" : "số căn cước công dân / định danh cá nhân";
      personal.push({ message: ID_MESSAGE(kind), excerpt: f.excerpt, id: `id ${personal.length}` });
    }
  }
  return { secrecy, personal };
}

// Licence plates (Circular 24/2023/TT-BCA): province 11–99, series letter(s) (+ a digit on
// motorbikes), then 4–5 digits, "123.45" dotted: 60A-123.45, 60-A1 123.45, 51F 12345, 29A112345,
// 51LD-12345, 29MĐ1-123.45; run together, "60A12345" reads as a car (60A-123.45). Series letters
// skip I, J, O, Q and W. Times, prices and dates have no letter between the numbers; a unit in
// lower case ("50kg 12000", "25k 10000", "19h 1234") or a currency after the number rejects it.
const PLATE =
  /(?<![\p{L}\p{N}])([1-9]\d) ?[-.]? ?([A-HK-NPR-VX-ZĐ]{1,2})(\d??)( ?[-.]? ?)(\d{3}\.\d{2}|\d{4,5})(?![\p{L}\p{N}]|[.,]\d|\s*(?:đ|đồng|vnđ|vnd|k|nghìn|ngàn|triệu|tr|kg|m2?|ha)(?![\p{L}\p{N}]))/giu;
const UNIT_SERIES = new Set([
  "k",
  "kg",
  "g",
  "h",
  "m",
  "km",
  "cm",
  "mm",
  "ml",
  "l",
  "ha",
  "tr",
  "đ",
  "d",
  "p",
  "s",
  "t",
  "x",
  "v",
  "n",
]);

function plates(t: string): Found[] {
  const out: Found[] = [];
  for (const m of t.matchAll(PLATE)) {
    const [, province = "", series = "", sub = "", sep = "", number = ""] = m;
    // Four digits after a space is a class and a year as often as an old plate ("lớp 12A1 2024").
    const yearLike = number.length === 4 && !/[-.]/.test(sep);
    if (Number(province) < 11 || yearLike || (series === series.toLowerCase() && UNIT_SERIES.has(series))) {
      continue;
    }
    const digits = number.replace(".", "");
    const plate = `${province}${series.toUpperCase()}${sub}`;
    out.push({
      message: PLATE_MESSAGE,
      excerpt: `${plate}-${"*".repeat(digits.length - 2)}${digits.slice(-2)}`,
      id: `plate ${plate}${digits}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LINK

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
// "." or the ways people hide it: "bit . ly", "bit[.]ly", "bit(.)ly", "bit dot ly", "bit chấm ly".
// A dot with a space only after it ("xong. Mai") ends a sentence and is not one of them.
const DOT =
  "(?:\\.|\\s+\\.\\s*|\\s*(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\}|\\[dot\\]|\\(dot\\))\\s*|\\s+(?:dot|chấm|cham)\\s+)";
const HOST = `${LABEL}(?:${DOT}${LABEL})*`;
// http://, https://, and defanged or spaced: hxxp://, h**ps://, http[:]//, "http : //".
const SCHEME = "(?:h(?:tt|xx|\\*\\*)ps?|ftp)\\s?(?:\\[:\\]|\\(:\\)|:)\\s?/\\s?/\\s?";
// Not after a letter, digit or "@": e-mail addresses are not links.
const LINK = new RegExp(
  `(?<![\\p{L}\\p{N}_@])(?:(?<scheme>${SCHEME})(?:[^\\s/?#@]{1,64}@)?(?<shost>${HOST})|(?<whost>www${DOT}${HOST})|(?<bhost>${LABEL}(?:${DOT}${LABEL})+))(?![\\p{L}\\p{N}])(?::\\d{1,5})?(?<path>/[^\\s]*)?`,
  "giu",
);
const ANY_DOT = new RegExp(DOT, "giu");
const STRONG = new Set(STRONG_TLDS);
const WEAK = new Set(WEAK_TLDS);

const LINK_DENIED =
  "Bài viết có link tới trang lừa đảo đã bị cảnh báo. Đừng bấm vào và đừng chia sẻ tiếp; nếu đã lỡ nhập " +
  "thông tin hay chuyển tiền, hãy báo ngay cho Công an xã.";
const LINK_SHORT =
  "Bài viết có link rút gọn — không biết trước link dẫn tới đâu, kẻ gian hay dùng để giấu trang lừa đảo. " +
  "Hãy dùng link đầy đủ của trang chính thức, hoặc gửi riêng cho Trưởng nhóm để kiểm tra.";
const LINK_UNKNOWN =
  "Bài viết có link tới trang chưa được kiểm chứng. Chỉ link tới trang của cơ quan nhà nước (như .gov.vn) " +
  "được đăng ngay; link khác cần Trưởng nhóm xem trước — hoặc hãy gửi riêng cho Trưởng nhóm.";
const BAIT_SUFFIX = (bait: string) =>
  ` Lời mời "${bait}" kèm đường link là chiêu lừa đảo thường gặp: không bấm vào, không cung cấp mật khẩu, ` +
  "mã OTP hay số tài khoản cho bất kỳ ai.";

const under = (host: string, domains: readonly string[]) =>
  domains.some((d) => host === d || host.endsWith(`.${d}`));

function links(t: string, p: CompiledPolicy, bait: () => string | undefined): Found[] {
  const out: Found[] = [];
  for (const m of t.matchAll(LINK)) {
    if (out.length >= MAX_HITS_PER_RULE * 2) {
      break; // spam with thousands of links: enough has been found to act on it
    }
    const g = m.groups ?? {};
    const written = g.shost ?? g.whost ?? g.bhost ?? "";
    const host = written.toLowerCase().replace(ANY_DOT, ".");
    const path = g.path ?? "";
    const hidden = host !== written.toLowerCase() || /[x*[(]/i.test(g.scheme ?? "");
    const shortener = under(host, LINK_SHORTENERS);
    const denied = under(host, p.denyDomains);
    if (g.bhost !== undefined && !shortener && !denied && !under(host, p.allowDomains)) {
      // Without "http" or "www." it must look like a link, not like prose with a dot in it.
      // The top-level domain is checked here, not in the regex: "a.a.a.…" then costs one pass,
      // not one pass per dot.
      const tld = host.slice(host.lastIndexOf(".") + 1);
      if (!(STRONG.has(tld) || (WEAK.has(tld) && path !== "")) || (hidden && path === "")) {
        continue;
      }
    }
    if (!denied && under(host, p.allowDomains)) {
      continue;
    }
    const lure = bait();
    const base = denied ? LINK_DENIED : shortener ? LINK_SHORT : LINK_UNKNOWN;
    // Defanged, so a moderator's screen never turns the excerpt back into a live link.
    const shownPath = path.length > 25 ? `${path.slice(0, 24)}…` : path;
    out.push({
      message: lure ? `${base}${BAIT_SUFFIX(lure)}` : base,
      excerpt: `${host.replaceAll(".", "[.]")}${shownPath}`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// FLOODING

const FLOOD_MANY = (n: number) =>
  `Bạn đã gửi ${n} tin trong 10 phút. Để tin của bà con không bị trôi, mỗi người gửi tối đa ` +
  `${FLOOD_MAX_POSTS} tin trong 10 phút — hãy gộp nội dung vào một tin và chờ ít phút rồi gửi tiếp.`;
const FLOOD_SAME = (n: number) =>
  `Tin này trùng với ${n} tin bạn vừa gửi trong 10 phút qua. Một tin là đủ để mọi người thấy — ` +
  "không gửi lặp lại; nếu cần nhắc, hãy nhờ Trưởng nhóm ghim tin.";
const FLOOD_REPEAT =
  "Tin gồm phần lớn là một ký tự hoặc một từ lặp đi lặp lại, làm trôi tin của bà con. Hãy viết nội dung " +
  "rõ ràng, ngắn gọn rồi gửi lại.";

/** Same words in the same order, whatever the accents, case, spacing and punctuation. */
function floodKey(t: string, tokens: Token[]): string {
  return tokens.length > 0 ? tokens.map((x) => x.key).join(" ") : t.replace(/\s+/g, "");
}

function excerptOf(t: string): string {
  const s = t.replace(/\s+/g, " ").trim();
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function flooding(t: string, tokens: Token[], input: PolicyInput): Found[] {
  const out: Found[] = [];
  const since = input.now.getTime() - FLOOD_WINDOW_MS;
  const recent = input.recent.filter((r) => r.at.getTime() >= since);
  if (recent.length + 1 > FLOOD_MAX_POSTS) {
    out.push({ message: FLOOD_MANY(recent.length + 1), excerpt: `${recent.length + 1} tin / 10 phút` });
  }
  if (recent.length >= FLOOD_SAME_TEXT - 1 && t.trim() !== "") {
    const key = floodKey(t, tokens);
    const same = recent.filter((r) => {
      const rt = preparePolicyText(r.body);
      return floodKey(rt, tokenize(rt)) === key;
    }).length;
    if (same + 1 >= FLOOD_SAME_TEXT) {
      out.push({ message: FLOOD_SAME(same), excerpt: excerptOf(t) });
    }
  }
  // One character making up most of a long post ("aaaa…", "!!!!…", 😂×30), spaces aside …
  let total = 0;
  let run = 0;
  let longest = 0;
  let last = "";
  if (t.length >= 30) {
    for (const ch of t) {
      if (ch === " " || ch === "\n" || ch === "\t" || ch === "\r") {
        continue;
      }
      total++;
      run = ch === last ? run + 1 : 1;
      last = ch;
      longest = Math.max(longest, run);
    }
  }
  // … or a few words repeated over and over ("aaaa aaaa aaaa …", "mua đi mua đi …").
  const fewWords = tokens.length >= 15 && new Set(tokens.map((x) => x.key)).size * 5 <= tokens.length;
  // 30, so the everyday ":)))))))))))))))))))" laugh is not flooding.
  if ((longest >= 30 && longest * 5 >= total * 3) || fewWords) {
    out.push({ message: FLOOD_REPEAT, excerpt: excerptOf(t) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

const RANK: Record<Exclude<PolicyAction, "off">, number> = { flag: 1, hold: 2, block: 3 };

const SECRET_KEYWORD_MESSAGE =
  "Bài viết nhắc tới nội dung nằm trong danh sách cần giữ kín của Tổ quản lý (kế hoạch, chuyên án, vụ " +
  "việc đang xử lý). Không đăng những thông tin này lên nhóm; nếu bạn biết điều gì về vụ việc, hãy báo " +
  "riêng cho Công an xã.";
const PROFANITY_MESSAGE =
  "Bài viết có từ ngữ thô tục hoặc xúc phạm. Nhóm là nơi sinh hoạt chung của bà con trong ấp — hãy sửa " +
  "lại lời lẽ cho lịch sự rồi gửi.";

/** The fast path: a policy compiled once per commune, applied to one post or captured message. */
export function evaluateCompiled(policy: CompiledPolicy, input: PolicyInput): PolicyResult {
  const on = (rule: PolicyRule) => policy.actions[rule] !== "off";
  const t = preparePolicyText(input.body);
  const tokens = tokenize(t);
  let runs: Token[] | undefined;
  const spaced = () => {
    runs ??= spacedRuns(t, tokens);
    return runs;
  };
  const found: Partial<Record<PolicyRule, Found[]>> = {};

  if (on("SECRECY") || on("PERSONAL_DATA")) {
    const key = tokens.map((x) => x.key).join(" ");
    const { secrecy, personal } = announcementFindings(t, key, on("SECRECY"), on("PERSONAL_DATA"));
    found.SECRECY = secrecy;
    found.PERSONAL_DATA = on("PERSONAL_DATA") ? [...personal, ...plates(t)] : [];
  }
  if (on("SECRET_KEYWORD")) {
    found.SECRET_KEYWORD = findPhrases(policy.secretKeywords, tokens, spaced()).map((m) => ({
      message: SECRET_KEYWORD_MESSAGE,
      excerpt: t.slice(m.start, m.end),
    }));
  }
  if (on("LINK")) {
    let lure: { text: string | undefined } | undefined;
    const bait = () => {
      if (lure === undefined) {
        const first = findPhrases(policy.bait, tokens, [])[0];
        lure = { text: first ? t.slice(first.start, first.end) : undefined };
      }
      return lure.text;
    };
    found.LINK = links(t, policy, bait);
  }
  if (on("PROFANITY")) {
    found.PROFANITY = findPhrases(policy.profanity, tokens, spaced()).map((m) => ({
      message: PROFANITY_MESSAGE,
      excerpt: t.slice(m.start, m.end),
    }));
  }
  if (on("FLOODING")) {
    found.FLOODING = flooding(t, tokens, input);
  }

  const hits: PolicyHit[] = [];
  let strongest = 0;
  for (const rule of POLICY_RULES) {
    const action = policy.actions[rule];
    if (action === "off") {
      continue;
    }
    const seen = new Set<string>();
    for (const f of found[rule] ?? []) {
      const id = f.id ?? `${f.message}|${searchKey(f.excerpt)}`;
      if (seen.size >= MAX_HITS_PER_RULE || seen.has(id)) {
        continue;
      }
      seen.add(id);
      hits.push({ rule, action, message: f.message, excerpt: f.excerpt });
      strongest = Math.max(strongest, RANK[action]);
    }
  }
  // "flagged" also marks flag-level hits behind a hold or block, so the reviewer sees them.
  return {
    decision: strongest === RANK.block ? "block" : strongest === RANK.hold ? "hold" : "publish",
    flagged: hits.some((h) => h.action === "flag"),
    hits,
  };
}

/**
 * Decision = the strongest action among the hits (block > hold > flag; flag alone publishes with
 * flagged = true). Given a PolicyConfig it compiles the lists on every call: fine for one post,
 * but a commune evaluating a stream should compilePolicy once and pass the CompiledPolicy.
 */
export function evaluatePost(input: PolicyInput, policy: PolicyConfig | CompiledPolicy): PolicyResult {
  return evaluateCompiled(isCompiled(policy) ? policy : compilePolicy(policy), input);
}
