import type {
  TCreateHandoverRequest,
  TCreateHandoverResponse,
  THandover,
  TLeaderHistory,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/* Leader handover (issue #6; routes at the top of packages/contracts/src/handover.ts). */

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function createHandover(groupId: string, body: TCreateHandoverRequest) {
  return api.post<TCreateHandoverResponse>(`/groups/${groupId}/handover`, body);
}

export function getHandover(handoverId: string, signal?: AbortSignal): Promise<THandover> {
  return api.get<THandover>(`/handovers/${handoverId}`, opts(signal));
}

export function confirmHandover(handoverId: string): Promise<THandover> {
  return api.post<THandover>(`/handovers/${handoverId}/confirm`, {});
}

export function listLeaders(groupId: string, signal?: AbortSignal): Promise<TLeaderHistory> {
  return api.get<TLeaderHistory>(`/groups/${groupId}/leaders`, opts(signal));
}

/** The biên bản bàn giao: a plain link, so the browser downloads it with the session cookie. */
export function handoverRecordUrl(handoverId: string): string {
  return `/api/handovers/${encodeURIComponent(handoverId)}/record.docx`;
}
