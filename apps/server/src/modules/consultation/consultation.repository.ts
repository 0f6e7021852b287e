import { and, count, countDistinct, desc, eq, gt, inArray, isNull, lte, max, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import {
  communes,
  groupMembers,
  groupRulesVersions,
  groups,
  polls,
  pollVotes,
  roleAssignments,
  rulesAcknowledgements,
  users,
} from "../../db/schema";

export type PollRow = typeof polls.$inferSelect;

const rows = <T>(r: unknown): T[] => (r as { rows: T[] }).rows ?? (r as T[]);

/** Open = not closed early and before its deadline. */
const openAt = (now: Date) => and(isNull(polls.closedAt), gt(polls.deadline, now));
const endedAt = (now: Date) => or(sql`${polls.closedAt} is not null`, lte(polls.deadline, now));

/** Group rules (versions, acknowledgements) and polls (ballots). */
export const consultationRepository = {
  /**
   * Row lock on the group: publishing takes it FOR UPDATE, acknowledging FOR SHARE, so version n+1
   * is computed without a race and an acknowledgement never lands on a version just replaced.
   */
  async lockGroup(db: Executor, groupId: string, mode: "update" | "share") {
    await db.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for(mode);
  },
  /** The version in force, with its text and publisher. */
  async currentRules(db: Executor, groupId: string) {
    const [row] = await db
      .select({
        version: groupRulesVersions.version,
        text: groupRulesVersions.text,
        publishedAt: groupRulesVersions.publishedAt,
        publishedByUserId: groupRulesVersions.publishedByUserId,
        publishedByName: users.name,
      })
      .from(groupRulesVersions)
      .leftJoin(users, eq(users.id, groupRulesVersions.publishedByUserId))
      .where(eq(groupRulesVersions.groupId, groupId))
      .orderBy(desc(groupRulesVersions.version))
      .limit(1);
    return row;
  },
  async rulesHistory(db: Executor, groupId: string) {
    return db
      .select({ version: groupRulesVersions.version, publishedAt: groupRulesVersions.publishedAt })
      .from(groupRulesVersions)
      .where(eq(groupRulesVersions.groupId, groupId))
      .orderBy(desc(groupRulesVersions.version));
  },
  async hasRulesVersion(db: Executor, groupId: string, version: number): Promise<boolean> {
    const [row] = await db
      .select({ version: groupRulesVersions.version })
      .from(groupRulesVersions)
      .where(and(eq(groupRulesVersions.groupId, groupId), eq(groupRulesVersions.version, version)));
    return row !== undefined;
  },
  async insertRulesVersion(db: Executor, row: typeof groupRulesVersions.$inferInsert) {
    await db.insert(groupRulesVersions).values(row);
  },
  /** The highest version this person acknowledged, or null. */
  async acknowledgedVersion(db: Executor, groupId: string, userId: string): Promise<number | null> {
    const [row] = await db
      .select({ v: max(rulesAcknowledgements.version) })
      .from(rulesAcknowledgements)
      .where(and(eq(rulesAcknowledgements.groupId, groupId), eq(rulesAcknowledgements.userId, userId)));
    return row?.v ?? null;
  },
  async countAcknowledgements(db: Executor, groupId: string, version: number): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(rulesAcknowledgements)
      .where(and(eq(rulesAcknowledgements.groupId, groupId), eq(rulesAcknowledgements.version, version)));
    return row?.n ?? 0;
  },
  /** People who hold a member role in the group now: those who can acknowledge and vote. */
  async countMemberUsers(db: Executor, groupId: string): Promise<number> {
    const [row] = await db
      .select({ n: countDistinct(roleAssignments.userId) })
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.groupId, groupId),
          eq(roleAssignments.role, "GROUP_MEMBER"),
          isNull(roleAssignments.endedAt),
        ),
      );
    return row?.n ?? 0;
  },
  /** Inserts the acknowledgement unless it exists; true when this call wrote it. */
  async insertAcknowledgement(db: Executor, row: typeof rulesAcknowledgements.$inferInsert) {
    const r = await db
      .insert(rulesAcknowledgements)
      .values(row)
      .onConflictDoNothing()
      .returning({ userId: rulesAcknowledgements.userId });
    return r.length > 0;
  },
  /** The member record (household representative) of this user in this group, if any. */
  async memberIdOf(db: Executor, userId: string, groupId: string): Promise<string | null> {
    const [m] = await db
      .select({ id: groupMembers.id })
      .from(groupMembers)
      .where(
        and(
          eq(groupMembers.userId, userId),
          eq(groupMembers.groupId, groupId),
          eq(groupMembers.status, "active"),
        ),
      )
      .limit(1);
    return m?.id ?? null;
  },

  async insertPoll(db: Executor, row: typeof polls.$inferInsert) {
    await db.insert(polls).values(row);
  },
  /** A poll with its creator's name and the province of its commune (for the tenant check). */
  async findPoll(db: Executor, id: string) {
    const [row] = await db
      .select({ poll: polls, provinceId: communes.provinceId, creatorName: users.name })
      .from(polls)
      .innerJoin(communes, eq(communes.id, polls.communeId))
      .leftJoin(users, eq(users.id, polls.createdByUserId))
      .where(eq(polls.id, id));
    return row;
  },
  async lockPoll(db: Executor, id: string, mode: "update" | "share") {
    const [row] = await db.select().from(polls).where(eq(polls.id, id)).for(mode);
    return row;
  },
  async closePoll(db: Executor, id: string, now: Date) {
    await db.update(polls).set({ closedAt: now }).where(eq(polls.id, id));
  },
  async listPolls(
    db: Executor,
    groupId: string,
    f: { status?: "open" | "closed" | undefined; now: Date; limit: number; offset: number },
  ) {
    const where = and(
      eq(polls.groupId, groupId),
      f.status === "open" ? openAt(f.now) : f.status === "closed" ? endedAt(f.now) : undefined,
    );
    const [total] = await db.select({ n: count() }).from(polls).where(where);
    const items = await db
      .select({ poll: polls, creatorName: users.name })
      .from(polls)
      .leftJoin(users, eq(users.id, polls.createdByUserId))
      .where(where)
      .orderBy(desc(polls.createdAt), desc(polls.id))
      .limit(f.limit)
      .offset(f.offset);
    return { total: total?.n ?? 0, items };
  },
  async ballotCounts(db: Executor, pollIds: string[]): Promise<Map<string, number>> {
    if (pollIds.length === 0) {
      return new Map();
    }
    const r = await db
      .select({ pollId: pollVotes.pollId, n: count() })
      .from(pollVotes)
      .where(inArray(pollVotes.pollId, pollIds))
      .groupBy(pollVotes.pollId);
    return new Map(r.map((x) => [x.pollId, x.n]));
  },
  async findVote(db: Executor, pollId: string, voterKey: string) {
    const [row] = await db
      .select({ choices: pollVotes.choices })
      .from(pollVotes)
      .where(and(eq(pollVotes.pollId, pollId), eq(pollVotes.voterKey, voterKey)));
    return row;
  },
  /** The caller's ballots in these polls; each key is specific to its poll, so no cross matches. */
  async votesByKeys(db: Executor, pollIds: string[], voterKeys: string[]): Promise<Map<string, number[]>> {
    if (pollIds.length === 0) {
      return new Map();
    }
    const r = await db
      .select({ pollId: pollVotes.pollId, choices: pollVotes.choices })
      .from(pollVotes)
      .where(and(inArray(pollVotes.pollId, pollIds), inArray(pollVotes.voterKey, voterKeys)));
    return new Map(r.map((x) => [x.pollId, x.choices]));
  },
  /** One ballot per (poll, voter key): a second one replaces the first. */
  async upsertVote(db: Executor, row: typeof pollVotes.$inferInsert) {
    await db
      .insert(pollVotes)
      .values(row)
      .onConflictDoUpdate({
        target: [pollVotes.pollId, pollVotes.voterKey],
        set: { choices: row.choices, at: row.at },
      });
  },
  /** Ballots and, per option index, how many ballots chose it (counted in the database). */
  async tally(db: Executor, pollId: string) {
    const [total] = await db.select({ n: count() }).from(pollVotes).where(eq(pollVotes.pollId, pollId));
    const perOption = rows<{ choice: number; n: number }>(
      await db.execute(sql`
        select c.value::int as choice, count(*)::int as n
        from poll_votes v cross join lateral jsonb_array_elements_text(v.choices) c
        where v.poll_id = ${pollId}
        group by 1`),
    );
    return { total: total?.n ?? 0, perOption };
  },
  /** Named ballots of a poll that is not anonymous (anonymous rows hold no user id). */
  async namedVoters(db: Executor, pollId: string) {
    return db
      .select({ name: users.name, choices: pollVotes.choices })
      .from(pollVotes)
      .innerJoin(users, eq(users.id, pollVotes.userId))
      .where(eq(pollVotes.pollId, pollId));
  },
};
