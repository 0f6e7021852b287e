import type { TCreatePollRequest, TPollDetail, TPollList, TPollListQuery } from "@binhyen/contracts";
import { type Actor, enforce } from "../../core/authz";
import { AppError } from "../../core/errors";
import { sortByVietnameseName } from "../../core/text";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { loadGroup } from "../org/group.service";
import type { GroupRef } from "../org/org.policy";
import { consultationPolicy as policy } from "./consultation.policy";
import { type PollRow, consultationRepository as repo } from "./consultation.repository";
import { ballotProblem, pollEnded, presentPollSummary, tallyOptions } from "./poll.presenter";

/** A poll may run at most this long. */
const MAX_POLL_DAYS = 365;

/**
 * The key of a person's ballot. Anonymous poll: a keyed hash (HMAC under the server's secret) of
 * the user, specific to the poll, so one ballot each and nothing in the database names the voter;
 * the same person's keys in two polls do not match. Otherwise the user id itself.
 */
function voterKey(deps: Deps, poll: Pick<PollRow, "id" | "anonymous">, userId: string): string {
  return poll.anonymous ? deps.box.mac(`poll:${poll.id}`, userId) : userId;
}

/** 404 outside the tenant (like a missing poll), 403 inside it for anyone not in the group. */
async function loadPoll(deps: Deps, actor: Actor, pollId: string) {
  const found = await repo.findPoll(deps.db, pollId);
  if (!found) {
    throw new AppError("NOT_FOUND");
  }
  const { poll } = found;
  const ref: GroupRef = { id: poll.groupId, communeId: poll.communeId, provinceId: found.provinceId };
  enforce(policy.visible(actor, ref), policy.read(actor, ref));
  return { poll, ref, creatorName: found.creatorName };
}

async function pollDetail(
  deps: Deps,
  actor: Actor,
  poll: PollRow,
  ref: GroupRef,
  creatorName: string | null,
): Promise<TPollDetail> {
  const now = deps.clock.now();
  const ended = pollEnded(poll, now);
  const mine = await repo.findVote(deps.db, poll.id, voterKey(deps, poll, actor.userId));
  const state = { ended, voted: mine !== undefined, createdByUserId: poll.createdByUserId };
  let results: TPollDetail["results"] = null;
  if (policy.seeResults(actor, ref, state)) {
    const { total, perOption } = await repo.tally(deps.db, poll.id);
    // Anonymous: never a list of voters, whoever asks (the rows hold no user id anyway).
    const named =
      !poll.anonymous && policy.seeVoters(actor, ref) ? await repo.namedVoters(deps.db, poll.id) : null;
    results = {
      total,
      ...tallyOptions(poll.options.length, total, perOption),
      voters: named
        ? sortByVietnameseName(named, (v) => v.name).map((v) => ({
            name: v.name,
            choices: [...v.choices].sort((a, b) => a - b),
          }))
        : null,
    };
  }
  const actions: TPollDetail["actions"] = [];
  if (!ended && policy.vote(actor, ref)) {
    actions.push("vote");
  }
  if (!ended && policy.close(actor, ref, state)) {
    actions.push("close");
  }
  return {
    ...presentPollSummary(poll, creatorName, now, {
      myVote: mine?.choices ?? null,
      ballots: results?.total ?? null,
    }),
    actions,
    results,
  };
}

export async function getPoll(deps: Deps, actor: Actor, pollId: string): Promise<TPollDetail> {
  const { poll, ref, creatorName } = await loadPoll(deps, actor, pollId);
  return pollDetail(deps, actor, poll, ref, creatorName);
}

export async function listPolls(
  deps: Deps,
  actor: Actor,
  groupId: string,
  query: TPollListQuery,
): Promise<TPollList> {
  const { ref } = await loadGroup(deps, groupId);
  enforce(policy.visible(actor, ref), policy.read(actor, ref));
  const now = deps.clock.now();
  const { total, items } = await repo.listPolls(deps.db, groupId, { ...query, now });
  const ids = items.map((i) => i.poll.id);
  const [mine, ballots] = await Promise.all([
    repo.votesByKeys(
      deps.db,
      ids,
      items.map((i) => voterKey(deps, i.poll, actor.userId)),
    ),
    repo.ballotCounts(deps.db, ids),
  ]);
  return {
    total,
    items: items.map(({ poll, creatorName }) => {
      const myVote = mine.get(poll.id) ?? null;
      const seen = policy.seeResults(actor, ref, { ended: pollEnded(poll, now), voted: myVote !== null });
      return presentPollSummary(poll, creatorName, now, {
        myVote,
        ballots: seen ? (ballots.get(poll.id) ?? 0) : null,
      });
    }),
  };
}

export async function createPoll(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: TCreatePollRequest,
  requestId?: string,
): Promise<TPollDetail> {
  const { group, ref } = await loadGroup(deps, groupId);
  enforce(policy.visible(actor, ref), policy.createPoll(actor, ref));
  const now = deps.clock.now();
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Hạn chót phải sau thời điểm hiện tại.", [
      { path: "deadline", message: "in the past" },
    ]);
  }
  if (deadline.getTime() - now.getTime() > MAX_POLL_DAYS * 86_400_000) {
    throw new AppError("VALIDATION_FAILED", `Cuộc thăm dò kéo dài tối đa ${MAX_POLL_DAYS} ngày.`, [
      { path: "deadline", message: "too far" },
    ]);
  }
  const row: PollRow = {
    id: deps.ids.uuid(),
    groupId,
    communeId: group.communeId,
    question: input.question,
    options: input.options,
    multiple: input.multiple,
    anonymous: input.anonymous,
    deadline,
    createdByUserId: actor.userId,
    createdAt: now,
    closedAt: null,
  };
  await deps.db.transaction(async (tx) => {
    await repo.insertPoll(tx, row);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "poll.created",
      entityType: "poll",
      entityId: row.id,
      communeId: group.communeId,
      data: {
        groupId,
        question: row.question,
        options: row.options,
        multiple: row.multiple,
        anonymous: row.anonymous,
        deadline: deadline.toISOString(),
      },
      requestId: requestId ?? null,
    });
  });
  return pollDetail(deps, actor, row, ref, actor.name);
}

/**
 * One ballot per member: a new ballot replaces the earlier one until the poll ends. For an
 * anonymous poll neither the row nor the audit entry links the person to the choices.
 */
export async function vote(
  deps: Deps,
  actor: Actor,
  pollId: string,
  choices: number[],
  requestId?: string,
): Promise<TPollDetail> {
  const { poll, ref, creatorName } = await loadPoll(deps, actor, pollId);
  if (!policy.vote(actor, ref)) {
    throw new AppError("FORBIDDEN", "Chỉ thành viên của nhóm mới được bỏ phiếu.");
  }
  const problem = ballotProblem(poll, choices);
  if (problem) {
    throw new AppError("VALIDATION_FAILED", problem, [{ path: "choices", message: "invalid choice" }]);
  }
  const now = deps.clock.now();
  const key = voterKey(deps, poll, actor.userId);
  await deps.db.transaction(async (tx) => {
    // FOR SHARE: closing takes FOR UPDATE, so a ballot never slips in after the poll was closed.
    const locked = await repo.lockPoll(tx, pollId, "share");
    if (!locked || pollEnded(locked, now)) {
      throw new AppError("CONFLICT", "Cuộc thăm dò đã kết thúc, không thể bỏ phiếu.");
    }
    const earlier = await repo.findVote(tx, pollId, key);
    await repo.upsertVote(tx, {
      pollId,
      voterKey: key,
      userId: poll.anonymous ? null : actor.userId,
      choices,
      // Anonymous: the poll's creation time, not the ballot's. The real time would pair the
      // ballot with the audit row below (which names the voter) by timestamp.
      at: poll.anonymous ? poll.createdAt : now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "poll.voted",
      entityType: "poll",
      entityId: pollId,
      communeId: poll.communeId,
      data: poll.anonymous ? { anonymous: true } : { choices, replaced: earlier !== undefined },
      requestId: requestId ?? null,
    });
  });
  return pollDetail(deps, actor, poll, ref, creatorName);
}

export async function closePoll(
  deps: Deps,
  actor: Actor,
  pollId: string,
  requestId?: string,
): Promise<TPollDetail> {
  const { poll, ref, creatorName } = await loadPoll(deps, actor, pollId);
  if (!policy.close(actor, ref, poll)) {
    throw new AppError("FORBIDDEN", "Chỉ người tạo cuộc thăm dò hoặc lãnh đạo Công an xã được kết thúc sớm.");
  }
  const now = deps.clock.now();
  const closed = await deps.db.transaction(async (tx) => {
    const locked = await repo.lockPoll(tx, pollId, "update");
    if (!locked || pollEnded(locked, now)) {
      throw new AppError("CONFLICT", "Cuộc thăm dò đã kết thúc.");
    }
    await repo.closePoll(tx, pollId, now);
    const ballots = (await repo.ballotCounts(tx, [pollId])).get(pollId) ?? 0;
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "poll.closed",
      entityType: "poll",
      entityId: pollId,
      communeId: poll.communeId,
      data: { ballots, deadline: poll.deadline.toISOString() },
      requestId: requestId ?? null,
    });
    return { ...locked, closedAt: now };
  });
  return pollDetail(deps, actor, closed, ref, creatorName);
}
