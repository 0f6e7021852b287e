import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { coverageSnapshots, groupMembers, groups, hamlets, households } from "../../db/schema";

/**
 * Coverage counts with three grouped scans of one commune (or one hamlet): the cost follows the
 * commune's size, not the province's (indexes on households(hamlet_id, status) and
 * group_members(household_id)).
 */
export const coverageRepository = {
  async hamlets(db: Executor, communeId: string, hamletId?: string) {
    return db
      .select({ hamletId: hamlets.id, name: hamlets.name, groupId: groups.id, sortOrder: hamlets.sortOrder })
      .from(hamlets)
      .innerJoin(groups, eq(groups.hamletId, hamlets.id))
      .where(
        and(
          eq(hamlets.communeId, communeId),
          sql`${hamlets.validTo} is null`,
          hamletId ? eq(hamlets.id, hamletId) : undefined,
        ),
      )
      .orderBy(asc(hamlets.sortOrder), asc(hamlets.name));
  },

  /**
   * Active households per hamlet, split by covered and by outreach status. The covering members
   * are taken from this commune only (index on group_members(commune_id, status)); a correlated
   * EXISTS here lets the planner hash every member of the province instead.
   */
  async householdCounts(db: Executor, communeId: string, hamletId?: string) {
    const result = await db.execute<{
      hamlet_id: string;
      covered: boolean;
      contact_status: string;
      n: number;
    }>(sql`
      select hh.hamlet_id, (cm.household_id is not null) as covered, hh.contact_status, count(*)::int as n
      from households hh
      left join (
        select distinct m.household_id from group_members m
        where m.commune_id = ${communeId} and m.status = 'active' and m.consent_at is not null
          and m.consent_withdrawn_at is null and m.household_confirmed and m.household_id is not null
      ) cm on cm.household_id = hh.id
      where hh.commune_id = ${communeId} and hh.status = 'active'
        ${hamletId ? sql`and hh.hamlet_id = ${hamletId}` : sql``}
      group by hh.hamlet_id, (cm.household_id is not null), hh.contact_status`);
    return result.rows.map((r) => ({
      hamletId: r.hamlet_id,
      covered: r.covered,
      contactStatus: r.contact_status,
      n: Number(r.n),
    }));
  },

  /** Members who count (consenting, active), by kind, per group. */
  async memberCounts(db: Executor, communeId: string, groupId?: string) {
    return db
      .select({ groupId: groupMembers.groupId, kind: groupMembers.kind, n: sql<number>`count(*)::int` })
      .from(groupMembers)
      .where(
        and(
          groupId ? eq(groupMembers.groupId, groupId) : eq(groupMembers.communeId, communeId),
          sql`${groupMembers.status} = 'active' and ${groupMembers.consentAt} is not null and ${groupMembers.consentWithdrawnAt} is null`,
        ),
      )
      .groupBy(groupMembers.groupId, groupMembers.kind);
  },

  async trend(db: Executor, communeId: string, since: string, hamletId?: string) {
    return db
      .select({
        day: coverageSnapshots.day,
        households: sql<number>`sum(${coverageSnapshots.households})::int`,
        covered: sql<number>`sum(${coverageSnapshots.covered})::int`,
      })
      .from(coverageSnapshots)
      .where(
        and(
          hamletId ? eq(coverageSnapshots.hamletId, hamletId) : eq(coverageSnapshots.communeId, communeId),
          gte(coverageSnapshots.day, since),
        ),
      )
      .groupBy(coverageSnapshots.day)
      .orderBy(asc(coverageSnapshots.day));
  },

  /** Today's snapshot for every hamlet (upsert): the trend's newest point. */
  async snapshotAll(db: Executor, day: string) {
    await db.execute(sql`
      insert into coverage_snapshots (hamlet_id, commune_id, day, households, covered)
      select h.id, h.commune_id, ${day}::date,
        (select count(*) from households hh where hh.hamlet_id = h.id and hh.status = 'active'),
        (select count(*) from households hh where hh.hamlet_id = h.id and hh.status = 'active'
           and exists (select 1 from group_members m where m.household_id = hh.id and m.status = 'active'
             and m.consent_at is not null and m.consent_withdrawn_at is null and m.household_confirmed))
      from hamlets h where h.valid_to is null
      on conflict (hamlet_id, day) do update set households = excluded.households, covered = excluded.covered`);
  },
};
