import type { TFeed, TFeedItem, TMyFeeds } from "@binhyen/contracts";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import { likePattern } from "../../core/text";
import type { Executor } from "../../db/client";
import type { Deps } from "../../deps";
import { recordAudit } from "../audit/audit.service";
import { orgRepository } from "../org/org.repository";
import { announcementPolicy } from "./announcements.policy";
import { announcementsRepository as repo } from "./announcements.repository";
import { announcementFeedRepository as feedRepo } from "./feed.repository";

const PAGE = 20;

const isoOf = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function loadGroupForFeed(deps: Deps, actor: Actor, groupId: string) {
  const g = await orgRepository.findGroup(deps.db, groupId);
  if (!g || !seesCommune(actor, g.group.communeId, g.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  if (!announcementPolicy.readFeed(actor, g.group.communeId, groupId)) {
    throw new AppError("FORBIDDEN");
  }
  return g.group;
}

async function unreadCount(
  db: Executor,
  memberId: string | null,
  groupId: string,
  now: Date,
): Promise<number> {
  if (!memberId) {
    return 0;
  }
  return feedRepo.unreadCount(db, memberId, groupId, now);
}

/** A group's feed, newest first with pinned notices on top of the first page (plan II.4.1). */
export async function groupFeed(
  deps: Deps,
  actor: Actor,
  groupId: string,
  f: { category?: string; q?: string; before?: string },
): Promise<TFeed> {
  const group = await loadGroupForFeed(deps, actor, groupId);
  const now = deps.clock.now();
  const memberId = await feedRepo.memberId(deps.db, actor.userId, groupId);
  let cursor: { at: string; id: string } | null = null;
  if (f.before) {
    const [at, id] = Buffer.from(f.before, "base64url").toString().split("|");
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new AppError("VALIDATION_FAILED", "Con trỏ trang không hợp lệ.", [
        { path: "before", message: "bad cursor" },
      ]);
    }
    cursor = { at, id };
  }
  const scope = {
    groupId,
    memberId,
    now,
    category: f.category,
    q: f.q ? likePattern(f.q) : undefined,
  };
  const pinned = cursor ? [] : await feedRepo.pinned(deps.db, scope);
  const page = await feedRepo.page(deps.db, scope, cursor, PAGE + 1);
  const more = page.length > PAGE;
  const shown = [...pinned, ...page.slice(0, PAGE)];
  const files = await repo.filesOf(
    deps.db,
    shown.map((r) => r.id),
  );
  if (memberId && shown.length) {
    // Shown in the app = delivered on the web channel.
    await feedRepo.markDelivered(
      deps.db,
      memberId,
      shown.map((r) => r.id),
      now,
    );
  }
  const last = page[PAGE - 1];
  const items: TFeedItem[] = shown.map((r) => ({
    type: "announcement",
    id: r.id,
    category: r.category as TFeedItem["category"],
    title: r.title,
    body: r.body,
    pinned: r.pinned,
    urgent: r.urgent,
    requiresAck: r.requires_ack,
    publishedAt: new Date(r.published_at).toISOString(),
    expiresAt: isoOf(r.expires_at),
    notice: r.notice,
    files: files
      .filter((x) => x.announcementId === r.id)
      .map((x) => ({
        id: x.id,
        kind: x.kind as "image" | "file",
        contentType: x.contentType,
        name: x.name,
        bytes: x.size,
      })),
    source: r.source_url ? { feedTitle: r.feed_title ?? "", url: r.source_url } : null,
    readAt: isoOf(r.read_at),
    ackAt: isoOf(r.ack_at),
  }));
  return {
    group: { id: group.id, name: group.name, communeId: group.communeId },
    items,
    unread: await unreadCount(deps.db, memberId, groupId, now),
    nextCursor:
      more && last
        ? Buffer.from(`${new Date(last.published_at).toISOString()}|${last.id}`).toString("base64url")
        : null,
  };
}

/** The groups whose feed the signed-in person reads, with unread counts (the app's badge). */
export async function myFeeds(deps: Deps, actor: Actor): Promise<TMyFeeds> {
  const groupIds = new Set<string>();
  for (const r of actor.roles) {
    if (r.groupId && ["GROUP_MEMBER", "GROUP_LEADER", "GROUP_DEPUTY"].includes(r.role)) {
      groupIds.add(r.groupId);
    }
  }
  const now = deps.clock.now();
  const out: TMyFeeds["groups"] = [];
  for (const id of groupIds) {
    const g = await orgRepository.findGroup(deps.db, id);
    if (!g) {
      continue;
    }
    const memberId = await feedRepo.memberId(deps.db, actor.userId, id);
    out.push({
      id,
      name: g.group.name,
      communeId: g.group.communeId,
      unread: await unreadCount(deps.db, memberId, id, now),
    });
  }
  return { groups: out.sort((a, b) => a.name.localeCompare(b.name, "vi")) };
}

/** The signed-in member's receipt rows for a live announcement; 404 when it is not in their feed. */
async function myReceipts(deps: Deps, actor: Actor, announcementId: string) {
  const now = deps.clock.now();
  const rows = await feedRepo.liveReceipts(deps.db, announcementId, actor.userId, now);
  if (rows.length === 0) {
    throw new AppError("NOT_FOUND");
  }
  return rows;
}

/** "Đã đọc": a receipt, not a change of record — no audit row (thousands per announcement). */
export async function markRead(deps: Deps, actor: Actor, announcementId: string) {
  await myReceipts(deps, actor, announcementId);
  const now = deps.clock.now();
  await feedRepo.markRead(deps.db, announcementId, actor.userId, now);
  return { ok: true as const };
}

/** "Đã nhận": the household confirms an announcement that asked for it (audited). */
export async function acknowledge(deps: Deps, actor: Actor, announcementId: string, requestId?: string) {
  const rows = await myReceipts(deps, actor, announcementId);
  const first = rows[0];
  if (!first?.requires_ack) {
    throw new AppError("INVALID_TRANSITION", "Thông báo này không cần xác nhận.");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const updated = await feedRepo.acknowledge(tx, announcementId, actor.userId, now);
    if (updated.length) {
      await recordAudit(tx, now, {
        actorUserId: actor.userId,
        action: "announcement.acknowledge",
        entityType: "announcement",
        entityId: announcementId,
        communeId: first.commune_id,
        data: { members: updated.length },
        requestId,
      });
    }
  });
  return { ok: true as const };
}
