import type { TGroupDetail, TGroupMembersResponse, TUpdateGroupRequest } from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

export function getGroup(groupId: string, signal?: AbortSignal): Promise<TGroupDetail> {
  return api.get<TGroupDetail>(`/groups/${groupId}`, signal ? { signal } : {});
}

function looksLikeGroup(value: unknown): value is TGroupDetail {
  return Boolean(value && typeof value === "object" && "id" in value && "name" in value && "hamlet" in value);
}

/** Answers the updated group, or null when the server answered without it (reload then). */
export async function updateGroup(groupId: string, body: TUpdateGroupRequest): Promise<TGroupDetail | null> {
  const result = await api.patch<unknown>(`/groups/${groupId}`, body);
  return looksLikeGroup(result) ? result : null;
}

export async function uploadGroupImage(
  groupId: string,
  which: "avatar" | "background",
  file: File,
): Promise<TGroupDetail | null> {
  const form = new FormData();
  form.append("file", file);
  const result = await api.put<unknown>(`/groups/${groupId}/${which}`, form);
  return looksLikeGroup(result) ? result : null;
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
