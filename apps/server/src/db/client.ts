import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "./schema";

/** Typed as node-postgres for both backends: the generic PgDatabase types execute() rows as unknown. */
export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Repositories take this: the database handle or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  readonly db: Db;
  readonly kind: DatabaseKind;
  /** Set for PostgreSQL: the migrator takes its own connection. */
  readonly url?: string;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * PGlite has no lock across processes: two processes on one folder corrupt it. We hold an
 * exclusive lockfile next to the data and take it over only when its owner process is gone.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = join(dataDir, "..", "binhyen.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") {
        throw err;
      }
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The data folder ${resolve(dataDir, "..")} is in use by process ${pid}. Stop it first (PGlite allows one process per folder).`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  let release = () => {};
  if (opts.dataDir) {
    // PGlite creates only the last folder of the path.
    mkdirSync(dirname(resolve(opts.dataDir)), { recursive: true });
    release = acquireLock(opts.dataDir);
  }
  try {
    const client = await PGlite.create({
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      async close() {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, admin) must not crash the process:
  // the pool drops it and the next query opens a new one or fails with its own error.
  pool.on("error", () => undefined);
  // Fail fast with a clear message when the server does not answer.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg(pool, { schema });
  return { db, kind: "postgres", url, close: () => pool.end() };
}

export async function openDatabase(
  cfg: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string },
): Promise<Database> {
  return cfg.kind === "postgres" ? openPostgres(cfg.url) : openPglite({ dataDir: cfg.dataDir });
}

/** Applies the committed migrations (at start, not with drizzle-kit: its PGlite path cannot load). */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Several API processes may start together: one migrates while the others wait on the lock.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(72410001)");
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("select pg_advisory_unlock(72410001)").catch(() => undefined);
    await client.end();
  }
}
