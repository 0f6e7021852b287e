/**
 * Issue #3 bench:
 * 1. Import of a 50,000-row XLSX vs parsing the same file alone (the ratio is our overhead), with
 *    the worst event-loop delay seen during each (the server keeps answering while importing).
 * 2. Commune coverage in a province-sized database (100 communes, 1,000 hamlets, 1,000,000
 *    households) vs the same query in a database of 10,000 households: how coverage cost grows.
 * Runs on PostgreSQL when one answers (BINHYEN_BENCH_PG_URL; a province runs on a server), else PGlite.
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import pg from "pg";
import { loadConfig } from "../apps/server/src/config";
import type { Actor } from "../apps/server/src/core/authz";
import { type Database, migrateDatabase, openPglite, openPostgres } from "../apps/server/src/db/client";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { communeCoverage } from "../apps/server/src/modules/coverage/coverage.service";
import { startImport } from "../apps/server/src/modules/households/household-import.service";
import { parseHouseholdFile } from "../apps/server/src/modules/households/import-file";
import { buildCommune } from "../apps/server/src/test/factories";
import { actorOf } from "../apps/server/src/test/harness-actor";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Đức"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hà",
  "Hạnh",
  "Hùng",
  "Lan",
  "Long",
  "Mai",
  "Nam",
  "Phúc",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
];
const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function openBenchDb(): Promise<{ database: Database; label: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    const name = `binhyen_bench_hh_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), 4);
    await migrateDatabase(database);
    return {
      database,
      label: "PostgreSQL",
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  } catch {
    await admin.end().catch(() => {});
    const database = await openPglite({});
    await migrateDatabase(database);
    return { database, label: "PGlite", drop: () => database.close() };
  }
}

function depsFor(database: Database): Deps {
  return createDeps({
    config: loadConfig({
      NODE_ENV: "test",
      BINHYEN_DATA_DIR: "/nonexistent",
      BINHYEN_IMPORT_MAX_BYTES: String(100 * 1024 * 1024),
    }),
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "bench",
    passwordCost: { memoryCost: 1024, timeCost: 1 },
  });
}

async function xlsx(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Danh sách hộ");
  ws.addRow(["Mã hộ", "Họ và tên chủ hộ", "Địa chỉ", "Số điện thoại", "Số nhân khẩu"]);
  for (let i = 0; i < rows; i++) {
    const name = `${FAMILY[i % 10]} ${MIDDLE[(i >> 3) % 8]} ${GIVEN[(i >> 6) % 16]}`;
    ws.addRow([
      `H${String(i).padStart(6, "0")}`,
      name,
      `Tổ ${1 + (i % 40)}, Ấp Thử`,
      `09${String(10_000_000 + i).slice(0, 8)}`,
      1 + (i % 6),
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function withLoopDelay<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; maxDelayMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  h.disable();
  return { value, ms, maxDelayMs: h.max / 1e6 };
}

async function importBench(rows: string[]) {
  const file = await xlsx(ROWS);
  const parse = await withLoopDelay(() =>
    parseHouseholdFile(file, "bench.xlsx", { maxBytes: 100 * 1024 * 1024, maxRows: 100_000 }),
  );
  const { database, label, drop } = await openBenchDb();
  try {
    const deps = depsFor(database);
    const t = await buildCommune(deps, { hamlets: 1 });
    const actor: Actor = await actorOf(deps, t.users.leader.id);
    const run = await withLoopDelay(async () => {
      const started = await startImport(
        deps,
        actor,
        t.hamlets[0]?.hamletId ?? "",
        { fileName: "bench.xlsx", bytes: file },
        "bench",
      );
      await started.done;
    });
    const [count] = (await deps.db.execute<{ n: string }>(sql`select count(*) as n from households`)).rows;
    rows.push(`Import of a ${fmt(ROWS)}-row XLSX (${fmt(file.length / 1024 / 1024, 1)} MB) into ${label}`);
    rows.push(
      `  parse only (baseline)            ${fmt(parse.ms)} ms   worst event-loop delay ${fmt(parse.maxDelayMs)} ms`,
    );
    rows.push(
      `  parse + validate + write         ${fmt(run.ms)} ms   ×${fmt(run.ms / parse.ms, 1)}   worst event-loop delay ${fmt(run.maxDelayMs)} ms`,
    );
    rows.push(`  households written               ${fmt(Number(count?.n ?? 0))}`);
  } finally {
    await drop();
  }
}

/** A province with `communes` × `hamlets` × `households`, ~70% covered, generated inside the database. */
async function seedScale(deps: Deps, communes: number, hamletsPer: number, householdsPer: number) {
  const province = deps.ids.uuid();
  await deps.db.execute(
    sql`insert into provinces (id, name, valid_from) values (${province}, 'Tỉnh bench', '2025-07-01')`,
  );
  await deps.db.execute(sql`
    insert into communes (id, province_id, name, kind, valid_from)
    select gen_random_uuid(), ${province}, 'Xã ' || i, 'XA', '2025-07-01' from generate_series(1, ${communes}) i`);
  await deps.db.execute(sql`
    insert into hamlets (id, commune_id, name, search_key, kind, sort_order, valid_from)
    select gen_random_uuid(), c.id, 'Ấp ' || j, 'ap ' || j, 'AP', j, '2025-07-01'
    from communes c cross join generate_series(1, ${hamletsPer}) j where c.province_id = ${province}`);
  await deps.db.execute(sql`
    insert into groups (id, hamlet_id, commune_id, name)
    select gen_random_uuid(), h.id, h.commune_id, 'Nhóm ' || h.name from hamlets h join communes c on c.id = h.commune_id
    where c.province_id = ${province}`);
  await deps.db.execute(sql`
    insert into households (id, hamlet_id, commune_id, head_name, search_key, sort_key, phones, status)
    select gen_random_uuid(), h.id, h.commune_id, 'Nguyễn Văn ' || k, 'nguyen van ' || k, '', array['09' || lpad((k % 100000000)::text, 8, '0')],
      case when k % 50 = 0 then 'moved' else 'active' end
    from hamlets h join communes c on c.id = h.commune_id cross join generate_series(1, ${householdsPer}) k
    where c.province_id = ${province}`);
  await deps.db.execute(sql`
    insert into group_members (id, group_id, commune_id, household_id, name, search_key, phone, kind, status, consent_at)
    select gen_random_uuid(), g.id, hh.commune_id, hh.id, hh.head_name, hh.search_key, hh.phones[1], 'HOUSEHOLD_REP', 'active', now()
    from households hh join groups g on g.hamlet_id = hh.hamlet_id
    where hh.commune_id in (select id from communes where province_id = ${province}) and (hashtext(hh.id::text) % 10) < 7`);
  await deps.db.execute(sql`analyze`);
  const [c] = (
    await deps.db.execute<{ id: string }>(
      sql`select id from communes where province_id = ${province} order by name limit 1`,
    )
  ).rows;
  const actor: Actor = {
    userId: deps.ids.uuid(),
    name: "bench",
    phone: "0900000000",
    isOfficer: true,
    locale: "vi",
    totpEnabled: false,
    roles: [{ role: "PROVINCE_OFFICER", provinceId: province }],
    totpSetupRequired: false,
    sessionId: "bench",
    csrfToken: "bench",
  };
  return { communeId: c?.id ?? "", actor };
}

async function coverageAt(label: string, communes: number, hamletsPer: number, householdsPer: number) {
  const { database, label: db, drop } = await openBenchDb();
  try {
    const deps = depsFor(database);
    const t0 = performance.now();
    const { communeId, actor } = await seedScale(deps, communes, hamletsPer, householdsPer);
    const seedMs = performance.now() - t0;
    const times: number[] = [];
    let result = await communeCoverage(deps, actor, communeId);
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      result = await communeCoverage(deps, actor, communeId);
      times.push(performance.now() - s);
    }
    return {
      label,
      db,
      seedMs,
      ms: median(times),
      households: result.households,
      percent: result.percent,
      total: communes * hamletsPer * householdsPer,
    };
  } finally {
    await drop();
  }
}

async function main() {
  const rows: string[] = [];
  await importBench(rows);
  const small = await coverageAt("10,000 households (1 commune)", 1, 10, 1000);
  const big = await coverageAt("1,000,000 households (100 communes, 1,000 hamlets)", 100, 10, 1000);
  rows.push(
    `Commune coverage (GET /api/communes/:id/coverage service; one commune of 10 hamlets × 1,000 households; median of 7; ${big.db})`,
  );
  rows.push(
    `  in a database of 10,000 households (baseline)   ${fmt(small.ms, 1)} ms   (${small.percent}% covered)`,
  );
  rows.push(
    `  in a database of 1,000,000 households           ${fmt(big.ms, 1)} ms   ×${fmt(big.ms / small.ms, 2)}   (seeded in ${fmt(big.seedMs / 1000, 1)} s)`,
  );
  process.stdout.write(
    `\nBình Yên households bench (${new Date().toISOString()}, ${process.version})\n${rows.join("\n")}\n`,
  );
}

await main();
