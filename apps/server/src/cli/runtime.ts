import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "../config";
import { backfillDerivedColumns } from "../db/backfill";
import { type Database, migrateDatabase, openDatabase } from "../db/client";
import { createDeps, type Deps } from "../deps";

export const VERSION: string = (
  JSON.parse(
    readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), "../../../../package.json"), "utf8"),
  ) as {
    version: string;
  }
).version;

/**
 * The AES key for TOTP secrets (and later informant identities) lives outside the database: from
 * BINHYEN_SECRET_KEY, or a file beside the embedded data created on first run with mode 0600.
 */
export function resolveSecretKey(config: Config): string {
  if (config.secretKey) {
    return config.secretKey;
  }
  const file = join(resolve(config.dataDir), "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

export async function openRuntime(config: Config): Promise<{ deps: Deps; database: Database }> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await backfillDerivedColumns(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps = createDeps({ config, database, secretKey: resolveSecretKey(config), version: VERSION });
  return { deps, database };
}
