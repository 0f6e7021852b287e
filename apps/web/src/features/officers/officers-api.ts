import type { TCreateOfficerRequest, TOfficer, TUpdateOfficerRequest } from "@binhyen/contracts";
import { api } from "../../lib/api-client";

export function listOfficers(communeId: string, signal?: AbortSignal): Promise<{ items: TOfficer[] }> {
  return api.get(`/communes/${communeId}/officers`, signal ? { signal } : {});
}

export function createOfficer(
  communeId: string,
  body: TCreateOfficerRequest,
): Promise<{ userId: string; temporaryPassword: string }> {
  return api.post(`/communes/${communeId}/officers`, body);
}

export function updateOfficer(
  communeId: string,
  userId: string,
  body: TUpdateOfficerRequest,
): Promise<{ temporaryPassword: string | null }> {
  return api.patch(`/communes/${communeId}/officers/${userId}`, body);
}
