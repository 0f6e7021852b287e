import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  communes,
  groupMembers,
  groups,
  hamlets,
  invites,
  joinRequests,
  provinces,
  roleAssignments,
  users,
} from "../../db/schema";

export type InviteRow = typeof invites.$inferSelect;
export type MemberRow = typeof groupMembers.$inferSelect;
export type JoinRequestRow = typeof joinRequests.$inferSelect;

export const invitesRepository = {
  async insertInvite(db: Executor, row: typeof invites.$inferInsert) {
    await db.insert(invites).values(row);
  },
  async findInvite(db: Executor, id: string) {
    const [row] = await db.select().from(invites).where(eq(invites.id, id));
    return row;
  },
  async currentInviteOfHousehold(db: Executor, householdId: string) {
    return db
      .select()
      .from(invites)
      .where(eq(invites.householdId, householdId))
      .orderBy(asc(invites.createdAt));
  },
  async bumpInviteUse(db: Executor, id: string, uses: number) {
    await db.update(invites).set({ useCount: uses }).where(eq(invites.id, id));
  },

  /** What a resident sees before joining: the group, its hamlet and commune, its current leader. */
  async groupPublicInfo(db: Executor, groupId: string) {
    const [row] = await db
      .select({
        group: groups,
        hamletName: hamlets.name,
        communeName: communes.name,
        provinceId: communes.provinceId,
        provinceName: provinces.name,
      })
      .from(groups)
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .innerJoin(communes, eq(communes.id, groups.communeId))
      .innerJoin(provinces, eq(provinces.id, communes.provinceId))
      .where(eq(groups.id, groupId));
    if (!row) {
      return undefined;
    }
    const [leader] = await db
      .select({ name: users.name, phone: users.phone })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(
        and(
          eq(roleAssignments.groupId, groupId),
          eq(roleAssignments.role, "GROUP_LEADER"),
          isNull(roleAssignments.endedAt),
        ),
      )
      .limit(1);
    return { ...row, leader };
  },

  async insertMember(db: Executor, row: typeof groupMembers.$inferInsert) {
    await db.insert(groupMembers).values(row);
  },
  async findMember(db: Executor, id: string) {
    const [row] = await db.select().from(groupMembers).where(eq(groupMembers.id, id));
    return row;
  },
  async findMemberByToken(db: Executor, tokenHash: string) {
    const [row] = await db.select().from(groupMembers).where(eq(groupMembers.manageTokenHash, tokenHash));
    return row;
  },
  async activeMemberWithPhone(db: Executor, groupId: string, phone: string) {
    const [row] = await db
      .select()
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.phone, phone),
          eq(groupMembers.status, "active"),
        ),
      );
    return row;
  },
  async updateMember(db: Executor, id: string, patch: Partial<typeof groupMembers.$inferInsert>) {
    await db.update(groupMembers).set(patch).where(eq(groupMembers.id, id));
  },

  async insertJoinRequest(db: Executor, row: typeof joinRequests.$inferInsert) {
    await db.insert(joinRequests).values(row);
  },
  async findJoinRequest(db: Executor, id: string) {
    const [row] = await db.select().from(joinRequests).where(eq(joinRequests.id, id));
    return row;
  },
  async findJoinRequestByToken(db: Executor, tokenHash: string) {
    const [row] = await db.select().from(joinRequests).where(eq(joinRequests.manageTokenHash, tokenHash));
    return row;
  },
  async pendingJoinRequests(db: Executor, groupId: string) {
    return db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.status, "pending")))
      .orderBy(asc(joinRequests.createdAt));
  },
  async updateJoinRequest(db: Executor, id: string, patch: Partial<typeof joinRequests.$inferInsert>) {
    await db.update(joinRequests).set(patch).where(eq(joinRequests.id, id));
  },
};
