import {
  ROLES,
  type TRole,
  type TZaloFollowers,
  type TZaloInventory,
  type TZaloOaStatus,
} from "@binhyen/contracts";
import { formatDateTime } from "../../i18n/format";
import type { Translate } from "../../i18n/i18n-context";
import { matchesQuery } from "../../lib/text";

/*
 * Pure helpers of the Zalo screens: how long a token or a code still lives, the labels of Zalo's
 * codes, and the follower filter. A code this version does not know is shown as Zalo names it.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type TimeLeft =
  | { unit: "expired" }
  | { unit: "minutes"; count: number }
  | { unit: "hours"; count: number }
  | { unit: "days"; count: number };

/** How long until `until`: minutes under an hour, hours under two days, days beyond. */
export function timeLeft(until: string, now: number): TimeLeft | null {
  const end = Date.parse(until);
  if (Number.isNaN(end)) {
    return null;
  }
  const left = end - now;
  if (left <= 0) {
    return { unit: "expired" };
  }
  if (left < HOUR) {
    return { unit: "minutes", count: Math.max(1, Math.floor(left / MINUTE)) };
  }
  if (left < 48 * HOUR) {
    return { unit: "hours", count: Math.floor(left / HOUR) };
  }
  return { unit: "days", count: Math.floor(left / (24 * HOUR)) };
}

/** "còn 20 giờ", "còn 3 ngày", "đã hết hạn"; empty for a missing or unreadable time. */
export function timeLeftText(until: string | null, now: number, t: Translate): string {
  const left = until ? timeLeft(until, now) : null;
  if (!left) {
    return "";
  }
  return left.unit === "expired"
    ? t("zalo.left.expired")
    : t(`zalo.left.${left.unit}`, { count: left.count });
}

/** "14:05 02/03/2026 (còn 20 giờ)", or "—" when Zalo gave no time. */
export function expiryText(until: string | null, now: number, t: Translate): string {
  if (!until) {
    return "—";
  }
  const left = timeLeftText(until, now, t);
  return left ? `${formatDateTime(until)} (${left})` : formatDateTime(until);
}

/** Badge colour of the OA connection: re-consent is the one state that needs a person now. */
export function oaStatusBadge(status: TZaloOaStatus): string {
  switch (status) {
    case "connected":
      return "badge badge--success";
    case "pending_consent":
      return "badge badge--warning";
    case "needs_consent":
      return "badge badge--danger";
    default:
      return "badge badge--muted";
  }
}

/** The member ceiling a GMF package names ("gmf100" → 100), or null for an unknown type. */
export function packageCeiling(productType: string | null): number | null {
  const m = productType ? /^gmf(\d+)$/i.exec(productType.trim()) : null;
  return m ? Number(m[1]) : null;
}

/** "Gói GMF 100 (tối đa 100 thành viên)"; an unknown type as Zalo names it. */
export function packageLabel(productType: string | null, t: Translate): string {
  if (!productType) {
    return "—";
  }
  const ceiling = packageCeiling(productType);
  return ceiling === null ? productType : t("zalo.package", { ceiling });
}

/** Packages still free to create a group with. */
export function availableAssets(inventory: TZaloInventory): TZaloInventory["assets"] {
  return inventory.assets.filter((a) => a.status === "available" && !a.usedBy);
}

/** The OA's groups no hamlet group uses yet, to link one. */
export function unlinkedGroups(inventory: TZaloInventory): TZaloInventory["groups"] {
  return inventory.groups.filter((g) => !g.linkedGroupId);
}

export type ZaloFollower = TZaloFollowers["followers"][number];

/** Followers whose name (or Zalo id) holds every word typed, accents and case ignored. */
export function filterFollowers(followers: readonly ZaloFollower[], queryText: string): ZaloFollower[] {
  return followers.filter((f) => matchesQuery(queryText, f.displayName, f.zaloUserId));
}

/** A Zalo id as the contract accepts it (digits only). */
export function isZaloId(value: string): boolean {
  return /^[0-9]{1,25}$/.test(value.trim());
}

/** A bot token as Zalo Bot Creator sends it: `<bot_id>:<secret>`. */
export function isBotToken(value: string): boolean {
  return /^[0-9]+:[A-Za-z0-9_-]{8,}$/.test(value.trim());
}

/** Group status on Zalo: enabled, or disabled (its package ran out). */
export function groupStatusLabel(status: string | null, t: Translate): string {
  if (status === "enabled") {
    return t("zalo.groupStatus.enabled");
  }
  if (status === "disabled") {
    return t("zalo.groupStatus.disabled");
  }
  return status ?? "—";
}

export function groupStatusBadge(status: string | null): string {
  if (status === "enabled") {
    return "badge badge--success";
  }
  return status === "disabled" ? "badge badge--danger" : "badge badge--muted";
}

const DELIVERY_STATUSES = ["delivered", "pending", "failed", "gone"] as const;
type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

function isDeliveryStatus(status: string): status is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(status);
}

/** An announcement's delivery to the Zalo group: "Đã gửi", "Đang gửi", "Lỗi"… */
export function deliveryStatusLabel(status: string, t: Translate): string {
  return isDeliveryStatus(status) ? t(`zalo.delivery.${status}`) : status;
}

export function deliveryStatusBadge(status: string): string {
  switch (status) {
    case "delivered":
      return "badge badge--success";
    case "pending":
      return "badge badge--info";
    case "failed":
    case "gone":
      return "badge badge--danger";
    default:
      return "badge badge--muted";
  }
}

/** An officer's role, by its name in the app; an unknown one as the server names it. */
export function roleLabel(role: string, t: Translate): string {
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as TRole}`) : role;
}

/** Colour of the member bar: a group close to its package's ceiling needs a bigger package. */
export function fillTone(percent: number): "primary" | "low" | "critical" {
  if (percent >= 95) {
    return "critical";
  }
  return percent >= 80 ? "low" : "primary";
}
