import { and, desc, eq, gte, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  announcementDeliveries,
  announcementFiles,
  announcementGroups,
  announcements,
  groupMembers,
  groups,
  hamlets,
  joinRequests,
  outbox,
  reportMessages,
  reports,
  users,
  zaloConnections,
  zaloGroups,
  zaloInboundEvents,
  zaloMembers,
  zaloOfficerLinks,
  zaloReportThreads,
} from "../../db/schema";

export type ZaloConnectionRow = typeof zaloConnections.$inferSelect;
export type ZaloGroupRow = typeof zaloGroups.$inferSelect;
export type ZaloInboundEventRow = typeof zaloInboundEvents.$inferSelect;
export type ZaloThreadRow = typeof zaloReportThreads.$inferSelect;
export type ZaloOfficerLinkRow = typeof zaloOfficerLinks.$inferSelect;

/** Outbox channels the Zalo module owns. */
export const ZALO_OUTBOX_CHANNELS = ["zalo-oa", "zalo-inbound", "zalo-bot"] as const;

export const zaloRepository = {
  // --- connection -------------------------------------------------------------------------
  async findConnection(
    db: Executor,
    communeId: string,
    lock = false,
  ): Promise<ZaloConnectionRow | undefined> {
    const q = db.select().from(zaloConnections).where(eq(zaloConnections.communeId, communeId));
    const [row] = lock ? await q.for("update") : await q;
    return row;
  },
  async findConnectionByOa(db: Executor, oaId: string) {
    const [row] = await db.select().from(zaloConnections).where(eq(zaloConnections.oaId, oaId));
    return row;
  },
  async findConnectionsByApp(db: Executor, appId: string) {
    return db.select().from(zaloConnections).where(eq(zaloConnections.appId, appId));
  },
  async findConnectionByBotSecretKey(db: Executor, key: string) {
    const [row] = await db.select().from(zaloConnections).where(eq(zaloConnections.botSecretKey, key));
    return row;
  },
  async findConnectionByStateHash(db: Executor, stateHash: string) {
    const [row] = await db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.oauthStateHash, stateHash));
    return row;
  },
  async upsertConnection(db: Executor, row: typeof zaloConnections.$inferInsert) {
    const { communeId: _c, ...patch } = row;
    await db
      .insert(zaloConnections)
      .values(row)
      .onConflictDoUpdate({ target: zaloConnections.communeId, set: patch });
  },
  async updateConnection(
    db: Executor,
    communeId: string,
    patch: Partial<typeof zaloConnections.$inferInsert>,
  ) {
    await db.update(zaloConnections).set(patch).where(eq(zaloConnections.communeId, communeId));
  },
  /**
   * Takes the refresh lease if nobody holds it (cross-process single flight); returns the row
   * when this caller won it.
   */
  async takeRefreshLease(db: Executor, communeId: string, now: Date, until: Date) {
    const [row] = await db
      .update(zaloConnections)
      .set({ refreshLeaseUntil: until })
      .where(
        and(
          eq(zaloConnections.communeId, communeId),
          or(sql`${zaloConnections.refreshLeaseUntil} is null`, lt(zaloConnections.refreshLeaseUntil, now)),
        ),
      )
      .returning();
    return row;
  },
  /** Writes a rotated token pair over the version the refresher read; false when someone else won. */
  async storeTokens(
    db: Executor,
    communeId: string,
    readVersion: number,
    patch: Partial<typeof zaloConnections.$inferInsert>,
  ): Promise<boolean> {
    const rows = await db
      .update(zaloConnections)
      .set({ ...patch, tokenVersion: readVersion + 1, refreshLeaseUntil: null })
      .where(and(eq(zaloConnections.communeId, communeId), eq(zaloConnections.tokenVersion, readVersion)))
      .returning({ communeId: zaloConnections.communeId });
    return rows.length === 1;
  },
  async connectionsNeedingRefresh(db: Executor, before: Date) {
    return db
      .select({ communeId: zaloConnections.communeId })
      .from(zaloConnections)
      .where(and(eq(zaloConnections.oaStatus, "connected"), lt(zaloConnections.accessExpiresAt, before)));
  },
  async connectedCommunes(db: Executor) {
    return db
      .select({ communeId: zaloConnections.communeId })
      .from(zaloConnections)
      .where(eq(zaloConnections.oaStatus, "connected"));
  },

  // --- groups -----------------------------------------------------------------------------
  async findGroupLink(db: Executor, groupId: string): Promise<ZaloGroupRow | undefined> {
    const [row] = await db.select().from(zaloGroups).where(eq(zaloGroups.groupId, groupId));
    return row;
  },
  async findGroupByZaloId(db: Executor, communeId: string, zaloGroupId: string) {
    const [row] = await db
      .select()
      .from(zaloGroups)
      .where(and(eq(zaloGroups.communeId, communeId), eq(zaloGroups.zaloGroupId, zaloGroupId)));
    return row;
  },
  async listGroupLinks(db: Executor, communeId: string) {
    return db
      .select({ link: zaloGroups, groupName: groups.name })
      .from(zaloGroups)
      .innerJoin(groups, eq(groups.id, zaloGroups.groupId))
      .where(eq(zaloGroups.communeId, communeId));
  },
  async linksOfGroups(db: Executor, groupIds: string[]) {
    if (groupIds.length === 0) {
      return [];
    }
    return db.select().from(zaloGroups).where(inArray(zaloGroups.groupId, groupIds));
  },
  async insertGroupLink(db: Executor, row: typeof zaloGroups.$inferInsert) {
    await db.insert(zaloGroups).values(row);
  },
  async updateGroupLink(db: Executor, groupId: string, patch: Partial<typeof zaloGroups.$inferInsert>) {
    await db.update(zaloGroups).set(patch).where(eq(zaloGroups.groupId, groupId));
  },
  async deleteGroupLink(db: Executor, groupId: string) {
    await db.delete(zaloGroups).where(eq(zaloGroups.groupId, groupId));
  },
  async countHamlets(db: Executor, communeId: string): Promise<number> {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(hamlets)
      .where(eq(hamlets.communeId, communeId));
    return Number(r?.n ?? 0);
  },

  // --- members known on Zalo ----------------------------------------------------------------
  async findZaloMember(db: Executor, groupId: string, zaloUserId: string) {
    const [row] = await db
      .select()
      .from(zaloMembers)
      .where(and(eq(zaloMembers.groupId, groupId), eq(zaloMembers.zaloUserId, zaloUserId)));
    return row;
  },
  async upsertZaloMember(db: Executor, row: typeof zaloMembers.$inferInsert) {
    const { groupId: _g, zaloUserId: _z, ...patch } = row;
    await db
      .insert(zaloMembers)
      .values(row)
      .onConflictDoUpdate({ target: [zaloMembers.groupId, zaloMembers.zaloUserId], set: patch });
  },
  async memberUser(db: Executor, memberId: string) {
    const [row] = await db
      .select({ userId: groupMembers.userId, name: groupMembers.name })
      .from(groupMembers)
      .where(eq(groupMembers.id, memberId));
    return row;
  },
  async zaloIdsOfMember(db: Executor, memberId: string) {
    return db.select().from(zaloMembers).where(eq(zaloMembers.memberId, memberId));
  },
  /** The hamlet group a Zalo user belongs to (routing their private reports). */
  async groupOfZaloUser(db: Executor, communeId: string, zaloUserId: string) {
    const [row] = await db
      .select({ groupId: zaloMembers.groupId, hamletId: groups.hamletId })
      .from(zaloMembers)
      .innerJoin(zaloGroups, eq(zaloGroups.groupId, zaloMembers.groupId))
      .innerJoin(groups, eq(groups.id, zaloMembers.groupId))
      .where(
        and(
          eq(zaloGroups.communeId, communeId),
          eq(zaloMembers.zaloUserId, zaloUserId),
          inArray(zaloMembers.state, ["member", "admin"]),
        ),
      )
      .limit(1);
    return row;
  },

  // --- inbound events -----------------------------------------------------------------------
  /** Inserts the event unless Zalo already delivered it; returns the new id or undefined. */
  async insertEvent(db: Executor, row: typeof zaloInboundEvents.$inferInsert): Promise<number | undefined> {
    const [r] = await db
      .insert(zaloInboundEvents)
      .values(row)
      .onConflictDoNothing({ target: [zaloInboundEvents.source, zaloInboundEvents.dedupeKey] })
      .returning({ id: zaloInboundEvents.id });
    return r?.id;
  },
  async findEvent(db: Executor, id: number) {
    const [row] = await db.select().from(zaloInboundEvents).where(eq(zaloInboundEvents.id, id));
    return row;
  },
  async finishEvent(db: Executor, id: number, status: string, outcome: string, at: Date) {
    await db
      .update(zaloInboundEvents)
      .set({ status, outcome: outcome.slice(0, 300), processedAt: at })
      .where(eq(zaloInboundEvents.id, id));
  },
  async eventStats(db: Executor, communeId: string, since: Date) {
    const [r] = await db
      .select({
        total: sql<number>`count(*)::int`,
        failed: sql<number>`count(*) filter (where ${zaloInboundEvents.status} = 'failed')::int`,
        lastAt: sql<string | null>`max(${zaloInboundEvents.receivedAt})`,
      })
      .from(zaloInboundEvents)
      .where(and(eq(zaloInboundEvents.communeId, communeId), gte(zaloInboundEvents.receivedAt, since)));
    return { total: Number(r?.total ?? 0), failed: Number(r?.failed ?? 0), lastAt: r?.lastAt ?? null };
  },

  // --- outbox view --------------------------------------------------------------------------
  async queueStats(db: Executor, communeId: string) {
    const [r] = await db
      .select({
        pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`,
        failed: sql<number>`count(*) filter (where ${outbox.status} = 'dead' or (${outbox.status} = 'pending' and ${outbox.lastError} is not null))::int`,
      })
      .from(outbox)
      .where(and(eq(outbox.communeId, communeId), inArray(outbox.channel, [...ZALO_OUTBOX_CHANNELS])));
    return { pending: Number(r?.pending ?? 0), failed: Number(r?.failed ?? 0) };
  },
  async pendingGroupOps(db: Executor, groupId: string) {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, "zalo-oa"),
          eq(outbox.status, "pending"),
          sql`${outbox.payload}->>'groupId' = ${groupId}`,
        ),
      );
    return Number(r?.n ?? 0);
  },

  // --- announcement deliveries to Zalo groups -----------------------------------------------
  async announcementForZalo(db: Executor, announcementId: string) {
    const [a] = await db.select().from(announcements).where(eq(announcements.id, announcementId));
    if (!a) {
      return undefined;
    }
    const groupRows = await db
      .select({ groupId: announcementGroups.groupId })
      .from(announcementGroups)
      .where(eq(announcementGroups.announcementId, announcementId));
    return { announcement: a, groupIds: groupRows.map((g) => g.groupId) };
  },
  async imagesOf(db: Executor, announcementId: string) {
    return db
      .select({
        id: announcementFiles.id,
        name: announcementFiles.name,
        contentType: announcementFiles.contentType,
        bytes: announcementFiles.bytes,
      })
      .from(announcementFiles)
      .where(and(eq(announcementFiles.announcementId, announcementId), eq(announcementFiles.kind, "image")))
      .orderBy(announcementFiles.createdAt);
  },
  async zaloDeliveries(db: Executor, announcementId: string) {
    return db
      .select()
      .from(announcementDeliveries)
      .where(
        and(
          eq(announcementDeliveries.announcementId, announcementId),
          eq(announcementDeliveries.channel, "zalo"),
        ),
      );
  },
  async insertDeliveries(db: Executor, rows: (typeof announcementDeliveries.$inferInsert)[]) {
    if (rows.length === 0) {
      return;
    }
    await db
      .insert(announcementDeliveries)
      .values(rows)
      .onConflictDoNothing({
        target: [
          announcementDeliveries.announcementId,
          announcementDeliveries.channel,
          announcementDeliveries.target,
        ],
      });
  },
  async updateDelivery(db: Executor, id: number, patch: Partial<typeof announcementDeliveries.$inferInsert>) {
    await db.update(announcementDeliveries).set(patch).where(eq(announcementDeliveries.id, id));
  },
  async recentGroupDeliveries(db: Executor, groupId: string, limit: number) {
    return db
      .select({
        announcementId: announcementDeliveries.announcementId,
        title: announcements.title,
        status: announcementDeliveries.status,
        attempts: announcementDeliveries.attempts,
        lastError: announcementDeliveries.lastError,
        updatedAt: announcementDeliveries.updatedAt,
      })
      .from(announcementDeliveries)
      .innerJoin(announcements, eq(announcements.id, announcementDeliveries.announcementId))
      .where(and(eq(announcementDeliveries.channel, "zalo"), eq(announcementDeliveries.groupId, groupId)))
      .orderBy(desc(announcementDeliveries.updatedAt))
      .limit(limit);
  },

  // --- private reports over the OA ----------------------------------------------------------
  async latestThread(db: Executor, communeId: string, userKey: string) {
    const [row] = await db
      .select({ thread: zaloReportThreads, state: reports.state })
      .from(zaloReportThreads)
      .innerJoin(reports, eq(reports.id, zaloReportThreads.reportId))
      .where(and(eq(zaloReportThreads.communeId, communeId), eq(zaloReportThreads.userKey, userKey)))
      .orderBy(desc(zaloReportThreads.createdAt))
      .limit(1);
    return row;
  },
  async threadOfReport(db: Executor, reportId: string) {
    const [row] = await db.select().from(zaloReportThreads).where(eq(zaloReportThreads.reportId, reportId));
    return row;
  },
  async insertThread(db: Executor, row: typeof zaloReportThreads.$inferInsert) {
    await db.insert(zaloReportThreads).values(row);
  },
  async touchThread(db: Executor, id: string, patch: Partial<typeof zaloReportThreads.$inferInsert>) {
    await db.update(zaloReportThreads).set(patch).where(eq(zaloReportThreads.id, id));
  },
  async insertReportMessage(db: Executor, row: typeof reportMessages.$inferInsert) {
    await db.insert(reportMessages).values(row);
  },
  async touchReport(db: Executor, reportId: string, at: Date) {
    await db.update(reports).set({ updatedAt: at }).where(eq(reports.id, reportId));
  },
  async replyStats(db: Executor, reportId: string) {
    const [r] = await db
      .select({
        delivered: sql<number>`count(*) filter (where ${outbox.status} = 'delivered')::int`,
        pending: sql<number>`count(*) filter (where ${outbox.status} = 'pending')::int`,
        failed: sql<number>`count(*) filter (where ${outbox.status} = 'dead')::int`,
      })
      .from(outbox)
      .where(
        and(
          eq(outbox.channel, "zalo-oa"),
          eq(outbox.event, "zalo.reply"),
          sql`${outbox.payload}->>'reportId' = ${reportId}`,
        ),
      );
    return {
      delivered: Number(r?.delivered ?? 0),
      pending: Number(r?.pending ?? 0),
      failed: Number(r?.failed ?? 0),
    };
  },

  async homeCommuneOf(db: Executor, userId: string): Promise<string | null> {
    const [row] = await db.select({ c: users.homeCommuneId }).from(users).where(eq(users.id, userId));
    return row?.c ?? null;
  },

  // --- officers -----------------------------------------------------------------------------
  async findOfficerLink(db: Executor, userId: string) {
    const [row] = await db.select().from(zaloOfficerLinks).where(eq(zaloOfficerLinks.userId, userId));
    return row;
  },
  async findOfficerLinkByCode(db: Executor, codeHash: string) {
    const [row] = await db.select().from(zaloOfficerLinks).where(eq(zaloOfficerLinks.codeHash, codeHash));
    return row;
  },
  async upsertOfficerLink(db: Executor, row: typeof zaloOfficerLinks.$inferInsert) {
    const { userId: _u, ...patch } = row;
    await db
      .insert(zaloOfficerLinks)
      .values(row)
      .onConflictDoUpdate({ target: zaloOfficerLinks.userId, set: patch });
  },
  async updateOfficerLink(
    db: Executor,
    userId: string,
    patch: Partial<typeof zaloOfficerLinks.$inferInsert>,
  ) {
    await db.update(zaloOfficerLinks).set(patch).where(eq(zaloOfficerLinks.userId, userId));
  },
  async officerLinksOf(db: Executor, userIds: string[]) {
    if (userIds.length === 0) {
      return [];
    }
    return db.select().from(zaloOfficerLinks).where(inArray(zaloOfficerLinks.userId, userIds));
  },
  async officerByOaUser(db: Executor, communeId: string, oaUserId: string) {
    const [row] = await db
      .select()
      .from(zaloOfficerLinks)
      .where(and(eq(zaloOfficerLinks.communeId, communeId), eq(zaloOfficerLinks.oaUserId, oaUserId)));
    return row;
  },
  async countBotLinks(db: Executor, communeId: string) {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(zaloOfficerLinks)
      .where(and(eq(zaloOfficerLinks.communeId, communeId), isNotNull(zaloOfficerLinks.botChatIdSealed)));
    return Number(r?.n ?? 0);
  },

  // --- join requests from Zalo --------------------------------------------------------------
  async pendingZaloJoin(db: Executor, groupId: string, zaloUserId: string) {
    const [row] = await db
      .select()
      .from(joinRequests)
      .where(
        and(
          eq(joinRequests.groupId, groupId),
          eq(joinRequests.zaloUserId, zaloUserId),
          eq(joinRequests.status, "pending"),
        ),
      );
    return row;
  },
  async latestZaloJoin(db: Executor, groupId: string, zaloUserId: string) {
    const [row] = await db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.zaloUserId, zaloUserId)))
      .orderBy(desc(joinRequests.createdAt))
      .limit(1);
    return row;
  },
  async insertJoinRequest(db: Executor, row: typeof joinRequests.$inferInsert) {
    await db.insert(joinRequests).values(row);
  },
};
