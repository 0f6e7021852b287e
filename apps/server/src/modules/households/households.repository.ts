import { and, asc, count, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { groupMembers, households } from "../../db/schema";

export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdInsert = typeof households.$inferInsert;

/**
 * A member who counts for coverage and receives deliveries: active, consent given and not
 * withdrawn, household confirmed by the leader (req. 16, plan II.5.1).
 */
export const countingMember = (m: typeof groupMembers = groupMembers): SQL =>
  sql`${m.status} = 'active' and ${m.consentAt} is not null and ${m.consentWithdrawnAt} is null and ${m.householdConfirmed}`;

/**
 * Written as plain SQL on purpose: in a select list drizzle drops table qualifiers, and an
 * unqualified "id" inside this subquery would bind to group_members.id.
 */
export const householdCovered = sql<boolean>`exists (select 1 from group_members cm where cm.household_id = "households"."id" and cm.status = 'active' and cm.consent_at is not null and cm.consent_withdrawn_at is null and cm.household_confirmed)`;
const isCovered = householdCovered;

export type HouseholdFilter = {
  pattern?: string | undefined;
  status?: string | undefined;
  reached?: "yes" | "no" | undefined;
};

export const householdsRepository = {
  async list(db: Executor, hamletId: string, f: HouseholdFilter, limit: number, offset: number) {
    const where = and(
      eq(households.hamletId, hamletId),
      f.status ? eq(households.status, f.status) : undefined,
      f.pattern ? ilike(households.searchKey, f.pattern) : undefined,
      f.reached === "yes" ? and(eq(households.status, "active"), isCovered) : undefined,
      f.reached === "no" ? and(eq(households.status, "active"), sql`not ${isCovered}`) : undefined,
    );
    const [total] = await db.select({ n: count() }).from(households).where(where);
    const rows = await db
      .select({ household: households, covered: isCovered })
      .from(households)
      .where(where)
      .orderBy(sql`${households.sortKey} collate "C"`, asc(households.id))
      .limit(limit)
      .offset(offset);
    return { total: total?.n ?? 0, rows };
  },

  async representatives(db: Executor, householdIds: string[]) {
    if (householdIds.length === 0) {
      return [];
    }
    return db
      .select({ householdId: groupMembers.householdId, memberId: groupMembers.id, name: groupMembers.name })
      .from(groupMembers)
      .where(and(inArray(groupMembers.householdId, householdIds), countingMember()));
  },

  async find(db: Executor, id: string) {
    const [row] = await db.select().from(households).where(eq(households.id, id));
    return row;
  },

  async isCovered(db: Executor, id: string): Promise<boolean> {
    const [row] = await db.select({ covered: isCovered }).from(households).where(eq(households.id, id));
    return row?.covered ?? false;
  },

  /** Every household of a hamlet, for matching an import in memory. */
  async allOfHamlet(db: Executor, hamletId: string) {
    return db.select().from(households).where(eq(households.hamletId, hamletId));
  },

  async findByCode(db: Executor, hamletId: string, code: string) {
    const [row] = await db
      .select()
      .from(households)
      .where(and(eq(households.hamletId, hamletId), eq(households.code, code)));
    return row;
  },

  async insert(db: Executor, rows: HouseholdInsert[]) {
    if (rows.length > 0) {
      await db.insert(households).values(rows);
    }
  },

  async update(db: Executor, id: string, patch: Partial<HouseholdInsert>) {
    await db.update(households).set(patch).where(eq(households.id, id));
  },

  /** Households of a hamlet whose phones include `phone` or whose head's key equals `nameKey`. */
  async matchCandidates(db: Executor, hamletId: string, phone: string, nameKey: string) {
    return db
      .select()
      .from(households)
      .where(
        and(
          eq(households.hamletId, hamletId),
          eq(households.status, "active"),
          sql`(${phone} = any(${households.phones}) or ${households.searchKey} = ${nameKey})`,
        ),
      )
      .limit(5);
  },
};
