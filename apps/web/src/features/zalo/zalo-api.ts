import type {
  TZaloCaseChannel,
  TZaloConnectBotRequest,
  TZaloConnectOaRequest,
  TZaloConnectOaResponse,
  TZaloFollowers,
  TZaloGroup,
  TZaloInventory,
  TZaloInviteRequest,
  TZaloInviteResponse,
  TZaloLinkCode,
  TZaloLinkGroupRequest,
  TZaloMyLink,
  TZaloStatus,
} from "@binhyen/contracts";
import { api } from "../../lib/api-client";

/*
 * The Zalo channel (issue #7): the commune's Official Account and Bot, the hamlet groups on Zalo
 * (GMF), each officer's own link, and a report's OA conversation. Routes in contracts/zalo.ts.
 */

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
const commune = (communeId: string) => `/communes/${encodeURIComponent(communeId)}/zalo`;
const group = (groupId: string) => `/groups/${encodeURIComponent(groupId)}/zalo`;

export function getZaloStatus(communeId: string, signal?: AbortSignal): Promise<TZaloStatus> {
  return api.get<TZaloStatus>(commune(communeId), opts(signal));
}

/** Saves the app's keys and answers Zalo's consent page, where the OA's admin grants access. */
export function connectZaloOa(
  communeId: string,
  body: TZaloConnectOaRequest,
): Promise<TZaloConnectOaResponse> {
  return api.post<TZaloConnectOaResponse>(`${commune(communeId)}/oa`, body);
}

export function disconnectZaloOa(communeId: string): Promise<TZaloStatus> {
  return api.delete<TZaloStatus>(`${commune(communeId)}/oa`);
}

/** Asks Zalo now (token, OA profile, group packages) and answers the fresh status. */
export function checkZalo(communeId: string): Promise<TZaloStatus> {
  return api.post<TZaloStatus>(`${commune(communeId)}/check`, {});
}

export function connectZaloBot(communeId: string, body: TZaloConnectBotRequest): Promise<TZaloStatus> {
  return api.post<TZaloStatus>(`${commune(communeId)}/bot`, body);
}

export function disconnectZaloBot(communeId: string): Promise<TZaloStatus> {
  return api.delete<TZaloStatus>(`${commune(communeId)}/bot`);
}

/** The OA's groups and group packages, read live from Zalo. */
export function getZaloInventory(communeId: string, signal?: AbortSignal): Promise<TZaloInventory> {
  return api.get<TZaloInventory>(`${commune(communeId)}/groups`, opts(signal));
}

/** The OA's followers, read live from Zalo: who may be put in or invited to a group. */
export function getZaloFollowers(communeId: string, signal?: AbortSignal): Promise<TZaloFollowers> {
  return api.get<TZaloFollowers>(`${commune(communeId)}/followers`, opts(signal));
}

export function getGroupZalo(groupId: string, signal?: AbortSignal): Promise<TZaloGroup> {
  return api.get<TZaloGroup>(group(groupId), opts(signal));
}

export function linkGroupZalo(groupId: string, body: TZaloLinkGroupRequest): Promise<TZaloGroup> {
  return api.post<TZaloGroup>(group(groupId), body);
}

export function unlinkGroupZalo(groupId: string): Promise<void> {
  return api.delete<void>(group(groupId));
}

export function syncGroupZalo(groupId: string): Promise<TZaloGroup> {
  return api.post<TZaloGroup>(`${group(groupId)}/sync`, {});
}

export function inviteToGroupZalo(groupId: string, body: TZaloInviteRequest): Promise<TZaloInviteResponse> {
  return api.post<TZaloInviteResponse>(`${group(groupId)}/invite`, body);
}

export function getMyZalo(signal?: AbortSignal): Promise<TZaloMyLink> {
  return api.get<TZaloMyLink>("/me/zalo", opts(signal));
}

export function createMyZaloLinkCode(): Promise<TZaloLinkCode> {
  return api.post<TZaloLinkCode>("/me/zalo/link-code", {});
}

export function unlinkMyZalo(): Promise<TZaloMyLink> {
  return api.delete<TZaloMyLink>("/me/zalo");
}

export function getCaseZalo(caseId: string, signal?: AbortSignal): Promise<TZaloCaseChannel> {
  return api.get<TZaloCaseChannel>(`/cases/${encodeURIComponent(caseId)}/zalo`, opts(signal));
}
