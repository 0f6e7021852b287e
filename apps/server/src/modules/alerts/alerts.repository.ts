import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { officerAlerts, pushSubscriptions } from "../../db/schema";

export type AlertRow = typeof officerAlerts.$inferSelect;

export const alertsRepository = {
  /** Inserts the alerts not raised before (per user and dedupe key); returns the new ones. */
  async insertNew(db: Executor, rows: (typeof officerAlerts.$inferInsert)[]): Promise<AlertRow[]> {
    if (rows.length === 0) {
      return [];
    }
    return db
      .insert(officerAlerts)
      .values(rows)
      .onConflictDoNothing({ target: [officerAlerts.userId, officerAlerts.dedupeKey] })
      .returning();
  },
  async listForUser(db: Executor, userId: string, limit: number) {
    return db
      .select()
      .from(officerAlerts)
      .where(eq(officerAlerts.userId, userId))
      .orderBy(desc(officerAlerts.createdAt))
      .limit(limit);
  },
  async unreadCount(db: Executor, userId: string): Promise<number> {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(officerAlerts)
      .where(and(eq(officerAlerts.userId, userId), isNull(officerAlerts.readAt)));
    return Number(r?.n ?? 0);
  },
  async markRead(db: Executor, userId: string, id: string | null, at: Date): Promise<number> {
    const rows = await db
      .update(officerAlerts)
      .set({ readAt: at })
      .where(
        and(
          eq(officerAlerts.userId, userId),
          isNull(officerAlerts.readAt),
          id ? eq(officerAlerts.id, id) : sql`true`,
        ),
      )
      .returning({ id: officerAlerts.id });
    return rows.length;
  },
  async findMany(db: Executor, ids: string[]) {
    if (ids.length === 0) {
      return [];
    }
    return db.select().from(officerAlerts).where(inArray(officerAlerts.id, ids));
  },
  async subscriptionsOf(db: Executor, userIds: string[]) {
    if (userIds.length === 0) {
      return [];
    }
    return db.select().from(pushSubscriptions).where(inArray(pushSubscriptions.userId, userIds));
  },
  /** Urgent reports nobody has acknowledged since `before`. */
  async unacknowledgedUrgent(db: Executor, before: Date) {
    const r = await db.execute<{
      id: string;
      commune_id: string;
      chief_only: boolean;
      subject_officer_user_id: string | null;
      hamlet_name: string | null;
    }>(sql`
      select r.id, r.commune_id, r.chief_only, r.subject_officer_user_id, h.name as hamlet_name
      from reports r left join hamlets h on h.id = r.hamlet_id
      where r.urgent and r.state = 'RECEIVED' and r.received_at <= ${before.toISOString()}`);
    return r.rows;
  },
  /** Current chief and deputies of a commune. */
  async management(db: Executor, communeId: string) {
    const r = await db.execute<{ user_id: string; role: string }>(sql`
      select user_id, role from role_assignments
      where commune_id = ${communeId} and ended_at is null and role in ('COMMUNE_CHIEF', 'COMMUNE_DEPUTY')`);
    return r.rows;
  },
};
