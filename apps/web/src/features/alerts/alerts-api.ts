import { api } from "../../lib/api-client";

/*
 * Officers' alerts (GET /api/me/alerts, apps/server/src/modules/alerts/alerts.routes.ts): urgent
 * reports, urgent reports nobody acknowledged in time, and case deadlines. Titles come from the
 * server in Vietnamese, ready to show, and never name a reporter.
 */

export const AlertKind = {
  URGENT_REPORT: "URGENT_REPORT",
  URGENT_UNACKNOWLEDGED: "URGENT_UNACKNOWLEDGED",
  DEADLINE_DUE_SOON: "DEADLINE_DUE_SOON",
  DEADLINE_OVERDUE: "DEADLINE_OVERDUE",
} as const;
export type TAlertKind = (typeof AlertKind)[keyof typeof AlertKind];

export interface TAlert {
  id: string;
  /** One of AlertKind; a newer server may send others, which are shown as plain alerts. */
  kind: string;
  title: string;
  /** A path inside the app ("/cases/<id>"). */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface TAlertList {
  unread: number;
  items: TAlert[];
}

const URGENT_KINDS: ReadonlySet<string> = new Set([AlertKind.URGENT_REPORT, AlertKind.URGENT_UNACKNOWLEDGED]);

export function isUrgentAlert(alert: Pick<TAlert, "kind">): boolean {
  return URGENT_KINDS.has(alert.kind);
}

export function isKnownAlertKind(kind: string): kind is TAlertKind {
  return Object.hasOwn(AlertKind, kind);
}

/** Only a path of this app is followed; anything else (another origin, "//host") is not a link. */
export function safeAlertLink(link: string): string | null {
  return link.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : null;
}

/** Newest first, whatever order the server used. */
export function newestFirst(items: readonly TAlert[]): TAlert[] {
  return [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function getMyAlerts(signal?: AbortSignal): Promise<TAlertList> {
  return api.get<TAlertList>("/me/alerts", signal ? { signal } : {});
}

export function markAlertRead(id: string): Promise<unknown> {
  return api.post(`/me/alerts/${encodeURIComponent(id)}/read`, {});
}

export function markAllAlertsRead(): Promise<unknown> {
  return api.post("/me/alerts/read-all", {});
}
