import type { TContentFinding } from "@binhyen/contracts";
import { isPhoneError, normalizePhone } from "../../core/phone";
import { searchKey } from "../../core/text";

/**
 * The announcement content check (domain-vn requirements 12–14). Pure: the caller loads and
 * decrypts the protected people of open reports and passes them in; nothing here logs or stores.
 * Findings are for the officer composing the post, so a protected person is never named or told
 * apart as informant or suspect: their excerpt is masked and the message is the same for both.
 */
export type ProtectedPerson = { name?: string; phone?: string };
export type ContentCheckInput = {
  fields: { field: string; text: string }[];
  protectedPeople: ProtectedPerson[];
  allowedPhones: string[];
};

type Hit = { finding: TContentFinding; key: string; at: number };

const NOT_WORD_BEFORE = "(?<![\\p{L}\\p{M}\\p{N}])";
const NOT_WORD_AFTER = "(?![\\p{L}\\p{M}\\p{N}])";
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

/** NFC, then full-width forms (０-９, ＋, （）, Ａ-Ｚ) to ASCII. Keeps the length, so indices stay valid. */
function prepare(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\uff01-\uff5e\u3000]/g, (c) =>
      c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    );
}

/**
 * The accent-free search key of `t` (req. 37, built char by char with searchKey) plus, for every
 * folded UTF-16 unit, its index in `t`, so a match in the key maps back to the text as written.
 * Zero-width characters vanish, so "Nguyễn\u200bVăn" cannot slip a name past the check.
 */
function foldWithMap(t: string): { folded: string; map: number[] } {
  let folded = "";
  const map: number[] = [];
  let i = 0;
  for (const ch of t) {
    if (INVISIBLE.test(ch)) {
      // skipped on purpose
    } else if (/\s/.test(ch)) {
      if (folded !== "" && !folded.endsWith(" ")) {
        folded += " ";
        map.push(i);
      }
    } else {
      const f = searchKey(ch);
      folded += f;
      for (let k = 0; k < f.length; k++) {
        map.push(i);
      }
    }
    i += ch.length;
  }
  return { folded, map };
}

function spanOf(t: string, map: number[], start: number, length: number): [number, number] {
  const from = map[start] ?? 0;
  const last = map[start + length - 1] ?? from;
  return [from, last + ((t.codePointAt(last) ?? 0) > 0xffff ? 2 : 1)];
}

const isUpper = (s: string): boolean => s === s.toLocaleUpperCase("vi") && s !== s.toLocaleLowerCase("vi");

// ---------------------------------------------------------------------------------------------
// SECRECY_MARKING (req. 14; Law 29/2018 art. 5, Decree 30/2020 stamps)

const STATE_SECRET_MESSAGE = (mark: string) =>
  `Nội dung có dấu độ mật "${mark}". Luật Bảo vệ bí mật nhà nước (số 29/2018/QH14) nghiêm cấm đăng tải, ` +
  "phát tán bí mật nhà nước trên Internet, mạng máy tính và mạng viễn thông. Nền tảng này không phải kênh " +
  "truyền bí mật nhà nước: không đăng tài liệu mang dấu mật. Nếu chỉ cần phổ biến phần được phép công khai, " +
  "hãy soạn thành thông báo mới, không kèm dấu mật.";

const RESTRICTED_MESSAGE = (mark: string) =>
  `Nội dung có dấu "${mark}": đây là tài liệu hạn chế phạm vi phát hành, chỉ dùng trong cơ quan, không đưa ` +
  "lên nhóm cộng đồng. Nền tảng này không phải kênh truyền tài liệu mật hay tài liệu nội bộ (Luật Bảo vệ bí " +
  "mật nhà nước số 29/2018/QH14). Chỉ đăng nội dung đã được phép công bố rộng rãi, soạn thành thông báo mới.";

/** Words that make "mật" an everyday word, not a stamp: bí mật, bảo mật, mật khẩu, mật ong, mật độ … */
const EVERYDAY_BEFORE = new Set(["bi", "bao", "than", "nghiem", "tui", "soi", "ong"]);
const EVERYDAY_AFTER = new Set(["khau", "ma", "ong", "do", "thiet", "ngot", "mia", "gau"]);

function wordBefore(t: string, index: number): string {
  const m = /([\p{L}\p{M}]+)[ \t\u00a0-]*$/u.exec(t.slice(Math.max(0, index - 30), index));
  return m?.[1] ? searchKey(m[1]) : "";
}

function wordAfter(t: string, index: number): string {
  const m = /^[ \t\u00a0-]*([\p{L}\p{M}]+)/u.exec(t.slice(index, index + 30));
  return m?.[1] ? searchKey(m[1]) : "";
}

// Compiled once: Unicode property classes make these slow to build.
const GRADED = new RegExp(`${NOT_WORD_BEFORE}(tuyệt|tối)\\s+mật${NOT_WORD_AFTER}`, "giu");
const GRADED_UNACCENTED = new RegExp(`${NOT_WORD_BEFORE}(TUYET|TOI)\\s+MAT${NOT_WORD_AFTER}`, "gu");
const STAMP = new RegExp(`${NOT_WORD_BEFORE}MẬT${NOT_WORD_AFTER}`, "gu");
const STAMP_LINE = /^[^\p{L}\p{N}\n]*(mật|MAT)[^\p{L}\p{N}\n]*$/gimu;
const RESTRICTED = new RegExp(`${NOT_WORD_BEFORE}(luu hanh noi bo|xem xong tra lai)${NOT_WORD_AFTER}`, "gu");

/** True when "MẬT" at `index` is the tail of "TUYỆT MẬT" / "TỐI MẬT", even across a line break. */
function afterGrade(t: string, index: number): boolean {
  return /(?:^|[^a-z])(?:tuyet|toi)$/.test(searchKey(t.slice(Math.max(0, index - 12), index)));
}

function secrecyHits(field: string, t: string): Hit[] {
  const hits: Hit[] = [];
  const add = (at: number, excerpt: string, restricted: boolean) => {
    const mark = excerpt.replace(/\s+/g, " ").trim();
    hits.push({
      at,
      key: `SECRECY_MARKING|${field}|${searchKey(mark)}`,
      finding: {
        rule: "SECRECY_MARKING",
        field,
        message: restricted ? RESTRICTED_MESSAGE(mark) : STATE_SECRET_MESSAGE(mark),
        excerpt: mark,
      },
    });
  };

  // "TUYỆT MẬT" / "TỐI MẬT" in any case. Lower-case prose gets two narrow exceptions: "giữ tuyệt
  // mật" (keep absolutely secret, common in wanted notices) and "tối mật độ …" (evening, density).
  for (const m of t.matchAll(GRADED)) {
    const prose = !isUpper(m[0]);
    const end = m.index + m[0].length;
    if (prose && (wordBefore(t, m.index) === "giu" || EVERYDAY_AFTER.has(wordAfter(t, end)))) {
      continue;
    }
    add(m.index, m[0], false);
  }
  // Without diacritics only when upper-case ("TUYET MAT"): lower-case "tuyet mat" is too ambiguous.
  for (const m of t.matchAll(GRADED_UNACCENTED)) {
    add(m.index, m[0], false);
  }
  // "MẬT" alone, upper-case, as a stamp: skip the ones that are part of the graded marks above and
  // the everyday compounds an all-caps headline uses ("KHÔNG CUNG CẤP MẬT KHẨU", "GIỮ BÍ MẬT").
  for (const m of t.matchAll(STAMP)) {
    const before = wordBefore(t, m.index);
    const after = wordAfter(t, m.index + m[0].length);
    if (afterGrade(t, m.index) || EVERYDAY_BEFORE.has(before) || EVERYDAY_AFTER.has(after)) {
      continue;
    }
    add(m.index, m[0], false);
  }
  // A line that is only the stamp: "MẬT", "[Mật]", "- MAT -" (unaccented MAT only upper-case).
  for (const m of t.matchAll(STAMP_LINE)) {
    const word = m[1] ?? "";
    const at = m.index + m[0].indexOf(word);
    if ((/^ma/i.test(word) && word !== "MAT") || afterGrade(t, at)) {
      continue;
    }
    add(at, word, false);
  }
  // Restricted-circulation stamps (Decree 30/2020): matched accent-insensitively in the search key.
  const { folded, map } = foldWithMap(t);
  for (const m of folded.matchAll(RESTRICTED)) {
    const [from, to] = spanOf(t, map, m.index, m[0].length);
    const written = t.slice(from, to);
    // "xem xong trả lại phiếu cho tổ trưởng" is everyday prose; the stamp is always upper-case.
    if (m[1] === "xem xong tra lai" && !isUpper(written)) {
      continue;
    }
    add(from, written, true);
  }
  return hits;
}

/** The SECRECY_MARKING detector alone, for file names, metadata and extracted text (req. 14). */
export function findSecrecyMarkings(field: string, text: string): TContentFinding[] {
  return dedupe(secrecyHits(field, prepare(text)));
}

// ---------------------------------------------------------------------------------------------
// PHONE_NUMBER, CITIZEN_ID and protected phones (req. 12, 28–31)

// Between the digits of one number people put spaces, dots, dashes, parentheses and invisible
// characters; "/" (dates), ":" (times) and "," (lists, decimals) end a run.
const SEP = "[ \\t\\u00a0\\u2000-\\u200d\\u202f\\u205f\\u2060\\ufeff\\u00ad.\\-\\u2010-\\u2013()]";
// At most "(+" in front: an unbounded [+(]* backtracks quadratically on "(+(+(+…".
const RUN = new RegExp(`[+(]{0,2}\\d(?:${SEP}{0,3}\\d)*`, "g");
// dd.mm.yyyy / dd-mm-yy, unless more number groups follow ("09.12.34.56.78" is a phone).
const DATE = /(?<![\d./-])(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:\d{4}|\d{2})(?!\d|[./-]\d)/g;
const CURRENCY_AFTER = /^\s*(?:vnđ|vnd|₫|đồng|đ|triệu|tỷ|tỉ|nghìn|ngàn|usd)(?![\p{L}\p{M}])/iu;
// Labels of identity documents, in the search key: "CMND số", "Số CCCD:", "chứng minh nhân dân".
const ID_LABEL =
  /(?:^|[^\p{L}\p{N}])(cmnd|cmt|cccd|chung minh(?: nhan dan| thu)?|can cuoc(?: cong dan)?|dinh danh(?: ca nhan)?)[^\p{L}\p{N}]*(?:so[^\p{L}\p{N}]*)?$/u;
const OLD_ID_LABEL = /(cmnd|cmt|chung minh)/;

type Group = { digits: string; start: number; end: number };

const PHONE_MESSAGE = (hint: string) =>
  `Nội dung có số điện thoại (${hint}…). Không đăng số điện thoại cá nhân lên nhóm; nếu cần để bà con ` +
  "liên hệ, hãy dùng số trực ban của Công an xã (các số đã khai báo trong cài đặt được phép đăng).";

const ID_MESSAGE = (kind: string) =>
  `Nội dung có ${kind}. Đây là dữ liệu cá nhân được pháp luật bảo vệ; đăng lên nhóm có thể bị kẻ xấu ` +
  "lợi dụng để lừa đảo, mạo danh. Hãy xóa số này; nếu cần xác định người, hãy liên hệ riêng.";

const PERSON_MESSAGE =
  "Thông báo nhắc đến một người có liên quan đến tin báo đang xử lý. Để giữ bí mật và bảo đảm an toàn " +
  "cho người liên quan, không nêu tên hay số điện thoại của họ trên nhóm. Hãy bỏ thông tin này; nếu thật " +
  "sự cần đăng, hãy hỏi ý kiến Trưởng Công an xã.";

function maskDigits(digits: string): string {
  return digits.length <= 4
    ? "*".repeat(digits.length)
    : `${digits.slice(0, 2)}${"*".repeat(digits.length - 4)}${digits.slice(-2)}`;
}

function maskName(written: string): string {
  return written
    .split(/[\s._\-\u00ad\u200b-\u200d\u2060\ufeff]+/)
    .filter((w) => w !== "")
    .map((w) => `${[...w][0] ?? ""}**`)
    .join(" ");
}

function provinceCode(digits: string): boolean {
  const code = Number(digits.slice(0, 3));
  return digits.startsWith("0") && code >= 1 && code <= 96;
}

type PhoneContext = { allowed: Set<string>; protectedPhones: Set<string> };

function asPhone(digits: string, plus: boolean): { national: string; e164: string } | undefined {
  if (digits.length < 10 || digits.length > 14) {
    return undefined;
  }
  // A number to flag starts like one: 0…, +84…, 84… (libphonenumber also takes a bare 9-digit
  // "912345678", which in prose is as likely a CMND or an amount).
  if (plus ? !digits.startsWith("84") : !(digits.startsWith("0") || digits.startsWith("84"))) {
    return undefined;
  }
  const phone = normalizePhone(plus ? `+${digits}` : digits);
  return isPhoneError(phone) ? undefined : { national: phone.national, e164: phone.e164 };
}

function numberHits(field: string, t: string, ctx: PhoneContext): Hit[] {
  const hits: Hit[] = [];
  const scan = t.replace(DATE, (m) => "_".repeat(m.length));

  const addPhone = (at: number, to: number, phone: { national: string; e164: string }) => {
    if (ctx.allowed.has(phone.e164)) {
      return;
    }
    const written = t.slice(at, to).trim();
    if (ctx.protectedPhones.has(phone.e164)) {
      hits.push({
        at,
        key: `REPORT_PERSON|${field}|phone:${phone.e164}`,
        finding: {
          rule: "REPORT_PERSON",
          field,
          message: PERSON_MESSAGE,
          excerpt: maskDigits(phone.national),
        },
      });
      return;
    }
    hits.push({
      at,
      key: `PHONE_NUMBER|${field}|${phone.e164}`,
      finding: {
        rule: "PHONE_NUMBER",
        field,
        message: PHONE_MESSAGE(phone.national.slice(0, 4)),
        excerpt: written,
      },
    });
  };
  const addId = (at: number, digits: string, old: boolean) => {
    const masked = `${digits.slice(0, 3)}${"*".repeat(digits.length - 6)}${digits.slice(-3)}`;
    const kind = old
      ? `số chứng minh nhân dân (${masked})`
      : `số căn cước công dân / định danh cá nhân (${masked})`;
    hits.push({
      at,
      key: `CITIZEN_ID|${field}|${digits}`,
      finding: { rule: "CITIZEN_ID", field, message: ID_MESSAGE(kind), excerpt: masked },
    });
  };

  for (const run of scan.matchAll(RUN)) {
    const runText = run[0];
    const runStart = run.index;
    const groups: Group[] = [...runText.matchAll(/\d+/g)].map((g) => ({
      digits: g[0],
      start: runStart + g.index,
      end: runStart + g.index + g[0].length,
    }));
    const first = groups[0];
    if (!first) {
      continue;
    }
    const plus = runText.slice(0, first.start - runStart).includes("+");
    const all = groups.map((g) => g.digits).join("");
    const label = ID_LABEL.exec(`${searchKey(t.slice(Math.max(0, first.start - 40), first.start))} `);
    const labelled = label !== null;
    // Amounts never start with 0; "84.900.000.000 đồng" must not read as +84 900 000 000. A
    // labelled "CMND 271.234.567" is dotted like an amount but is still an ID.
    const moneyShaped = !labelled && /^\d{1,3}(?:\.\d{3})+$/.test(runText.trim());
    const currency = CURRENCY_AFTER.test(scan.slice(run.index + runText.length));
    if (!plus && !all.startsWith("0") && (moneyShaped || currency)) {
      continue;
    }
    if (all.length === 12 && !plus && (provinceCode(all) || labelled)) {
      addId(first.start, all, false);
      continue;
    }
    let i = 0;
    while (i < groups.length) {
      const gi = groups[i] as Group;
      let next = i + 1;
      let digits = "";
      const windows: { j: number; digits: string }[] = [];
      for (let j = i; j < groups.length && digits.length < 14; j++) {
        digits += (groups[j] as Group).digits;
        windows.push({ j, digits });
      }
      // The longest phone from here, so "0251 3822 123" is one landline, not a prefix of it.
      const phone = windows
        .map((w) => ({ w, p: asPhone(w.digits, plus && i === 0) }))
        .reverse()
        .find((x) => x.p !== undefined);
      const id12 = windows.find(
        (w) => w.digits.length === 12 && (provinceCode(w.digits) || (labelled && i === 0)),
      );
      const id9 =
        labelled && i === 0 && OLD_ID_LABEL.test(label?.[1] ?? "")
          ? windows.find((w) => w.digits.length === 9)
          : undefined;
      if (phone?.p) {
        addPhone(i === 0 ? runStart : gi.start, (groups[phone.w.j] as Group).end, phone.p);
        next = phone.w.j + 1;
      } else if (id12) {
        addId(gi.start, id12.digits, false);
        next = id12.j + 1;
      } else if (id9) {
        addId(gi.start, id9.digits, true);
        next = id9.j + 1;
      }
      i = next;
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// REPORT_PERSON by name (req. 12)

/** One regex for all protected names (compiling hundreds of Unicode-class regexes per post is slow). */
type NameMatcher = { keys: string[]; re: RegExp };

function nameMatcher(people: ProtectedPerson[]): NameMatcher | undefined {
  const bodies = new Map<string, string>();
  for (const p of people) {
    const words = searchKey(p.name ?? "")
      .split(/[\s._-]+/)
      .filter((w) => w !== "");
    // One word ("Hùng") matches half the hamlet: too weak to block a post on.
    if (words.length >= 2) {
      bodies.set(
        words.join(" "),
        words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[ ._-]{0,2}"),
      );
    }
  }
  if (bodies.size === 0) {
    return undefined;
  }
  // Longest first, so "Nguyễn Văn An Bình" is reported rather than a shorter name inside it.
  const keys = [...bodies.keys()].sort((a, b) => b.length - a.length);
  const alternatives = keys.map((k) => `(${bodies.get(k)})`).join("|");
  return { keys, re: new RegExp(`${NOT_WORD_BEFORE}(?:${alternatives})${NOT_WORD_AFTER}`, "gu") };
}

function nameHits(field: string, t: string, names: NameMatcher | undefined): Hit[] {
  if (!names) {
    return [];
  }
  const hits: Hit[] = [];
  const { folded, map } = foldWithMap(t);
  const re = new RegExp(names.re);
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const key = names.keys[m.findIndex((g, i) => i > 0 && g !== undefined) - 1] ?? "";
    const [from, to] = spanOf(t, map, m.index, m[0].length);
    hits.push({
      at: from,
      key: `REPORT_PERSON|${field}|name:${key}`,
      finding: {
        rule: "REPORT_PERSON",
        field,
        message: PERSON_MESSAGE,
        excerpt: maskName(t.slice(from, to)),
      },
    });
    // Step one character, not past the match, so two names that overlap are both found.
    re.lastIndex = m.index + 1;
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------

function dedupe(hits: Hit[]): TContentFinding[] {
  const seen = new Set<string>();
  const out: TContentFinding[] = [];
  for (const h of [...hits].sort((a, b) => a.at - b.at)) {
    if (!seen.has(h.key)) {
      seen.add(h.key);
      out.push(h.finding);
    }
  }
  return out;
}

function e164Set(phones: (string | undefined)[]): Set<string> {
  const set = new Set<string>();
  for (const raw of phones) {
    const p = raw ? normalizePhone(raw) : undefined;
    if (p && !isPhoneError(p)) {
      set.add(p.e164);
    }
  }
  return set;
}

/**
 * Runs every rule on every field (NFC-normalised first, so NFD input behaves the same) and returns
 * de-duplicated findings in field order, then text order. An empty list means the post may go out.
 */
export function checkAnnouncementContent(input: ContentCheckInput): TContentFinding[] {
  const ctx: PhoneContext = {
    allowed: e164Set(input.allowedPhones),
    protectedPhones: e164Set(input.protectedPeople.map((p) => p.phone)),
  };
  const names = nameMatcher(input.protectedPeople);
  return input.fields.flatMap(({ field, text }) => {
    const t = prepare(text);
    return dedupe([...nameHits(field, t, names), ...numberHits(field, t, ctx), ...secrecyHits(field, t)]);
  });
}
