import type {
  TAddDeputyRequest,
  TCommuneDetail,
  TCreateHamletRequest,
  TUpdateCommuneSettingsRequest,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

export function getCommune(communeId: string, signal?: AbortSignal): Promise<TCommuneDetail> {
  return api.get<TCommuneDetail>(`/communes/${communeId}`, signal ? { signal } : {});
}

export function createHamlet(
  communeId: string,
  body: Omit<TCreateHamletRequest, "validFrom">,
): Promise<{ hamletId: string; groupId: string }> {
  return api.post(`/communes/${communeId}/hamlets`, body);
}

export function updateCommuneSettings(
  communeId: string,
  body: TUpdateCommuneSettingsRequest,
): Promise<unknown> {
  return api.patch(`/communes/${communeId}/settings`, body);
}

export function assignLeader(groupId: string, userId: string): Promise<unknown> {
  return api.put(`/groups/${groupId}/leader`, { userId });
}

export function addDeputy(
  groupId: string,
  body: TAddDeputyRequest,
): Promise<{ userId: string; temporaryPassword: string | null }> {
  return api.post(`/groups/${groupId}/deputies`, body);
}

export function removeDeputy(groupId: string, userId: string): Promise<unknown> {
  return api.delete(`/groups/${groupId}/deputies/${userId}`);
}
