import { z } from "zod";
import { zRequiredText } from "./common";

/*
 * Consultation (plan II.3): the group's rules (quy chế hoạt động) that members acknowledge, and
 * polls that gather residents' opinions. Routes:
 *   GET  /api/groups/:groupId/rules                                       → ZGroupRules
 *   POST /api/groups/:groupId/rules           ZPublishRulesRequest        → 201 ZGroupRules (version n+1)
 *   POST /api/groups/:groupId/rules/:version/ack   {}                     → ZGroupRules
 *                                             (only the current version; an older one → 409 CONFLICT)
 *   GET  /api/groups/:groupId/polls?status=open|closed&limit&offset       → ZPollList
 *   POST /api/groups/:groupId/polls           ZCreatePollRequest          → 201 ZPollDetail
 *   GET  /api/polls/:pollId                                               → ZPollDetail
 *   POST /api/polls/:pollId/votes             ZVoteRequest                → ZPollDetail
 *                                             (one ballot per person; a new one replaces it until the deadline)
 *   POST /api/polls/:pollId/close             {}                          → ZPollDetail
 */

export const RULES_MAX_CHARS = 20_000;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 10;

export const PollStatus = { OPEN: "open", CLOSED: "closed" } as const;
export type TPollStatus = (typeof PollStatus)[keyof typeof PollStatus];
export const POLL_STATUSES = Object.values(PollStatus) as [TPollStatus, ...TPollStatus[]];

const isoDateTime = z.iso.datetime({ offset: true });

export const ZPublishRulesRequest = z.object({ text: zRequiredText(RULES_MAX_CHARS) });
export type TPublishRulesRequest = z.infer<typeof ZPublishRulesRequest>;

export const ZRulesVersion = z.object({
  version: z.number().int(),
  text: z.string(),
  publishedAt: z.string(),
  publishedBy: z.object({ id: z.string(), name: z.string() }),
});
export type TRulesVersion = z.infer<typeof ZRulesVersion>;

export const ZGroupRules = z.object({
  /** The version in force; null until the first one is published. */
  current: ZRulesVersion.nullable(),
  /** The highest version the caller acknowledged (null: never). */
  acknowledgedVersion: z.number().int().nullable(),
  /**
   * Officers only (null for members): acknowledgements of the current version, out of `members`,
   * the people who hold a member role in the group now.
   */
  acknowledgements: z
    .object({ version: z.number().int(), count: z.number().int(), members: z.number().int() })
    .nullable(),
  /** Every published version, newest first. */
  history: z.array(z.object({ version: z.number().int(), publishedAt: z.string() })),
});
export type TGroupRules = z.infer<typeof ZGroupRules>;

export const ZCreatePollRequest = z
  .object({
    question: zRequiredText(500),
    options: z.array(zRequiredText(200)).min(POLL_MIN_OPTIONS).max(POLL_MAX_OPTIONS),
    multiple: z.boolean().default(false),
    /** Nobody, officers included, can ever see who chose what. Cannot be changed later. */
    anonymous: z.boolean().default(false),
    deadline: isoDateTime,
  })
  .refine((p) => new Set(p.options.map((o) => o.toLocaleLowerCase("vi"))).size === p.options.length, {
    message: "Các phương án trả lời không được trùng nhau.",
    path: ["options"],
  });
export type TCreatePollRequest = z.infer<typeof ZCreatePollRequest>;
export type TCreatePollInput = z.input<typeof ZCreatePollRequest>;

export const ZVoteRequest = z.object({
  /** Indexes into the poll's options: exactly one for a single-choice poll. */
  choices: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(POLL_MAX_OPTIONS - 1),
    )
    .min(1)
    .max(POLL_MAX_OPTIONS)
    .refine((c) => new Set(c).size === c.length, { message: "Mỗi phương án chỉ chọn một lần." }),
});
export type TVoteRequest = z.infer<typeof ZVoteRequest>;

export const ZPollListQuery = z.object({
  status: z.enum(POLL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type TPollListQuery = z.infer<typeof ZPollListQuery>;

/**
 * Results, chart-ready: `counts[i]` and `percent[i]` belong to `options[i]`. Percent is the share of
 * ballots that chose the option, one decimal (a multiple-choice poll may sum past 100).
 * `voters` (who chose what) only for officers of a non-anonymous poll; always null for an anonymous one.
 */
export const ZPollResults = z.object({
  total: z.number().int(),
  counts: z.array(z.number().int()),
  percent: z.array(z.number()),
  voters: z.array(z.object({ name: z.string(), choices: z.array(z.number().int()) })).nullable(),
});
export type TPollResults = z.infer<typeof ZPollResults>;

export const ZPollSummary = z.object({
  id: z.string(),
  groupId: z.string(),
  question: z.string(),
  options: z.array(z.string()),
  multiple: z.boolean(),
  anonymous: z.boolean(),
  deadline: z.string(),
  status: z.enum(POLL_STATUSES),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  /** The caller's own ballot (null: not voted). */
  myVote: z.array(z.number().int()).nullable(),
  /** Ballots cast; null while the caller may not see results yet. */
  ballots: z.number().int().nullable(),
});
export type TPollSummary = z.infer<typeof ZPollSummary>;

export const ZPollList = z.object({ total: z.number().int(), items: z.array(ZPollSummary) });
export type TPollList = z.infer<typeof ZPollList>;

export const ZPollDetail = ZPollSummary.extend({
  /** What the caller may do now: "vote", "close". */
  actions: z.array(z.enum(["vote", "close"])),
  /** Null while hidden: members see results after voting or once the poll has ended. */
  results: ZPollResults.nullable(),
});
export type TPollDetail = z.infer<typeof ZPollDetail>;
