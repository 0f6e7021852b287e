/**
 * `npm run bench`: cold start of `binhyen serve` (empty and demo database), resident memory after
 * start, and sign-in + GET /api/me throughput — each as a ratio against a bare Fastify process
 * measured in the same run on the same machine. Bounded: every load runs for a fixed few seconds.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "apps/server/bin/binhyen.js");
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

type Proc = { child: ChildProcess; url: string; ms: number };

function start(cmd: string[], env: Record<string, string>, pattern: RegExp): Promise<Proc> {
  const t0 = performance.now();
  const child = spawn(process.execPath, cmd, {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((done, fail) => {
    const onData = async (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m?.[1]) {
        child.stdout?.off("data", onData);
        const url = m[1];
        // Cold start = until the first health request is answered.
        for (;;) {
          try {
            const r = await fetch(`${url}/api/health`);
            if (r.ok) {
              break;
            }
          } catch {}
          await new Promise((r) => setTimeout(r, 5));
        }
        done({ child, url, ms: performance.now() - t0 });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.once("close", (code) => fail(new Error(`exited ${code}: ${out}`)));
    setTimeout(() => fail(new Error(`timeout: ${out}`)), 180_000).unref();
  });
}

function stop(p: Proc): Promise<void> {
  return new Promise((done) => {
    p.child.removeAllListeners("close");
    p.child.once("close", () => done());
    p.child.kill("SIGTERM");
  });
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function load(opts: autocannon.Options): Promise<number> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${opts.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  return result.requests.average;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

async function main() {
  const rows: string[] = [];
  const bareCmd = [TSX, join(ROOT, "bench/bare-fastify.ts")];
  const serveCmd = [BIN, "serve"];

  // Baseline process: bare Fastify started through tsx like ours (3 starts, median).
  const bareStarts: number[] = [];
  let bare: Proc | undefined;
  for (let i = 0; i < 3; i++) {
    const p = await start(bareCmd, {}, /bare on (http:\/\/\S+)/);
    bareStarts.push(p.ms);
    if (i < 2) {
      await stop(p);
    } else {
      bare = p;
    }
  }
  if (!bare) {
    throw new Error("no baseline");
  }
  const bareStart = median(bareStarts);
  const bareRss = rssMb(bare.child.pid);

  // Empty database: the very first start (initdb + migrations), then a restart on the same folder.
  const emptyDir = mkdtempSync(join(tmpdir(), "binhyen-bench-empty-"));
  const first = await start(serveCmd, { BINHYEN_DATA_DIR: emptyDir }, /on (http:\/\/\S+)/);
  await stop(first);
  const emptyStarts: number[] = [];
  let emptyRss = 0;
  for (let i = 0; i < 3; i++) {
    const p = await start(serveCmd, { BINHYEN_DATA_DIR: emptyDir }, /on (http:\/\/\S+)/);
    emptyStarts.push(p.ms);
    emptyRss = rssMb(p.child.pid);
    await stop(p);
  }

  // Demo database: seeded once by `binhyen demo`, then `serve` on it.
  const demoDir = mkdtempSync(join(tmpdir(), "binhyen-bench-demo-"));
  const seed = await start([BIN, "demo"], { BINHYEN_DATA_DIR: demoDir }, /demo on (http:\/\/\S+)/);
  await stop(seed);
  const demoStarts: number[] = [];
  let demo: Proc | undefined;
  for (let i = 0; i < 3; i++) {
    const p = await start(
      serveCmd,
      { BINHYEN_DATA_DIR: demoDir, BINHYEN_LOGIN_RATE_PER_MINUTE: "100000" },
      /on (http:\/\/\S+)/,
    );
    demoStarts.push(p.ms);
    if (i < 2) {
      await stop(p);
    } else {
      demo = p;
    }
  }
  if (!demo) {
    throw new Error("no demo server");
  }
  const demoRss = rssMb(demo.child.pid);

  rows.push("Cold start (spawn → first /api/health answered; median of 3)");
  rows.push(`  bare Fastify (baseline)           ${fmt(bareStart)} ms`);
  rows.push(`  serve, new empty folder (initdb)  ${fmt(first.ms)} ms   ×${fmt(first.ms / bareStart, 1)}`);
  rows.push(
    `  serve, empty database             ${fmt(median(emptyStarts))} ms   ×${fmt(median(emptyStarts) / bareStart, 1)}`,
  );
  rows.push(
    `  serve, demo database              ${fmt(median(demoStarts))} ms   ×${fmt(median(demoStarts) / bareStart, 1)}`,
  );
  rows.push("Resident memory after start (VmRSS)");
  rows.push(`  bare Fastify (baseline)           ${fmt(bareRss)} MB`);
  rows.push(`  serve, empty database             ${fmt(emptyRss)} MB   ×${fmt(emptyRss / bareRss, 1)}`);
  rows.push(`  serve, demo database              ${fmt(demoRss)} MB   ×${fmt(demoRss / bareRss, 1)}`);

  // Throughput, c=10 for DURATION s each, all servers on this machine.
  const bareRps = await load({ url: `${bare.url}/ping` });
  const body = JSON.stringify({ phone: "0900000001", password: "binhyen-demo" });
  const loginRps = await load({
    url: `${demo.url}/api/auth/login`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const login = await fetch(`${demo.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const meRps = await load({ url: `${demo.url}/api/me`, headers: { cookie } });
  rows.push(`Throughput (autocannon, ${CONNECTIONS} connections, ${DURATION} s each; database: pglite)`);
  rows.push(`  bare Fastify GET /ping (baseline) ${fmt(bareRps)} req/s`);
  rows.push(`  POST /api/auth/login (argon2id)   ${fmt(loginRps)} req/s   ×${fmt(loginRps / bareRps, 3)}`);
  rows.push(`  GET /api/me (session + roles)     ${fmt(meRps)} req/s   ×${fmt(meRps / bareRps, 3)}`);

  await stop(demo);

  // The same /api/me load on a PostgreSQL server, when one answers (BINHYEN_BENCH_PG_URL).
  const adminUrl = process.env.BINHYEN_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  const dbName = `binhyen_bench_${Date.now()}`;
  try {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const env = {
      DATABASE_URL: url.toString(),
      BINHYEN_DATA_DIR: demoDir,
      BINHYEN_LOGIN_RATE_PER_MINUTE: "100000",
    };
    const pgDemo = await start([BIN, "demo"], env, /demo on (http:\/\/\S+)/);
    const pgLogin = await fetch(`${pgDemo.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const pgCookie = (pgLogin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const pgLoginRps = await load({
      url: `${pgDemo.url}/api/auth/login`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const pgMeRps = await load({ url: `${pgDemo.url}/api/me`, headers: { cookie: pgCookie } });
    rows.push("Throughput on PostgreSQL 15 (same load)");
    rows.push(
      `  POST /api/auth/login (argon2id)   ${fmt(pgLoginRps)} req/s   ×${fmt(pgLoginRps / bareRps, 3)}`,
    );
    rows.push(`  GET /api/me (session + roles)     ${fmt(pgMeRps)} req/s   ×${fmt(pgMeRps / bareRps, 3)}`);
    await stop(pgDemo);
    await admin.query(`drop database if exists ${dbName} with (force)`);
  } catch (err) {
    rows.push(`PostgreSQL: skipped (${(err as Error).message.split("\n")[0]})`);
  } finally {
    await admin.end().catch(() => {});
  }
  await stop(bare);
  rmSync(emptyDir, { recursive: true, force: true });
  rmSync(demoDir, { recursive: true, force: true });
  process.stdout.write(
    `\nBình Yên bench (${new Date().toISOString()}, ${process.version})\n${rows.join("\n")}\n`,
  );
}

await main();
