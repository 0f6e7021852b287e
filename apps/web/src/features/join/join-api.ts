import type { TJoinInfo, TJoinRequest, TJoinResult, TMembership } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/** Where the join page reads and sends: a personal invite token, or a group's public QR link. */
export type JoinSource = { kind: "token"; token: string } | { kind: "group"; groupId: string };

const quiet = (signal?: AbortSignal) => ({ quietUnauthenticated: true, ...(signal ? { signal } : {}) });

export function getJoinInfo(source: JoinSource, signal?: AbortSignal): Promise<TJoinInfo> {
  const path =
    source.kind === "token"
      ? `/join/${encodeURIComponent(source.token)}`
      : `/groups/${encodeURIComponent(source.groupId)}/join-info`;
  return api.get<TJoinInfo>(path, quiet(signal));
}

export function submitJoin(source: JoinSource, body: TJoinRequest): Promise<TJoinResult> {
  const path =
    source.kind === "token"
      ? `/join/${encodeURIComponent(source.token)}`
      : `/groups/${encodeURIComponent(source.groupId)}/join-requests`;
  return api.post<TJoinResult>(path, body, quiet());
}

export function getMembership(token: string, signal?: AbortSignal): Promise<TMembership> {
  return api.get<TMembership>(`/memberships/${encodeURIComponent(token)}`, quiet(signal));
}

export function leaveGroup(token: string): Promise<TMembership> {
  return api.post<TMembership>(`/memberships/${encodeURIComponent(token)}/leave`, {}, quiet());
}

export function withdrawConsent(token: string): Promise<TMembership> {
  return api.post<TMembership>(`/memberships/${encodeURIComponent(token)}/withdraw-consent`, {}, quiet());
}
