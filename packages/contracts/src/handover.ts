import { z } from "zod";
import { zId, zRequiredText } from "./common";

/*
 * Leader handover (issue #6, plan II.5.2: "bàn giao khi cán bộ luân chuyển").
 *   POST /api/groups/:groupId/handover          ZCreateHandoverRequest → 201 ZCreateHandoverResponse (chief, commune deputies)
 *   GET  /api/handovers/:handoverId             → ZHandover (management and the two leaders involved)
 *   GET  /api/handovers/:handoverId/record.docx → the biên bản bàn giao (DOCX, Decree 30/2020 layout)
 *   POST /api/handovers/:handoverId/confirm     → ZHandover (the old leader, the new leader, the chief; idempotent)
 *   GET  /api/groups/:groupId/leaders           → ZLeaderHistory (management and the group's leader and deputies)
 *
 * The snapshot lists what was handed over, as counted at the time. It never carries an informant's
 * identity nor a report's description: reports appear by short id, category, state and date only.
 */

/** Stable reasons in `error.details.reason` (the message is Vietnamese and may change). */
export const HandoverProblem = {
  /** The new leader is not an active officer (Công an) whose home is this commune (400). */
  NOT_AN_OFFICER: "NOT_AN_OFFICER",
  /** The new leader already leads this group (409). */
  ALREADY_LEADER: "ALREADY_LEADER",
  /** The new leader is a deputy (Phó nhóm) of this group; a leader cannot be both (409). */
  IS_GROUP_DEPUTY: "IS_GROUP_DEPUTY",
} as const;
export type THandoverProblem = (typeof HandoverProblem)[keyof typeof HandoverProblem];

/** Which signature a confirmation fills: Người giao, Người nhận, Trưởng Công an xã. */
export const HandoverParty = { FROM: "FROM", TO: "TO", CHIEF: "CHIEF" } as const;
export type THandoverParty = (typeof HandoverParty)[keyof typeof HandoverParty];
export const HANDOVER_PARTIES = Object.values(HandoverParty) as [THandoverParty, ...THandoverParty[]];

export const ZCreateHandoverRequest = z.object({
  toUserId: zId,
  /** Why the leader changes (luân chuyển, nghỉ hưu …), written into the record. */
  reason: zRequiredText(1000),
});
export type TCreateHandoverRequest = z.infer<typeof ZCreateHandoverRequest>;

export const ZCreateHandoverResponse = z.object({ handoverId: z.string() });
export type TCreateHandoverResponse = z.infer<typeof ZCreateHandoverResponse>;

export const ZHandoverReportItem = z.object({
  /** The first 8 characters of the case id, as in alerts and reminders ("hồ sơ 1a2b3c4d"). */
  shortId: z.string(),
  category: z.string(),
  state: z.string(),
  receivedAt: z.string(),
});
export type THandoverReportItem = z.infer<typeof ZHandoverReportItem>;

export const ZHandoverSnapshot = z.object({
  takenAt: z.string(),
  /** Open cases of the group (not closed or merged), except those reserved to the chief. */
  openReports: z.object({ count: z.number().int(), items: z.array(ZHandoverReportItem) }),
  /** Open cases that were assigned to the old leader and now are the new leader's. */
  movedReports: z.number().int(),
  /** Members' posts waiting for moderation. */
  heldPosts: z.number().int(),
  /** Active members; names of the household representatives, in Vietnamese name order. */
  members: z.object({ count: z.number().int(), householdRepresentatives: z.array(z.string()) }),
  /** Personal invites still valid and not yet used. */
  pendingInvites: z.number().int(),
  pendingJoinRequests: z.number().int(),
});
export type THandoverSnapshot = z.infer<typeof ZHandoverSnapshot>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZHandover = z.object({
  id: z.string(),
  communeId: z.string(),
  group: z.object({ id: z.string(), name: z.string(), hamletName: z.string() }),
  /** null when the group had no leader (should not happen: a group always has one). */
  from: ZPerson.nullable(),
  to: ZPerson,
  reason: z.string(),
  snapshot: ZHandoverSnapshot,
  createdBy: ZPerson,
  createdAt: z.string(),
  confirmations: z.object({
    fromConfirmedAt: z.string().nullable(),
    toConfirmedAt: z.string().nullable(),
    chiefConfirmedAt: z.string().nullable(),
  }),
  /** The parts the caller may still confirm (empty when done or not a party). */
  canConfirm: z.array(z.enum(HANDOVER_PARTIES)),
});
export type THandover = z.infer<typeof ZHandover>;

export const ZLeaderTenure = z.object({
  userId: z.string(),
  name: z.string(),
  from: z.string(),
  /** null while this person still leads the group. */
  to: z.string().nullable(),
  current: z.boolean(),
  /** The handover that began this tenure (null for the first leader or a plain assignment). */
  handoverId: z.string().nullable(),
  /** The handover that ended it, if any. */
  endedByHandoverId: z.string().nullable(),
});
export type TLeaderTenure = z.infer<typeof ZLeaderTenure>;

export const ZLeaderHistory = z.object({ groupId: z.string(), items: z.array(ZLeaderTenure) });
export type TLeaderHistory = z.infer<typeof ZLeaderHistory>;
