import type {
  TCommendation,
  TReviewIndicatorCode,
  TReviewIndicatorDefinition,
  TReviewSection,
} from "@binhyen/contracts";
import type { Locale, Translate } from "../../i18n/i18n-context";

/*
 * Names of the review's codes. The server sends each indicator's Vietnamese label, the wording of the
 * printed report, so Vietnamese shows it as sent; English translates the codes it knows. A code from
 * a newer server is shown with the server's label. The lists are records of the contracts' types
 * (see report-codes.ts for why they are not imported as values).
 */
const INDICATORS: Record<TReviewIndicatorCode, true> = {
  HAMLETS_WITH_GROUP: true,
  GROUPS: true,
  MEMBERS: true,
  HOUSEHOLDS_COVERED: true,
  COVERAGE_PERCENT: true,
  ANNOUNCEMENTS_TOTAL: true,
  ANNOUNCEMENTS_LAW: true,
  ANNOUNCEMENTS_CRIME_FRAUD: true,
  ANNOUNCEMENTS_FIRE: true,
  ANNOUNCEMENTS_TRAFFIC: true,
  ANNOUNCEMENTS_ADMIN_PROCEDURE: true,
  ANNOUNCEMENTS_WANTED: true,
  ANNOUNCEMENTS_OTHER: true,
  REPORTS_RECEIVED: true,
  REPORTS_KIND_TO_GIAC: true,
  REPORTS_KIND_TIN_BAO: true,
  REPORTS_KIND_TIN_BAO_NAC_DANH: true,
  REPORTS_KIND_PHAN_ANH_KIEN_NGHI: true,
  REPORTS_KIND_KHIEU_NAI: true,
  REPORTS_KIND_TO_CAO: true,
  REPORTS_KIND_OTHER: true,
  REPORTS_SPAM_OR_DUPLICATE: true,
  REPORTS_FORWARDED_ON_TIME: true,
  REPORTS_FORWARDED_LATE: true,
  REPORTS_FIRST_RESPONSE_MEDIAN: true,
  REPORTS_OVERDUE: true,
  REPORTS_VALUABLE: true,
  REPORTS_KHOI_TO: true,
  REPORTS_XU_PHAT_HANH_CHINH: true,
  REPORTS_BAT_GIU: true,
  REPORTS_TRUY_NA_FOUND: true,
  REPORTS_TAI_SAN_TRA_LAI: true,
  REPORTS_NGAN_CHAN_LUA_DAO: true,
  MODERATION_POSTS_HIDDEN: true,
  MODERATION_POSTS_REJECTED: true,
  MODERATION_MEMBERS_REMOVED: true,
  COMMENDATIONS_INDIVIDUALS: true,
  COMMENDATIONS_COLLECTIVES: true,
};
const SECTIONS: Record<TReviewSection, true> = {
  COVERAGE: true,
  COMMUNICATION: true,
  INTAKE: true,
  OUTCOMES: true,
  MODERATION: true,
  RECOGNITION: true,
};
export const SECTION_LIST = Object.keys(SECTIONS) as TReviewSection[];

export function isIndicatorCode(code: string): code is TReviewIndicatorCode {
  return Object.hasOwn(INDICATORS, code);
}

const SUB_ITEM = /^[—–-]\s*/u;

/** A part of the indicator before it ("— Tin báo nặc danh" under the reports received). */
export const isSubItem = (definition: Pick<TReviewIndicatorDefinition, "label">): boolean =>
  SUB_ITEM.test(definition.label);

export function indicatorLabel(
  definition: Pick<TReviewIndicatorDefinition, "code" | "label">,
  locale: Locale,
  t: Translate,
): string {
  if (locale !== "vi" && isIndicatorCode(definition.code)) {
    return t(`reviewIndicator.${definition.code}`);
  }
  // "(%)" is said by the value itself ("64,0%").
  return definition.label.replace(SUB_ITEM, "").replace(/\s*\(%\)$/u, "");
}

export function sectionLabel(section: string, t: Translate): string {
  return Object.hasOwn(SECTIONS, section) ? t(`reviewSection.${section as TReviewSection}`) : section;
}

/** Figures where a rise is bad news: shown red when they go up, green when they go down. */
export const LOWER_IS_BETTER: ReadonlySet<string> = new Set([
  "REPORTS_SPAM_OR_DUPLICATE",
  "REPORTS_FORWARDED_LATE",
  "REPORTS_FIRST_RESPONSE_MEDIAN",
  "REPORTS_OVERDUE",
]);

export const RECIPIENT_KINDS = [
  "individual",
  "collective",
  "anonymous_reporter",
] as const satisfies readonly TCommendation["recipientKind"][];

export function recipientKindLabel(kind: string, t: Translate): string {
  return (RECIPIENT_KINDS as readonly string[]).includes(kind)
    ? t(`commendation.kind.${kind as TCommendation["recipientKind"]}`)
    : kind;
}

const STATUSES = ["proposed", "decided", "rejected"] as const satisfies readonly TCommendation["status"][];

export function commendationStatusLabel(status: string, t: Translate): string {
  return (STATUSES as readonly string[]).includes(status)
    ? t(`commendation.status.${status as TCommendation["status"]}`)
    : status;
}

export function commendationStatusClass(status: string): string {
  switch (status) {
    case "decided":
      return "badge badge--success";
    case "rejected":
      return "badge badge--muted";
    default:
      return "badge badge--warning";
  }
}
