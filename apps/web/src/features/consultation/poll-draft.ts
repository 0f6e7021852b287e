import { POLL_MAX_OPTIONS, POLL_MIN_OPTIONS } from "@binhyen/contracts";

export interface PollDraftProblems {
  question?: "required";
  options?: "count" | "empty" | "duplicate";
  deadline?: "required" | "past";
}

/** The problems of a draft poll, before asking the server. */
export function pollDraftProblems(
  question: string,
  options: readonly string[],
  deadlineIso: string | null,
  now: Date,
): PollDraftProblems {
  const problems: PollDraftProblems = {};
  if (!question.trim()) {
    problems.question = "required";
  }
  const filled = options.map((o) => o.trim());
  if (filled.some((o) => o === "")) {
    problems.options = "empty";
  } else if (filled.length < POLL_MIN_OPTIONS || filled.length > POLL_MAX_OPTIONS) {
    problems.options = "count";
  } else if (new Set(filled.map((o) => o.toLocaleLowerCase("vi"))).size !== filled.length) {
    problems.options = "duplicate";
  }
  if (!deadlineIso) {
    problems.deadline = "required";
  } else if (Date.parse(deadlineIso) <= now.getTime()) {
    problems.deadline = "past";
  }
  return problems;
}
