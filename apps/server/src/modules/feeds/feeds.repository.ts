import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { feedItems, feeds } from "../../db/schema";

export type FeedRow = typeof feeds.$inferSelect;

/** Feed relays (official RSS/Atom sources) and the items already taken from them. */
export const feedsRepository = {
  /** A feed that has not been removed. */
  async findLive(db: Executor, id: string) {
    const [row] = await db
      .select()
      .from(feeds)
      .where(and(eq(feeds.id, id), isNull(feeds.removedAt)));
    return row;
  },
  /** The commune's feeds that have not been removed, oldest first. */
  async listLive(db: Executor, communeId: string) {
    return db
      .select()
      .from(feeds)
      .where(and(eq(feeds.communeId, communeId), isNull(feeds.removedAt)))
      .orderBy(asc(feeds.createdAt));
  },
  /** How many items each of the commune's feeds has relayed, by feed id. */
  async itemCounts(db: Executor, communeId: string) {
    const r = await db.execute<{ feed_id: string; n: number }>(sql`
    select i.feed_id, count(*)::int as n from feed_items i join feeds f on f.id = i.feed_id
    where f.commune_id = ${communeId} group by i.feed_id`);
    return new Map(r.rows.map((x) => [x.feed_id, Number(x.n)]));
  },
  async insert(db: Executor, row: typeof feeds.$inferInsert) {
    await db.insert(feeds).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<typeof feeds.$inferInsert>) {
    await db.update(feeds).set(patch).where(eq(feeds.id, id));
  },
  /**
   * Locks up to `limit` enabled feeds due at `now`, earliest first; rows another process holds are
   * skipped. Run inside a transaction and lease the rows before it ends.
   */
  async lockDue(db: Executor, now: Date, limit: number) {
    return db
      .select()
      .from(feeds)
      .where(
        and(
          eq(feeds.enabled, true),
          isNull(feeds.removedAt),
          sql`${feeds.nextPollAt} <= ${now.toISOString()}`,
        ),
      )
      .orderBy(asc(feeds.nextPollAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  },
  /** Whether the feed has relayed an item with this guid already. */
  async hasItem(db: Executor, feedId: string, guid: string): Promise<boolean> {
    const [seen] = await db
      .select({ guid: feedItems.guid })
      .from(feedItems)
      .where(and(eq(feedItems.feedId, feedId), eq(feedItems.guid, guid)));
    return seen !== undefined;
  },
  async insertItem(db: Executor, row: typeof feedItems.$inferInsert) {
    await db.insert(feedItems).values(row);
  },
};
