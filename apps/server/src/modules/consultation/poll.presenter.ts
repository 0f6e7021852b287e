import type { TPollStatus, TPollSummary } from "@binhyen/contracts";
import type { PollRow } from "./consultation.repository";

/** A poll has ended when it was closed early or its deadline has come. */
export const pollEnded = (p: Pick<PollRow, "closedAt" | "deadline">, now: Date): boolean =>
  p.closedAt !== null || p.deadline.getTime() <= now.getTime();

export const pollStatus = (p: Pick<PollRow, "closedAt" | "deadline">, now: Date): TPollStatus =>
  pollEnded(p, now) ? "closed" : "open";

/**
 * Counts aligned with the options, and each option's share of the ballots with one decimal. For a
 * multiple-choice poll the shares may sum past 100: each is "how many of the voters chose this".
 */
export function tallyOptions(
  optionCount: number,
  total: number,
  perOption: readonly { choice: number; n: number }[],
): { counts: number[]; percent: number[] } {
  const counts = Array.from({ length: optionCount }, () => 0);
  for (const { choice, n } of perOption) {
    if (choice >= 0 && choice < optionCount) {
      counts[choice] = (counts[choice] ?? 0) + n;
    }
  }
  const percent = counts.map((n) => (total === 0 ? 0 : Math.round((n * 1000) / total) / 10));
  return { counts, percent };
}

/** A ballot's problem in Vietnamese, or null when it fits the poll. */
export function ballotProblem(poll: Pick<PollRow, "options" | "multiple">, choices: number[]): string | null {
  if (choices.some((c) => c >= poll.options.length)) {
    return "Phương án đã chọn không có trong cuộc thăm dò.";
  }
  if (!poll.multiple && choices.length !== 1) {
    return "Cuộc thăm dò này chỉ được chọn một phương án.";
  }
  return null;
}

export function presentPollSummary(
  p: PollRow,
  creatorName: string | null,
  now: Date,
  extra: { myVote: number[] | null; ballots: number | null },
): TPollSummary {
  return {
    id: p.id,
    groupId: p.groupId,
    question: p.question,
    options: p.options,
    multiple: p.multiple,
    anonymous: p.anonymous,
    deadline: p.deadline.toISOString(),
    status: pollStatus(p, now),
    createdAt: p.createdAt.toISOString(),
    closedAt: p.closedAt ? p.closedAt.toISOString() : null,
    createdBy: { id: p.createdByUserId, name: creatorName ?? "" },
    myVote: extra.myVote ? [...extra.myVote].sort((a, b) => a - b) : null,
    ballots: extra.ballots,
  };
}
