import type { TPersonNotice } from "@binhyen/contracts";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { announcementRecipients, groupMembers } from "../../db/schema";

/** One row of a group's feed, with the reader's own receipt. */
export type FeedRow = {
  id: string;
  category: string;
  title: string;
  body: string;
  pinned: boolean;
  urgent: boolean;
  requires_ack: boolean;
  published_at: Date | string;
  expires_at: Date | string | null;
  notice: TPersonNotice | null;
  source_url: string | null;
  feed_title: string | null;
  read_at: Date | string | null;
  ack_at: Date | string | null;
};

/** Whose feed, seen by whom, at what time, narrowed how (`q` is already a LIKE pattern). */
export type FeedScope = {
  groupId: string;
  memberId: string | null;
  now: Date;
  category?: string;
  q?: string;
};

/** What a feed shows: published, released, not expired, not withdrawn. */
const LIVE = (now: Date) =>
  sql`a.status = 'published' and a.published_at <= ${now.toISOString()} and (a.expires_at is null or a.expires_at > ${now.toISOString()})`;

function feedSelect(s: FeedScope) {
  const filters = sql.join(
    [
      LIVE(s.now),
      s.category ? sql`a.category = ${s.category}` : sql`true`,
      s.q ? sql`a.search_key like ${s.q}` : sql`true`,
    ],
    sql` and `,
  );
  return sql`
    select a.id, a.category, a.title, a.body, a.pinned, a.urgent, a.requires_ack, a.published_at, a.expires_at,
      a.notice, a.source_url, fd.title as feed_title, r.read_at, r.ack_at
    from announcement_groups ag
    join announcements a on a.id = ag.announcement_id
    left join feeds fd on fd.id = a.source_feed_id
    left join announcement_recipients r on r.announcement_id = a.id and r.member_id = ${s.memberId}::uuid
    where ag.group_id = ${s.groupId} and ${filters}`;
}

/** Group feeds and the members' read/acknowledge receipts. */
export const announcementFeedRepository = {
  /** The member record of this user in this group: receipts are per household member. */
  async memberId(db: Executor, userId: string, groupId: string): Promise<string | null> {
    const [m] = await db
      .select({ id: groupMembers.id })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.userId, userId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.status, "active"),
        ),
      )
      .limit(1);
    return m?.id ?? null;
  },
  /** Live announcements of the group the member has not read yet. */
  async unreadCount(db: Executor, memberId: string, groupId: string, now: Date): Promise<number> {
    const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from announcement_recipients r
    join announcements a on a.id = r.announcement_id
    where r.member_id = ${memberId} and r.group_id = ${groupId} and r.read_at is null and ${LIVE(now)}`);
    return Number(r.rows[0]?.n ?? 0);
  },
  /** The pinned live announcements of the group, newest first (at most 10). */
  async pinned(db: Executor, s: FeedScope): Promise<FeedRow[]> {
    return (
      await db.execute<FeedRow>(
        sql`${feedSelect(s)} and a.pinned order by a.published_at desc, a.id desc limit 10`,
      )
    ).rows;
  },
  /** One page of the unpinned live announcements, newest first, before the keyset cursor. */
  async page(
    db: Executor,
    s: FeedScope,
    cursor: { at: string; id: string } | null,
    limit: number,
  ): Promise<FeedRow[]> {
    return (
      await db.execute<FeedRow>(sql`${feedSelect(s)} and not a.pinned
      ${cursor ? sql`and (a.published_at, a.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
      order by a.published_at desc, a.id desc limit ${limit}`)
    ).rows;
  },
  /** Shown in the app = delivered on the web channel. */
  async markDelivered(db: Executor, memberId: string, announcementIds: string[], now: Date) {
    await db.execute(sql`
      update announcement_recipients set delivered_at = ${now.toISOString()}
      where member_id = ${memberId} and delivered_at is null
        and announcement_id in (${sql.join(
          announcementIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
  },
  /** The user's receipt rows for an announcement that is live now (none when it is not in their feed). */
  async liveReceipts(db: Executor, announcementId: string, userId: string, now: Date) {
    const r = await db.execute<{ member_id: string; commune_id: string; requires_ack: boolean }>(sql`
    select r.member_id, a.commune_id, a.requires_ack from announcement_recipients r
    join announcements a on a.id = r.announcement_id
    where r.announcement_id = ${announcementId} and r.user_id = ${userId} and ${LIVE(now)}`);
    return r.rows;
  },
  /** Marks the user's unread receipts read (and delivered, if they were not yet). */
  async markRead(db: Executor, announcementId: string, userId: string, now: Date) {
    await db
      .update(announcementRecipients)
      .set({
        readAt: now,
        deliveredAt: sql`coalesce(${announcementRecipients.deliveredAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(
        and(
          eq(announcementRecipients.announcementId, announcementId),
          eq(announcementRecipients.userId, userId),
          isNull(announcementRecipients.readAt),
        ),
      );
  },
  /** Acknowledges the user's receipts not yet acknowledged; returns the members that changed. */
  async acknowledge(db: Executor, announcementId: string, userId: string, now: Date) {
    return db
      .update(announcementRecipients)
      .set({
        ackAt: now,
        readAt: sql`coalesce(${announcementRecipients.readAt}, ${now.toISOString()}::timestamptz)`,
        deliveredAt: sql`coalesce(${announcementRecipients.deliveredAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(
        and(
          eq(announcementRecipients.announcementId, announcementId),
          eq(announcementRecipients.userId, userId),
          isNull(announcementRecipients.ackAt),
        ),
      )
      .returning({ memberId: announcementRecipients.memberId });
  },
};
