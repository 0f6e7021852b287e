import type { TAnnouncementCategory } from "@binhyen/contracts";
import { XMLBuilder } from "fast-xml-parser";
import { nfc, searchKey } from "../../core/text";
import { VN_OFFSET_MS } from "../../core/vn-time";

/*
 * CAP 1.2 export of an announcement (OASIS Common Alerting Protocol, urn:oasis:names:tc:emergency:cap:1.2),
 * for other alerting systems. Pure: one announcement in, one <alert> document out.
 *
 * Category mapping (CAP <category>, then <urgency>/<severity>/<certainty> when not urgent,
 * <responseType>, <instruction>). An urgent announcement is always Immediate/Severe; certainty
 * and the rest do not change with urgency.
 *
 * | Announcement category | CAP category  | urgency / severity | certainty | responseType | instruction |
 * |-----------------------|---------------|--------------------|-----------|--------------|-------------|
 * | LAW_POLICY            | Other         | Future / Minor     | Unknown   | None         | –           |
 * | SECURITY_SITUATION    | Security      | Expected / Moderate| Observed  | Monitor      | report / 113|
 * | CRIME_METHODS         | Security      | Expected / Moderate| Observed  | Avoid        | OTP, 113    |
 * | FIRE_SAFETY           | Fire          | Future / Minor     | Unknown   | Prepare      | 114         |
 * | TRAFFIC_SAFETY        | Transport     | Future / Minor     | Unknown   | None         | –           |
 * | GOOD_EXAMPLE          | Other         | Future / Minor     | Unknown   | None         | –           |
 * | ADMIN_PROCEDURE       | Other         | Future / Minor     | Unknown   | None         | –           |
 * | FOREIGNER_REVIEW      | Other         | Future / Minor     | Unknown   | None         | –           |
 * | WANTED_PERSON         | Security      | Expected / Moderate| Observed  | Monitor      | report / 113|
 * | MISSING_PERSON        | Rescue        | Expected / Moderate| Observed  | Monitor      | report / 113|
 * | DISASTER_EPIDEMIC     | Met + Health  | Expected / Moderate| Likely    | Prepare      | follow / 115|
 * | OTHER_DIRECTIVE       | Other         | Future / Minor     | Unknown   | None         | –           |
 *
 * Why: FOREIGNER_REVIEW is a residence-registration reminder, administrative rather than a
 * security hazard. MISSING_PERSON is Rescue as in the OASIS AMBER-alert example. A disaster
 * or epidemic notice covers weather and health hazards alike, and CAP allows several categories.
 * Wanted and missing persons are established facts (Observed) with action expected soon; a
 * forecast storm or outbreak is Likely. Informational notices have no hazard to rate: Unknown.
 *
 * A withdrawn announcement becomes msgType Cancel with a new identifier and <references> to the
 * original alert (sender,identifier,sent), as CAP 1.2 §3.2.1 requires.
 */

export type CapInput = {
  id: string;
  /** Display names, as they should read after "Công an": "xã Đông Tâm", "tỉnh Đồng Nai". */
  communeName: string;
  provinceName: string;
  /** Our public host, e.g. "binhyen.example": the sender becomes "dong-tam.dong-nai@binhyen.example". */
  senderDomain: string;
  category: TAnnouncementCategory;
  title: string;
  body: string;
  urgent: boolean;
  publishedAt: Date;
  expiresAt: Date | null;
  withdrawn: boolean;
  /** When it was withdrawn: the Cancel message's <sent>. Defaults to publishedAt. */
  withdrawnAt?: Date | null;
  /** Hamlet names (one <area> each); empty means the whole commune. */
  areaDescs: string[];
  /** Public URL of the announcement, if any. */
  web: string | null;
};

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

type CapCategory =
  | "Geo"
  | "Met"
  | "Safety"
  | "Security"
  | "Rescue"
  | "Fire"
  | "Health"
  | "Env"
  | "Transport"
  | "Infra"
  | "CBRNE"
  | "Other";
type Urgency = "Immediate" | "Expected" | "Future" | "Past" | "Unknown";
type Severity = "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";
type Certainty = "Observed" | "Likely" | "Possible" | "Unlikely" | "Unknown";
type ResponseType =
  | "Shelter"
  | "Evacuate"
  | "Prepare"
  | "Execute"
  | "Avoid"
  | "Monitor"
  | "Assess"
  | "AllClear"
  | "None";

type Mapping = {
  categories: readonly CapCategory[];
  /** Vietnamese name of the category, the CAP <event>. */
  event: string;
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  responseType: ResponseType;
  instruction: ((commune: string) => string) | null;
};

const INFORMATIONAL = {
  urgency: "Future",
  severity: "Minor",
  certainty: "Unknown",
  responseType: "None",
  instruction: null,
} as const;

const WARNING = { urgency: "Expected", severity: "Moderate" } as const;

const reportTo = (commune: string) => `báo ngay cho Công an ${commune} hoặc gọi 113`;

export const CAP_MAPPING = {
  LAW_POLICY: { categories: ["Other"], event: "Tuyên truyền pháp luật, chính sách", ...INFORMATIONAL },
  SECURITY_SITUATION: {
    categories: ["Security"],
    event: "Tình hình an ninh, trật tự",
    ...WARNING,
    certainty: "Observed",
    responseType: "Monitor",
    instruction: (c) => `Nâng cao cảnh giác; phát hiện dấu hiệu nghi vấn, ${reportTo(c)}.`,
  },
  CRIME_METHODS: {
    categories: ["Security"],
    event: "Cảnh báo thủ đoạn tội phạm",
    ...WARNING,
    certainty: "Observed",
    responseType: "Avoid",
    instruction: (c) =>
      `Không cung cấp mã OTP, không chuyển tiền cho người lạ; khi nghi ngờ bị lừa đảo, ${reportTo(c)}.`,
  },
  FIRE_SAFETY: {
    categories: ["Fire"],
    event: "Phòng cháy, chữa cháy",
    ...INFORMATIONAL,
    responseType: "Prepare",
    instruction: () => "Khi xảy ra cháy, nổ, gọi ngay 114.",
  },
  TRAFFIC_SAFETY: { categories: ["Transport"], event: "An toàn giao thông", ...INFORMATIONAL },
  GOOD_EXAMPLE: { categories: ["Other"], event: "Gương người tốt, việc tốt", ...INFORMATIONAL },
  ADMIN_PROCEDURE: { categories: ["Other"], event: "Hướng dẫn thủ tục hành chính", ...INFORMATIONAL },
  FOREIGNER_REVIEW: { categories: ["Other"], event: "Rà soát người nước ngoài tạm trú", ...INFORMATIONAL },
  WANTED_PERSON: {
    categories: ["Security"],
    event: "Thông báo truy nã",
    ...WARNING,
    certainty: "Observed",
    responseType: "Monitor",
    instruction: (c) =>
      `Ai biết tung tích đối tượng, ${reportTo(c)}. Không tự ý tiếp cận, bắt giữ. Người báo tin được giữ bí mật.`,
  },
  MISSING_PERSON: {
    categories: ["Rescue"],
    event: "Tìm người mất tích",
    ...WARNING,
    certainty: "Observed",
    responseType: "Monitor",
    instruction: (c) => `Ai biết tung tích người mất tích, ${reportTo(c)}.`,
  },
  DISASTER_EPIDEMIC: {
    categories: ["Met", "Health"],
    event: "Cảnh báo thiên tai, dịch bệnh",
    ...WARNING,
    certainty: "Likely",
    responseType: "Prepare",
    instruction: () =>
      "Theo dõi thông báo của chính quyền địa phương và làm theo hướng dẫn; cần cấp cứu, gọi 115.",
  },
  OTHER_DIRECTIVE: { categories: ["Other"], event: "Thông báo của Công an", ...INFORMATIONAL },
} as const satisfies Record<TAnnouncementCategory, Mapping>;

export const HEADLINE_MAX_CHARS = 160;

/** XML 1.0's Char production: tab, LF, CR and the rest minus C0 controls, lone surrogates, U+FFFE/F. */
const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * NFC, and without the characters XML cannot carry: a pasted body may hold them and the XML
 * builder would write them out, making the document unreadable for every consumer.
 */
const clean = (text: string): string =>
  Array.from(nfc(text))
    .filter((ch) => isXmlChar(ch.codePointAt(0) ?? 0))
    .join("");

/** At most `max` characters (code points), ending in "…" when cut. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

/** The composer's marks (**bold**, *italic*) removed; "- " list lines and links are plain text already. */
export function plainBody(body: string): string {
  return clean(body)
    .replace(/\r\n?/g, "\n")
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "$1")
    .replace(/(^|[^*\p{L}\p{N}])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![*\p{L}\p{N}])/gu, "$1$2")
    .trim();
}

/** ISO 8601 in Vietnamese time with its offset, no milliseconds: 2026-11-27T09:30:00+07:00. */
export function capDateTime(at: Date): string {
  return `${new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** "xã Đông Tâm" → "dong-tam": the kind of unit dropped, accents removed, a DNS-label-like slug. */
function slug(name: string): string {
  const s = searchKey(name)
    .replace(/^(xa|phuong|dac khu|thi tran|tinh|thanh pho|tp\.?)\s+/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s === "" ? "unknown" : s;
}

/** CAP forbids spaces, commas and the restricted characters < and & in identifiers and senders. */
const capToken = (s: string): string => s.trim().replace(/[\s,<&]+/g, "-");

const safeWeb = (web: string | null): string | null => {
  if (!web) {
    return null;
  }
  try {
    const url = new URL(web);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: false,
  // Escapes <, >, &, quotes in every text and attribute value.
  processEntities: true,
});

/** The CAP 1.2 <alert> for an announcement; a Cancel referring to the alert once it is withdrawn. */
export function toCapXml(a: CapInput): string {
  const map: Mapping = CAP_MAPPING[a.category];
  const commune = clean(a.communeName).trim();
  const province = clean(a.provinceName).trim();
  const domain = capToken(a.senderDomain.toLowerCase()) || "localhost";
  const sender = `${slug(commune)}.${slug(province)}@${domain}`;
  const identifier = `${domain}:announcement:${capToken(a.id)}`;
  const sent = capDateTime(a.publishedAt);

  const title = clean(a.title).replace(/\s+/g, " ").trim();
  const headline = truncate(a.withdrawn ? `Thu hồi: ${title}` : title, HEADLINE_MAX_CHARS);
  const description = plainBody(a.body);
  const web = safeWeb(a.web);
  const areas = [
    ...new Set(a.areaDescs.map((h) => clean(h).replace(/\s+/g, " ").trim()).filter((h) => h !== "")),
  ];

  const info = {
    language: "vi-VN",
    category: [...map.categories],
    event: map.event,
    responseType: map.responseType,
    urgency: a.urgent ? "Immediate" : map.urgency,
    severity: a.urgent ? "Severe" : map.severity,
    certainty: map.certainty,
    ...(a.expiresAt ? { expires: capDateTime(a.expiresAt) } : {}),
    senderName: `Công an ${commune}, ${province}`,
    headline,
    ...(description !== "" ? { description } : {}),
    ...(map.instruction && !a.withdrawn ? { instruction: map.instruction(commune) } : {}),
    ...(web ? { web } : {}),
    area: (areas.length > 0
      ? areas.map((h) => `${h}, ${commune}, ${province}`)
      : [`${commune}, ${province}`]
    ).map((areaDesc) => ({ areaDesc })),
  };

  // Key order is element order: the CAP 1.2 schema's <sequence>.
  const alert = a.withdrawn
    ? {
        "@_xmlns": CAP_NAMESPACE,
        identifier: `${identifier}:cancel`,
        sender,
        sent: capDateTime(a.withdrawnAt ?? a.publishedAt),
        status: "Actual",
        msgType: "Cancel",
        scope: "Public",
        note: "Thông báo đã được thu hồi.",
        references: `${sender},${identifier},${sent}`,
        info,
      }
    : {
        "@_xmlns": CAP_NAMESPACE,
        identifier,
        sender,
        sent,
        status: "Actual",
        msgType: "Alert",
        scope: "Public",
        info,
      };

  return builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" }, alert }) as string;
}
