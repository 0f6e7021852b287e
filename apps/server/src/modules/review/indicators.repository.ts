import { inArray, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { reports } from "../../db/schema";

/**
 * The review's counts (req. 39–40): grouped scans of one commune, or of every commune of a province.
 * Each flow query covers the current AND the previous period in one pass (`p` = 1 current, 0
 * previous). Counts come back at the finest grain asked for (per hamlet for a commune, per commune
 * for a province) and are added up by the service; only the median needs its levels from SQL
 * (GROUPING SETS). Only counts and ids leave this file: no names, phones or descriptions.
 */

/**
 * The communes read: one, or every commune of a province. A province's ids go in as a literal list
 * (`commune_id in (…)`), not as a subquery: the planner then knows how many rows to expect and
 * keeps the index on commune_id (a subquery made it guess 10× too few and pick nested loops).
 */
export type Scope = { communeIds: readonly string[] };
export type Window = { prevStart: Date; curStart: Date; curEnd: Date };
/** "hamlet": counts per hamlet (a commune's review); "commune": per commune (a province's). */
export type Grain = "hamlet" | "commune";

const inScope = (col: string, s: Scope): SQL => {
  const [only] = s.communeIds;
  if (s.communeIds.length === 1 && only) {
    return sql`${sql.raw(col)} = ${only}::uuid`;
  }
  if (s.communeIds.length === 0) {
    return sql`false`;
  }
  return sql`${sql.raw(col)} in (${sql.join(
    s.communeIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
};

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const inWindow = (col: string, w: Window) =>
  sql`${sql.raw(col)} >= ${ts(w.prevStart)} and ${sql.raw(col)} < ${ts(w.curEnd)}`;
const isCurrent = (col: string, w: Window) => sql`(${sql.raw(col)} >= ${ts(w.curStart)})::int`;
const hamletCol = (grain: Grain) => sql.raw(grain === "hamlet" ? "f.hamlet_id" : "null::uuid");

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/**
 * Runs one read with JIT compilation off (SET LOCAL: this transaction only). PostgreSQL JIT-compiles
 * every statement estimated above jit_above_cost, and for these province-wide grouped scans the
 * compilation took 0.4–1.5 s per statement, often more than the execution, again on every request
 * (bench/review.bench.ts). The reads are small transactions of their own, so they still run side by
 * side on the pool.
 */
function run(db: Executor, query: SQL): Promise<unknown> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(query);
  });
}

/** A count at the grain asked for: hamletId is null at commune grain (or for rows of no hamlet). */
export type FactRow = { p: number; key: string; communeId: string; hamletId: string | null; n: number };

type RawFact = { p: number; key: string; commune_id: string; hamlet_id: string | null; n: number };
const toFact = (r: RawFact): FactRow => ({
  p: Number(r.p),
  key: r.key,
  communeId: r.commune_id,
  hamletId: r.hamlet_id,
  n: Number(r.n),
});

export type ForwardingRule = { criminalKinds: readonly string[]; hours: number; remoteHours: number };

/**
 * Report-backed facts, one row per (report, key) — each appears once per key: a report is received
 * once, routed (forwarded or taken in commune) at most once and gets at most one outcome (the case
 * workflow has no way back to those states). The drill-down reads the same rows, so a list always
 * matches its count.
 */
function reportFacts(s: Scope, w: Window, fwd: ForwardingRule): SQL {
  const kinds = sql.join(
    fwd.criminalKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  return sql`
    select r.id::text as entity_id, r.commune_id, r.hamlet_id, ${isCurrent("r.received_at", w)} as p,
      case when r.flagged_spam or r.state = 'MERGED' then 'junk' else 'received:' || r.kind end as key
    from reports r
    where ${inScope("r.commune_id", s)} and ${inWindow("r.received_at", w)}
    union all
    select a.entity_id, r.commune_id, r.hamlet_id, ${isCurrent("a.at", w)} as p,
      case when a.at <= r.received_at + make_interval(hours =>
          case when coalesce(h.remote, false) or c.remote then ${fwd.remoteHours}::int else ${fwd.hours}::int end)
        then 'routed:ontime' else 'routed:late' end as key
    from audit_log a
    join reports r on r.id = a.entity_id::uuid
    join communes c on c.id = r.commune_id
    left join hamlets h on h.id = r.hamlet_id
    where ${inScope("a.commune_id", s)} and a.entity_type = 'report'
      and a.action in ('case.forwarded', 'case.handled_in_commune') and ${inWindow("a.at", w)}
      and r.kind in (${kinds})
    union all
    select a.entity_id, r.commune_id, r.hamlet_id, ${isCurrent("a.at", w)} as p, k.key
    from audit_log a
    join reports r on r.id = a.entity_id::uuid
    cross join lateral (values ('outcome:' || (a.data->>'code')),
      (case when (a.data->>'valuable')::boolean then 'valuable' end)) as k(key)
    where ${inScope("a.commune_id", s)} and a.entity_type = 'report' and a.action = 'case.outcome_recorded'
      and a.actor_user_id is not null and ${inWindow("a.at", w)} and k.key is not null`;
}

/** Moderation and commendations, one row per entity (additive over hamlets and communes). */
function otherFacts(s: Scope, w: Window): SQL {
  return sql`
    select po.id::text as entity_id, po.commune_id, g.hamlet_id, ${isCurrent("po.moderated_at", w)} as p,
      'mod:' || po.status as key
    from posts po join groups g on g.id = po.group_id
    where ${inScope("po.commune_id", s)} and po.status in ('hidden', 'rejected') and ${inWindow("po.moderated_at", w)}
    union all
    select ms.id::text, ms.commune_id, g.hamlet_id, ${isCurrent("ms.created_at", w)}, 'mod:removed'
    from member_sanctions ms join groups g on g.id = ms.group_id
    where ${inScope("ms.commune_id", s)} and ms.kind = 'remove' and ${inWindow("ms.created_at", w)}
    union all
    select cm.id::text, cm.commune_id, r.hamlet_id, ${isCurrent("cm.decided_at", w)},
      case when cm.recipient_kind = 'collective' then 'commend:collective' else 'commend:individual' end
    from commendations cm left join reports r on r.id = cm.report_id
    where ${inScope("cm.commune_id", s)} and cm.status = 'decided' and ${inWindow("cm.decided_at", w)}`;
}

export const indicatorsRepository = {
  /** Every additive flow count of both periods (reports, moderation, commendations) at the grain. */
  async flowFacts(db: Executor, s: Scope, w: Window, grain: Grain, fwd: ForwardingRule): Promise<FactRow[]> {
    const result = await run(
      db,
      sql`
      select f.p, f.key, f.commune_id, ${hamletCol(grain)} as hamlet_id, count(*)::int as n
      from (${reportFacts(s, w, fwd)} union all ${otherFacts(s, w)}) f
      group by 1, 2, 3, 4`,
    );
    return rowsOf<RawFact>(result).map(toFact);
  },

  /**
   * Announcements published, by category: per commune (each counted once), and per hamlet whose
   * group it reached when the grain is the hamlet (a whole-commune announcement counts in each).
   */
  async announcementFacts(db: Executor, s: Scope, w: Window, grain: Grain) {
    const perCommune = run(
      db,
      sql`
      select ${isCurrent("a.published_at", w)} as p, 'announcements:' || a.category as key, a.commune_id,
        null::uuid as hamlet_id, count(*)::int as n
      from announcements a
      where ${inScope("a.commune_id", s)} and ${inWindow("a.published_at", w)}
      group by 1, 2, 3`,
    );
    const perHamlet =
      grain === "hamlet"
        ? run(
            db,
            sql`
            select ${isCurrent("a.published_at", w)} as p, 'announcements:' || a.category as key, a.commune_id,
              g.hamlet_id, count(*)::int as n
            from announcements a
            join announcement_groups ag on ag.announcement_id = a.id
            join groups g on g.id = ag.group_id
            where ${inScope("a.commune_id", s)} and ${inWindow("a.published_at", w)}
            group by 1, 2, 3, 4`,
          )
        : Promise.resolve({ rows: [] });
    const [c, h] = await Promise.all([perCommune, perHamlet]);
    return { communes: rowsOf<RawFact>(c).map(toFact), hamlets: rowsOf<RawFact>(h).map(toFact) };
  },

  /** The current period's report ids behind some report-backed keys (one commune). */
  async reportIdsForKeys(db: Executor, communeId: string, w: Window, fwd: ForwardingRule, keys: string[]) {
    const exact = keys.filter((k) => !k.endsWith("*"));
    const prefixes = keys.filter((k) => k.endsWith("*")).map((k) => `${k.slice(0, -1)}%`);
    const match = sql.join(
      [
        ...(exact.length > 0
          ? [
              sql`f.key in (${sql.join(
                exact.map((k) => sql`${k}`),
                sql`, `,
              )})`,
            ]
          : []),
        ...prefixes.map((p) => sql`f.key like ${p}`),
      ],
      sql` or `,
    );
    const result = await run(
      db,
      sql`
      select distinct f.entity_id from (${reportFacts({ communeIds: [communeId] }, w, fwd)}) f
      where f.p = 1 and (${match})`,
    );
    return rowsOf<{ entity_id: string }>(result).map((r) => r.entity_id);
  },

  /**
   * Median minutes from receipt to the first response: the first officer message the reporter sees or
   * the acknowledgement, whichever came first. Reports not answered yet are left out (n counts the rest).
   */
  async firstResponse(db: Executor, s: Scope, w: Window, grain: Grain) {
    const sets =
      grain === "hamlet"
        ? sql.raw("grouping sets ((f.p, f.commune_id, f.hamlet_id), (f.p, f.commune_id))")
        : sql.raw("grouping sets ((f.p, f.commune_id), (f.p))");
    const result = await run(
      db,
      sql`
      with r as not materialized (
        select r.id, r.commune_id, r.hamlet_id, r.received_at, ${isCurrent("r.received_at", w)} as p
        from reports r
        where ${inScope("r.commune_id", s)} and ${inWindow("r.received_at", w)}
          and not r.flagged_spam and r.state <> 'MERGED'
      ),
      ack as (
        -- A case is acknowledged once (ACKNOWLEDGE only leaves RECEIVED, and nothing returns there).
        select a.entity_id::uuid as report_id, a.at from audit_log a
        where ${inScope("a.commune_id", s)} and a.entity_type = 'report' and a.action = 'case.acknowledged'
          and a.at >= ${ts(w.prevStart)}
      ),
      msg as (
        select m.report_id, min(m.created_at) as at from report_messages m join r on r.id = m.report_id
        where m.author = 'officer' and not m.internal
        group by m.report_id
      ),
      f as (
        select r.p, r.commune_id, r.hamlet_id,
          extract(epoch from (least(ack.at, msg.at) - r.received_at))::float8 / 60 as minutes
        from r left join ack on ack.report_id = r.id left join msg on msg.report_id = r.id
      )
      select f.p, f.commune_id, ${sql.raw(
        grain === "hamlet"
          ? "f.hamlet_id, grouping(f.commune_id) as gc, grouping(f.hamlet_id) as gh"
          : "null::uuid as hamlet_id, grouping(f.commune_id) as gc, 1 as gh",
      )},
        percentile_cont(0.5) within group (order by f.minutes) as median, count(f.minutes)::int as n
      from f group by ${sets}`,
    );
    return rowsOf<{
      p: number;
      commune_id: string | null;
      hamlet_id: string | null;
      gc: number;
      gh: number;
      median: number | string | null;
      n: number;
    }>(result).map((r) => ({
      p: Number(r.p),
      communeId: r.commune_id,
      hamletId: r.hamlet_id,
      /** hamlet | commune | all (the whole scope) */
      level: (Number(r.gh) === 0 ? "hamlet" : Number(r.gc) === 0 ? "commune" : "all") as
        | "hamlet"
        | "commune"
        | "all",
      median: r.median === null ? null : Number(r.median),
      n: Number(r.n),
    }));
  },

  /**
   * Hamlets that existed at some point of the two periods, with whether each existed and had its
   * group at each instant (`valid_to` is the first day the hamlet no longer exists).
   */
  async hamletsAt(
    db: Executor,
    s: Scope,
    days: { cur: string; prev: string; prevFrom: string },
    at: { cur: Date; prev: Date },
  ) {
    const result = await run(
      db,
      sql`
      select h.id as hamlet_id, h.commune_id, h.name, h.sort_order,
        (h.valid_from <= ${days.cur}::date and (h.valid_to is null or h.valid_to > ${days.cur}::date)) as cur,
        (h.valid_from <= ${days.prev}::date and (h.valid_to is null or h.valid_to > ${days.prev}::date)) as prev,
        g.id as group_id,
        coalesce(g.created_at <= ${ts(at.cur)}, false) as group_cur,
        coalesce(g.created_at <= ${ts(at.prev)}, false) as group_prev
      from hamlets h left join groups g on g.hamlet_id = h.id
      where ${inScope("h.commune_id", s)} and h.valid_from <= ${days.cur}::date
        and (h.valid_to is null or h.valid_to > ${days.prevFrom}::date)
      order by h.commune_id, h.sort_order, h.name`,
    );
    return rowsOf<{
      hamlet_id: string;
      commune_id: string;
      name: string;
      sort_order: number;
      cur: boolean;
      prev: boolean;
      group_id: string | null;
      group_cur: boolean;
      group_prev: boolean;
    }>(result).map((r) => ({
      hamletId: r.hamlet_id,
      communeId: r.commune_id,
      name: r.name,
      cur: r.cur,
      prev: r.prev,
      groupId: r.group_id,
      groupCur: r.group_cur,
      groupPrev: r.group_prev,
    }));
  },

  /**
   * Consenting members per group at two instants. `live`: the coverage module's definition (active,
   * consent given and not withdrawn); otherwise the same at a past instant from the timestamps.
   */
  async membersAt(db: Executor, s: Scope, at: { cur: Date | "live"; prev: Date | "live" }) {
    const when = (t: Date | "live") =>
      t === "live"
        ? sql`m.status = 'active' and m.consent_withdrawn_at is null`
        : sql`m.consent_at <= ${ts(t)} and m.joined_at <= ${ts(t)}
            and (m.consent_withdrawn_at is null or m.consent_withdrawn_at > ${ts(t)})
            and (m.left_at is null or m.left_at > ${ts(t)})`;
    const result = await run(
      db,
      sql`
      select m.group_id, count(*) filter (where ${when(at.cur)})::int as cur,
        count(*) filter (where ${when(at.prev)})::int as prev
      from group_members m
      where ${inScope("m.commune_id", s)} and m.consent_at is not null
      group by m.group_id`,
    );
    return rowsOf<{ group_id: string; cur: number; prev: number }>(result).map((r) => ({
      groupId: r.group_id,
      cur: Number(r.cur),
      prev: Number(r.prev),
    }));
  },

  /**
   * Households and covered households per hamlet now — the coverage module's definition
   * (coverage.repository householdCounts), for every commune of the scope in one grouped scan.
   */
  async liveCoverage(db: Executor, s: Scope) {
    const result = await run(
      db,
      sql`
      select hh.hamlet_id, count(*)::int as households, count(cm.household_id)::int as covered
      from households hh
      left join (
        select distinct m.household_id from group_members m
        where ${inScope("m.commune_id", s)} and m.status = 'active' and m.consent_at is not null
          and m.consent_withdrawn_at is null and m.household_confirmed and m.household_id is not null
      ) cm on cm.household_id = hh.id
      where ${inScope("hh.commune_id", s)} and hh.status = 'active'
      group by hh.hamlet_id`,
    );
    return rowsOf<{ hamlet_id: string; households: number; covered: number }>(result).map((r) => ({
      hamletId: r.hamlet_id,
      households: Number(r.households),
      covered: Number(r.covered),
    }));
  },

  /** Each hamlet's newest coverage snapshot on or before `day` (looking back at most 92 days). */
  async snapshotCoverage(db: Executor, s: Scope, day: string) {
    const result = await run(
      db,
      sql`
      select distinct on (cs.hamlet_id) cs.hamlet_id, cs.households, cs.covered
      from coverage_snapshots cs
      where ${inScope("cs.commune_id", s)} and cs.day <= ${day}::date and cs.day > ${day}::date - 92
      order by cs.hamlet_id, cs.day desc`,
    );
    return rowsOf<{ hamlet_id: string; households: number; covered: number }>(result).map((r) => ({
      hamletId: r.hamlet_id,
      households: Number(r.households),
      covered: Number(r.covered),
    }));
  },

  /** Coverage snapshot totals per day (the trend's past points), from 92 days before `from`. */
  async snapshotDays(db: Executor, s: Scope, from: string, to: string) {
    const result = await run(
      db,
      sql`
      select cs.day::text as day, sum(cs.households)::int as households, sum(cs.covered)::int as covered
      from coverage_snapshots cs
      where ${inScope("cs.commune_id", s)} and cs.day <= ${to}::date and cs.day > ${from}::date - 92
      group by cs.day order by cs.day`,
    );
    return rowsOf<{ day: string; households: number; covered: number }>(result).map((r) => ({
      day: r.day,
      households: Number(r.households),
      covered: Number(r.covered),
    }));
  },

  /** Reports received (junk apart) and announcements published per Vietnamese day of [start, end). */
  async dailyCounts(db: Executor, s: Scope, start: Date, end: Date) {
    const day = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '7 hours')::date::text`);
    const result = await run(
      db,
      sql`
      select 'reports' as series, ${day("r.received_at")} as day, count(*)::int as n
      from reports r
      where ${inScope("r.commune_id", s)} and r.received_at >= ${ts(start)} and r.received_at < ${ts(end)}
        and not r.flagged_spam and r.state <> 'MERGED'
      group by 2
      union all
      select 'announcements', ${day("a.published_at")}, count(*)::int
      from announcements a
      where ${inScope("a.commune_id", s)} and a.published_at >= ${ts(start)} and a.published_at < ${ts(end)}
      group by 2`,
    );
    return rowsOf<{ series: "reports" | "announcements"; day: string; n: number }>(result).map((r) => ({
      series: r.series,
      day: r.day,
      n: Number(r.n),
    }));
  },

  /**
   * Reports that were open (deadlines running) at `at`, with their state then: the current state when
   * nothing changed since, else the last case transition's target up to `at` from the audit trail.
   * Reports flagged as spam are left out (the review counts them apart).
   */
  async openAt(db: Executor, s: Scope, at: Date, openStates: readonly string[]) {
    const states = sql.join(
      openStates.map((x) => sql`${x}`),
      sql`, `,
    );
    const result = await run(
      db,
      sql`
      select x.* from (
        select r.id, r.commune_id, r.hamlet_id, r.kind, r.received_at,
          (coalesce(h.remote, false) or c.remote) as remote,
          case when r.updated_at < ${ts(at)} then r.state else coalesce((
            select a.data->>'to' from audit_log a
            where a.entity_type = 'report' and a.entity_id = r.id::text and a.action like 'case.%'
              and a.data ? 'to' and a.at <= ${ts(at)}
            order by a.id desc limit 1), 'RECEIVED') end as state_at
        from reports r
        join communes c on c.id = r.commune_id
        left join hamlets h on h.id = r.hamlet_id
        where ${inScope("r.commune_id", s)} and r.received_at <= ${ts(at)} and not r.flagged_spam
          and (r.updated_at >= ${ts(at)} or r.state in (${states}))
      ) x where x.state_at in (${states})`,
    );
    return rowsOf<{
      id: string;
      commune_id: string;
      hamlet_id: string | null;
      kind: string;
      received_at: Date | string;
      remote: boolean;
      state_at: string;
    }>(result).map((r) => ({
      id: r.id,
      communeId: r.commune_id,
      hamletId: r.hamlet_id,
      kind: r.kind,
      receivedAt: new Date(r.received_at),
      remote: r.remote,
      state: r.state_at,
    }));
  },

  /** Suspensions and resumptions up to `at` (suspended time does not count against deadlines). */
  async suspensionsUpTo(db: Executor, s: Scope, at: Date) {
    const result = await run(
      db,
      sql`
      select a.entity_id, a.action, a.at, a.data from audit_log a
      where ${inScope("a.commune_id", s)} and a.entity_type = 'report'
        and a.action in ('case.suspended', 'case.resumed') and a.at <= ${ts(at)}
      order by a.id`,
    );
    return rowsOf<{ entity_id: string; action: string; at: Date | string; data: Record<string, unknown> }>(
      result,
    ).map((r) => ({ reportId: r.entity_id, action: r.action, at: new Date(r.at), data: r.data }));
  },

  /** What the drill-down shows and the report policy needs; never description or identity. */
  async reportsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) {
      return [];
    }
    return db
      .select({
        id: reports.id,
        communeId: reports.communeId,
        hamletId: reports.hamletId,
        groupId: reports.groupId,
        category: reports.category,
        kind: reports.kind,
        state: reports.state,
        receivedAt: reports.receivedAt,
        chiefOnly: reports.chiefOnly,
        subjectOfficerUserId: reports.subjectOfficerUserId,
        assigneeUserId: reports.assigneeUserId,
      })
      .from(reports)
      .where(inArray(reports.id, ids));
  },

  /** Every commune of the province (the scope of its review), current ones first by name. */
  async communesOfProvince(db: Executor, provinceId: string) {
    const result = await run(
      db,
      sql`
      select c.id, c.name from communes c where c.province_id = ${provinceId}::uuid
      order by (c.valid_to is not null), c.name`,
    );
    return rowsOf<{ id: string; name: string }>(result);
  },
};
