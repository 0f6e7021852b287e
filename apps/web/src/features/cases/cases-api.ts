import type { TCaseDetail, TCaseEvent, TCaseListItem, TRevealedIdentity } from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

/*
 * Officers' side of reports. The workflow fields (allowed events, deadlines, assignee, outcome,
 * history) came after the first version of the contract: they are optional here, so the screens
 * work against a server that does not send them yet.
 */

export interface CaseDeadline {
  code: string;
  legal: string;
  internal: string;
  basis: string;
  status: "ok" | "due_soon" | "overdue";
}

export interface CaseOutcome {
  code: string;
  valuable: boolean;
  summary: string;
}

export interface CaseHistoryEntry {
  action: string;
  at: string;
  actorName: string | null;
}

interface WorkflowFields {
  allowedEvents?: string[];
  deadlines?: CaseDeadline[];
  assignee?: { userId: string; name: string } | null;
  outcome?: CaseOutcome | null;
  history?: CaseHistoryEntry[];
}

/** A list row: its commune, and only the earliest deadline still running (null when none runs). */
export type CaseListItem = TCaseListItem;
export type NextDeadline = NonNullable<TCaseListItem["nextDeadline"]>;
export type CaseDetail = Omit<TCaseDetail, keyof WorkflowFields> & WorkflowFields;
export type CaseEvent = TCaseEvent;

export function listCases(
  params: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<{ total: number; items: CaseListItem[] }> {
  return api.get(`/cases${query(params)}`, signal ? { signal } : {});
}

export function getCase(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return api.get<CaseDetail>(`/cases/${encodeURIComponent(caseId)}`, signal ? { signal } : {});
}

export function sendOfficerMessage(caseId: string, body: string, internal: boolean): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/cases/${encodeURIComponent(caseId)}/messages`, { body, internal });
}

export function revealIdentity(caseId: string): Promise<TRevealedIdentity> {
  return api.post<TRevealedIdentity>(`/cases/${encodeURIComponent(caseId)}/identity/reveal`, {});
}

export function grantIdentity(caseId: string, userId: string): Promise<{ ok: true }> {
  return api.post<{ ok: true }>(`/cases/${encodeURIComponent(caseId)}/identity/grants`, { userId });
}

export function transitionCase(caseId: string, event: CaseEvent): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/cases/${encodeURIComponent(caseId)}/transitions`, { event });
}

/** The photo as the browser loads it in an <img>, with the session cookie. */
export function attachmentUrl(caseId: string, attachmentId: string): string {
  return `/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
}
