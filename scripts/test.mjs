#!/usr/bin/env node
// `npm test`: unit, integration on PGlite, the same integration files on PostgreSQL, and the
// browser tests in Debian's Chromium. Tiers whose prerequisite is missing are skipped with the
// reason printed; with --require-all (CI) a skipped tier is a failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const requireAll = args.includes("--require-all") || process.env.BINHYEN_REQUIRE_ALL_TIERS === "1";
const pgUrl =
  process.env.BINHYEN_TEST_PG_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const chromium = process.env.BINHYEN_CHROMIUM ?? "/usr/bin/chromium";
const reportDir = mkdtempSync(join(tmpdir(), "binhyen-test-report-"));

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let failedTier = false;

function vitest(name, project, env = {}) {
  const report = join(reportDir, `${name}.json`);
  console.log(`\n▶ ${name}`);
  const r = spawnSync(
    "npx",
    [
      "vitest",
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    {
      stdio: "inherit",
      env: { ...process.env, ...env },
    },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, "utf8"));
    counts = {
      passed: j.numPassedTests,
      failed: j.numFailedTests,
      skipped: j.numPendingTests + j.numTodoTests,
    };
  }
  const ok = r.status === 0 && counts.failed === 0 && counts.passed > 0;
  if (!ok) {
    failedTier = true;
    if (counts.failed === 0) {
      counts.failed = 1; // the run itself failed (setup error, or no test ran)
    }
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(`${ok ? "ok  " : "FAIL"} ${name}: ${counts.passed} passed, ${counts.failed} failed`);
}

function skip(name, why) {
  lines.push(`skip ${name}: ${why}`);
  if (requireAll) {
    failedTier = true;
    totals.failed += 1;
  }
}

async function postgresAnswers() {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query("select 1");
    return true;
  } catch (err) {
    return err.message;
  } finally {
    await c.end().catch(() => {});
  }
}

const want = (t) => !only || only === t;

if (want("unit")) {
  vitest("unit", "unit");
}
if (want("int")) {
  vitest("integration (PGlite)", "integration");
}
if (want("pg")) {
  const answer = await postgresAnswers();
  if (answer === true) {
    vitest("integration (PostgreSQL)", "integration", { BINHYEN_TEST_PG_URL: pgUrl });
  } else {
    skip(
      "integration (PostgreSQL)",
      `no PostgreSQL at ${pgUrl.replace(/:[^:@/]+@/, ":***@")} (${answer}); set BINHYEN_TEST_PG_URL`,
    );
  }
}
if (want("e2e")) {
  if (existsSync(chromium)) {
    const build = spawnSync("npm", ["run", "build:web"], { stdio: "inherit" });
    if (build.status !== 0) {
      lines.push("FAIL e2e: web build failed");
      failedTier = true;
      totals.failed += 1;
    } else {
      vitest("end-to-end (Chromium)", "e2e", { BINHYEN_CHROMIUM: chromium });
    }
  } else {
    skip(
      "end-to-end (Chromium)",
      `no browser at ${chromium} (apt-get install -y chromium, or set BINHYEN_CHROMIUM)`,
    );
  }
}

rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${lines.join("\n")}`);
console.log(`\nTotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedTier ? 1 : 0);
