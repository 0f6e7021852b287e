import {
  AnnouncementCategory,
  type TAnnouncementCategory,
  type TAnnouncementStatus,
} from "@binhyen/contracts";
import type { Translate } from "../../i18n/i18n-context";

/*
 * Names of the announcements' codes; a code from a newer server is shown as it is. The lists come
 * from the enums (not from the announcements' schemas), so the residents' news board does not pull
 * the validation library into its download.
 */

export const CATEGORY_LIST = Object.values(AnnouncementCategory) as readonly TAnnouncementCategory[];

export const STATUS_LIST = [
  "draft",
  "pending_approval",
  "scheduled",
  "published",
  "withdrawn",
  "rejected",
] as const satisfies readonly TAnnouncementStatus[];

export function isAnnouncementCategory(code: string): code is TAnnouncementCategory {
  return (CATEGORY_LIST as readonly string[]).includes(code);
}

export function isAnnouncementStatus(code: string): code is TAnnouncementStatus {
  return (STATUS_LIST as readonly string[]).includes(code);
}

export function announcementCategoryLabel(code: string, t: Translate): string {
  return isAnnouncementCategory(code) ? t(`announcementCategory.${code}`) : code;
}

export function announcementStatusLabel(code: string, t: Translate): string {
  return isAnnouncementStatus(code) ? t(`announcementStatus.${code}`) : code;
}

/** Waiting for someone: warning; out: success; stopped: danger; a draft: plain. */
export function announcementStatusClass(code: string): string {
  switch (code) {
    case "pending_approval":
      return "badge badge--warning";
    case "scheduled":
      return "badge badge--info";
    case "published":
      return "badge badge--success";
    case "withdrawn":
    case "rejected":
      return "badge badge--danger";
    default:
      return "badge badge--muted";
  }
}

const CHANNELS = ["web", "zalo-oa", "zalo-bot", "push"] as const;

export function deliveryChannelLabel(code: string, t: Translate): string {
  const known = CHANNELS.find((channel) => channel === code);
  return known ? t(`deliveryChannel.${known}`) : code;
}

/** Wanted and missing-person notices carry a person's description and photo. */
export function isPersonNotice(category: string): boolean {
  return category === "WANTED_PERSON" || category === "MISSING_PERSON";
}

const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;

export function deliveryStateLabel(code: string, t: Translate): string {
  const known = DELIVERY_STATES.find((state) => state === code);
  return known ? t(`deliveryState.${known}`) : code;
}
