import type { TCreatePollInput, TGroupRules, TPollDetail, TPollList, TPollStatus } from "@binhyen/contracts";
import { api, query } from "../../lib/api-client";

/* The group's rules and polls (plan II.3; routes at the top of packages/contracts/src/consultation.ts). */

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getRules(groupId: string, signal?: AbortSignal): Promise<TGroupRules> {
  return api.get<TGroupRules>(`/groups/${groupId}/rules`, opts(signal));
}

export function publishRules(groupId: string, text: string): Promise<TGroupRules> {
  return api.post<TGroupRules>(`/groups/${groupId}/rules`, { text });
}

export function acknowledgeRules(groupId: string, version: number): Promise<TGroupRules> {
  return api.post<TGroupRules>(`/groups/${groupId}/rules/${version}/ack`, {});
}

export function listPolls(
  groupId: string,
  params: { status?: TPollStatus; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<TPollList> {
  return api.get<TPollList>(
    `/groups/${groupId}/polls${query({ status: params.status, limit: params.limit, offset: params.offset })}`,
    opts(signal),
  );
}

export function createPoll(groupId: string, body: TCreatePollInput): Promise<TPollDetail> {
  return api.post<TPollDetail>(`/groups/${groupId}/polls`, body);
}

export function getPoll(pollId: string, signal?: AbortSignal): Promise<TPollDetail> {
  return api.get<TPollDetail>(`/polls/${pollId}`, opts(signal));
}

export function votePoll(pollId: string, choices: number[]): Promise<TPollDetail> {
  return api.post<TPollDetail>(`/polls/${pollId}/votes`, { choices });
}

export function closePoll(pollId: string): Promise<TPollDetail> {
  return api.post<TPollDetail>(`/polls/${pollId}/close`, {});
}
