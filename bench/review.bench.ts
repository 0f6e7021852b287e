/**
 * Issue #8 bench: review indicators (req. 39–40) for a province vs one commune, on PostgreSQL.
 * Dataset (bulk SQL with generate_series, in a database created and dropped here): 1 province,
 * 100 communes × 10 hamlets (one group each), 1,000,000 households (1,000 per hamlet), ≈614,000
 * consenting members, weekly coverage snapshots, 200,000 reports over two years in every state
 * (outcomes on the closed ones) with their audit rows (≈1.1 M: submitted, acknowledged,
 * verification, forwarded / handled in commune, suspended, outcome, closed, merged), officers'
 * messages, ≈30,000 announcements with their groups and 2,000,000 announcement_recipients rows,
 * hidden/rejected posts, member removals and commendations.
 * Measured through the services (counts for the province officer; the same for the chief of one
 * commune), p50 over BENCH_REVIEW_RUNS (5) after one warm-up, for two periods:
 *   A. the year 2025 (compared with 2024; coverage from snapshots; monthly trend),
 *   B. the last 90 days up to "today" (live coverage; weekly trend).
 * Then the time per repository query of one province run, and the same p50 with two candidate
 * indexes on other modules' tables (audit_log, reports), created here only to measure them.
 * Env: BINHYEN_BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_REVIEW_RUNS (5),
 * BENCH_REVIEW_REPORTS (200000), BENCH_REVIEW_HOUSEHOLDS_PER_HAMLET (1000); BENCH_REVIEW_KEEP=1 keeps the
 * database (for EXPLAIN), BENCH_REVIEW_SEED_ONLY=1 stops after seeding.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { loadConfig } from "../apps/server/src/config";
import { fixedClock } from "../apps/server/src/core/clock";
import { type Database, migrateDatabase, openPostgres } from "../apps/server/src/db/client";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { indicatorsRepository } from "../apps/server/src/modules/review/indicators.repository";
import { communeIndicators, provinceIndicators } from "../apps/server/src/modules/review/indicators.service";
import { buildCommune } from "../apps/server/src/test/factories";
import { actorOf } from "../apps/server/src/test/harness-actor";

const PG_ADMIN = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUNS = Number(process.env.BENCH_REVIEW_RUNS ?? 5);
const REPORTS = Number(process.env.BENCH_REVIEW_REPORTS ?? 200_000);
const PER_HAMLET = Number(process.env.BENCH_REVIEW_HOUSEHOLDS_PER_HAMLET ?? 1000);
/** Leave the database for EXPLAIN (and skip the measurements when BENCH_REVIEW_SEED_ONLY=1). */
const KEEP = process.env.BENCH_REVIEW_KEEP === "1";
const SEED_ONLY = process.env.BENCH_REVIEW_SEED_ONLY === "1";
/** Measure on a database kept by an earlier run (no seeding; it is not dropped). */
const REUSE = process.env.BENCH_REVIEW_DB;
const COMMUNES = 100;
const HAMLETS = 10;
const RECIPIENTS = 2_000_000;
/** "Today" for the bench: 15/1/2026 10:00 in Asia/Ho_Chi_Minh. */
const NOW = new Date("2026-01-15T10:00:00+07:00");
const PERIODS = [
  { label: "A. year 2025 vs 2024 (snapshots, monthly trend)", q: { from: "2025-01-01", to: "2025-12-31" } },
  {
    label: "B. last 90 days to today (live coverage, weekly trend)",
    q: { from: "2025-10-18", to: "2026-01-15" },
  },
];

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const T0 = performance.now();
const log = (msg: string) =>
  process.stdout.write(`  [${fmt((performance.now() - T0) / 1000, 1)} s] ${msg}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function seed(client: pg.Client, deps: Deps) {
  const t = await buildCommune(deps, { hamlets: HAMLETS, name: "Xã Bench 001" });
  const q = async (label: string, text: string, params: unknown[] = []) => {
    const s0 = performance.now();
    const r = await client.query(text, params);
    log(`seed: ${label} (${fmt(r.rowCount ?? 0)} rows, ${fmt((performance.now() - s0) / 1000, 1)} s)`);
  };
  const p = t.provinceId;
  const chief = t.users.chief.id;
  await q(
    "99 more communes",
    `insert into communes (id, province_id, name, kind, valid_from)
     select gen_random_uuid(), $1, 'Xã Bench ' || lpad(i::text, 3, '0'), 'XA', '2025-07-01'
     from generate_series(2, ${COMMUNES}) i`,
    [p],
  );
  await q(
    "their hamlets",
    `insert into hamlets (id, commune_id, name, search_key, kind, sort_order, valid_from)
     select gen_random_uuid(), c.id, 'Ấp ' || j, 'ap ' || j, 'AP', j, '2020-01-01'
     from communes c cross join generate_series(1, ${HAMLETS}) j where c.province_id = $1 and c.id <> $2`,
    [p, t.communeId],
  );
  // Every hamlet existed and had its group before both periods.
  await client.query(
    `update hamlets set valid_from = '2020-01-01' where commune_id in (select id from communes where province_id = $1)`,
    [p],
  );
  await q(
    "groups",
    `insert into groups (id, hamlet_id, commune_id, name, created_at, updated_at)
     select gen_random_uuid(), h.id, h.commune_id, 'Nhóm ' || h.name, '2023-01-01', '2023-01-01'
     from hamlets h join communes c on c.id = h.commune_id
     where c.province_id = $1 and not exists (select 1 from groups g where g.hamlet_id = h.id)`,
    [p],
  );
  await client.query(
    `update groups set created_at = '2023-01-01' where commune_id in (select id from communes where province_id = $1)`,
    [p],
  );
  await client.query(`
    create temporary table bench_h as
    select (row_number() over (order by h.commune_id, h.sort_order) - 1)::int as k, h.id as hamlet_id,
      h.commune_id, g.id as group_id
    from hamlets h join groups g on g.hamlet_id = h.id join communes c on c.id = h.commune_id
    where c.province_id = '${p}'`);
  await client.query("create unique index on bench_h (k)");
  await client.query("analyze bench_h");
  await q(
    `${fmt(COMMUNES * HAMLETS * PER_HAMLET)} households`,
    `insert into households (id, hamlet_id, commune_id, head_name, search_key, sort_key)
     select gen_random_uuid(), b.hamlet_id, b.commune_id, 'Chủ hộ ' || i, 'chu ho ' || i, ''
     from bench_h b cross join generate_series(1, ${PER_HAMLET}) i`,
  );
  await q(
    "members (≈61% of households, joined between 6/2024 and 10/2025)",
    `insert into group_members (id, group_id, commune_id, household_id, name, search_key, sort_key, kind,
       status, consent_at, joined_at)
     select gen_random_uuid(), b.group_id, hh.commune_id, hh.id, 'Thành viên', 'thanh vien', '', 'HOUSEHOLD_REP',
       'active', j, j
     from households hh join bench_h b on b.hamlet_id = hh.hamlet_id
     cross join lateral (select timestamptz '2024-06-01' + ((hashtext(hh.id::text) & 511) || ' days')::interval as j) x
     where (hashtext(hh.id::text) >> 10 & 1023) < 629`,
  );
  await q(
    "weekly coverage snapshots",
    `insert into coverage_snapshots (hamlet_id, commune_id, day, households, covered)
     select b.hamlet_id, b.commune_id, d::date, ${PER_HAMLET},
       (${PER_HAMLET} * 0.614 * least(1, greatest(0, (d::date - date '2024-06-01') / 512.0)))::int
     from bench_h b cross join generate_series(date '2024-07-07', date '2026-01-11', interval '7 days') d`,
  );
  // Reports: received evenly from 1/1/2024 to today; open when recent, else mostly closed.
  await q(
    `${fmt(REPORTS)} reports`,
    `insert into reports (id, commune_id, hamlet_id, group_id, category, kind, state, description, anonymous,
       receipt_key, channel, received_at, assignee_user_id, chief_only, outcome, flagged_spam, closed_at, updated_at)
     select gen_random_uuid(), b.commune_id, b.hamlet_id, b.group_id,
       (array['NATIONAL_SECURITY','CRIME','SOCIAL_EVIL','LAW_VIOLATION','TRAFFIC_ACCIDENT','FIRE_EXPLOSION',
              'RESIDENT_DISPUTE','POLICE_CONDUCT','OTHER'])[i % 9 + 1],
       (array['TO_GIAC','TIN_BAO','TIN_BAO_NAC_DANH','TIN_BAO_NAC_DANH','PHAN_ANH_KIEN_NGHI','KHIEU_NAI','TO_CAO'])[i % 7 + 1],
       x.state, 'Tin báo ' || i, i % 2 = 0, md5('bench' || i), 'web', x.received, $1, i % 9 = 7,
       case when x.state = 'CLOSED' then jsonb_build_object('code',
         (array['KHOI_TO','XU_PHAT_HANH_CHINH','BAT_GIU','TRUY_NA_FOUND','TAI_SAN_TRA_LAI','NGAN_CHAN_LUA_DAO',
                'KHONG_CO_CAN_CU','CHUYEN_CO_QUAN_KHAC','KHAC'])[i % 9 + 1],
         'valuable', i % 3 = 0, 'summary', 'Kết quả') end,
       i % 50 = 0, null, x.received
     from generate_series(1, ${REPORTS}) i
     join bench_h b on b.k = i % ${COMMUNES * HAMLETS}
     cross join lateral (select r.received, case
         when i % 50 = 0 then 'RECEIVED'
         when $2::timestamptz - r.received < interval '45 days' then
           (array['RECEIVED','ACKNOWLEDGED','VERIFYING','FORWARDED','HANDLED_IN_COMMUNE'])[i % 5 + 1]
         when i % 100 = 1 then 'FORWARDED'
         when i % 100 = 2 then 'SUSPENDED'
         when i % 100 = 3 then 'MERGED'
         else 'CLOSED' end as state
       from (select timestamptz '2024-01-01 00:00+07'
         + ((i - 1)::float8 * extract(epoch from $2::timestamptz - timestamptz '2024-01-01 00:00+07')::float8 / ${REPORTS}) * interval '1 second'
         as received) r) x`,
    [chief, NOW.toISOString()],
  );
  // The audit trail of each report's transitions (hash columns are placeholders: the chain is not verified here).
  await q(
    "audit rows of the transitions",
    `insert into audit_log (at, actor_user_id, action, entity_type, entity_id, commune_id, data, prev_hash, hash)
     select e.at, case when e.action = 'report.submitted' then null else $1::uuid end, e.action, 'report', r.id::text,
       r.commune_id, e.data, 'bench', 'bench'
     from reports r
     cross join lateral (select (extract(epoch from r.received_at)::bigint % 997)::int as h) o
     cross join lateral (select
       r.received_at + (o.h % 180) * interval '1 minute' as ack,
       r.received_at + (o.h % 180 + 60) * interval '1 minute' as verify,
       r.received_at + (2 + o.h % 34) * interval '1 hour' as routed,
       r.received_at + (10 + o.h % 20) * interval '1 day' as outcome) tl
     cross join lateral (values
       (r.received_at, 'report.submitted', '{}'::jsonb, true),
       (tl.ack, 'case.acknowledged', '{"from":"RECEIVED","to":"ACKNOWLEDGED"}'::jsonb, r.state not in ('RECEIVED')),
       (tl.verify, 'case.verification_started', '{"from":"ACKNOWLEDGED","to":"VERIFYING"}'::jsonb,
         r.state not in ('RECEIVED','ACKNOWLEDGED','MERGED')),
       (tl.ack + interval '1 minute', 'case.merged', '{"from":"ACKNOWLEDGED","to":"MERGED"}'::jsonb, r.state = 'MERGED'),
       (tl.routed, case when o.h % 2 = 0 then 'case.forwarded' else 'case.handled_in_commune' end,
         case when o.h % 2 = 0 then '{"from":"VERIFYING","to":"FORWARDED","agency":"CSĐT"}'::jsonb
           else '{"from":"VERIFYING","to":"HANDLED_IN_COMMUNE"}'::jsonb end,
         r.state in ('FORWARDED','HANDLED_IN_COMMUNE','CLOSED')),
       (tl.verify + interval '2 days', 'case.suspended', '{"from":"VERIFYING","to":"SUSPENDED","ground":"DOCUMENTS_PENDING"}'::jsonb,
         r.state = 'SUSPENDED'),
       (tl.outcome, 'case.outcome_recorded',
         jsonb_build_object('from', 'FORWARDED', 'to', 'OUTCOME_RECORDED', 'code', r.outcome->>'code',
           'valuable', (r.outcome->>'valuable')::boolean), r.state = 'CLOSED'),
       (tl.outcome + interval '1 day', 'case.closed', '{"from":"OUTCOME_RECORDED","to":"CLOSED"}'::jsonb,
         r.state = 'CLOSED')
     ) as e(at, action, data, keep)
     where e.keep and r.commune_id in (select id from communes where province_id = $2)
     order by e.at`,
    [chief, p],
  );
  await client.query(`
    update reports r set updated_at = a.at, closed_at = case when r.state = 'CLOSED' then a.at end
    from (select entity_id, max(at) as at from audit_log where entity_type = 'report' group by entity_id) a
    where a.entity_id = r.id::text`);
  await q(
    "officers' first messages (1 report in 3)",
    `insert into report_messages (id, report_id, author, author_user_id, body, internal, created_at)
     select gen_random_uuid(), r.id, 'officer', $1, 'Công an đã tiếp nhận.', false,
       r.received_at + ((extract(epoch from r.received_at)::bigint % 97) * interval '1 minute')
     from reports r where r.commune_id in (select id from communes where province_id = $2)
       and (extract(epoch from r.received_at)::bigint % 3) = 0`,
    [chief, p],
  );
  await q(
    "announcements (≈150 per commune and year)",
    `insert into announcements (id, commune_id, category, title, body, search_key, status, whole_commune,
       published_at, author_user_id, created_at, updated_at)
     select gen_random_uuid(), c.id,
       (array['LAW_POLICY','SECURITY_SITUATION','CRIME_METHODS','FIRE_SAFETY','TRAFFIC_SAFETY','GOOD_EXAMPLE',
              'ADMIN_PROCEDURE','FOREIGNER_REVIEW','WANTED_PERSON','MISSING_PERSON','DISASTER_EPIDEMIC','OTHER_DIRECTIVE'])[i % 12 + 1],
       'Thông báo ' || i, 'Nội dung', 'thong bao', 'published', i % 3 = 0,
       timestamptz '2024-01-01 08:00+07' + (i * 2.4) * interval '1 day' + (hashtext(c.id::text) & 1023) * interval '1 minute',
       $1, now(), now()
     from communes c cross join generate_series(0, 310) i where c.province_id = $2`,
    [chief, p],
  );
  await q(
    "announcement groups (whole commune: every group; else one)",
    `insert into announcement_groups (announcement_id, group_id)
     select a.id, b.group_id from announcements a join bench_h b on b.commune_id = a.commune_id
     where a.whole_commune or b.k % ${HAMLETS} = (hashtext(a.id::text) & 1023) % ${HAMLETS}`,
  );
  await q(
    `${fmt(RECIPIENTS)} announcement_recipients`,
    `insert into announcement_recipients (announcement_id, member_id, group_id, delivered_at, read_at)
     select a.id, gen_random_uuid(), a.group_id, a.published_at, case when i % 3 = 0 then a.published_at end
     from (select an.id, an.published_at, min(ag.group_id::text)::uuid as group_id from announcements an
           join announcement_groups ag on ag.announcement_id = an.id group by an.id, an.published_at
           order by an.published_at desc limit ${RECIPIENTS / 5000}) a
     cross join generate_series(1, 5000) i`,
  );
  await q(
    "hidden and rejected posts",
    `insert into posts (id, group_id, commune_id, author_name, body, search_key, status, created_at,
       moderated_by_user_id, moderated_at)
     select gen_random_uuid(), b.group_id, b.commune_id, 'Thành viên', 'Bài viết', 'bai viet',
       case when i % 2 = 0 then 'hidden' else 'rejected' end, x.at, $1, x.at + interval '1 hour'
     from generate_series(1, 6000) i join bench_h b on b.k = i % ${COMMUNES * HAMLETS}
     cross join lateral (select timestamptz '2024-01-01' + (i * 0.12) * interval '1 day' as at) x`,
    [chief],
  );
  await q(
    "member removals",
    `insert into member_sanctions (id, group_id, commune_id, member_id, kind, reason, by_user_id, created_at)
     select gen_random_uuid(), b.group_id, b.commune_id, gen_random_uuid(), 'remove', 'Vi phạm', $1,
       timestamptz '2024-01-01' + (i * 0.36) * interval '1 day'
     from generate_series(1, 2000) i join bench_h b on b.k = i % ${COMMUNES * HAMLETS}`,
    [chief],
  );
  await q(
    "commendations",
    `insert into commendations (id, commune_id, recipient_kind, recipient_name, reason, status, form,
       decision_number, decided_at, created_by_user_id, created_at)
     select gen_random_uuid(), b.commune_id, (array['individual','collective','anonymous_reporter'])[i % 3 + 1],
       'Người được khen', 'Lý do', case when i % 4 = 0 then 'proposed' else 'decided' end, 'Giấy khen',
       i || '/QĐ-CAX', timestamptz '2024-01-01' + (i * 0.36) * interval '1 day', $1, now()
     from generate_series(1, 2000) i join bench_h b on b.k = i % ${COMMUNES * HAMLETS}`,
    [chief],
  );
  const s0 = performance.now();
  await client.query("vacuum analyze");
  log(`seed: vacuum analyze (${fmt((performance.now() - s0) / 1000, 1)} s)`);
  return t;
}

/** The commune and users of a database seeded by an earlier run (BENCH_REVIEW_DB). */
async function existing(client: pg.Client) {
  const row = (
    await client.query(`
      select c.id as commune_id, c.province_id,
        (select user_id from role_assignments where role = 'COMMUNE_CHIEF' and commune_id = c.id limit 1) as chief,
        (select user_id from role_assignments where role = 'PROVINCE_OFFICER' and province_id = c.province_id limit 1)
          as province
      from communes c where c.name = 'Xã Bench 001'`)
  ).rows[0] as { commune_id: string; province_id: string; chief: string; province: string };
  return {
    provinceId: row.province_id,
    communeId: row.commune_id,
    users: { chief: { id: row.chief }, province: { id: row.province } },
  };
}

type Timed = { ms: number[]; bytes: number };

async function measure(run: () => Promise<unknown>): Promise<Timed> {
  const warm = await run();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s0 = performance.now();
    await run();
    ms.push(performance.now() - s0);
  }
  return { ms, bytes: JSON.stringify(warm).length };
}

/** Wraps every repository query to sum its time (queries of one run overlap: pool of 4). */
function instrument() {
  const times = new Map<string, number>();
  const repo = indicatorsRepository as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const originals = { ...repo };
  for (const [name, fn] of Object.entries(originals)) {
    repo[name] = async (...args: unknown[]) => {
      const s0 = performance.now();
      try {
        return await fn(...args);
      } finally {
        times.set(name, (times.get(name) ?? 0) + performance.now() - s0);
      }
    };
  }
  return {
    times,
    restore: () => Object.assign(repo, originals),
  };
}

async function main() {
  const rows: string[] = [];
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const name = REUSE ?? `binhyen_bench_review_${randomBytes(4).toString("hex")}`;
  if (!REUSE) {
    await admin.query(`create database ${name}`);
    log(`PostgreSQL: created database ${name}`);
  }
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    database = await openPostgres(url.toString(), 4);
    await migrateDatabase(database);
    await client.connect();
    const deps = createDeps({
      config: loadConfig({ NODE_ENV: "test", BINHYEN_DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }),
      database,
      secretKey: randomBytes(32).toString("base64"),
      version: "bench",
      clock: fixedClock(NOW),
      passwordCost: { memoryCost: 1024, timeCost: 1 },
    });
    const seed0 = performance.now();
    const t = REUSE ? await existing(client) : await seed(client, deps);
    const seedMs = performance.now() - seed0;
    const counts = (
      await client.query(`select
        (select count(*) from households) as households, (select count(*) from group_members) as members,
        (select count(*) from reports) as reports, (select count(*) from audit_log) as audit,
        (select count(*) from announcements) as announcements,
        (select count(*) from announcement_recipients) as recipients`)
    ).rows[0] as Record<string, string>;
    rows.push(
      `dataset: 1 province, ${COMMUNES} communes × ${HAMLETS} hamlets; households ${fmt(Number(counts.households))}, members ${fmt(Number(counts.members))}, reports ${fmt(Number(counts.reports))}, audit rows ${fmt(Number(counts.audit))}, announcements ${fmt(Number(counts.announcements))}, announcement_recipients ${fmt(Number(counts.recipients))}; seeded in ${fmt(seedMs / 1000, 1)} s`,
    );
    if (SEED_ONLY) {
      rows.push(`seed only: province ${t.provinceId}, commune ${t.communeId}`);
      return;
    }
    const province = await actorOf(deps, t.users.province.id);
    const chief = await actorOf(deps, t.users.chief.id);

    const runAll = async (tag: string) => {
      for (const { label, q } of PERIODS) {
        log(`${tag} ${label}: province ×${RUNS + 1}`);
        const pr = await measure(() => provinceIndicators(deps, province, t.provinceId, q));
        log(`${tag} ${label}: one commune ×${RUNS + 1}`);
        const co = await measure(() => communeIndicators(deps, chief, t.communeId, q));
        const p50p = median(pr.ms);
        const p50c = median(co.ms);
        rows.push(`${tag} ${label}`);
        rows.push(
          `  province (100 communes)  p50 ${fmt(p50p)} ms   runs ${pr.ms.map((x) => fmt(x)).join(" / ")} ms   JSON ${fmt(pr.bytes / 1024)} KiB`,
        );
        rows.push(
          `  one commune              p50 ${fmt(p50c)} ms   runs ${co.ms.map((x) => fmt(x)).join(" / ")} ms   JSON ${fmt(co.bytes / 1024)} KiB`,
        );
        rows.push(`  ratio province / commune ×${fmt(p50p / p50c, 1)} (data ×${COMMUNES})`);
      }
    };
    await runAll("[as shipped]");

    // Where the province's time goes (one run of each period after the warm-ups above).
    for (const { label, q } of PERIODS) {
      const ins = instrument();
      const s0 = performance.now();
      await provinceIndicators(deps, province, t.provinceId, q);
      const total = performance.now() - s0;
      ins.restore();
      rows.push(
        `[as shipped] province, ${label.slice(0, 2)} one run ${fmt(total)} ms; time inside each query (they overlap: pool of 4 on this machine's CPUs):`,
      );
      rows.push(
        `  ${[...ins.times]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(", ")} ms`,
      );
    }

    // Candidate indexes on other modules' tables, measured here only (not part of this change).
    log("candidate indexes: audit_log (commune_id, action, at), reports (commune_id, received_at)");
    const i0 = performance.now();
    await client.query("create index bench_audit_commune_action_at on audit_log (commune_id, action, at)");
    await client.query("create index bench_reports_commune_received on reports (commune_id, received_at)");
    await client.query("analyze audit_log; analyze reports");
    rows.push(`candidate indexes built in ${fmt((performance.now() - i0) / 1000, 1)} s`);
    await runAll("[+ candidate indexes]");
  } finally {
    if (REUSE) {
      // Leave the kept database as it was seeded.
      await client.query("drop index if exists bench_audit_commune_action_at").catch(() => undefined);
      await client.query("drop index if exists bench_reports_commune_received").catch(() => undefined);
    }
    await client.end().catch(() => undefined);
    await database?.close().catch(() => undefined);
    if (REUSE) {
      log(`PostgreSQL: left database ${name} in place (BENCH_REVIEW_DB)`);
    } else if (KEEP) {
      log(`PostgreSQL: kept database ${name} (BENCH_REVIEW_KEEP=1): drop it yourself`);
    } else {
      await admin.query(`drop database if exists ${name} with (force)`);
      log(`PostgreSQL: dropped database ${name}`);
    }
    await admin.end();
  }
  process.stdout.write(
    `\nBình Yên review indicators bench (${new Date().toISOString()}, ${process.version}, total ${fmt((performance.now() - T0) / 1000)} s)\n${rows.join("\n")}\n`,
  );
}

await main();
