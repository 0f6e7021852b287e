import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eUrl: string;
  }
}

/**
 * Starts the real product as `npm start` does (demo mode, embedded database, demo commune seeded)
 * on a free port in a fresh data folder, and stops it after the run. The web app must be built
 * (scripts/test.mjs builds it before this tier).
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "binhyen-e2e-"));
  const bin = resolve(import.meta.dirname, "../apps/server/bin/binhyen.js");
  const child = spawn(process.execPath, [bin, "demo"], {
    env: { ...process.env, BINHYEN_DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`demo server did not start:\n${output}`)), 120_000);
    child.stdout.on("data", (d: Buffer) => {
      output += d;
      const m = /demo on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        done(m[1]);
      }
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d;
    });
    child.once("close", (code) => fail(new Error(`demo server exited (${code}):\n${output}`)));
  });
  process.env.BINHYEN_E2E_URL = url;
  project.provide("e2eUrl", url);
  return async () => {
    await new Promise<void>((closed) => {
      child.once("close", () => closed());
      child.kill("SIGTERM");
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
