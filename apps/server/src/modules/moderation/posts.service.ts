import type { TModerationSettings, TPolicyHit, TPost } from "@binhyen/contracts";
import { type Actor, hasCommuneRole, hasGroupRole, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import { searchKey } from "../../core/text";
import { vnDateTime } from "../../core/vn-time";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import {
  type CompiledPolicy,
  compilePolicy,
  DEFAULT_POLICY_ACTIONS,
  evaluateCompiled,
  type PolicyConfig,
} from "./content-policy";
import { type PostRow, moderationRepository as repo } from "./moderation.repository";

const PAGE = 20;

/** Compiled policies per commune, rebuilt when the commune's settings change. */
const compiled = new Map<string, { key: string; policy: CompiledPolicy }>();
function compiledFor(communeId: string, config: PolicyConfig): CompiledPolicy {
  const key = JSON.stringify(config);
  const hit = compiled.get(communeId);
  if (hit?.key === key) {
    return hit.policy;
  }
  if (compiled.size > 5000) {
    compiled.clear();
  }
  const policy = compilePolicy(config);
  compiled.set(communeId, { key, policy });
  return policy;
}
const FLOOD_WINDOW_MS = 10 * 60_000;

export const isModerator = (a: Actor, communeId: string, groupId: string) =>
  hasCommuneRole(a, communeId, ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"]) ||
  hasGroupRole(a, groupId, ["GROUP_LEADER", "GROUP_DEPUTY"]);

const isMember = (a: Actor, groupId: string) => hasGroupRole(a, groupId, ["GROUP_MEMBER"]);

export async function loadGroupFor(deps: Deps, actor: Actor, groupId: string) {
  const g = await orgRepository.findGroup(deps.db, groupId);
  if (!g || !seesCommune(actor, g.group.communeId, g.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  return g.group;
}

/** The commune's policy (settings or the defaults). */
export async function policyOf(
  deps: Deps,
  communeId: string,
): Promise<PolicyConfig & { holdAlertHours: number }> {
  const s = await repo.settings(deps.db, communeId);
  return {
    actions: { ...DEFAULT_POLICY_ACTIONS, ...((s?.actions ?? {}) as PolicyConfig["actions"]) },
    secretKeywords: s?.secretKeywords ?? [],
    allowDomains: s?.allowDomains ?? [],
    denyDomains: s?.denyDomains ?? [],
    profanity: s?.profanity ?? [],
    holdAlertHours: s?.holdAlertHours ?? 24,
  };
}

export function presentPost(p: PostRow, viewerUserId: string, moderator: boolean): TPost {
  const mine = p.authorUserId === viewerUserId;
  const hidden = p.status === "hidden" && !moderator && !mine;
  return {
    id: p.id,
    groupId: p.groupId,
    parentId: p.parentId,
    author: { name: p.authorName, memberId: moderator ? p.authorMemberId : null, mine },
    // A hidden post keeps its text for the record; other members see only that it was hidden.
    body: hidden ? "" : p.body,
    status: p.status as TPost["status"],
    flagged: moderator ? p.flagged : false,
    reasons: mine || moderator ? (p.hits as TPolicyHit[]) : [],
    moderationReason: mine || moderator ? p.moderationReason : null,
    source: p.source,
    createdAt: p.createdAt.toISOString(),
  };
}

/** Why the caller cannot post now (null when they can). */
async function cannotPost(
  deps: Deps,
  actor: Actor,
  group: { id: string; communeId: string; postingMode: string },
) {
  const moderator = isModerator(actor, group.communeId, group.id);
  if (!moderator && !isMember(actor, group.id)) {
    return { code: "FORBIDDEN" as const, message: "Chỉ thành viên của nhóm mới đăng bài được." };
  }
  if (!moderator && group.postingMode === "announcements_only") {
    return {
      code: "FORBIDDEN" as const,
      message:
        "Nhóm đang ở chế độ chỉ đăng thông báo: thành viên tạm thời không đăng bài. Có việc cần báo, hãy nhắn riêng cho Trưởng nhóm hoặc dùng mục Báo tin.",
    };
  }
  const mute = await repo.activeMute(deps.db, group.id, actor.userId, deps.clock.now());
  if (mute?.until) {
    const until = vnDateTime(mute.until);
    return {
      code: "FORBIDDEN" as const,
      message: `Bạn đang bị tạm dừng đăng bài trong nhóm đến ${until}. Lý do: ${mute.reason}`,
    };
  }
  return null;
}

/**
 * A member's post: the content policy runs before anyone sees it; a pre-moderated group holds
 * members' posts for a leader or deputy; a blocked post is kept (rejected) with its reasons.
 */
export async function createPost(
  deps: Deps,
  actor: Actor,
  groupId: string,
  input: { body: string; parentId?: string },
  requestId?: string,
) {
  const group = await loadGroupFor(deps, actor, groupId);
  const refused = await cannotPost(deps, actor, group);
  if (refused) {
    throw new AppError(refused.code, refused.message);
  }
  if (input.parentId) {
    const parent = await repo.findPost(deps.db, input.parentId);
    if (!parent || parent.groupId !== groupId || parent.parentId !== null || parent.status !== "published") {
      throw new AppError("VALIDATION_FAILED", "Bài viết được trả lời không tồn tại.", [
        { path: "parentId", message: "unknown post" },
      ]);
    }
  }
  const now = deps.clock.now();
  const moderator = isModerator(actor, group.communeId, groupId);
  const recent = await repo.recentPostsOf(
    deps.db,
    groupId,
    actor.userId,
    new Date(now.getTime() - FLOOD_WINDOW_MS),
  );
  const verdict = evaluateCompiled(compiledFor(group.communeId, await policyOf(deps, group.communeId)), {
    body: input.body,
    now,
    recent,
  });
  const status =
    verdict.decision === "block"
      ? "rejected"
      : moderator
        ? "published"
        : verdict.decision === "hold" || group.postingMode === "premoderated"
          ? "held"
          : "published";
  const member = await repo.memberOfUser(deps.db, groupId, actor.userId);
  const id = deps.ids.uuid();
  await deps.db.transaction(async (tx) => {
    await repo.insertPost(tx, {
      id,
      groupId,
      communeId: group.communeId,
      parentId: input.parentId ?? null,
      authorUserId: actor.userId,
      authorMemberId: member?.id ?? null,
      authorName: member?.name ?? actor.name,
      body: input.body,
      searchKey: searchKey(input.body),
      status,
      hits: verdict.hits,
      flagged: verdict.flagged || (moderator && verdict.decision === "hold"),
      createdAt: now,
    });
    // The audit row names the rules, never the text (it may hold what the policy caught).
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "post.create",
      entityType: "post",
      entityId: id,
      communeId: group.communeId,
      data: { status, rules: verdict.hits.map((h) => h.rule) },
      requestId,
    });
  });
  await announcePost(deps, groupId, id);
  return { postId: id, status: status as "published" | "held" | "rejected", reasons: verdict.hits };
}

/**
 * A message posted in the group's Zalo twin (issue #7): recorded as a post with source "zalo",
 * judged by the same content policy. It is already visible on Zalo, so what the policy holds or
 * blocks lands in the moderation queue (held, flagged) for the moderators to act on there.
 */
export async function recordExternalPost(
  deps: Deps,
  input: {
    groupId: string;
    source: "zalo";
    sourceMessageId: string;
    body: string;
    authorName: string;
    authorUserId: string | null;
    authorMemberId: string | null;
    at: Date;
  },
): Promise<{ postId: string; status: "published" | "held"; rules: string[] } | undefined> {
  const g = await orgRepository.findGroup(deps.db, input.groupId);
  if (!g) {
    return undefined;
  }
  const group = g.group;
  const recent = input.authorUserId
    ? await repo.recentPostsOf(
        deps.db,
        group.id,
        input.authorUserId,
        new Date(input.at.getTime() - FLOOD_WINDOW_MS),
      )
    : [];
  const verdict = evaluateCompiled(compiledFor(group.communeId, await policyOf(deps, group.communeId)), {
    body: input.body,
    now: input.at,
    recent,
  });
  const status =
    verdict.decision !== "publish" || group.postingMode === "premoderated"
      ? ("held" as const)
      : ("published" as const);
  const id = deps.ids.uuid();
  const inserted = await deps.db.transaction(async (tx) => {
    const ok = await repo.insertPostOnce(tx, {
      id,
      groupId: group.id,
      communeId: group.communeId,
      parentId: null,
      authorUserId: input.authorUserId,
      authorMemberId: input.authorMemberId,
      authorName: input.authorName,
      body: input.body,
      searchKey: searchKey(input.body),
      status,
      hits: verdict.hits,
      flagged: verdict.flagged || verdict.decision === "block",
      source: input.source,
      sourceMessageId: input.sourceMessageId,
      createdAt: input.at,
    });
    if (!ok) {
      return false;
    }
    await recordAudit(tx, input.at, {
      actorUserId: null,
      action: "post.captured",
      entityType: "post",
      entityId: id,
      communeId: group.communeId,
      data: { source: input.source, status, rules: verdict.hits.map((h) => h.rule) },
    });
    return true;
  });
  if (!inserted) {
    return undefined;
  }
  await announcePost(deps, group.id, id);
  return { postId: id, status, rules: verdict.hits.map((h) => h.rule) };
}

export async function announcePost(deps: Deps, groupId: string, postId: string) {
  try {
    await deps.realtime.publish({ topic: "post", data: { groupId, postId } });
  } catch (err) {
    deps.log?.warn({ err }, "realtime post notice failed");
  }
}

export async function listPosts(deps: Deps, actor: Actor, groupId: string, before?: string) {
  const group = await loadGroupFor(deps, actor, groupId);
  const moderator = isModerator(actor, group.communeId, groupId);
  if (!moderator && !isMember(actor, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  let cursor: { at: string; id: string } | null = null;
  if (before) {
    const [at, id] = Buffer.from(before, "base64url").toString().split("|");
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new AppError("VALIDATION_FAILED", "Con trỏ trang không hợp lệ.", [
        { path: "before", message: "bad cursor" },
      ]);
    }
    cursor = { at, id };
  }
  const viewer = { userId: actor.userId, moderator };
  const threads = await repo.listThreads(deps.db, groupId, viewer, cursor, PAGE + 1);
  const shown = threads.slice(0, PAGE);
  const replies = await repo.repliesOf(
    deps.db,
    shown.map((p) => p.id),
    viewer,
  );
  const refused = await cannotPost(deps, actor, group);
  const mute = await repo.activeMute(deps.db, groupId, actor.userId, deps.clock.now());
  const last = shown.at(-1);
  return {
    group: { id: group.id, name: group.name, postingMode: group.postingMode },
    me: {
      canPost: refused === null,
      cannotPostReason: refused?.message ?? null,
      moderator,
      mutedUntil: mute?.until?.toISOString() ?? null,
      warnings: await repo.warningCount(deps.db, groupId, actor.userId),
    },
    items: shown.map((p) => ({
      ...presentPost(p, actor.userId, moderator),
      replies: replies.filter((r) => r.parentId === p.id).map((r) => presentPost(r, actor.userId, moderator)),
    })),
    nextCursor:
      threads.length > PAGE && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url")
        : null,
  };
}

/** A member points a post out to the moderators (audited; the post is flagged). */
export async function reportPost(
  deps: Deps,
  actor: Actor,
  postId: string,
  reason: string,
  requestId?: string,
) {
  const post = await repo.findPost(deps.db, postId);
  if (!post) {
    throw new AppError("NOT_FOUND");
  }
  const group = await loadGroupFor(deps, actor, post.groupId);
  if (!isMember(actor, group.id) && !isModerator(actor, group.communeId, group.id)) {
    throw new AppError("FORBIDDEN");
  }
  if (post.status !== "published") {
    throw new AppError("NOT_FOUND");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const added = await repo.insertPostReport(tx, { postId, userId: actor.userId, reason, createdAt: now });
    if (added) {
      await repo.updatePost(tx, postId, { flagged: true });
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "post.report",
        entityType: "post",
        entityId: postId,
        communeId: post.communeId,
        requestId,
      });
    }
  });
  await announcePost(deps, post.groupId, postId);
  return { ok: true as const };
}

export type PolicySettingsView = TModerationSettings;
