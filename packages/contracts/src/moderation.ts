import { z } from "zod";
import { zId, zRequiredText, zText } from "./common";

/*
 * Group life (issue #6): members' posts, moderation, the management console, group profile protection.
 *   POST /api/groups/:groupId/posts            ZCreatePost → 201 ZCreatePostResponse
 *   GET  /api/groups/:groupId/posts?before     → ZPostList (threads; the author also sees their own held/rejected posts with the reason)
 *   POST /api/posts/:postId/report             { reason } → ZOk (a member reports a post to the moderators)
 *   GET  /api/groups/:groupId/moderation       → ZModerationQueue (held, flagged, reported)
 *   POST /api/posts/:postId/moderation         ZModerationAction → ZPost
 *   POST /api/groups/:groupId/members/:memberId/sanctions  ZSanctionRequest → 201 ZOk
 *   GET  /api/groups/:groupId/members/:memberId/violations → ZViolationHistory
 *   GET  /api/communes/:communeId/moderation   → ZModerationConsole (chief, deputies)
 *   GET/PUT /api/communes/:communeId/moderation-settings  ZModerationSettings
 *   POST /api/groups/:groupId/profile/official → ZOk (save the current profile as the official one)
 *   POST /api/groups/:groupId/profile/restore  → ZOk (put the official profile back)
 */

export const POLICY_RULE_CODES = [
  "SECRECY",
  "SECRET_KEYWORD",
  "PERSONAL_DATA",
  "LINK",
  "PROFANITY",
  "FLOODING",
] as const;
export type TPolicyRuleCode = (typeof POLICY_RULE_CODES)[number];
export const POLICY_ACTIONS = ["block", "hold", "flag", "off"] as const;

export const ZPolicyHit = z.object({
  rule: z.string(),
  action: z.enum(["block", "hold", "flag"]),
  message: z.string(),
  excerpt: z.string(),
});
export type TPolicyHit = z.infer<typeof ZPolicyHit>;

export const ZCreatePost = z.object({ body: zRequiredText(4000), parentId: zId.optional() });
export const ZCreatePostResponse = z.object({
  postId: z.string(),
  status: z.enum(["published", "held", "rejected"]),
  reasons: z.array(ZPolicyHit),
});

export const PostStatus = ["published", "held", "rejected", "hidden"] as const;
const ZPostBase = z.object({
  id: z.string(),
  groupId: z.string(),
  parentId: z.string().nullable(),
  author: z.object({ name: z.string(), memberId: z.string().nullable(), mine: z.boolean() }),
  body: z.string(),
  status: z.enum(PostStatus),
  flagged: z.boolean(),
  /** Rules that held, rejected or flagged it — shown to its author and the moderators. */
  reasons: z.array(ZPolicyHit),
  /** The moderator's reason for a rejection or hiding (the member sees it). */
  moderationReason: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});
/** A post; top-level posts carry their replies (one level: replies do not nest). */
export const ZPost = ZPostBase.extend({ replies: z.array(ZPostBase).optional() });
export type TPost = z.infer<typeof ZPost>;

export const ZPostList = z.object({
  group: z.object({ id: z.string(), name: z.string(), postingMode: z.string() }),
  /** What the caller may do now in this group. */
  me: z.object({
    canPost: z.boolean(),
    cannotPostReason: z.string().nullable(),
    moderator: z.boolean(),
    mutedUntil: z.string().nullable(),
    warnings: z.number().int(),
  }),
  items: z.array(ZPost),
  nextCursor: z.string().nullable(),
});

export const ZReportPost = z.object({ reason: zRequiredText(500) });

export const ZModerationItem = ZPost.extend({
  reports: z.array(z.object({ reason: z.string(), createdAt: z.string() })),
  /** The author's earlier violations (held/rejected/hidden posts and sanctions). */
  authorViolations: z.number().int(),
});
export const ZModerationQueue = z.object({
  held: z.array(ZModerationItem),
  flagged: z.array(ZModerationItem),
  reported: z.array(ZModerationItem),
});

export const ZModerationAction = z.object({
  action: z.enum(["approve", "reject", "hide", "unhide"]),
  reason: zText(1000).optional(),
});

export const ZSanctionRequest = z.object({
  kind: z.enum(["warn", "mute", "remove"]),
  /** For a mute: how long. */
  minutes: z
    .number()
    .int()
    .min(5)
    .max(60 * 24 * 90)
    .optional(),
  reason: zRequiredText(1000),
  postId: zId.optional(),
});

export const ZViolationHistory = z.object({
  member: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  posts: z.array(ZPost),
  sanctions: z.array(
    z.object({
      kind: z.string(),
      reason: z.string(),
      until: z.string().nullable(),
      byName: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const ZModerationConsole = z.object({
  holdAlertHours: z.number().int(),
  groups: z.array(
    z.object({
      groupId: z.string(),
      name: z.string(),
      postingMode: z.string(),
      leaderName: z.string().nullable(),
      posts7d: z.number().int(),
      held: z.number().int(),
      flagged: z.number().int(),
      reported: z.number().int(),
      oldestHeldAt: z.string().nullable(),
      /** Held items older than the commune's alert time: the leader has not acted. */
      stale: z.boolean(),
    }),
  ),
  byRule: z.array(z.object({ rule: z.string(), count: z.number().int() })),
  pending: z.array(ZModerationItem.extend({ groupName: z.string() })),
});

export const ZModerationSettings = z.object({
  /** Rules left out keep their default action. */
  actions: z.partialRecord(z.enum(POLICY_RULE_CODES), z.enum(POLICY_ACTIONS)),
  secretKeywords: z.array(zRequiredText(200)).max(500),
  allowDomains: z.array(z.string().min(3).max(200)).max(500),
  denyDomains: z.array(z.string().min(3).max(200)).max(5000),
  profanity: z.array(zRequiredText(60)).max(2000),
  holdAlertHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
export type TModerationSettings = z.infer<typeof ZModerationSettings>;

/** The same settings as answered (responses carry no input transforms). */
export const ZModerationSettingsView = z.object({
  actions: z.record(z.enum(POLICY_RULE_CODES), z.enum(POLICY_ACTIONS)),
  secretKeywords: z.array(z.string()),
  allowDomains: z.array(z.string()),
  denyDomains: z.array(z.string()),
  profanity: z.array(z.string()),
  holdAlertHours: z.number().int(),
});
export type TModerationSettingsView = z.infer<typeof ZModerationSettingsView>;
