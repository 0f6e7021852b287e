/**
 * Announcements bench:
 * 1. Real-time fan-out of one announcement to N (5,000) connected web clients: POST
 *    /api/announcements on the real app (PGlite, in-process bus) until the last GET /api/stream
 *    client has the event, vs the same fan-out through Mosquitto (N mqtt.js subscribers, QoS 0).
 *    Both sides' subscribers live in one child process (bench/announcements-clients.ts) so they do
 *    not share an event loop with the server they measure. Median of 3 (after one warm-up each).
 * 2. Queueing an announcement for a 1,000,000-recipient commune (createAnnouncement: one
 *    INSERT … SELECT of announcement_recipients in the publishing transaction) vs a bare batch
 *    insert of the same rows from the client (multi-row parameterized INSERTs of 5,000 rows, one
 *    transaction) into an identical empty table — on PostgreSQL (and PGlite when asked for).
 * Env: BINHYEN_BENCH_PG_URL, MQTT_URL (mqtt://127.0.0.1:1883), BENCH_FANOUT_CLIENTS (5000),
 * BENCH_QUEUE_ROWS (1000000), BENCH_ANNOUNCE_PGLITE=1 adds the (slow, ~3 min) PGlite queueing run.
 */
import { type ChildProcess, execSync, fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import mqtt from "mqtt";
import pg from "pg";
import { buildApp } from "../apps/server/src/app";
import { loadConfig } from "../apps/server/src/config";
import { type Database, migrateDatabase, openPglite, openPostgres } from "../apps/server/src/db/client";
import { sessions } from "../apps/server/src/db/schema";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { createAnnouncement } from "../apps/server/src/modules/announcements/announcements.service";
import { sha256 } from "../apps/server/src/modules/auth/auth.service";
import { buildCommune } from "../apps/server/src/test/factories";
import { actorOf } from "../apps/server/src/test/harness-actor";
import type { ClientCmd, ClientMsg } from "./announcements-clients";

const ROOT = resolve(import.meta.dirname, "..");
const CLIENTS = join(ROOT, "bench/announcements-clients.ts");
const FANOUT_N = Number(process.env.BENCH_FANOUT_CLIENTS ?? 5000);
const QUEUE_ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 1_000_000);
const BATCH = 5000;
const REPEATS = 3;
const MQTT_URL = process.env.MQTT_URL ?? "mqtt://127.0.0.1:1883";
const PG_ADMIN = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD_COST = { memoryCost: 1024, timeCost: 1 };

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const T0 = performance.now();
const log = (msg: string) =>
  process.stdout.write(`  [${fmt((performance.now() - T0) / 1000, 1)} s] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const msSince = (start: bigint, at: string | bigint) => Number(BigInt(at) - start) / 1e6;
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

function depsFor(database: Database): Deps {
  return createDeps({
    config: loadConfig({ NODE_ENV: "test", BINHYEN_DATA_DIR: "/nonexistent", LOG_LEVEL: "silent" }),
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "bench",
    passwordCost: PASSWORD_COST,
  });
}

// --- the subscribers' process ------------------------------------------------------------------

type Clients = {
  child: ChildProcess;
  ask(cmd: ClientCmd, type: ClientMsg["type"], timeoutMs: number): Promise<ClientMsg>;
  /** Resolves when every subscriber has the message with this id (or rejects after timeoutMs). */
  all(id: string, timeoutMs: number): Promise<Extract<ClientMsg, { type: "all" }>>;
  close(): Promise<void>;
};

function startClients(): Clients {
  const child = fork(CLIENTS, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const done = new Map<string, Extract<ClientMsg, { type: "all" }>>();
  const waiting = new Map<string, (m: Extract<ClientMsg, { type: "all" }>) => void>();
  child.on("message", (raw) => {
    const m = raw as ClientMsg;
    if (m.type === "all") {
      done.set(m.id, m);
      waiting.get(m.id)?.(m);
    }
  });
  const ask: Clients["ask"] = (cmd, type, timeoutMs) =>
    new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        child.off("message", on);
        fail(new Error(`subscribers: no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const on = (raw: unknown) => {
        if ((raw as ClientMsg).type === type) {
          clearTimeout(timer);
          child.off("message", on);
          ok(raw as ClientMsg);
        }
      };
      child.on("message", on);
      child.send(cmd);
    });
  return {
    child,
    ask,
    all: (id, timeoutMs) =>
      new Promise((ok, fail) => {
        const got = done.get(id);
        if (got) {
          ok(got);
          return;
        }
        const timer = setTimeout(async () => {
          waiting.delete(id);
          const r = (await ask({ cmd: "report" }, "report", 5000).catch(() => undefined)) as
            | Extract<ClientMsg, { type: "report" }>
            | undefined;
          const seen = r?.stats.find((s) => s.id === id)?.count ?? 0;
          fail(new Error(`only ${seen} subscribers got ${id} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, (m) => {
          clearTimeout(timer);
          waiting.delete(id);
          ok(m);
        });
      }),
    async close() {
      if (child.connected) {
        await ask({ cmd: "close" }, "closed", 30_000).catch(() => undefined);
      }
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

// --- 1. fan-out --------------------------------------------------------------------------------

type FanoutRun = { firstMs: number; lastMs: number; extraMs?: number };
type FanoutResult = { runs: FanoutRun[]; hubOnly?: FanoutRun[]; connectMs: number };

function summarize(runs: FanoutRun[]) {
  return {
    first: median(runs.map((r) => r.firstMs)),
    last: median(runs.map((r) => r.lastMs)),
    extra: median(runs.map((r) => r.extraMs ?? 0)),
    all: runs.map((r) => fmt(r.lastMs, 1)).join(" / "),
  };
}

async function sseFanout(n: number): Promise<FanoutResult> {
  log(`SSE: PGlite + migrations, commune, ${fmt(n)} member users and sessions`);
  const database = await openPglite({});
  await migrateDatabase(database);
  const deps = depsFor(database);
  const app = await buildApp(deps);
  await app.ready();
  const clients = startClients();
  try {
    const t = await buildCommune(deps, { hamlets: 1 });
    const first = t.hamlets[0];
    if (!first) {
      throw new Error("no group");
    }
    const now = deps.clock.now();
    // n distinct member users (the hub keys clients per connection; distinct users is the real shape).
    const users = rowsOf<{ id: string }>(
      await deps.db.execute(sql`
        insert into users (id, name, search_key, phone, is_officer, home_commune_id, created_at, updated_at)
        select gen_random_uuid(), 'Thành viên ' || i, 'thanh vien ' || i, '08' || lpad(i::text, 8, '0'), false,
          ${t.communeId}::uuid, now(), now()
        from generate_series(1, ${n}) i
        returning id`),
    );
    await deps.db.execute(sql`
      insert into role_assignments (id, user_id, role, commune_id, hamlet_id, group_id, created_at)
      select gen_random_uuid(), u.id, 'GROUP_MEMBER', ${t.communeId}::uuid, ${first.hamletId}::uuid,
        ${first.groupId}::uuid, now()
      from users u where u.phone like '08%'`);
    const mkSessions = async (userIds: string[]) => {
      const out: { cookie: string; csrf: string }[] = [];
      for (let i = 0; i < userIds.length; i += 1000) {
        const rows = userIds.slice(i, i + 1000).map((userId) => {
          const token = deps.ids.token(32);
          const csrf = deps.ids.token(24);
          out.push({ cookie: `by_session=${token}`, csrf });
          return {
            id: sha256(token),
            userId,
            csrfToken: csrf,
            createdAt: now,
            expiresAt: new Date(now.getTime() + 3600_000),
            ip: "127.0.0.1",
            userAgent: "bench",
          };
        });
        await deps.db.insert(sessions).values(rows);
      }
      return out;
    };
    const memberSessions = await mkSessions(users.map((u) => u.id));
    const [chief] = await mkSessions([t.users.chief.id]);
    if (!chief || memberSessions.length !== n) {
      throw new Error("sessions missing");
    }

    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    log(`SSE: opening ${fmt(n)} GET /api/stream connections to ${url}`);
    const ready = (await clients.ask(
      { cmd: "sse", url, cookies: memberSessions.map((s) => s.cookie), concurrency: 200 },
      "ready",
      240_000,
    )) as Extract<ClientMsg, { type: "ready" }>;
    if (ready.failed > 0) {
      throw new Error(`${ready.failed} of ${n} SSE connections failed: ${ready.errors.join(", ")}`);
    }
    const deadline = Date.now() + 30_000;
    while (deps.sse.size !== n) {
      if (Date.now() > deadline) {
        throw new Error(`hub holds ${deps.sse.size} of ${n} clients`);
      }
      await sleep(20);
    }
    log(`SSE: ${fmt(deps.sse.size)} clients attached (deps.sse.size) in ${fmt(ready.ms / 1000, 1)} s`);

    const publish = async (i: number): Promise<FanoutRun> => {
      await clients.ask({ cmd: "arm" }, "armed", 5000);
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${url}/api/announcements`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: chief.cookie, "x-csrf-token": chief.csrf },
        body: JSON.stringify({
          audience: { groupIds: [first.groupId] },
          category: "SECURITY_SITUATION",
          title: `Cảnh giác trộm cắp ban đêm (lần ${i})`,
          body: "Bà con nhớ khóa cửa, khóa xe cẩn thận trước khi đi ngủ. Thấy người lạ khả nghi hãy báo tổ trưởng.",
        }),
      });
      const answered = process.hrtime.bigint();
      if (res.status !== 201) {
        throw new Error(`POST /api/announcements: ${res.status} ${await res.text()}`);
      }
      const { announcementId } = (await res.json()) as { announcementId: string };
      const all = await clients.all(announcementId, 60_000);
      return {
        firstMs: msSince(t0, all.first),
        lastMs: msSince(t0, all.last),
        extraMs: msSince(t0, answered),
      };
    };
    const hubOnly = async (): Promise<FanoutRun> => {
      await clients.ask({ cmd: "arm" }, "armed", 5000);
      const id = randomUUID();
      const t0 = process.hrtime.bigint();
      deps.sse.send(
        "announcement",
        {
          id,
          groupIds: [first.groupId],
          title: "Cảnh giác trộm cắp ban đêm",
          category: "SECURITY_SITUATION",
          urgent: false,
          status: "published",
        },
        { groupIds: [first.groupId] },
        id,
      );
      // Node corks chunked responses and flushes them on the next tick: after setImmediate every
      // socket has been written to the kernel.
      await new Promise((r) => setImmediate(r));
      const flushed = process.hrtime.bigint();
      const all = await clients.all(id, 60_000);
      return {
        firstMs: msSince(t0, all.first),
        lastMs: msSince(t0, all.last),
        extraMs: msSince(t0, flushed),
      };
    };

    await publish(0); // warm-up
    const runs: FanoutRun[] = [];
    for (let i = 1; i <= REPEATS; i++) {
      runs.push(await publish(i));
      log(
        `SSE run ${i}: first ${fmt(runs[i - 1]?.firstMs ?? 0, 1)} ms, last ${fmt(runs[i - 1]?.lastMs ?? 0, 1)} ms`,
      );
      await sleep(200);
    }
    await hubOnly(); // warm-up
    const hub: FanoutRun[] = [];
    for (let i = 1; i <= REPEATS; i++) {
      hub.push(await hubOnly());
      await sleep(200);
    }
    return { runs, hubOnly: hub, connectMs: ready.ms };
  } finally {
    await clients.close();
    const deadline = Date.now() + 10_000;
    while (deps.sse.size > 0 && Date.now() < deadline) {
      await sleep(20);
    }
    await app.close();
    await database.close();
  }
}

async function mqttFanout(n: number): Promise<FanoutResult> {
  const clients = startClients();
  const topic = `binhyen/bench/${randomBytes(4).toString("hex")}/announcements`;
  const publisher = await mqtt.connectAsync(MQTT_URL, {
    clientId: `binhyen-bench-pub-${process.pid}`,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  try {
    log(`MQTT: connecting ${fmt(n)} mqtt.js subscribers to ${MQTT_URL}, topic ${topic}`);
    const ready = (await clients.ask(
      { cmd: "mqtt", url: MQTT_URL, topic, n, concurrency: 200 },
      "ready",
      240_000,
    )) as Extract<ClientMsg, { type: "ready" }>;
    if (ready.failed > 0) {
      throw new Error(`${ready.failed} of ${n} MQTT subscribers failed: ${ready.errors.join(", ")}`);
    }
    log(`MQTT: ${fmt(ready.ok)} subscribers ready in ${fmt(ready.ms / 1000, 1)} s`);
    await sleep(500); // let the broker settle the last SUBSCRIBEs
    const publish = async (): Promise<FanoutRun> => {
      await clients.ask({ cmd: "arm" }, "armed", 5000);
      const id = randomUUID();
      // The same data the SSE event carries.
      const payload = JSON.stringify({
        id,
        groupIds: [randomUUID()],
        title: "Cảnh giác trộm cắp ban đêm",
        category: "SECURITY_SITUATION",
        urgent: false,
        status: "published",
      });
      const t0 = process.hrtime.bigint();
      publisher.publish(topic, payload, { qos: 0 });
      const all = await clients.all(id, 60_000);
      return { firstMs: msSince(t0, all.first), lastMs: msSince(t0, all.last) };
    };
    await publish(); // warm-up
    const runs: FanoutRun[] = [];
    for (let i = 1; i <= REPEATS; i++) {
      runs.push(await publish());
      log(
        `MQTT run ${i}: first ${fmt(runs[i - 1]?.firstMs ?? 0, 1)} ms, last ${fmt(runs[i - 1]?.lastMs ?? 0, 1)} ms`,
      );
      await sleep(200);
    }
    return { runs, connectMs: ready.ms };
  } finally {
    await clients.close();
    await publisher.endAsync(true).catch(() => undefined);
  }
}

async function fanoutBench(rows: string[]) {
  const limits = execSync("ulimit -Sn; ulimit -Hn", { shell: "/bin/sh", encoding: "utf8" })
    .trim()
    .split("\n");
  log(`ulimit -n: soft ${limits[0]}, hard ${limits[1]}`);
  rows.push(`ulimit -n: soft ${limits[0]}, hard ${limits[1]} (subscribers in one child process)`);
  const tried: string[] = [];
  for (const n of [...new Set([FANOUT_N, 2500, 1000, 500].filter((x) => x <= FANOUT_N))]) {
    let sse: FanoutResult;
    let mq: FanoutResult;
    try {
      sse = await sseFanout(n);
    } catch (err) {
      tried.push(`N=${fmt(n)}: SSE failed (${(err as Error).message.split("\n")[0]})`);
      log(tried.at(-1) ?? "");
      continue;
    }
    try {
      mq = await mqttFanout(n);
    } catch (err) {
      tried.push(`N=${fmt(n)}: MQTT failed (${(err as Error).message.split("\n")[0]})`);
      log(tried.at(-1) ?? "");
      continue;
    }
    const s = summarize(sse.runs);
    const h = summarize(sse.hubOnly ?? []);
    const m = summarize(mq.runs);
    rows.push(
      `1) Real-time fan-out of one announcement to N = ${fmt(n)} connected clients, median of ${REPEATS} (after 1 warm-up)`,
    );
    for (const t of tried) {
      rows.push(`  (${t})`);
    }
    rows.push(
      `  Mosquitto MQTT, QoS 0 (baseline)        last ${fmt(m.last, 1)} ms   first ${fmt(m.first, 1)} ms   runs ${m.all} ms`,
    );
    rows.push(
      `  POST /api/announcements → SSE           last ${fmt(s.last, 1)} ms   first ${fmt(s.first, 1)} ms   runs ${s.all} ms   ×${fmt(s.last / m.last, 1)} (last), ×${fmt(s.first / m.first, 1)} (first)`,
    );
    rows.push(
      `    of which the POST was answered at     ${fmt(s.extra, 1)} ms (PGlite: content check + transaction + audit)`,
    );
    rows.push(
      `  SseHub.send() alone (no HTTP, no DB)    last ${fmt(h.last, 1)} ms   first ${fmt(h.first, 1)} ms   runs ${h.all} ms   ×${fmt(h.last / m.last, 1)} (last); all ${fmt(n)} sockets written after ${fmt(h.extra, 1)} ms`,
    );
    rows.push(
      `  connect: ${fmt(n)} SSE streams (auth each) ${fmt(sse.connectMs / 1000, 1)} s, ${fmt(n)} MQTT subscribers ${fmt(mq.connectMs / 1000, 1)} s`,
    );
    return;
  }
  rows.push("1) Real-time fan-out: no N worked for both sides");
  for (const t of tried) {
    rows.push(`  ${t}`);
  }
}

// --- 2. queueing for a 1,000,000-recipient commune ---------------------------------------------

type Bare = {
  label: string;
  database: Database;
  /** The client the bare baseline sends its batches through. */
  query(text: string, params?: unknown[]): Promise<unknown>;
  queryArrays(text: string, params?: unknown[]): Promise<unknown[][]>;
  checkpoint(): Promise<void>;
  drop(): Promise<void>;
};

async function openPostgresBench(): Promise<Bare> {
  const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  await admin.connect();
  const name = `binhyen_bench_${randomBytes(5).toString("hex")}`;
  await admin.query(`create database ${name}`);
  log(`PostgreSQL: created database ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const client = new pg.Client({ connectionString: url.toString() });
  const drop = async () => {
    await client.end().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    log(`PostgreSQL: dropped database ${name}`);
  };
  try {
    database = await openPostgres(url.toString(), 4);
    await migrateDatabase(database);
    await client.connect();
  } catch (err) {
    await drop();
    throw err;
  }
  return {
    label: "PostgreSQL",
    database,
    query: (text, params) => client.query(text, params),
    queryArrays: async (text, params) =>
      (await client.query({ text, values: params, rowMode: "array" })).rows,
    checkpoint: async () => {
      await client.query("checkpoint");
    },
    drop,
  };
}

async function openPgliteBench(): Promise<Bare> {
  const database = await openPglite({});
  await migrateDatabase(database);
  // drizzle keeps the PGlite instance it wraps: the bare baseline talks to it directly.
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return {
    label: "PGlite",
    database,
    query: (text, params) => client.query(text, params),
    queryArrays: async (text, params) =>
      (await client.query<unknown[]>(text, params, { rowMode: "array" })).rows,
    checkpoint: async () => {},
    drop: () => database.close(),
  };
}

async function queueBench(rows: string[], open: () => Promise<Bare>) {
  const b = await open();
  try {
    const deps = depsFor(b.database);
    const t = await buildCommune(deps, { hamlets: 100 });
    const actor = await actorOf(deps, t.users.chief.id);
    log(`${b.label}: seeding ${fmt(QUEUE_ROWS)} group members across ${t.hamlets.length} groups`);
    const s0 = performance.now();
    await deps.db.execute(sql`
      insert into group_members (id, group_id, commune_id, name, search_key, sort_key, phone, kind, status, consent_at)
      select gen_random_uuid(), g.id, ${t.communeId}::uuid, 'Hộ ' || i, 'ho ' || i, '', '09' || lpad(i::text, 8, '0'),
        'HOUSEHOLD_REP', 'active', now()
      from generate_series(1, ${QUEUE_ROWS}) i
      join (select id, (row_number() over (order by id)) - 1 as k from groups where commune_id = ${t.communeId}::uuid) g
        on g.k = i % ${t.hamlets.length}`);
    await deps.db.execute(sql`analyze`);
    log(`${b.label}: seeded in ${fmt((performance.now() - s0) / 1000, 1)} s`);

    // (b) bare baseline: the same rows, read out first (not timed), then sent back in batches.
    await b.query("create table bench_recipients (like announcement_recipients including all)");
    const members = await b.queryArrays(
      `select m.id, m.group_id, m.household_id, m.user_id from group_members m
       where m.commune_id = $1 and m.status = 'active' and m.consent_at is not null and m.consent_withdrawn_at is null`,
      [t.communeId],
    );
    const bareId = randomUUID();
    const insertSql = (k: number) =>
      `insert into bench_recipients (announcement_id, member_id, group_id, household_id, user_id) values ${Array.from(
        { length: k },
        (_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`,
      ).join(", ")}`;
    const fullBatch = insertSql(BATCH);
    await b.checkpoint();
    log(`${b.label}: bare batch insert of ${fmt(members.length)} rows (${BATCH} rows per INSERT)`);
    const b0 = performance.now();
    await b.query("begin");
    for (let i = 0; i < members.length; i += BATCH) {
      const chunk = members.slice(i, i + BATCH);
      const params: unknown[] = [];
      for (const m of chunk) {
        params.push(bareId, m[0], m[1], m[2], m[3]);
      }
      await b.query(chunk.length === BATCH ? fullBatch : insertSql(chunk.length), params);
    }
    await b.query("commit");
    const bareMs = performance.now() - b0;
    log(`${b.label}: bare ${fmt(bareMs / 1000, 2)} s`);

    // (a) our path: the commune chief publishes to the whole commune through the service.
    await b.checkpoint();
    log(`${b.label}: createAnnouncement for the whole commune (audience { communeId })`);
    const o0 = performance.now();
    const created = await createAnnouncement(deps, actor, {
      audience: { communeId: t.communeId },
      category: "SECURITY_SITUATION",
      title: "Cảnh giác lừa đảo qua điện thoại",
      body: "Không cung cấp mã OTP cho bất kỳ ai. Cơ quan công an không làm việc qua điện thoại.",
      pinned: false,
      requiresAck: false,
      urgent: false,
      fileIds: [],
      draft: false,
    });
    const oursMs = performance.now() - o0;
    log(`${b.label}: ours ${fmt(oursMs / 1000, 2)} s (${created.status})`);

    const [ours] = rowsOf<{ n: string }>(
      await deps.db.execute(
        sql`select count(*) as n from announcement_recipients where announcement_id = ${created.announcementId}`,
      ),
    );
    const [bare] = rowsOf<{ n: string }>(
      await deps.db.execute(sql`select count(*) as n from bench_recipients`),
    );
    const oursN = Number(ours?.n ?? 0);
    const bareN = Number(bare?.n ?? 0);
    rows.push(
      `2) Queueing one announcement for a ${fmt(QUEUE_ROWS)}-recipient commune (${t.hamlets.length} groups), ${b.label}`,
    );
    rows.push(
      `  bare batch insert (baseline)            ${fmt(bareMs)} ms   ${fmt(bareN / (bareMs / 1000))} rows/s   (${BATCH}-row parameterized INSERTs, one transaction, client-side rows)`,
    );
    rows.push(
      `  createAnnouncement (whole commune)      ${fmt(oursMs)} ms   ${fmt(oursN / (oursMs / 1000))} rows/s   ×${fmt(oursMs / bareMs, 2)}`,
    );
    rows.push(
      `  rows: announcement_recipients ${fmt(oursN)}${oursN === QUEUE_ROWS ? " ✓" : " ✗"}, bench_recipients ${fmt(bareN)}${bareN === QUEUE_ROWS ? " ✓" : " ✗"}`,
    );
  } finally {
    await b.drop();
  }
}

async function main() {
  const rows: string[] = [];
  await fanoutBench(rows);
  try {
    await queueBench(rows, openPostgresBench);
  } catch (err) {
    rows.push(`2) PostgreSQL: skipped (${(err as Error).message.split("\n")[0]})`);
  }
  if (process.env.BENCH_ANNOUNCE_PGLITE !== "1") {
    rows.push(
      `2) PGlite: skipped — at ${fmt(QUEUE_ROWS)} rows it takes about 3 more minutes on a 2-CPU machine (seeding alone ~80 s), which would take this bench well past 5 minutes; run with BENCH_ANNOUNCE_PGLITE=1`,
    );
  } else {
    try {
      await queueBench(rows, openPgliteBench);
    } catch (err) {
      rows.push(`2) PGlite: failed (${(err as Error).message.split("\n")[0]})`);
    }
  }
  process.stdout.write(
    `\nBình Yên announcements bench (${new Date().toISOString()}, ${process.version}, total ${fmt((performance.now() - T0) / 1000)} s)\n${rows.join("\n")}\n`,
  );
}

await main();
