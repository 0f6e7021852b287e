import { and, asc, count, eq, gt, isNull, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor, Tx } from "../../db/client";
import {
  communes,
  groupMembers,
  groups,
  hamlets,
  handovers,
  invites,
  joinRequests,
  posts,
  provinces,
  reports,
  roleAssignments,
  users,
} from "../../db/schema";
import { TERMINAL_STATES } from "../reports/case.workflow";

export type HandoverRow = typeof handovers.$inferSelect;
export type HandoverConfirmColumn = "fromConfirmedAt" | "toConfirmedAt" | "chiefConfirmedAt";

const fromUser = alias(users, "from_user");
const toUser = alias(users, "to_user");
const byUser = alias(users, "by_user");

/** Open cases of a group: neither closed nor merged. */
const openOfGroup = (groupId: string) =>
  and(eq(reports.groupId, groupId), notInArray(reports.state, [...TERMINAL_STATES]));

export const handoverRepository = {
  /** The group with what the record's header needs: hamlet, commune (name, kind) and province. */
  async findGroup(db: Executor, groupId: string) {
    const [row] = await db
      .select({
        group: groups,
        hamlet: { id: hamlets.id, name: hamlets.name, kind: hamlets.kind },
        commune: { id: communes.id, name: communes.name, kind: communes.kind },
        province: { id: provinces.id, name: provinces.name },
      })
      .from(groups)
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .innerJoin(communes, eq(communes.id, groups.communeId))
      .innerJoin(provinces, eq(provinces.id, communes.provinceId))
      .where(eq(groups.id, groupId));
    return row;
  },

  /**
   * Serialises leader changes of one group. Locking the current leader's role row is not enough:
   * a second writer waiting on it re-reads "ended_at is null", finds nothing once the first commits,
   * and would insert a second leader (the partial unique index would then fail it with a 500).
   */
  async lockGroup(tx: Tx, groupId: string) {
    await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
  },

  async findUser(db: Executor, userId: string) {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    return row;
  },

  async findCurrentRole(
    db: Executor,
    where: { groupId?: string; communeId?: string; userId?: string; role: string },
  ) {
    const [row] = await db
      .select()
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.role, where.role),
          isNull(roleAssignments.endedAt),
          where.groupId ? eq(roleAssignments.groupId, where.groupId) : undefined,
          where.communeId ? eq(roleAssignments.communeId, where.communeId) : undefined,
          where.userId ? eq(roleAssignments.userId, where.userId) : undefined,
        ),
      );
    return row;
  },

  /** The commune's current chief (Trưởng Công an xã), for the record's third signature. */
  async currentChief(db: Executor, communeId: string) {
    const [row] = await db
      .select({ id: users.id, name: users.name })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(
        and(
          eq(roleAssignments.communeId, communeId),
          eq(roleAssignments.role, "COMMUNE_CHIEF"),
          isNull(roleAssignments.endedAt),
        ),
      )
      .orderBy(asc(roleAssignments.createdAt))
      .limit(1);
    return row;
  },

  /** Ends one role assignment and starts another (the same as the org module's leader swap). */
  async replaceLeader(
    tx: Tx,
    endRoleId: string | null,
    next: typeof roleAssignments.$inferInsert & { createdAt: Date },
  ) {
    if (endRoleId) {
      // End the old assignment before inserting the new one: the partial unique index ("at most one
      // current leader") is checked at each statement.
      await tx
        .update(roleAssignments)
        .set({ endedAt: next.createdAt })
        .where(eq(roleAssignments.id, endRoleId));
    }
    await tx.insert(roleAssignments).values(next);
  },

  /** Hands the old leader's open cases of this group to the new leader; returns their ids. */
  async moveOpenReports(tx: Tx, groupId: string, fromUserId: string, toUserId: string, at: Date) {
    const rows = await tx
      .update(reports)
      .set({ assigneeUserId: toUserId, updatedAt: at })
      .where(and(openOfGroup(groupId), eq(reports.assigneeUserId, fromUserId)))
      .returning({ id: reports.id });
    return rows.map((r) => r.id);
  },

  /**
   * The open cases a handover record lists: columns chosen so that neither the description nor
   * anything about the reporter can leak. Conduct reports (chief only) are left out: the officer
   * they are about may be one of the two leaders reading the record.
   */
  async openReports(db: Executor, groupId: string) {
    return db
      .select({
        id: reports.id,
        category: reports.category,
        state: reports.state,
        receivedAt: reports.receivedAt,
      })
      .from(reports)
      .where(and(openOfGroup(groupId), eq(reports.chiefOnly, false)))
      .orderBy(asc(reports.receivedAt), asc(reports.id));
  },

  async countHeldPosts(db: Executor, groupId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(posts)
      .where(and(eq(posts.groupId, groupId), eq(posts.status, "held")));
    return row?.n ?? 0;
  },

  async countActiveMembers(db: Executor, groupId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.status, "active")));
    return row?.n ?? 0;
  },

  /** Names of the active household representatives; the sort key's byte order is the Vietnamese name order. */
  async householdRepresentatives(db: Executor, groupId: string) {
    const rows = await db
      .select({ name: groupMembers.name })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.status, "active"),
          eq(groupMembers.kind, "HOUSEHOLD_REP"),
        ),
      )
      .orderBy(sql`${groupMembers.sortKey} collate "C"`, asc(groupMembers.id));
    return rows.map((r) => r.name);
  },

  /** Personal invites still valid and never used. */
  async countPendingInvites(db: Executor, groupId: string, now: Date) {
    const [row] = await db
      .select({ n: count() })
      .from(invites)
      .where(
        and(
          eq(invites.groupId, groupId),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, now),
          eq(invites.useCount, 0),
        ),
      );
    return row?.n ?? 0;
  },

  async countPendingJoinRequests(db: Executor, groupId: string) {
    const [row] = await db
      .select({ n: count() })
      .from(joinRequests)
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.status, "pending")));
    return row?.n ?? 0;
  },

  async insert(tx: Tx, row: typeof handovers.$inferInsert) {
    await tx.insert(handovers).values(row);
  },

  /** The handover with the group, place and people's names. */
  async find(db: Executor, id: string) {
    const [row] = await db
      .select({
        handover: handovers,
        group: { id: groups.id, name: groups.name },
        hamlet: { name: hamlets.name, kind: hamlets.kind },
        commune: { id: communes.id, name: communes.name, kind: communes.kind },
        province: { id: provinces.id, name: provinces.name },
        fromName: fromUser.name,
        toName: toUser.name,
        byName: byUser.name,
      })
      .from(handovers)
      .innerJoin(groups, eq(groups.id, handovers.groupId))
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .innerJoin(communes, eq(communes.id, handovers.communeId))
      .innerJoin(provinces, eq(provinces.id, communes.provinceId))
      .leftJoin(fromUser, eq(fromUser.id, handovers.fromUserId))
      .innerJoin(toUser, eq(toUser.id, handovers.toUserId))
      .innerJoin(byUser, eq(byUser.id, handovers.createdByUserId))
      .where(eq(handovers.id, id));
    return row;
  },

  /** Sets one confirmation time unless already set (a repeat keeps the first); true when it changed. */
  async confirm(tx: Tx, id: string, column: HandoverConfirmColumn, at: Date): Promise<boolean> {
    const rows = await tx
      .update(handovers)
      .set({ [column]: at })
      .where(and(eq(handovers.id, id), isNull(handovers[column])))
      .returning({ id: handovers.id });
    return rows.length > 0;
  },

  /**
   * Every leader of the group, oldest first, with the handovers that began and ended each tenure.
   * A handover writes its row and the role swap with the same instant, so equal times pair them.
   */
  async leaderHistory(db: Executor, groupId: string) {
    const began = alias(handovers, "began");
    const ended = alias(handovers, "ended");
    return db
      .select({
        roleId: roleAssignments.id,
        userId: roleAssignments.userId,
        name: users.name,
        from: roleAssignments.createdAt,
        to: roleAssignments.endedAt,
        handoverId: began.id,
        endedByHandoverId: ended.id,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .leftJoin(
        began,
        and(
          eq(began.groupId, roleAssignments.groupId),
          eq(began.toUserId, roleAssignments.userId),
          eq(began.createdAt, roleAssignments.createdAt),
        ),
      )
      .leftJoin(
        ended,
        and(
          eq(ended.groupId, roleAssignments.groupId),
          eq(ended.fromUserId, roleAssignments.userId),
          eq(ended.createdAt, roleAssignments.endedAt),
        ),
      )
      .where(and(eq(roleAssignments.groupId, groupId), eq(roleAssignments.role, "GROUP_LEADER")))
      .orderBy(
        asc(roleAssignments.createdAt),
        sql`${roleAssignments.endedAt} asc nulls last`,
        asc(roleAssignments.id),
      );
  },
};
