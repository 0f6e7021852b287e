import { and, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  announcementDeliveries,
  announcementFiles,
  announcementGroups,
  announcementSettings,
  announcements,
  feeds,
  groups,
  hamlets,
  reportIdentities,
  reportSuspects,
  reports,
  users,
} from "../../db/schema";

export type AnnouncementRow = typeof announcements.$inferSelect;
export type FileRow = typeof announcementFiles.$inferSelect;

const rows = <T>(r: unknown): T[] => (r as { rows: T[] }).rows ?? (r as T[]);

/** The members an announcement reaches: active, with consent not withdrawn (req. 16). */
const RECIPIENT_PREDICATE = sql`m.status = 'active' and m.consent_at is not null and m.consent_withdrawn_at is null`;

export const announcementsRepository = {
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(announcements).where(eq(announcements.id, id));
    return row;
  },
  async findForUpdate(db: Executor, id: string) {
    const [row] = await db.select().from(announcements).where(eq(announcements.id, id)).for("update");
    return row;
  },
  async groupIds(db: Executor, id: string): Promise<string[]> {
    const r = await db
      .select({ groupId: announcementGroups.groupId })
      .from(announcementGroups)
      .where(eq(announcementGroups.announcementId, id));
    return r.map((x) => x.groupId);
  },
  async groupsOf(db: Executor, ids: string[]) {
    if (ids.length === 0) {
      return new Map<string, { id: string; name: string }[]>();
    }
    const r = await db
      .select({ announcementId: announcementGroups.announcementId, id: groups.id, name: groups.name })
      .from(announcementGroups)
      .innerJoin(groups, eq(groups.id, announcementGroups.groupId))
      .where(inArray(announcementGroups.announcementId, ids))
      .orderBy(groups.name);
    const out = new Map<string, { id: string; name: string }[]>();
    for (const g of r) {
      out.set(g.announcementId, [...(out.get(g.announcementId) ?? []), { id: g.id, name: g.name }]);
    }
    return out;
  },
  /** The commune's current groups (whole-commune audience). */
  async currentGroupsOfCommune(db: Executor, communeId: string) {
    return db
      .select({ id: groups.id, name: groups.name, communeId: groups.communeId })
      .from(groups)
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .where(and(eq(groups.communeId, communeId), isNull(hamlets.validTo)));
  },
  async findGroups(db: Executor, ids: string[]) {
    return db
      .select({ id: groups.id, name: groups.name, communeId: groups.communeId })
      .from(groups)
      .where(inArray(groups.id, ids));
  },
  async insert(db: Executor, row: typeof announcements.$inferInsert, groupIds: string[]) {
    await db.insert(announcements).values(row);
    await db
      .insert(announcementGroups)
      .values(groupIds.map((groupId) => ({ announcementId: row.id, groupId })));
  },
  async replaceGroups(db: Executor, id: string, groupIds: string[]) {
    await db.delete(announcementGroups).where(eq(announcementGroups.announcementId, id));
    await db.insert(announcementGroups).values(groupIds.map((groupId) => ({ announcementId: id, groupId })));
  },
  async update(db: Executor, id: string, patch: Partial<typeof announcements.$inferInsert>) {
    await db.update(announcements).set(patch).where(eq(announcements.id, id));
  },
  async list(db: Executor, communeId: string, f: { status?: string; category?: string; q?: string }) {
    const conds = [eq(announcements.communeId, communeId)];
    if (f.status) {
      conds.push(eq(announcements.status, f.status));
    }
    if (f.category) {
      conds.push(eq(announcements.category, f.category));
    }
    if (f.q) {
      conds.push(sql`${announcements.searchKey} like ${f.q}`);
    }
    return db
      .select({ a: announcements, authorName: users.name, feedTitle: feeds.title })
      .from(announcements)
      .innerJoin(users, eq(users.id, announcements.authorUserId))
      .leftJoin(feeds, eq(feeds.id, announcements.sourceFeedId))
      .where(and(...conds))
      .orderBy(desc(announcements.createdAt))
      .limit(300);
  },
  async authorAndFeed(db: Executor, a: AnnouncementRow) {
    const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, a.authorUserId));
    const feed = a.sourceFeedId
      ? (await db.select({ title: feeds.title }).from(feeds).where(eq(feeds.id, a.sourceFeedId)))[0]
      : undefined;
    return { authorName: u?.name ?? "", feedTitle: feed?.title ?? null };
  },
  async settings(db: Executor, communeId: string) {
    const [row] = await db
      .select()
      .from(announcementSettings)
      .where(eq(announcementSettings.communeId, communeId));
    return {
      deputiesNeedApproval: row?.deputiesNeedApproval ?? false,
      officialPhones: row?.officialPhones ?? [],
    };
  },
  async saveSettings(
    db: Executor,
    communeId: string,
    s: { deputiesNeedApproval: boolean; officialPhones: string[] },
    now: Date,
  ) {
    await db
      .insert(announcementSettings)
      .values({ communeId, ...s, updatedAt: now })
      .onConflictDoUpdate({ target: announcementSettings.communeId, set: { ...s, updatedAt: now } });
  },

  // --- files -------------------------------------------------------------------------------
  async insertFile(db: Executor, row: typeof announcementFiles.$inferInsert) {
    await db.insert(announcementFiles).values(row);
  },
  async findFile(db: Executor, id: string) {
    const [row] = await db.select().from(announcementFiles).where(eq(announcementFiles.id, id));
    return row;
  },
  async filesMeta(db: Executor, ids: string[]) {
    if (ids.length === 0) {
      return [];
    }
    return db
      .select({
        id: announcementFiles.id,
        communeId: announcementFiles.communeId,
        announcementId: announcementFiles.announcementId,
        kind: announcementFiles.kind,
        contentType: announcementFiles.contentType,
        name: announcementFiles.name,
        size: announcementFiles.size,
        text: announcementFiles.text,
      })
      .from(announcementFiles)
      .where(inArray(announcementFiles.id, ids));
  },
  async filesOf(db: Executor, announcementIds: string[]) {
    if (announcementIds.length === 0) {
      return [];
    }
    return db
      .select({
        id: announcementFiles.id,
        announcementId: announcementFiles.announcementId,
        kind: announcementFiles.kind,
        contentType: announcementFiles.contentType,
        name: announcementFiles.name,
        size: announcementFiles.size,
        text: announcementFiles.text,
      })
      .from(announcementFiles)
      .where(inArray(announcementFiles.announcementId, announcementIds))
      .orderBy(announcementFiles.createdAt);
  },
  /** The audience groups of an announcement while it is live (published, not expired) at `now`. */
  async liveAudienceGroups(db: Executor, announcementId: string, now: Date) {
    return db
      .select({ groupId: announcementGroups.groupId })
      .from(announcementGroups)
      .innerJoin(announcements, eq(announcements.id, announcementGroups.announcementId))
      .where(
        and(
          eq(announcementGroups.announcementId, announcementId),
          eq(announcements.status, "published"),
          sql`(${announcements.expiresAt} is null or ${announcements.expiresAt} > ${now.toISOString()})`,
        ),
      );
  },
  async attachFiles(db: Executor, announcementId: string, fileIds: string[]) {
    await db
      .update(announcementFiles)
      .set({ announcementId: null })
      .where(
        and(
          eq(announcementFiles.announcementId, announcementId),
          fileIds.length ? notInArray(announcementFiles.id, fileIds) : sql`true`,
        ),
      );
    if (fileIds.length) {
      await db
        .update(announcementFiles)
        .set({ announcementId })
        .where(inArray(announcementFiles.id, fileIds));
    }
  },

  // --- release and receipts ----------------------------------------------------------------
  /** One INSERT … SELECT: a commune of a million households is queued without a round trip per row. */
  async insertRecipients(db: Executor, announcementId: string, groupIds: string[]): Promise<number> {
    const r = await db.execute(sql`
      insert into announcement_recipients (announcement_id, member_id, group_id, household_id, user_id)
      select ${announcementId}::uuid, m.id, m.group_id, m.household_id, m.user_id
      from group_members m
      where m.group_id in (${sql.join(
        groupIds.map((g) => sql`${g}::uuid`),
        sql`, `,
      )}) and ${RECIPIENT_PREDICATE}
      on conflict do nothing`);
    return (
      (r as { rowCount?: number; affectedRows?: number }).rowCount ??
      (r as { affectedRows?: number }).affectedRows ??
      0
    );
  },
  async stats(db: Executor, id: string) {
    const r = await db.execute(sql`
      select r.group_id, g.name, count(*)::int as recipients,
        count(r.delivered_at)::int as delivered, count(r.read_at)::int as read, count(r.ack_at)::int as acknowledged,
        count(r.user_id)::int as web_reachable
      from announcement_recipients r join groups g on g.id = r.group_id
      where r.announcement_id = ${id}
      group by r.group_id, g.name order by g.name`);
    return rows<{
      group_id: string;
      name: string;
      recipients: number;
      delivered: number;
      read: number;
      acknowledged: number;
      web_reachable: number;
    }>(r);
  },
  async deliveryStats(db: Executor, id: string) {
    const r = await db.execute(sql`
      select channel, status, count(*)::int as n from announcement_deliveries
      where announcement_id = ${id} group by channel, status`);
    return rows<{ channel: string; status: string; n: number }>(r);
  },
  async recipients(
    db: Executor,
    id: string,
    f: { state: "unseen" | "unacknowledged" | "all"; groupId?: string; limit: number; offset: number },
  ) {
    const stateCond =
      f.state === "unseen"
        ? sql`r.read_at is null`
        : f.state === "unacknowledged"
          ? sql`r.ack_at is null`
          : sql`true`;
    const groupCond = f.groupId ? sql`r.group_id = ${f.groupId}` : sql`true`;
    const where = sql`r.announcement_id = ${id} and ${stateCond} and ${groupCond}`;
    const total = rows<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from announcement_recipients r where ${where}`),
    )[0]?.n;
    const items = rows<{
      member_id: string;
      household_id: string | null;
      name: string;
      address: string | null;
      group_id: string;
      group_name: string;
      delivered_at: Date | string | null;
      read_at: Date | string | null;
      ack_at: Date | string | null;
      sort_key: string;
    }>(
      await db.execute(sql`
        select r.member_id, r.household_id, coalesce(h.head_name, m.name) as name, h.address,
          r.group_id, g.name as group_name, r.delivered_at, r.read_at, r.ack_at, m.sort_key
        from announcement_recipients r
        join group_members m on m.id = r.member_id
        join groups g on g.id = r.group_id
        left join households h on h.id = r.household_id
        where ${where}
        order by g.name, m.sort_key, m.id
        limit ${f.limit} offset ${f.offset}`),
    );
    const memberIds = items.map((i) => i.member_id);
    const channels = memberIds.length
      ? await db
          .select({
            memberId: announcementDeliveries.memberId,
            channel: announcementDeliveries.channel,
            status: announcementDeliveries.status,
          })
          .from(announcementDeliveries)
          .where(
            and(
              eq(announcementDeliveries.announcementId, id),
              inArray(announcementDeliveries.memberId, memberIds),
            ),
          )
      : [];
    return { total: total ?? 0, items, channels };
  },
  async findAnnouncementGroupsAndTitle(db: Executor, id: string) {
    const a = await announcementsRepository.find(db, id);
    return a ? { a, groupIds: await announcementsRepository.groupIds(db, id) } : undefined;
  },

  // --- protected people (req. 12) -------------------------------------------------------------
  /** Sealed identities and suspects of the commune's open reports, for the content check. */
  async openReportPeople(db: Executor, communeId: string) {
    const open = and(eq(reports.communeId, communeId), notInArray(reports.state, ["CLOSED", "MERGED"]));
    const ids = await db
      .select({ reportId: reportIdentities.reportId, sealed: reportIdentities.sealed })
      .from(reportIdentities)
      .innerJoin(reports, eq(reports.id, reportIdentities.reportId))
      .where(open);
    const suspects = await db
      .select({ reportId: reportSuspects.reportId, sealed: reportSuspects.sealed })
      .from(reportSuspects)
      .innerJoin(reports, eq(reports.id, reportSuspects.reportId))
      .where(open);
    return { identities: ids, suspects };
  },
};
