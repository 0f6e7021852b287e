/**
 * Built-in word and domain lists of the content policy (issue #6). Data only; the matching rules
 * live in content-policy.ts. Communes add their own words and domains in moderation settings.
 */

/**
 * How an entry is compared with the words of a post (all comparisons are whole words, lower-case,
 * with runs of 3+ identical letters squeezed: "đéooo" reads "đéo"):
 * - `bare`: accent-insensitive. For teen code ("vcl", "đcm") and phrases no everyday word shares.
 * - `loose`: the accented spelling, or the same letters typed without any diacritics ("dit me").
 *   "đ ị t" counts as accented; "địt" and "dit" hit, "dịt" does not.
 * - `exact`: the accented spelling only, because without diacritics it is an everyday word:
 *   "lồn"/"lon" (can) and "lớn" (big), "cặc"/"các", "đéo"/"đeo" (wear), "buồi"/"buổi" (session),
 *   "đĩ"/"đi" (go), "đụ"/"du".
 */
export type LexiconMode = "bare" | "loose" | "exact";
export type LexiconEntry = {
  text: string;
  mode: LexiconMode;
  /** Skip when the word before is one of these (accent-free): "hạt óc chó" is a walnut. */
  notBefore?: readonly string[];
  /** Skip when the word after is one of these (accent-free): "đồ chó mèo" is pet supplies. */
  notAfter?: readonly string[];
  /** Skip right after a number: "50 cc" is an engine size, "5 dm" a length. */
  notAfterNumber?: boolean;
  /** Skip when written all in capitals: "VL" is also Vĩnh Long, "ĐM" also định mức. */
  notAllCaps?: boolean;
};

export const BUILTIN_PROFANITY: readonly LexiconEntry[] = [
  // Teen code and abbreviations.
  { text: "đm", mode: "bare", notAfterNumber: true, notAllCaps: true },
  { text: "đmm", mode: "bare" },
  { text: "đcm", mode: "bare" },
  { text: "đcmm", mode: "bare" },
  { text: "đkm", mode: "bare" },
  { text: "đkmm", mode: "bare" },
  { text: "đmcs", mode: "bare" },
  { text: "cmm", mode: "bare" },
  { text: "cmn", mode: "bare" },
  { text: "cmnr", mode: "bare" },
  { text: "clmm", mode: "bare" },
  { text: "clgt", mode: "bare" },
  { text: "vl", mode: "bare", notAfterNumber: true, notAllCaps: true },
  { text: "vcl", mode: "bare" },
  { text: "vkl", mode: "bare" },
  { text: "vcc", mode: "bare" },
  { text: "cc", mode: "bare", notAfterNumber: true, notAllCaps: true },
  { text: "đjt", mode: "bare" },
  { text: "đjt mẹ", mode: "bare" },
  { text: "loz", mode: "bare" },
  { text: "fuck", mode: "bare" },
  { text: "fucking", mode: "bare" },
  { text: "shit", mode: "bare" },
  { text: "bitch", mode: "bare" },
  // Words and phrases.
  { text: "địt", mode: "loose" },
  { text: "địt mẹ", mode: "loose" },
  { text: "địt con mẹ", mode: "loose" },
  { text: "đụ", mode: "exact" },
  { text: "đụ má", mode: "exact" },
  { text: "đụ mẹ", mode: "exact" },
  { text: "đù má", mode: "exact" },
  { text: "đéo", mode: "exact" },
  { text: "đếch", mode: "exact" },
  { text: "lồn", mode: "exact" },
  { text: "vãi lồn", mode: "loose" },
  { text: "vãi cả lồn", mode: "loose" },
  { text: "cặc", mode: "exact" },
  { text: "buồi", mode: "exact" },
  { text: "đĩ", mode: "exact" },
  { text: "con đĩ", mode: "exact" },
  { text: "đĩ điếm", mode: "exact" },
  { text: "con điếm", mode: "exact" },
  // "súc vật" alone is also livestock ("tiêm phòng dại cho chó mèo, súc vật"): only as an insult.
  { text: "đồ súc vật", mode: "loose" },
  { text: "lũ súc vật", mode: "loose" },
  { text: "bọn súc vật", mode: "loose" },
  { text: "thằng súc vật", mode: "loose" },
  { text: "như súc vật", mode: "loose" },
  { text: "súc sinh", mode: "exact" },
  { text: "khốn nạn", mode: "loose" },
  { text: "thằng khốn", mode: "loose" },
  { text: "mất dạy", mode: "exact" },
  { text: "chó má", mode: "exact" },
  { text: "đồ chó", mode: "exact", notAfter: ["meo", "canh", "cung"] },
  { text: "thằng chó", mode: "exact" },
  { text: "óc chó", mode: "exact", notBefore: ["hat", "qua", "dau", "sua", "banh", "nhan", "cay", "go"] },
  { text: "óc lợn", mode: "exact" },
  { text: "đồ ngu", mode: "exact" },
  { text: "thằng ngu", mode: "exact" },
  { text: "ngu như chó", mode: "loose" },
  { text: "ngu như bò", mode: "loose" },
  { text: "con mẹ mày", mode: "exact" },
  { text: "mả mẹ", mode: "exact" },
  { text: "bố láo", mode: "exact" },
  { text: "ăn cứt", mode: "exact" },
];

/** Phrases scammers put next to a link; they sharpen the LINK message (matched accent-insensitively). */
export const SCAM_BAIT: readonly string[] = [
  "nhận quà",
  "nhận thưởng",
  "trúng thưởng",
  "quà tặng",
  "quà tri ân",
  "tri ân khách hàng",
  "xác minh tài khoản",
  "xác thực tài khoản",
  "xác thực danh tính",
  "cập nhật vneid",
  "cập nhật thông tin",
  "tích hợp vneid",
  "định danh mức 2",
  "khóa tài khoản",
  "bị khóa",
  "đăng nhập",
  "mã otp",
  "otp",
  "hoàn tiền",
  "hoàn thuế",
  "miễn phí",
  "nhận tiền",
  "việc nhẹ lương cao",
  "vay tiền",
  "giải ngân",
  "nạp tiền",
  "kích hoạt",
  "bấm vào",
  "nhấn vào",
];

/** Link shorteners: where they lead is unknown until clicked, so they are never allowed. */
export const LINK_SHORTENERS: readonly string[] = [
  "bit.ly",
  "bitly.com",
  "tinyurl.com",
  "t.ly",
  "shorturl.at",
  "cutt.ly",
  "rb.gy",
  "is.gd",
  "v.gd",
  "goo.gl",
  "ow.ly",
  "t.co",
  "tiny.cc",
  "s.id",
  "rebrand.ly",
  "shorte.st",
  "adf.ly",
  "bom.so",
  "gg.gg",
  "urlz.fr",
  "cli.re",
  "tinyurl.vn",
  "s.net.vn",
  "short.gy",
];

/**
 * State domains that pass without review. Every ministry, province and commune police site
 * (congan.<tỉnh>.gov.vn, bocongan.gov.vn), VNeID (vneid.gov.vn) and the public service portal
 * (dichvucong.gov.vn) sit under gov.vn, and .gov.vn names are issued to state bodies only.
 * zalo.me is deliberately absent: group-invite links are a common scam route; a commune that
 * wants them adds the domain in its settings.
 */
export const BUILTIN_ALLOW_DOMAINS: readonly string[] = ["gov.vn", "chinhphu.vn"];

/** Top-level domains no Vietnamese word is spelled like: "abc.xyz" is a link even without "http". */
export const STRONG_TLDS: readonly string[] = [
  "com",
  "net",
  "org",
  "info",
  "biz",
  "xyz",
  "top",
  "site",
  "online",
  "club",
  "shop",
  "store",
  "app",
  "link",
  "click",
  "live",
  "icu",
  "vip",
  "asia",
  "fun",
  "work",
  "website",
  "space",
  "tech",
  "pro",
  "cyou",
  "sbs",
  "cfd",
  "bond",
  "buzz",
  "monster",
  "rest",
  "gq",
  "pw",
  "ru",
  "io",
  "ws",
  "vn",
  "us",
  "uk",
  "mobi",
  "page",
  "news",
  "today",
  "life",
  "world",
  "edu",
  "gov",
];

/**
 * Top-level domains that are also Vietnamese words typed without accents (có/cô, là, tổ, số, mẹ,
 * ly, ai …) or abbreviations ("GĐ", "T7.CN"): "xong.co" after a missing space is prose, so these count as a link
 * only with a path ("abc.co/x"), a scheme or "www.", or when the domain is on a list.
 */
export const WEAK_TLDS: readonly string[] = [
  "co",
  "la",
  "to",
  "so",
  "in",
  "is",
  "at",
  "it",
  "me",
  "ly",
  "gd",
  "gl",
  "ai",
  // Abbreviations: chủ nhật, thành viên, tài khoản, cà phê, the SH scooter, "ga" (gà) …
  "cn",
  "tv",
  "tk",
  "cf",
  "sh",
  "ga",
  "ml",
  "cc",
];
