import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { communes, loginFailures, roleAssignments, sessions, users } from "../../db/schema";

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export const userRepository = {
  async findByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.phone, phone));
    return row;
  },
  async findById(db: Executor, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  },
  async findByIds(db: Executor, ids: string[]): Promise<UserRow[]> {
    return ids.length === 0 ? [] : db.select().from(users).where(inArray(users.id, ids));
  },
  async insert(db: Executor, row: typeof users.$inferInsert): Promise<void> {
    await db.insert(users).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
    await db.update(users).set(patch).where(eq(users.id, id));
  },
  /** Current roles, each with its commune's "require TOTP" setting (one query per request). */
  async currentRoles(db: Executor, userId: string) {
    return db
      .select({
        role: roleAssignments.role,
        provinceId: roleAssignments.provinceId,
        communeId: roleAssignments.communeId,
        hamletId: roleAssignments.hamletId,
        groupId: roleAssignments.groupId,
        title: roleAssignments.title,
        communeRequiresTotp: communes.requireTotp,
      })
      .from(roleAssignments)
      .leftJoin(communes, eq(communes.id, roleAssignments.communeId))
      .where(and(eq(roleAssignments.userId, userId), isNull(roleAssignments.endedAt)));
  },
};

export const sessionRepository = {
  async insert(db: Executor, row: SessionRow): Promise<void> {
    await db.insert(sessions).values(row);
  },
  async findValid(db: Executor, id: string, now: Date) {
    const [row] = await db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
    return row;
  },
  async delete(db: Executor, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  },
  async deleteForUser(db: Executor, userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId));
  },
  async deleteExpired(db: Executor, now: Date): Promise<void> {
    await db.delete(sessions).where(lt(sessions.expiresAt, now));
  },
};

export const loginFailureRepository = {
  async get(db: Executor, key: string) {
    const [row] = await db.select().from(loginFailures).where(eq(loginFailures.key, key));
    return row;
  },
  async put(db: Executor, key: string, count: number, lockedUntil: Date | null, now: Date): Promise<void> {
    await db
      .insert(loginFailures)
      .values({ key, count, lockedUntil, updatedAt: now })
      .onConflictDoUpdate({ target: loginFailures.key, set: { count, lockedUntil, updatedAt: now } });
  },
  async clear(db: Executor, key: string): Promise<void> {
    await db.delete(loginFailures).where(eq(loginFailures.key, key));
  },
};
