import { and, asc, count, eq, ilike, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  communes,
  groupMembers,
  groups,
  hamlets,
  media,
  provinces,
  roleAssignments,
  users,
} from "../../db/schema";

export type RoleRow = typeof roleAssignments.$inferSelect;

export const orgRepository = {
  async findProvince(db: Executor, id: string) {
    const [row] = await db.select().from(provinces).where(eq(provinces.id, id));
    return row;
  },
  async findCommune(db: Executor, id: string) {
    const [row] = await db
      .select({ commune: communes, province: { id: provinces.id, name: provinces.name } })
      .from(communes)
      .innerJoin(provinces, eq(provinces.id, communes.provinceId))
      .where(eq(communes.id, id));
    return row;
  },
  async listCommunesOfProvince(db: Executor, provinceId: string) {
    return db.select().from(communes).where(eq(communes.provinceId, provinceId)).orderBy(asc(communes.name));
  },
  async insertProvince(db: Executor, row: typeof provinces.$inferInsert) {
    await db.insert(provinces).values(row);
  },
  async insertCommune(db: Executor, row: typeof communes.$inferInsert) {
    await db.insert(communes).values(row);
  },
  async updateCommune(db: Executor, id: string, patch: Partial<typeof communes.$inferInsert>) {
    await db.update(communes).set(patch).where(eq(communes.id, id));
  },
  async listHamletsWithGroups(db: Executor, communeId: string) {
    return db
      .select({ hamlet: hamlets, group: groups })
      .from(hamlets)
      .innerJoin(groups, eq(groups.hamletId, hamlets.id))
      .where(and(eq(hamlets.communeId, communeId), isNull(hamlets.validTo)))
      .orderBy(asc(hamlets.sortOrder), asc(hamlets.name));
  },
  async countHamlets(db: Executor, communeId: string) {
    const [row] = await db.select({ n: count() }).from(hamlets).where(eq(hamlets.communeId, communeId));
    return row?.n ?? 0;
  },
  async insertHamlet(db: Executor, row: typeof hamlets.$inferInsert) {
    await db.insert(hamlets).values(row);
  },
  async insertGroup(db: Executor, row: typeof groups.$inferInsert) {
    await db.insert(groups).values(row);
  },
  /** A hamlet with its one group and the commune's province, for policy checks. */
  async findHamlet(db: Executor, id: string) {
    const [row] = await db
      .select({ hamlet: hamlets, group: groups, commune: communes })
      .from(hamlets)
      .innerJoin(groups, eq(groups.hamletId, hamlets.id))
      .innerJoin(communes, eq(communes.id, hamlets.communeId))
      .where(eq(hamlets.id, id));
    return row;
  },
  async findGroup(db: Executor, id: string) {
    const [row] = await db
      .select({ group: groups, hamlet: hamlets, provinceId: communes.provinceId })
      .from(groups)
      .innerJoin(hamlets, eq(hamlets.id, groups.hamletId))
      .innerJoin(communes, eq(communes.id, groups.communeId))
      .where(eq(groups.id, id));
    return row;
  },
  async updateGroup(db: Executor, id: string, patch: Partial<typeof groups.$inferInsert>) {
    await db.update(groups).set(patch).where(eq(groups.id, id));
  },
  /** Current leaders and deputies of the given groups, with the person's name and phone. */
  async groupOfficials(db: Executor, groupIds: string[]) {
    if (groupIds.length === 0) {
      return [];
    }
    return db
      .select({
        groupId: roleAssignments.groupId,
        role: roleAssignments.role,
        title: roleAssignments.title,
        userId: users.id,
        name: users.name,
        phone: users.phone,
        roleId: roleAssignments.id,
      })
      .from(roleAssignments)
      .innerJoin(users, eq(users.id, roleAssignments.userId))
      .where(
        and(
          inArray(roleAssignments.groupId, groupIds),
          inArray(roleAssignments.role, ["GROUP_LEADER", "GROUP_DEPUTY"]),
          isNull(roleAssignments.endedAt),
        ),
      );
  },
  async memberCounts(db: Executor, groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) {
      return new Map();
    }
    const rows = await db
      .select({ groupId: groupMembers.groupId, n: count() })
      .from(groupMembers)
      .where(and(inArray(groupMembers.groupId, groupIds), eq(groupMembers.status, "active")))
      .groupBy(groupMembers.groupId);
    return new Map(rows.map((r) => [r.groupId, r.n]));
  },
  async listMembers(
    db: Executor,
    groupId: string,
    pattern: string | undefined,
    limit: number,
    offset: number,
  ) {
    const where = and(
      eq(groupMembers.groupId, groupId),
      eq(groupMembers.status, "active"),
      pattern ? ilike(groupMembers.searchKey, pattern) : undefined,
    );
    const [total] = await db.select({ n: count() }).from(groupMembers).where(where);
    // The sort key's byte order is the Vietnamese name order (given, middle, family; then tones).
    const items = await db
      .select()
      .from(groupMembers)
      .where(where)
      .orderBy(sql`${groupMembers.sortKey} collate "C"`, asc(groupMembers.id))
      .limit(limit)
      .offset(offset);
    return { total: total?.n ?? 0, items };
  },
  async insertRole(db: Executor, row: typeof roleAssignments.$inferInsert) {
    await db.insert(roleAssignments).values(row);
  },
  async endRole(db: Executor, roleId: string, at: Date) {
    await db.update(roleAssignments).set({ endedAt: at }).where(eq(roleAssignments.id, roleId));
  },
  /** A current role; `lock` takes a row lock for a change inside the caller's transaction. */
  async findCurrentRole(
    db: Executor,
    where: { userId?: string; groupId?: string; communeId?: string; role: string },
    lock = false,
  ) {
    const query = db
      .select()
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.role, where.role),
          isNull(roleAssignments.endedAt),
          where.userId ? eq(roleAssignments.userId, where.userId) : undefined,
          where.groupId ? eq(roleAssignments.groupId, where.groupId) : undefined,
          where.communeId ? eq(roleAssignments.communeId, where.communeId) : undefined,
        ),
      );
    const [row] = lock ? await query.for("update") : await query;
    return row;
  },
  async currentRolesOfUser(db: Executor, userId: string) {
    return db
      .select({ role: roleAssignments, hamletName: hamlets.name })
      .from(roleAssignments)
      .leftJoin(hamlets, eq(hamlets.id, roleAssignments.hamletId))
      .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.endedAt)));
  },
  /** Police staff of a commune: officer accounts whose home is here, with their current roles. */
  async listOfficers(db: Executor, communeId: string) {
    const people = await db
      .select()
      .from(users)
      .where(and(eq(users.homeCommuneId, communeId), eq(users.isOfficer, true)));
    const ids = people.map((p) => p.id);
    const roles =
      ids.length === 0
        ? []
        : await db
            .select({ role: roleAssignments, hamletName: hamlets.name })
            .from(roleAssignments)
            .leftJoin(hamlets, eq(hamlets.id, roleAssignments.hamletId))
            .where(and(inArray(roleAssignments.userId, ids), isNull(roleAssignments.endedAt)));
    return { people, roles };
  },
  async insertMedia(db: Executor, row: typeof media.$inferInsert) {
    await db.insert(media).values(row);
  },
  async findMedia(db: Executor, id: string) {
    const [row] = await db.select().from(media).where(eq(media.id, id));
    return row;
  },
  /** Counts only: the province sees aggregates, never people (DESIGN §1). */
  async provinceSummary(db: Executor, provinceId: string) {
    const result = await db.execute<{
      commune_id: string;
      name: string;
      hamlets: string;
      groups: string;
      groups_with_leader: string;
      members: string;
    }>(sql`
      select c.id as commune_id, c.name,
        (select count(*) from hamlets h where h.commune_id = c.id and h.valid_to is null) as hamlets,
        (select count(*) from groups g where g.commune_id = c.id) as groups,
        (select count(distinct ra.group_id) from role_assignments ra
           where ra.commune_id = c.id and ra.role = 'GROUP_LEADER' and ra.ended_at is null) as groups_with_leader,
        (select count(*) from group_members m where m.commune_id = c.id and m.status = 'active') as members
      from communes c
      where c.province_id = ${provinceId} and c.valid_to is null
      order by c.name`);
    return result.rows;
  },
};
