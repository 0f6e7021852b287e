import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  groupMembers,
  groupOfficialProfiles,
  groups,
  memberSanctions,
  moderationSettings,
  postReports,
  posts,
  roleAssignments,
  users,
} from "../../db/schema";

export type PostRow = typeof posts.$inferSelect;
export type SanctionRow = typeof memberSanctions.$inferSelect;

export const moderationRepository = {
  async insertPost(db: Executor, row: typeof posts.$inferInsert) {
    await db.insert(posts).values(row);
  },
  /** A captured message (source + source id) is recorded once, whatever Zalo re-sends. */
  async insertPostOnce(db: Executor, row: typeof posts.$inferInsert): Promise<boolean> {
    const r = await db
      .insert(posts)
      .values(row)
      .onConflictDoNothing({
        target: [posts.source, posts.sourceMessageId],
        where: sql`source_message_id is not null`,
      })
      .returning({ id: posts.id });
    return r.length === 1;
  },
  async findPost(db: Executor, id: string) {
    const [row] = await db.select().from(posts).where(eq(posts.id, id));
    return row;
  },
  async updatePost(db: Executor, id: string, patch: Partial<typeof posts.$inferInsert>) {
    await db.update(posts).set(patch).where(eq(posts.id, id));
  },
  /** The member's posts of the last minutes (for the flooding rule). */
  async recentPostsOf(db: Executor, groupId: string, userId: string, since: Date) {
    return db
      .select({ body: posts.body, at: posts.createdAt })
      .from(posts)
      .where(and(eq(posts.groupId, groupId), eq(posts.authorUserId, userId), gt(posts.createdAt, since)))
      .orderBy(desc(posts.createdAt))
      .limit(50);
  },
  /**
   * Top-level posts of a group, newest first: what everyone sees (published, and hidden as a
   * placeholder for moderators), plus the caller's own held and rejected posts.
   */
  async listThreads(
    db: Executor,
    groupId: string,
    viewer: { userId: string; moderator: boolean },
    cursor: { at: string; id: string } | null,
    limit: number,
  ) {
    const visible = viewer.moderator
      ? sql`true`
      : or(eq(posts.status, "published"), eq(posts.authorUserId, viewer.userId));
    return db
      .select()
      .from(posts)
      .where(
        and(
          eq(posts.groupId, groupId),
          isNull(posts.parentId),
          visible,
          cursor
            ? sql`(${posts.createdAt}, ${posts.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
            : sql`true`,
        ),
      )
      .orderBy(desc(posts.createdAt), desc(posts.id))
      .limit(limit);
  },
  async repliesOf(db: Executor, parentIds: string[], viewer: { userId: string; moderator: boolean }) {
    if (parentIds.length === 0) {
      return [];
    }
    const visible = viewer.moderator
      ? sql`true`
      : or(eq(posts.status, "published"), eq(posts.authorUserId, viewer.userId));
    return db
      .select()
      .from(posts)
      .where(and(inArray(posts.parentId, parentIds), visible))
      .orderBy(asc(posts.createdAt));
  },
  async insertPostReport(db: Executor, row: typeof postReports.$inferInsert) {
    const r = await db
      .insert(postReports)
      .values(row)
      .onConflictDoNothing()
      .returning({ postId: postReports.postId });
    return r.length > 0;
  },
  async reportsOf(db: Executor, postIds: string[]) {
    if (postIds.length === 0) {
      return [];
    }
    return db
      .select()
      .from(postReports)
      .where(and(inArray(postReports.postId, postIds), isNull(postReports.resolvedAt)));
  },
  async resolveReports(db: Executor, postId: string, at: Date) {
    await db
      .update(postReports)
      .set({ resolvedAt: at })
      .where(and(eq(postReports.postId, postId), isNull(postReports.resolvedAt)));
  },
  /**
   * Held, flagged-and-published and reported posts of some groups, oldest first. Three disjoint
   * parts, each read in order from an index and cut at `limit` (held and flagged per group, so a
   * long backlog costs `limit` index entries, not a scan): posts_group_idx (group_id, status,
   * created_at), posts_flagged_idx, post_reports_open_idx. Then the oldest `limit` of them.
   */
  async queue(db: Executor, groupIds: string[], limit: number) {
    if (groupIds.length === 0) {
      return [];
    }
    const ids = sql`array[${sql.join(
      groupIds.map((g) => sql`${g}::uuid`),
      sql`, `,
    )}]`;
    const oldestPerGroup = (where: SQL) => sql`
      select x.id, x.created_at from unnest(${ids}) as q(group_id) cross join lateral (
        select p.id, p.created_at from posts p where p.group_id = q.group_id and ${where}
        order by p.created_at limit ${limit}) x`;
    const candidates = sql`(
      select c.id from (
        ${oldestPerGroup(sql`p.status = 'held'`)}
        union all
        ${oldestPerGroup(sql`p.status = 'published' and p.flagged`)}
        union all
        select p.id, p.created_at from posts p
        where p.id = any(array(select pr.post_id from post_reports pr where pr.resolved_at is null))
          and p.group_id = any(${ids}) and p.status <> 'held' and not (p.status = 'published' and p.flagged)
      ) c
      order by c.created_at limit ${limit})`;
    return db
      .select()
      .from(posts)
      .where(inArray(posts.id, candidates))
      .orderBy(asc(posts.createdAt))
      .limit(limit);
  },
  /** Violations per author: posts that were held, rejected or hidden, plus sanctions. */
  async violationCounts(db: Executor, groupId: string, userIds: string[]) {
    if (userIds.length === 0) {
      return new Map<string, number>();
    }
    const r = await db.execute<{ user_id: string; n: number }>(sql`
      select user_id, sum(n)::int as n from (
        select author_user_id as user_id, count(*) as n from posts
        where group_id = ${groupId} and author_user_id in (${sql.join(
          userIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )}) and (status in ('rejected', 'hidden') or jsonb_array_length(hits) > 0)
        group by author_user_id
        union all
        select user_id, count(*) from member_sanctions
        where group_id = ${groupId} and user_id is not null group by user_id
      ) v group by user_id`);
    return new Map(r.rows.map((x) => [x.user_id, Number(x.n)]));
  },
  async findMember(db: Executor, id: string) {
    const [row] = await db.select().from(groupMembers).where(eq(groupMembers.id, id));
    return row;
  },
  async memberOfUser(db: Executor, groupId: string, userId: string) {
    const [row] = await db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
      .orderBy(desc(groupMembers.joinedAt))
      .limit(1);
    return row;
  },
  async insertSanction(db: Executor, row: typeof memberSanctions.$inferInsert) {
    await db.insert(memberSanctions).values(row);
  },
  async sanctionsOf(db: Executor, groupId: string, memberId: string) {
    return db
      .select({ s: memberSanctions, byName: users.name })
      .from(memberSanctions)
      .innerJoin(users, eq(users.id, memberSanctions.byUserId))
      .where(and(eq(memberSanctions.groupId, groupId), eq(memberSanctions.memberId, memberId)))
      .orderBy(desc(memberSanctions.createdAt));
  },
  async activeMute(db: Executor, groupId: string, userId: string, now: Date) {
    const [row] = await db
      .select()
      .from(memberSanctions)
      .where(
        and(
          eq(memberSanctions.groupId, groupId),
          eq(memberSanctions.userId, userId),
          eq(memberSanctions.kind, "mute"),
          isNull(memberSanctions.liftedAt),
          gt(memberSanctions.until, now),
        ),
      )
      .orderBy(desc(memberSanctions.until))
      .limit(1);
    return row;
  },
  async warningCount(db: Executor, groupId: string, userId: string) {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberSanctions)
      .where(
        and(
          eq(memberSanctions.groupId, groupId),
          eq(memberSanctions.userId, userId),
          eq(memberSanctions.kind, "warn"),
        ),
      );
    return Number(r?.n ?? 0);
  },
  async postsOfMember(db: Executor, groupId: string, memberId: string) {
    return db
      .select()
      .from(posts)
      .where(and(eq(posts.groupId, groupId), eq(posts.authorMemberId, memberId)))
      .orderBy(desc(posts.createdAt))
      .limit(200);
  },
  /** Removal: the member leaves the roster and the user's member role of this group ends. */
  async removeMember(db: Executor, member: { id: string; userId: string | null; groupId: string }, at: Date) {
    await db
      .update(groupMembers)
      .set({ status: "removed", leftAt: at })
      .where(eq(groupMembers.id, member.id));
    if (member.userId) {
      await db
        .update(roleAssignments)
        .set({ endedAt: at })
        .where(
          and(
            eq(roleAssignments.userId, member.userId),
            eq(roleAssignments.groupId, member.groupId),
            eq(roleAssignments.role, "GROUP_MEMBER"),
            isNull(roleAssignments.endedAt),
          ),
        );
    }
  },
  async settings(db: Executor, communeId: string) {
    const [row] = await db
      .select()
      .from(moderationSettings)
      .where(eq(moderationSettings.communeId, communeId));
    return row;
  },
  async saveSettings(db: Executor, row: typeof moderationSettings.$inferInsert) {
    const { communeId, ...set } = row;
    await db
      .insert(moderationSettings)
      .values(row)
      .onConflictDoUpdate({ target: moderationSettings.communeId, set });
  },
  /**
   * Per group of a commune: activity, queue sizes and the oldest held item. Each figure is its
   * own subquery over an index (posts_group_created_idx, posts_group_idx, posts_flagged_idx;
   * open reports through post_reports_open_idx), never a pass over all the commune's posts.
   */
  async consoleGroups(db: Executor, communeId: string, since: Date) {
    const r = await db.execute<{
      group_id: string;
      name: string;
      posting_mode: string;
      leader_name: string | null;
      posts7d: number;
      held: number;
      flagged: number;
      reported: number;
      oldest_held_at: Date | string | null;
    }>(sql`
      select g.id as group_id, g.name, g.posting_mode,
        (select u.name from role_assignments ra join users u on u.id = ra.user_id
          where ra.group_id = g.id and ra.role = 'GROUP_LEADER' and ra.ended_at is null limit 1) as leader_name,
        (select count(*) from posts p where p.group_id = g.id and p.created_at > ${since.toISOString()})::int as posts7d,
        (select count(*) from posts p where p.group_id = g.id and p.status = 'held')::int as held,
        (select count(*) from posts p where p.group_id = g.id and p.status = 'published' and p.flagged)::int as flagged,
        coalesce(rep.n, 0)::int as reported,
        (select min(p.created_at) from posts p where p.group_id = g.id and p.status = 'held') as oldest_held_at
      from groups g
      join hamlets h on h.id = g.hamlet_id and h.valid_to is null
      left join (
        select p.group_id, count(*) as n from posts p
        where p.id = any(array(select pr.post_id from post_reports pr where pr.resolved_at is null))
          and p.group_id in (select id from groups where commune_id = ${communeId})
        group by p.group_id
      ) rep on rep.group_id = g.id
      where g.commune_id = ${communeId}
      order by g.name`);
    return r.rows;
  },
  /**
   * Policy hits per rule over the commune's posts since `since`. Only posts with hits can add
   * to a count: the filter on jsonb_array_length reads them through posts_hits_idx.
   */
  async violationsByRule(db: Executor, communeId: string, since: Date) {
    const r = await db.execute<{ rule: string; count: number }>(sql`
      select h->>'rule' as rule, count(*)::int as count
      from posts p, jsonb_array_elements(p.hits) h
      where p.commune_id = ${communeId} and p.created_at > ${since.toISOString()}
        and jsonb_array_length(p.hits) > 0
      group by h->>'rule' order by count(*) desc`);
    return r.rows;
  },
  async groupsOfCommune(db: Executor, communeId: string) {
    return db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(eq(groups.communeId, communeId));
  },
  async officialProfile(db: Executor, groupId: string) {
    const [row] = await db
      .select()
      .from(groupOfficialProfiles)
      .where(eq(groupOfficialProfiles.groupId, groupId));
    return row;
  },
  async saveOfficialProfile(db: Executor, row: typeof groupOfficialProfiles.$inferInsert) {
    const { groupId, ...set } = row;
    await db
      .insert(groupOfficialProfiles)
      .values(row)
      .onConflictDoUpdate({ target: groupOfficialProfiles.groupId, set });
  },
};
