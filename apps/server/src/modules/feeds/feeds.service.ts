import type { TCreateFeed, TFeedSource } from "@binhyen/contracts";
import { type Actor, seesCommune } from "../../core/authz";
import { AppError } from "../../core/errors";
import { searchKey } from "../../core/text";
import type { Deps } from "../../deps";
import { announcementPolicy } from "../announcements/announcements.policy";
import { announcementsRepository } from "../announcements/announcements.repository";
import {
  announceChange,
  communeOf,
  contentFindings,
  releaseInTx,
} from "../announcements/announcements.service";
import { recordAudit } from "../audit/audit.service";
import { FeedError, type FeedItem, fetchFeed, nextPollDelayMs } from "./feed-fetch";
import { type FeedRow, feedsRepository } from "./feeds.repository";

type Audit = { requestId?: string };

function present(f: FeedRow, itemCount: number): TFeedSource {
  return {
    id: f.id,
    url: f.url,
    title: f.title,
    category: f.category as TFeedSource["category"],
    autoPublish: f.autoPublish,
    enabled: f.enabled,
    lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
    nextPollAt: f.enabled ? f.nextPollAt.toISOString() : null,
    lastError: f.lastError,
    failures: f.failures,
    itemCount,
  };
}

/** The chief configures relays; the management team reads them. */
async function guard(deps: Deps, actor: Actor, communeId: string, write: boolean) {
  const c = await communeOf(deps, communeId);
  if (!seesCommune(actor, communeId, c.provinceId)) {
    throw new AppError("NOT_FOUND");
  }
  const ok = write
    ? announcementPolicy.settings(actor, communeId)
    : actor.roles.some(
        (r) => r.communeId === communeId && (r.role === "COMMUNE_CHIEF" || r.role === "COMMUNE_DEPUTY"),
      );
  if (!ok) {
    throw new AppError("FORBIDDEN");
  }
}

async function loadFeed(deps: Deps, actor: Actor, feedId: string, write: boolean) {
  const f = await feedsRepository.findLive(deps.db, feedId);
  if (!f) {
    throw new AppError("NOT_FOUND");
  }
  await guard(deps, actor, f.communeId, write);
  return f;
}

export async function listFeeds(deps: Deps, actor: Actor, communeId: string) {
  await guard(deps, actor, communeId, false);
  const rows = await feedsRepository.listLive(deps.db, communeId);
  const counts = await feedsRepository.itemCounts(deps.db, communeId);
  return { items: rows.map((f) => present(f, counts.get(f.id) ?? 0)) };
}

export async function createFeed(
  deps: Deps,
  actor: Actor,
  communeId: string,
  input: TCreateFeed,
  audit: Audit = {},
) {
  await guard(deps, actor, communeId, true);
  const groupIds =
    "groupIds" in input.audience
      ? input.audience.groupIds
      : (await announcementsRepository.currentGroupsOfCommune(deps.db, communeId)).map((g) => g.id);
  const found = await announcementsRepository.findGroups(deps.db, groupIds);
  if (
    "communeId" in input.audience
      ? input.audience.communeId !== communeId
      : found.some((g) => g.communeId !== communeId) || found.length !== groupIds.length
  ) {
    throw new AppError("VALIDATION_FAILED", "Nhóm nhận tin không thuộc xã này.", [
      { path: "audience", message: "bad audience" },
    ]);
  }
  const now = deps.clock.now();
  const row: FeedRow = {
    id: deps.ids.uuid(),
    communeId,
    url: input.url,
    title: input.title,
    category: input.category,
    audience: input.audience,
    autoPublish: input.autoPublish,
    enabled: true,
    etag: null,
    lastModified: null,
    lastPolledAt: null,
    nextPollAt: now,
    failures: 0,
    lastError: null,
    createdBy: actor.userId,
    createdAt: now,
    removedAt: null,
  };
  await deps.db.transaction(async (tx) => {
    await feedsRepository.insert(tx, row);
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "feed.create",
      entityType: "feed",
      entityId: row.id,
      communeId,
      data: { url: input.url, autoPublish: input.autoPublish },
      requestId: audit.requestId,
    });
  });
  return present(row, 0);
}

export async function updateFeed(
  deps: Deps,
  actor: Actor,
  feedId: string,
  patch: { title?: string; category?: string; autoPublish?: boolean; enabled?: boolean },
  audit: Audit = {},
) {
  const f = await loadFeed(deps, actor, feedId, true);
  const now = deps.clock.now();
  const next = { ...f, ...patch, ...(patch.enabled && !f.enabled ? { nextPollAt: now, failures: 0 } : {}) };
  await deps.db.transaction(async (tx) => {
    await feedsRepository.update(tx, feedId, {
      title: next.title,
      category: next.category,
      autoPublish: next.autoPublish,
      enabled: next.enabled,
      nextPollAt: next.nextPollAt,
      failures: next.failures,
    });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "feed.update",
      entityType: "feed",
      entityId: feedId,
      communeId: f.communeId,
      data: patch,
      requestId: audit.requestId,
    });
  });
  return present(next, (await feedsRepository.itemCounts(deps.db, f.communeId)).get(feedId) ?? 0);
}

export async function removeFeed(deps: Deps, actor: Actor, feedId: string, audit: Audit = {}) {
  const f = await loadFeed(deps, actor, feedId, true);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await feedsRepository.update(tx, feedId, { removedAt: now, enabled: false });
    await recordAudit(tx, now, {
      actorUserId: actor.userId,
      action: "feed.remove",
      entityType: "feed",
      entityId: feedId,
      communeId: f.communeId,
      requestId: audit.requestId,
    });
  });
  return { ok: true as const };
}

export async function pollFeedNow(deps: Deps, actor: Actor, feedId: string) {
  const f = await loadFeed(deps, actor, feedId, true);
  await pollFeed(deps, f);
  return (await listFeeds(deps, actor, f.communeId)).items.find((x) => x.id === feedId) as TFeedSource;
}

function draftBody(item: FeedItem, feedTitle: string): string {
  const text = item.summary || item.title;
  return `${text}\n\nNguồn: ${feedTitle}${item.link ? ` — ${item.link}` : ""}`.slice(0, 10_000);
}

/**
 * One poll: conditional GET, then each new item becomes a draft with the official-source badge —
 * or, for an auto-publish feed, goes out at once when it passes the content check (otherwise it
 * stays a draft for a person to fix). Errors back the feed off exponentially.
 */
export async function pollFeed(deps: Deps, f: FeedRow): Promise<{ created: number; error: string | null }> {
  const now = deps.clock.now();
  const base = deps.config.feedPollMinutes * 60_000;
  let result: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    result = await fetchFeed(f.url, { etag: f.etag, lastModified: f.lastModified }, { timeoutMs: 15_000 });
  } catch (err) {
    const message = err instanceof FeedError ? err.message : "Không đọc được nguồn tin.";
    const failures = f.failures + 1;
    await feedsRepository.update(deps.db, f.id, {
      failures,
      lastError: message,
      lastPolledAt: now,
      nextPollAt: new Date(now.getTime() + nextPollDelayMs(failures, base, Math.random)),
    });
    return { created: 0, error: message };
  }
  let created = 0;
  const published: string[] = [];
  if (result.status === "ok") {
    const groupIds =
      "groupIds" in f.audience
        ? f.audience.groupIds
        : (await announcementsRepository.currentGroupsOfCommune(deps.db, f.communeId)).map((g) => g.id);
    // Oldest first, so the feed's order survives in ours.
    for (const item of [...result.items].reverse()) {
      const seen = await feedsRepository.hasItem(deps.db, f.id, item.guid);
      if (seen || groupIds.length === 0) {
        continue;
      }
      const title = item.title.slice(0, 200) || f.title;
      const body = draftBody(item, f.title);
      const publish =
        f.autoPublish &&
        (await contentFindings(deps, f.communeId, { title, body, fileIds: [] })).length === 0;
      const id = deps.ids.uuid();
      await deps.db.transaction(async (tx) => {
        await announcementsRepository.insert(
          tx,
          {
            id,
            communeId: f.communeId,
            category: f.category,
            title,
            body,
            searchKey: searchKey(`${title} ${body}`),
            status: "draft",
            wholeCommune: "communeId" in f.audience,
            authorUserId: f.createdBy,
            sourceFeedId: f.id,
            sourceUrl: item.link,
            createdAt: now,
            updatedAt: now,
          },
          groupIds,
        );
        await feedsRepository.insertItem(tx, {
          feedId: f.id,
          guid: item.guid,
          announcementId: id,
          createdAt: now,
        });
        if (publish) {
          await releaseInTx(tx, { id, communeId: f.communeId }, groupIds, now);
        }
        await recordAudit(tx, now, {
          actorUserId: null,
          action: publish ? "announcement.publish" : "announcement.create",
          entityType: "announcement",
          entityId: id,
          communeId: f.communeId,
          data: { feedId: f.id, relayed: true, status: publish ? "published" : "draft" },
        });
      });
      created++;
      if (publish) {
        published.push(id);
      }
    }
  }
  await feedsRepository.update(deps.db, f.id, {
    failures: 0,
    lastError: null,
    lastPolledAt: now,
    nextPollAt: new Date(now.getTime() + base),
    ...(result.status === "ok" ? { etag: result.etag, lastModified: result.lastModified } : {}),
  });
  for (const id of published) {
    await announceChange(deps, id);
  }
  return { created, error: null };
}

/** Claims due feeds (several processes may poll: SKIP LOCKED keeps them apart) and polls them. */
export async function pollDueFeeds(deps: Deps, limit = 10): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.transaction(async (tx) => {
    const rows = await feedsRepository.lockDue(tx, now, limit);
    for (const r of rows) {
      // Lease: another process will not take it for five minutes.
      await feedsRepository.update(tx, r.id, { nextPollAt: new Date(now.getTime() + 5 * 60_000) });
    }
    return rows;
  });
  for (const f of due) {
    await pollFeed(deps, f);
  }
  return due.length;
}
