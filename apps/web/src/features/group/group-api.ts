import type { TGroupDetail, TGroupMembersResponse, TUpdateGroupRequest } from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

export function getGroup(groupId: string, signal?: AbortSignal): Promise<TGroupDetail> {
  return api.get<TGroupDetail>(`/groups/${groupId}`, signal ? { signal } : {});
}

export function updateGroup(groupId: string, body: TUpdateGroupRequest): Promise<TGroupDetail> {
  return api.patch<TGroupDetail>(`/groups/${groupId}`, body);
}

export function uploadGroupImage(groupId: string, which: "avatar" | "background", file: File): Promise<TGroupDetail> {
  const form = new FormData();
  form.append("file", file);
  return api.put<TGroupDetail>(`/groups/${groupId}/${which}`, form);
}

export function listMembers(
  groupId: string,
  params: { q?: string; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<TGroupMembersResponse> {
  return api.get<TGroupMembersResponse>(
    `/groups/${groupId}/members${query({ q: params.q, limit: params.limit, offset: params.offset })}`,
    signal ? { signal } : {},
  );
}
