import type {
  TModerationSettings,
  TModerationSettingsView,
  TPost,
  ZModerationConsole,
  ZModerationItem,
  ZModerationQueue,
  ZViolationHistory,
} from "@binhyen/contracts";
import type { z } from "zod";
import { api } from "../../lib/api-client";

/*
 * Moderation (issue #6; routes at the top of packages/contracts/src/moderation.ts): a group's queue
 * for its leader and deputies, sanctions, a member's history, the management team's console and the
 * commune's content-policy settings, and the group's official profile.
 */

export type TModerationQueue = z.infer<typeof ZModerationQueue>;
export type TModerationItem = z.infer<typeof ZModerationItem>;
export type TModerationConsole = z.infer<typeof ZModerationConsole>;
export type TConsoleGroup = TModerationConsole["groups"][number];
export type TViolationHistory = z.infer<typeof ZViolationHistory>;
export type TPostAction = "approve" | "reject" | "hide" | "unhide";
export type TSanctionKind = "warn" | "mute" | "remove";

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getModerationQueue(groupId: string, signal?: AbortSignal): Promise<TModerationQueue> {
  return api.get<TModerationQueue>(`/groups/${groupId}/moderation`, opts(signal));
}

export function moderatePost(postId: string, action: TPostAction, reason?: string): Promise<TPost> {
  return api.post<TPost>(`/posts/${postId}/moderation`, reason ? { action, reason } : { action });
}

export function sanctionMember(
  groupId: string,
  memberId: string,
  body: { kind: TSanctionKind; reason: string; minutes?: number; postId?: string },
): Promise<unknown> {
  return api.post(`/groups/${groupId}/members/${memberId}/sanctions`, body);
}

export function getViolations(groupId: string, memberId: string, signal?: AbortSignal) {
  return api.get<TViolationHistory>(`/groups/${groupId}/members/${memberId}/violations`, opts(signal));
}

export function getModerationConsole(communeId: string, signal?: AbortSignal): Promise<TModerationConsole> {
  return api.get<TModerationConsole>(`/communes/${communeId}/moderation`, opts(signal));
}

export function getModerationSettings(communeId: string, signal?: AbortSignal) {
  return api.get<TModerationSettingsView>(`/communes/${communeId}/moderation-settings`, opts(signal));
}

export function saveModerationSettings(communeId: string, body: TModerationSettings) {
  return api.put<TModerationSettingsView>(`/communes/${communeId}/moderation-settings`, body);
}

export function saveOfficialProfile(groupId: string): Promise<unknown> {
  return api.post(`/groups/${groupId}/profile/official`, {});
}

export function restoreOfficialProfile(groupId: string): Promise<unknown> {
  return api.post(`/groups/${groupId}/profile/restore`, {});
}
