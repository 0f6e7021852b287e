import type { TModerationSettings, TModerationSettingsView, TPolicyHit, TPost } from "@binhyen/contracts";
import { type Actor, hasCommuneRole, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { zaloEffects } from "../zalo/zalo-effects";
import { DEFAULT_POLICY_ACTIONS } from "./content-policy";
import { type PostRow, moderationRepository as repo } from "./moderation.repository";
import { announcePost, isModerator, loadGroupFor, policyOf, presentPost } from "./posts.service";

const MANAGEMENT = ["COMMUNE_CHIEF", "COMMUNE_DEPUTY"] as const;

async function queueItems(deps: Deps, actor: Actor, rows: PostRow[], groupId: string) {
  const reports = await repo.reportsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const violations = await repo.violationCounts(deps.db, groupId, [
    ...new Set(rows.map((r) => r.authorUserId).filter((u): u is string => u !== null)),
  ]);
  return rows.map((p) => ({
    ...presentPost(p, actor.userId, true),
    reports: reports
      .filter((r) => r.postId === p.id)
      .map((r) => ({ reason: r.reason, createdAt: r.createdAt.toISOString() })),
    authorViolations: p.authorUserId ? (violations.get(p.authorUserId) ?? 0) : 0,
  }));
}

/** A group's queue: held posts, flagged ones that went out, and posts members reported. */
export async function moderationQueue(deps: Deps, actor: Actor, groupId: string) {
  const group = await loadGroupFor(deps, actor, groupId);
  if (!isModerator(actor, group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  const rows = await repo.queue(deps.db, [groupId], 500);
  const reported = new Set(
    (
      await repo.reportsOf(
        deps.db,
        rows.map((r) => r.id),
      )
    ).map((r) => r.postId),
  );
  const items = await queueItems(deps, actor, rows, groupId);
  return {
    held: items.filter((i) => i.status === "held"),
    flagged: items.filter((i) => i.status === "published" && i.flagged && !reported.has(i.id)),
    reported: items.filter((i) => reported.has(i.id)),
  };
}

/** Approve, reject (with the reason the member sees), hide or unhide; each audited. */
export async function moderatePost(
  deps: Deps,
  actor: Actor,
  postId: string,
  input: { action: "approve" | "reject" | "hide" | "unhide"; reason?: string },
  requestId?: string,
): Promise<TPost> {
  const post = await repo.findPost(deps.db, postId);
  if (!post) {
    throw new AppError("NOT_FOUND");
  }
  const group = await loadGroupFor(deps, actor, post.groupId);
  if (!isModerator(actor, group.communeId, group.id)) {
    throw new AppError("FORBIDDEN");
  }
  const from: Record<typeof input.action, string[]> = {
    approve: ["held"],
    reject: ["held"],
    hide: ["published"],
    unhide: ["hidden"],
  };
  if (!from[input.action].includes(post.status)) {
    throw new AppError("INVALID_TRANSITION", "Bài viết không ở trạng thái cho phép thao tác này.");
  }
  if ((input.action === "reject" || input.action === "hide") && !input.reason) {
    throw new AppError("VALIDATION_FAILED", "Hãy ghi lý do để thành viên biết.", [
      { path: "reason", message: "required" },
    ]);
  }
  const to = { approve: "published", reject: "rejected", hide: "hidden", unhide: "published" }[input.action];
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updatePost(tx, postId, {
      status: to,
      flagged: input.action === "approve" || input.action === "unhide" ? false : post.flagged,
      moderatedByUserId: actor.userId,
      moderatedAt: now,
      moderationReason: input.reason ?? null,
    });
    await repo.resolveReports(tx, postId, now);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: `post.${input.action}`,
      entityType: "post",
      entityId: postId,
      communeId: post.communeId,
      data: { from: post.status, to, reason: input.reason ?? null },
      requestId,
    });
  });
  await announcePost(deps, post.groupId, postId);
  const updated = await repo.findPost(deps.db, postId);
  return presentPost(updated as PostRow, actor.userId, true);
}

/** Warn, mute for a period, or remove from the group (the removed member loses the feed). */
export async function sanctionMember(
  deps: Deps,
  actor: Actor,
  groupId: string,
  memberId: string,
  input: { kind: "warn" | "mute" | "remove"; minutes?: number; reason: string; postId?: string },
  requestId?: string,
) {
  const group = await loadGroupFor(deps, actor, groupId);
  if (!isModerator(actor, group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  const member = await repo.findMember(deps.db, memberId);
  if (!member || member.groupId !== groupId) {
    throw new AppError("NOT_FOUND");
  }
  if (member.status !== "active") {
    throw new AppError("INVALID_TRANSITION", "Thành viên không còn trong nhóm.");
  }
  if (input.kind === "mute" && !input.minutes) {
    throw new AppError("VALIDATION_FAILED", "Hãy chọn thời gian tạm dừng đăng bài.", [
      { path: "minutes", message: "required" },
    ]);
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.insertSanction(tx, {
      id: deps.ids.uuid(),
      groupId,
      communeId: group.communeId,
      memberId,
      userId: member.userId,
      kind: input.kind,
      until: input.kind === "mute" ? new Date(now.getTime() + (input.minutes ?? 0) * 60_000) : null,
      reason: input.reason,
      postId: input.postId ?? null,
      byUserId: actor.userId,
      createdAt: now,
    });
    if (input.kind === "remove") {
      await repo.removeMember(tx, { id: member.id, userId: member.userId, groupId }, now);
      await zaloEffects.memberRemoved(tx, groupId, member.id, now);
    }
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: `member.${input.kind}`,
      entityType: "group_member",
      entityId: memberId,
      communeId: group.communeId,
      data: { minutes: input.minutes ?? null, reason: input.reason },
      requestId,
    });
  });
  return { ok: true as const };
}

export async function violationHistory(deps: Deps, actor: Actor, groupId: string, memberId: string) {
  const group = await loadGroupFor(deps, actor, groupId);
  if (!isModerator(actor, group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  const member = await repo.findMember(deps.db, memberId);
  if (!member || member.groupId !== groupId) {
    throw new AppError("NOT_FOUND");
  }
  const posts = (await repo.postsOfMember(deps.db, groupId, memberId)).filter(
    (p) => p.status !== "published" || p.flagged || (p.hits as TPolicyHit[]).length > 0,
  );
  const sanctions = await repo.sanctionsOf(deps.db, groupId, memberId);
  return {
    member: { id: member.id, name: member.name, status: member.status },
    posts: posts.map((p) => presentPost(p, actor.userId, true)),
    sanctions: sanctions.map(({ s, byName }) => ({
      kind: s.kind,
      reason: s.reason,
      until: s.until?.toISOString() ?? null,
      byName,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}

async function loadCommune(deps: Deps, actor: Actor, communeId: string) {
  const c = await orgRepository.findCommune(deps.db, communeId);
  if (!c || !seesCommune(actor, communeId, c.commune.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!hasCommuneRole(actor, communeId, MANAGEMENT)) {
    throw new AppError("FORBIDDEN");
  }
  return c;
}

/** The management team's console (plan II.5.2): every group's activity and what waits. */
export async function moderationConsole(deps: Deps, actor: Actor, communeId: string) {
  await loadCommune(deps, actor, communeId);
  const now = deps.clock.now();
  const policy = await policyOf(deps, communeId);
  const since = new Date(now.getTime() - 7 * 86400_000);
  const staleBefore = now.getTime() - policy.holdAlertHours * 3600_000;
  const groups = await repo.consoleGroups(deps.db, communeId, since);
  const pendingRows = await repo.queue(
    deps.db,
    groups.map((g) => g.group_id),
    200,
  );
  const names = new Map(groups.map((g) => [g.group_id, g.name]));
  const pending = [];
  for (const g of groups) {
    const rows = pendingRows.filter((p) => p.groupId === g.group_id);
    if (rows.length) {
      pending.push(
        ...(await queueItems(deps, actor, rows, g.group_id)).map((i) => ({ ...i, groupName: g.name })),
      );
    }
  }
  return {
    holdAlertHours: policy.holdAlertHours,
    groups: groups.map((g) => {
      const oldest = g.oldest_held_at ? new Date(g.oldest_held_at) : null;
      return {
        groupId: g.group_id,
        name: g.name,
        postingMode: g.posting_mode,
        leaderName: g.leader_name,
        posts7d: Number(g.posts7d),
        held: Number(g.held),
        flagged: Number(g.flagged),
        reported: Number(g.reported),
        oldestHeldAt: oldest?.toISOString() ?? null,
        stale: oldest !== null && oldest.getTime() < staleBefore,
      };
    }),
    byRule: (await repo.violationsByRule(deps.db, communeId, new Date(now.getTime() - 365 * 86400_000))).map(
      (r) => ({
        rule: r.rule,
        count: Number(r.count),
      }),
    ),
    pending: pending
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .filter((p) => names.has(p.groupId)),
  };
}

export async function getModerationSettings(
  deps: Deps,
  actor: Actor,
  communeId: string,
): Promise<TModerationSettingsView> {
  await loadCommune(deps, actor, communeId);
  const p = await policyOf(deps, communeId);
  return {
    actions: { ...DEFAULT_POLICY_ACTIONS, ...p.actions } as TModerationSettingsView["actions"],
    secretKeywords: p.secretKeywords,
    allowDomains: p.allowDomains,
    denyDomains: p.denyDomains,
    profanity: p.profanity,
    holdAlertHours: p.holdAlertHours,
  };
}

export async function saveModerationSettings(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TModerationSettings,
  requestId?: string,
): Promise<TModerationSettingsView> {
  await loadCommune(deps, actor, communeId);
  const domains = (list: string[]) =>
    [
      ...new Set(
        list.map((d) =>
          d
            .trim()
            .toLowerCase()
            .replace(/^https?:\/\//, "")
            .replace(/\/.*$/, ""),
        ),
      ),
    ].filter(Boolean);
  const row = {
    communeId,
    actions: input.actions as Record<string, string>,
    secretKeywords: [...new Set(input.secretKeywords)],
    allowDomains: domains(input.allowDomains),
    denyDomains: domains(input.denyDomains),
    profanity: [...new Set(input.profanity)],
    holdAlertHours: input.holdAlertHours,
    updatedAt: deps.clock.now(),
  };
  await deps.db.transaction(async (tx) => {
    await repo.saveSettings(tx, row);
    // The lists themselves are sensitive (the secret keyword list): the audit row counts them.
    await recordAudit(tx, row.updatedAt, {
      actorUserId: actor.userId,
      action: "moderation.settings",
      entityType: "commune",
      entityId: communeId,
      communeId,
      data: {
        actions: row.actions,
        secretKeywords: row.secretKeywords.length,
        allowDomains: row.allowDomains.length,
        denyDomains: row.denyDomains.length,
        profanity: row.profanity.length,
        holdAlertHours: row.holdAlertHours,
      },
      requestId,
    });
  });
  return getModerationSettings(deps, actor, communeId);
}

/** Group profile protection (II.5.2): save the current profile as the official one. */
export async function saveOfficialProfile(deps: Deps, actor: Actor, groupId: string, requestId?: string) {
  const group = await loadGroupFor(deps, actor, groupId);
  if (!isModerator(actor, group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveOfficialProfile(tx, {
      groupId,
      name: group.name,
      description: group.description,
      avatarMediaId: group.avatarMediaId,
      backgroundMediaId: group.backgroundMediaId,
      savedByUserId: actor.userId,
      savedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.profile.official",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      requestId,
    });
  });
  return { ok: true as const };
}

/** "Khôi phục hồ sơ chính thức": one click puts the saved name, description and images back. */
export async function restoreOfficialProfile(deps: Deps, actor: Actor, groupId: string, requestId?: string) {
  const group = await loadGroupFor(deps, actor, groupId);
  if (!isModerator(actor, group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  const official = await repo.officialProfile(deps.db, groupId);
  if (!official) {
    throw new AppError("INVALID_TRANSITION", "Nhóm chưa có hồ sơ chính thức được lưu.");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await orgRepository.updateGroup(tx, groupId, {
      name: official.name,
      description: official.description,
      avatarMediaId: official.avatarMediaId,
      backgroundMediaId: official.backgroundMediaId,
      updatedAt: now,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "group.profile.restore",
      entityType: "group",
      entityId: groupId,
      communeId: group.communeId,
      data: {
        from: { name: group.name, description: group.description },
        to: { name: official.name, description: official.description },
      },
      requestId,
    });
  });
  return { ok: true as const };
}
