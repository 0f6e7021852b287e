/**
 * Issue #6 bench: the moderation queue pages for a commune with 100,000 held items vs. 100.
 * A commune of 7 groups (premoderated), the chief and the leader of group 1 with sessions, and
 * posts generated inside the database (INSERT … SELECT generate_series): N held posts spread over
 * the groups and the last year (realistic bodies, 1 in 8 with policy hits), N/2 published ones
 * (1 in 20 flagged), N/20 rejected or hidden (with hits), and reports on about 1 in 50 published
 * and 1 in 100 held posts, half of them still open. For N = 100 (the baseline), 3,500 (a full
 * 500-item page in every group over a small backlog: separates page size from backlog size) and
 * 100,000, on PGlite and on PostgreSQL: p50/p95 over 30 requests (after 3 warm-ups) through
 * app.inject of
 *   GET /api/groups/:groupId/moderation     (the leader's queue of one group)
 *   GET /api/communes/:communeId/moderation (the chief's console over all groups)
 * and the ratios to the smaller datasets measured in the same run; then the statements of one
 * request of each at N = 100,000, slowest first (BENCH_MODQ_EXPLAIN=1 adds EXPLAIN ANALYZE).
 * PostgreSQL gets VACUUM ANALYZE after seeding (what autovacuum does after a bulk insert); PGlite
 * does not (no autovacuum and the app runs neither), unless BENCH_MODQ_VACUUM_PGLITE=1.
 * Env: BINHYEN_BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_MODQ_HELD
 * (100000), BENCH_MODQ_REQUESTS (30), BENCH_MODQ_PGLITE=0 / BENCH_MODQ_PG=0 skip a backend.
 */
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { type Database, migrateDatabase, openPglite, openPostgres } from "../apps/server/src/db/client";
import { sessions } from "../apps/server/src/db/schema";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { sha256 } from "../apps/server/src/modules/auth/auth.service";
import { buildCommune, type TestCommune } from "../apps/server/src/test/factories";

const BIG = Number(process.env.BENCH_MODQ_HELD ?? 100_000);
const SMALL = 100;
/** A full page (500 held in a group) over a small backlog: separates page size from backlog size. */
const MID = 3500;
const REQUESTS = Number(process.env.BENCH_MODQ_REQUESTS ?? 30);
const WARMUP = 3;
/** Per endpoint and dataset: stop early past this (keeps a slow, untuned run bounded). */
const BUDGET_MS = 30_000;
const GROUPS = 7;
const PG_ADMIN = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const EXPLAIN = process.env.BENCH_MODQ_EXPLAIN === "1";
const VACUUM_PGLITE = process.env.BENCH_MODQ_VACUUM_PGLITE === "1";

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const T0 = performance.now();
const log = (msg: string) =>
  process.stdout.write(`  [${fmt((performance.now() - T0) / 1000, 1)} s] ${msg}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
};
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
type Backend = {
  label: string;
  database: Database;
  /** Straight to the driver (EXPLAIN of captured statements). */
  raw: Query;
  drop(): Promise<void>;
};

async function openPg(): Promise<Backend> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  await admin.connect();
  const name = `binhyen_bench_modq_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const drop = async () => {
    await database?.close().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    database = await openPostgres(url.toString(), 4);
    await migrateDatabase(database);
  } catch (err) {
    await drop();
    throw err;
  }
  const [v] = (await admin.query<{ v: string }>("show server_version")).rows;
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return {
    label: `PostgreSQL ${v?.v ?? ""}`.trim(),
    database,
    raw: (text, params) => pool.query(text, params),
    drop,
  };
}

async function openLite(): Promise<Backend> {
  const database = await openPglite({});
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const [v] = (await client.query<{ v: string }>("show server_version")).rows;
  return {
    label: `PGlite ${v?.v ?? ""}`.trim(),
    database,
    raw: (text, params) => client.query(text, params),
    drop: () => database.close(),
  };
}

function depsFor(database: Database): Deps {
  return createDeps({
    config: loadConfig({ NODE_ENV: "test", BINHYEN_DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }),
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "bench",
    passwordCost: { memoryCost: 1024, timeCost: 1 },
  });
}

async function sessionCookie(deps: Deps, userId: string) {
  const token = deps.ids.token(32);
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken: deps.ids.token(24),
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
    ip: "127.0.0.1",
    userAgent: "bench",
  });
  return `by_session=${token}`;
}

/**
 * `held` held posts and the rest in proportion, generated in the database. Authors: 200 per
 * group (stable uuids from md5), bodies from templates × names × places × numbers.
 */
async function seed(deps: Deps, t: TestCommune, held: number, vacuum: boolean) {
  const groupIds = t.hamlets.map((h) => h.groupId);
  const gArr = sql`array[${sql.join(
    groupIds.map((g) => sql`${g}::uuid`),
    sql`, `,
  )}]`;
  await deps.db.execute(
    sql`update groups set posting_mode = 'premoderated' where commune_id = ${t.communeId}`,
  );
  // One row per post: k numbers posts 1..n; kind decides status; time spreads k over the year.
  const insert = (n: number, kindName: "held" | "published" | "other", salt: number) => {
    const kind = sql.raw(`'${kindName}'::text`);
    return deps.db.execute(sql`
      insert into posts (id, group_id, commune_id, author_user_id, author_member_id, author_name, body, search_key,
        status, hits, flagged, source, created_at)
      select gen_random_uuid(), g, ${t.communeId}::uuid, md5('u' || (k * 7919 + ${salt}) % 200 || g::text)::uuid,
        md5('m' || (k * 7919 + ${salt}) % 200 || g::text)::uuid, author, body, lower(body), status,
        case
          when hit = 0 then '[]'::jsonb
          when hit = 1 then jsonb_build_array(jsonb_build_object('rule', rule, 'action', act, 'message',
            'Bài viết có nội dung cần Trưởng nhóm xem trước khi đăng.', 'excerpt', left(body, 36) || '… #' || k))
          else jsonb_build_array(
            jsonb_build_object('rule', rule, 'action', act, 'message', 'Có thông tin cá nhân.', 'excerpt', left(body, 30) || '… #' || k),
            jsonb_build_object('rule', 'LINK', 'action', 'hold', 'message', 'Có đường liên kết lạ.', 'excerpt', 'bit.ly'))
        end,
        flagged, 'web', at
      from (
        select k, (${gArr})[1 + (k * 31 + ${salt}) % ${groupIds.length}] as g,
          (array['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'])[1 + k % 8] || ' ' ||
            (array['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc'])[1 + k % 5] || ' ' ||
            (array['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Lan', 'Long', 'Mai', 'Nam', 'Tâm', 'Thảo'])[1 + k % 11] as author,
          (array[
            'Tối nay ' || (17 + k % 5) || ':30 họp tổ tự quản ở nhà văn hóa ấp, mời bà con đến đúng giờ.',
            'Giá lúa hôm nay ' || (6000 + k % 900) || ' đồng/kg, thương lái thu mua tới chiều.',
            'Nhà em mất con chó vàng gần chợ, ai thấy báo giúp, xin cảm ơn bà con.',
            'Sáng mai từ ' || (6 + k % 4) || ' giờ cắt điện để sửa đường dây, bà con chủ động.',
            'Có người lạ đi xe không biển số hỏi thăm nhà bác Tư, bà con để ý giúp.',
            'Ai cần mua lúa giống liên hệ em 09' || lpad((k * 7919 % 100000000)::text, 8, '0'),
            'Nhận quà tri ân tại bit.ly/qua' || (k % 900 + 100) || ' trước 24h nhé',
            'Đường liên ấp đang sửa, xe trên 2,5 tấn đi đường vòng qua UBND xã.',
            'Lịch thu gom rác: thứ ' || (2 + k % 6) || ' và chủ nhật, trước 7 giờ sáng.',
            'Đội dân phòng tuần tra đêm nay từ ' || (19 + k % 3) || ' giờ đến 24 giờ.'
          ])[1 + k % 10] as body,
          case ${kind}
            when 'held' then 'held' when 'published' then 'published'
            else (array['rejected', 'hidden'])[1 + k % 2] end as status,
          case ${kind}
            when 'held' then (case when k % 8 = 0 then 1 + (k / 8) % 2 else 0 end)
            when 'published' then (case when k % 20 = 0 then 1 else 0 end)
            else 1 + k % 2 end as hit,
          (array['PERSONAL_DATA', 'LINK', 'PROFANITY', 'SECRET_KEYWORD', 'FLOODING'])[1 + (k / 3) % 5] as rule,
          case ${kind} when 'published' then 'flag' when 'held' then 'hold' else 'block' end as act,
          ${kind} = 'published' and k % 20 = 0 as flagged,
          now() - interval '365 days' * (1 - k::float8 / ${n}) - interval '1 minute' * (k % 50) as at
        from generate_series(1, ${n}) k
      ) s`);
  };
  await insert(held, "held", 0);
  await insert(Math.max(1, Math.floor(held / 2)), "published", 1);
  await insert(Math.max(1, Math.floor(held / 20)), "other", 2);
  // Reports: open on 1 in 100 published and 1 in 200 held posts, resolved on as many others.
  await deps.db.execute(sql`
    insert into post_reports (post_id, user_id, reason, created_at, resolved_at)
    select p.id, md5('r' || p.id::text)::uuid, 'Nội dung không phù hợp với nhóm', p.created_at + interval '1 hour',
      case when (hashtext(p.id::text) & 1) = 0 then null else p.created_at + interval '2 hours' end
    from posts p
    where p.commune_id = ${t.communeId} and p.status in ('held', 'published')
      and (hashtext(p.id::text) & 2147483647) % (case p.status when 'published' then 50 else 100 end) = 0`);
  if (vacuum) {
    // What autovacuum does after a bulk insert on a server (visibility map for index-only scans,
    // planner statistics). PGlite has no autovacuum: by default its tables stay as written.
    await deps.db.execute(sql`vacuum analyze posts`);
    await deps.db.execute(sql`vacuum analyze post_reports`);
  }
  const [c] = rowsOf<{ held: number; published: number; flagged: number; other: number; open: number }>(
    await deps.db.execute(sql`
      select count(*) filter (where status = 'held')::int as held,
        count(*) filter (where status = 'published')::int as published,
        count(*) filter (where status = 'published' and flagged)::int as flagged,
        count(*) filter (where status not in ('held', 'published'))::int as other,
        (select count(*) from post_reports where resolved_at is null)::int as open
      from posts where commune_id = ${t.communeId}`),
  );
  return c;
}

type Timing = { n: number; p50: number; p95: number };

async function measure(
  app: FastifyInstance,
  url: string,
  cookie: string,
): Promise<Timing & { body: string }> {
  let body = "";
  const one = async () => {
    const res = await app.inject({ method: "GET", url, headers: { cookie } });
    if (res.statusCode !== 200) {
      throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    body = res.body;
  };
  for (let i = 0; i < WARMUP; i++) {
    await one();
  }
  const times: number[] = [];
  const start = performance.now();
  while (times.length < REQUESTS && (times.length < 5 || performance.now() - start < BUDGET_MS)) {
    const s = performance.now();
    await one();
    times.push(performance.now() - s);
  }
  return { n: times.length, p50: pct(times, 0.5), p95: pct(times, 0.95), body };
}

/** The statements one request runs (wrapping the driver the pool or PGlite exposes to drizzle). */
function captureStatements(database: Database) {
  const client = (database.db as unknown as { $client: { query: (...a: unknown[]) => Promise<unknown> } })
    .$client;
  const original = client.query.bind(client);
  let on = false;
  const seen: { text: string; params: unknown[]; ms: number }[] = [];
  client.query = async (...args: unknown[]) => {
    if (!on) {
      return original(...args);
    }
    const s = performance.now();
    try {
      return await original(...args);
    } finally {
      const a = args[0] as string | { text: string };
      seen.push({
        text: typeof a === "string" ? a : a.text,
        params: (args[1] as unknown[]) ?? [],
        ms: performance.now() - s,
      });
    }
  };
  return {
    async during(fn: () => Promise<unknown>) {
      seen.length = 0;
      on = true;
      try {
        await fn();
      } finally {
        on = false;
      }
      return [...seen];
    },
    restore() {
      client.query = original;
    },
  };
}

type Dataset = {
  held: number;
  counts: Awaited<ReturnType<typeof seed>>;
  seedMs: number;
  queue: Timing & { items: number };
  console: Timing & { pending: number; heldSum: number };
  slowest?: string[];
};

async function runDataset(open: () => Promise<Backend>, held: number, profile: boolean) {
  const b = await open();
  try {
    const deps = depsFor(b.database);
    const app = await buildApp(deps);
    await app.ready();
    try {
      const t = await buildCommune(deps, { hamlets: GROUPS });
      const chief = await sessionCookie(deps, t.users.chief.id);
      const leader = await sessionCookie(deps, t.users.leader.id);
      const g0 = t.hamlets[0]?.groupId ?? "";
      const s0 = performance.now();
      const counts = await seed(deps, t, held, b.database.kind === "postgres" || VACUUM_PGLITE);
      const seedMs = performance.now() - s0;
      log(
        `${b.label}: seeded ${fmt(counts?.held ?? 0)} held, ${fmt(counts?.published ?? 0)} published (${fmt(counts?.flagged ?? 0)} flagged), ${fmt(counts?.other ?? 0)} rejected/hidden, ${fmt(counts?.open ?? 0)} open reports in ${fmt(seedMs / 1000, 1)} s`,
      );
      const q = await measure(app, `/api/groups/${g0}/moderation`, leader);
      const qb = JSON.parse(q.body) as Record<"held" | "flagged" | "reported", unknown[]>;
      const c = await measure(app, `/api/communes/${t.communeId}/moderation`, chief);
      const cb = JSON.parse(c.body) as { pending: unknown[]; groups: { held: number }[] };
      log(`${b.label}, ${fmt(held)} held: queue p50 ${fmt(q.p50, 1)} ms, console p50 ${fmt(c.p50, 1)} ms`);
      const out: Dataset = {
        held,
        counts,
        seedMs,
        queue: { ...q, items: qb.held.length + qb.flagged.length + qb.reported.length },
        console: { ...c, pending: cb.pending.length, heldSum: cb.groups.reduce((s, g) => s + g.held, 0) },
      };
      if (profile) {
        const cap = captureStatements(b.database);
        const slowest: string[] = [];
        for (const [label, url, cookie] of [
          ["console", `/api/communes/${t.communeId}/moderation`, chief],
          ["queue", `/api/groups/${g0}/moderation`, leader],
        ] as const) {
          const stmts = await cap.during(() => app.inject({ method: "GET", url, headers: { cookie } }));
          const total = stmts.reduce((s, x) => s + x.ms, 0);
          slowest.push(`${label}: ${stmts.length} statements, ${fmt(total, 1)} ms in the database; slowest:`);
          for (const st of [...stmts].sort((x, y) => y.ms - x.ms).slice(0, 3)) {
            slowest.push(
              `      ${fmt(st.ms, 1).padStart(8)} ms  ${st.text.replace(/\s+/g, " ").trim().slice(0, 110)}`,
            );
            if (EXPLAIN) {
              const plan = await b.raw(`explain (analyze, buffers) ${st.text}`, st.params);
              for (const r of plan.rows) {
                slowest.push(`        ${String(Object.values(r)[0]).slice(0, 200)}`);
              }
            }
          }
        }
        cap.restore();
        out.slowest = slowest;
      }
      return { label: b.label, data: out };
    } finally {
      await app.close();
    }
  } finally {
    await b.drop();
  }
}

async function backend(rows: string[], name: string, open: () => Promise<Backend>) {
  const runs: Awaited<ReturnType<typeof runDataset>>[] = [];
  try {
    for (const held of [SMALL, MID, BIG]) {
      runs.push(await runDataset(open, held, held === BIG));
    }
  } catch (err) {
    rows.push(`${name}: skipped (${(err as Error).message.split("\n")[0]})`);
    return;
  }
  const [s, m, l] = runs.map((r) => r.data) as [Dataset, Dataset, Dataset];
  rows.push(
    `${runs[0]?.label}${runs[0]?.label.startsWith("PGlite") ? (VACUUM_PGLITE ? " (vacuumed)" : " (not vacuumed)") : " (vacuum analyze after seeding)"}: commune of ${GROUPS} groups; p50 / p95 ms over ${REQUESTS} requests (after ${WARMUP} warm-ups), app.inject`,
  );
  rows.push("  dataset: held / published (flagged) / rejected+hidden / open reports");
  for (const d of [s, m, l]) {
    const c = d.counts;
    rows.push(
      `    ${fmt(c?.held ?? 0)} / ${fmt(c?.published ?? 0)} (${fmt(c?.flagged ?? 0)}) / ${fmt(c?.other ?? 0)} / ${fmt(c?.open ?? 0)}   seeded in ${fmt(d.seedMs / 1000, 1)} s`,
    );
  }
  const cell = (t: Timing) => `${fmt(t.p50, 1)} / ${fmt(t.p95, 1)}`.padEnd(16);
  const ratio = (a: Timing, b: Timing) => `×${fmt(b.p50 / a.p50, 1)} / ×${fmt(b.p95 / a.p95, 1)}`.padEnd(16);
  rows.push(
    `  ${"".padEnd(40)} ${`${fmt(SMALL)} held`.padEnd(16)} ${`${fmt(MID)} held`.padEnd(16)} ${`${fmt(BIG)} held`.padEnd(16)} ${`${fmt(BIG)}/${fmt(SMALL)}`.padEnd(16)} ${fmt(BIG)}/${fmt(MID)}`,
  );
  const line = (label: string, pick: (d: Dataset) => Timing, extra: string) => {
    const [a, b, c] = [pick(s), pick(m), pick(l)];
    rows.push(
      `  ${label.padEnd(40)} ${cell(a)} ${cell(b)} ${cell(c)} ${ratio(a, c)} ${ratio(b, c)}${c.n < REQUESTS ? ` (only ${c.n} requests in ${BUDGET_MS / 1000} s)` : ""}`,
    );
    rows.push(`  ${"".padEnd(40)} ${extra}`);
  };
  line(
    "GET /api/groups/:groupId/moderation",
    (d) => d.queue,
    `items on the page: ${[s, m, l].map((d) => fmt(d.queue.items)).join(" / ")}`,
  );
  line(
    "GET /api/communes/:communeId/moderation",
    (d) => d.console,
    `pending: ${[s, m, l].map((d) => fmt(d.console.pending)).join(" / ")}; held counted: ${[s, m, l].map((d) => fmt(d.console.heldSum)).join(" / ")}`,
  );
  if (l.slowest) {
    rows.push(`  one request at ${fmt(BIG)} held, statements by time:`);
    rows.push(...l.slowest.map((x) => `    ${x}`));
  }
}

async function main() {
  const rows: string[] = [];
  if (process.env.BENCH_MODQ_PGLITE !== "0") {
    await backend(rows, "PGlite", openLite);
  }
  if (process.env.BENCH_MODQ_PG !== "0") {
    await backend(rows, "PostgreSQL", openPg);
  }
  process.stdout.write(
    `\nBình Yên moderation queue bench (${new Date().toISOString()}, ${process.version}, total ${fmt((performance.now() - T0) / 1000)} s)\n${rows.join("\n")}\n`,
  );
}

await main();
