import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { inject } from "vitest";

export const BIN = resolve(import.meta.dirname, "../../bin/binhyen.js");

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`binhyen ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/**
 * A database of its own for a CLI run: a fresh PGlite folder, or (in the PostgreSQL run) a fresh
 * database on the server, dropped afterwards.
 */
export async function cliDatabase(): Promise<{
  env: Record<string, string>;
  kind: "pglite" | "postgres";
  dir: string;
  cleanup(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), "binhyen-cli-"));
  const adminUrl = inject("pgAdminUrl");
  if (!adminUrl) {
    return {
      env: { BINHYEN_DATA_DIR: dir },
      kind: "pglite",
      dir,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `binhyen_cli_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: {
      DATABASE_URL: url.toString(),
      BINHYEN_SECRET_KEY: randomBytes(32).toString("base64"),
      BINHYEN_DATA_DIR: dir,
    },
    kind: "postgres",
    dir,
    async cleanup() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `binhyen serve|demo` on a free port and resolves once it prints its URL. */
export function startServer(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<{ url: string; output: () => string; stop(): Promise<number | null>; crash(): Promise<void> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d;
      const m = /on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        done({
          url: m[1],
          output: () => out,
          stop: () =>
            new Promise((closed) => {
              child.once("close", (code) => closed(code));
              child.kill("SIGTERM");
            }),
          crash: () =>
            new Promise((closed) => {
              child.removeAllListeners("close");
              child.once("close", () => closed());
              child.kill("SIGKILL");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.once("close", (code) => fail(new Error(`server exited early (${code}):\n${out}`)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`server did not start:\n${out}`));
    }, timeoutMs);
  });
}
