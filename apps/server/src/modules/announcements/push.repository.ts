import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { announcementDeliveries, pushSubscriptions, systemSecrets } from "../../db/schema";

/** A browser subscription owed an announcement, with the recipient it stands for. */
export type PushTarget = {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  member_id: string;
  group_id: string;
};

/** Web Push: the server's sealed secrets, browser subscriptions and per-subscription delivery status. */
export const pushRepository = {
  /** A sealed system secret by name (the VAPID key pair). */
  async findSecret(db: Executor, name: string) {
    const [row] = await db.select().from(systemSecrets).where(eq(systemSecrets.name, name));
    return row;
  },
  /** Stores a secret unless one of that name exists already (first writer wins). */
  async insertSecretIfAbsent(db: Executor, row: typeof systemSecrets.$inferInsert) {
    await db.insert(systemSecrets).values(row).onConflictDoNothing();
  },
  /** One row per endpoint: a browser subscribing again (or for another user) takes the row over. */
  async upsertSubscription(db: Executor, row: typeof pushSubscriptions.$inferInsert) {
    await db
      .insert(pushSubscriptions)
      .values(row)
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { userId: row.userId, p256dh: row.p256dh, auth: row.auth },
      });
  },
  /** Removes the user's own subscription of that endpoint. */
  async deleteSubscription(db: Executor, endpoint: string, userId: string) {
    await db
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)));
  },
  /** Forgets a subscription the push service says is gone. */
  async deleteSubscriptionById(db: Executor, id: string) {
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  },
  async markSubscriptionSucceeded(db: Executor, id: string, at: Date) {
    await db.update(pushSubscriptions).set({ lastSuccessAt: at }).where(eq(pushSubscriptions.id, id));
  },
  /** The recipients' subscriptions not yet settled for this announcement (none delivered, gone or failed). */
  async pendingTargets(db: Executor, announcementId: string): Promise<PushTarget[]> {
    const targets = await db.execute<PushTarget>(sql`
        select distinct on (s.id) s.id, s.endpoint, s.p256dh, s.auth, r.member_id, r.group_id
        from announcement_recipients r join push_subscriptions s on s.user_id = r.user_id
        where r.announcement_id = ${announcementId}
          and not exists (select 1 from announcement_deliveries d where d.announcement_id = ${announcementId}
            and d.channel = 'push' and d.target = s.id::text and d.status <> 'pending')
        order by s.id`);
    return targets.rows;
  },
  /** Records one push attempt to a subscription: inserts the delivery row or counts another attempt. */
  async recordDelivery(
    db: Executor,
    d: {
      announcementId: string;
      target: string;
      memberId: string;
      groupId: string;
      status: string;
      lastError: string | null;
      at: Date;
    },
  ) {
    await db
      .insert(announcementDeliveries)
      .values({
        announcementId: d.announcementId,
        channel: "push",
        target: d.target,
        memberId: d.memberId,
        groupId: d.groupId,
        status: d.status,
        attempts: 1,
        lastError: d.lastError,
        updatedAt: d.at,
      })
      .onConflictDoUpdate({
        target: [
          announcementDeliveries.announcementId,
          announcementDeliveries.channel,
          announcementDeliveries.target,
        ],
        set: {
          status: d.status,
          lastError: d.lastError,
          attempts: sql`${announcementDeliveries.attempts} + 1`,
          updatedAt: d.at,
        },
      });
  },
};
