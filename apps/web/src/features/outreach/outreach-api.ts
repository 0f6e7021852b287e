import type {
  TDecideJoinRequest,
  TGroupDetail,
  TGroupMembersResponse,
  TJoinRequestItem,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listJoinRequests(
  groupId: string,
  signal?: AbortSignal,
): Promise<{ items: TJoinRequestItem[] }> {
  return api.get<{ items: TJoinRequestItem[] }>(`/groups/${groupId}/join-requests`, withSignal(signal));
}

export function decideJoinRequest(requestId: string, body: TDecideJoinRequest): Promise<unknown> {
  return api.post(`/join-requests/${requestId}/decision`, body);
}

export function listUnconfirmedMembers(
  groupId: string,
  signal?: AbortSignal,
): Promise<TGroupMembersResponse> {
  return api.get<TGroupMembersResponse>(
    `/groups/${groupId}/members?unconfirmed=true&limit=200`,
    withSignal(signal),
  );
}

export function confirmMemberHousehold(memberId: string, householdId: string | null): Promise<unknown> {
  return api.put(`/members/${memberId}/household`, { householdId });
}

export function getJoinLink(
  groupId: string,
  signal?: AbortSignal,
): Promise<{ url: string; qrDataUrl: string }> {
  return api.get<{ url: string; qrDataUrl: string }>(`/groups/${groupId}/join-link`, withSignal(signal));
}

export function updateGroupSettings(
  groupId: string,
  body: { deputiesSeePhones: boolean },
): Promise<TGroupDetail | unknown> {
  return api.patch(`/groups/${groupId}/settings`, body);
}

export const posterUrl = (groupId: string) => `/api/groups/${groupId}/poster.pdf`;

/** The server may answer a path ("/join/…"); links to share must be absolute. */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}
