/**
 * Issue #5 bench: anonymous report submission (POST /api/reports: validation, receipt code, HMAC,
 * audit row in one transaction) at 50 concurrent clients vs a bare Fastify route doing one INSERT
 * into the same kind of database — throughput and p99 as ratios, on PGlite and on PostgreSQL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "apps/server/bin/binhyen.js");
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

function start(
  cmd: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, cmd, {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((done, fail) => {
    child.stdout?.on("data", (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m?.[1]) {
        done({ child, url: m[1] });
      }
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.once("close", (code) => fail(new Error(`exited ${code}: ${out}`)));
    setTimeout(() => fail(new Error(`timeout: ${out}`)), 180_000).unref();
  });
}
const stop = (p: { child: ChildProcess }) =>
  new Promise<void>((done) => {
    p.child.removeAllListeners("close");
    p.child.once("close", () => done());
    p.child.kill("SIGTERM");
  });

async function load(url: string, body: string) {
  const r = await autocannon({
    url,
    method: "POST",
    connections: 50,
    duration: DURATION,
    headers: { "content-type": "application/json" },
    body,
  });
  if (r.non2xx > 0 || r.errors > 0) {
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  }
  return { rps: r.requests.average, p99: r.latency.p99 };
}

async function communeIdOf(url: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone: "0900000001", password: "binhyen-demo" }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const me = (await (await fetch(`${url}/api/me`, { headers: { cookie } })).json()) as {
    roles: { communeId?: string }[];
  };
  return me.roles[0]?.communeId ?? "";
}

async function run(
  label: string,
  env: Record<string, string>,
  bareEnv: Record<string, string>,
  rows: string[],
) {
  const server = await start(
    [BIN, "demo"],
    {
      ...env,
      BINHYEN_PUBLIC_RATE_PER_MINUTE: "100000",
      BINHYEN_LOGIN_RATE_PER_MINUTE: "100000",
      // Measures intake itself: the proof of work asked under a flood is left out.
      BINHYEN_INTAKE_POW_ABOVE_PER_MINUTE: "1000000",
    },
    /demo on (http:\/\/\S+)/,
  );
  const bare = await start([TSX, join(ROOT, "bench/bare-insert.ts")], bareEnv, /bare on (http:\/\/\S+)/);
  try {
    const communeId = await communeIdOf(server.url);
    const body = JSON.stringify({
      communeId,
      category: "CRIME",
      description: "Có người lạ dòm ngó nhà dân trong hẻm vào ban đêm.",
      anonymous: true,
    });
    const base = await load(`${bare.url}/insert`, body);
    const ours = await load(`${server.url}/api/reports`, body);
    rows.push(`Anonymous report intake, 50 connections, ${DURATION} s each (${label})`);
    rows.push(`  bare Fastify + one INSERT (baseline)  ${fmt(base.rps)} req/s   p99 ${fmt(base.p99)} ms`);
    rows.push(
      `  POST /api/reports                     ${fmt(ours.rps)} req/s   p99 ${fmt(ours.p99)} ms   throughput ×${fmt(ours.rps / base.rps, 2)}, p99 ×${fmt(ours.p99 / Math.max(base.p99, 1), 1)}`,
    );
  } finally {
    await stop(server);
    await stop(bare);
  }
}

async function main() {
  const rows: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "binhyen-bench-reports-"));
  try {
    await run("PGlite", { BINHYEN_DATA_DIR: join(dir, "ours") }, { BENCH_DATA_DIR: join(dir, "bare") }, rows);
    const adminUrl = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    try {
      await admin.connect();
      const name = `binhyen_bench_reports_${Date.now()}`;
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        await run(
          "PostgreSQL",
          { DATABASE_URL: url.toString(), BINHYEN_DATA_DIR: join(dir, "pgkey") },
          { BENCH_DATABASE_URL: url.toString() },
          rows,
        );
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
      }
    } catch (err) {
      rows.push(`PostgreSQL: skipped (${(err as Error).message.split("\n")[0]})`);
    } finally {
      await admin.end().catch(() => {});
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nBình Yên reports bench (${new Date().toISOString()}, ${process.version})\n${rows.join("\n")}\n`,
  );
}

await main();
