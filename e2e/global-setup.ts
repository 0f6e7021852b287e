import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    e2eUrl: string;
    /** The fake Zalo world the demo runs beside itself (issue #7), or "" if it printed none. */
    e2eZaloUrl: string;
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
    env: {
      ...process.env,
      BINHYEN_DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // The fake Zalo world on a free port too, so a demo already running (on 3100) does not clash.
      BINHYEN_ZALO_FAKE_PORT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const zaloLine = /Fake Zalo world[^\n]*?(http:\/\/\S+)/;
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`demo server did not start:\n${output}`)), 120_000);
    let grace: NodeJS.Timeout | undefined;
    child.stdout.on("data", (d: Buffer) => {
      output += d;
      const m = /demo on (http:\/\/[^\s]+)/.exec(output);
      if (!m?.[1]) {
        return;
      }
      const found = m[1];
      const finish = () => {
        clearTimeout(timer);
        clearTimeout(grace);
        done(found);
      };
      // The fake Zalo world's line closes the same block; give a split write a moment to arrive.
      if (zaloLine.test(output)) {
        finish();
      } else {
        grace ??= setTimeout(finish, 5_000);
      }
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d;
    });
    child.once("close", (code) => fail(new Error(`demo server exited (${code}):\n${output}`)));
  });
  const zaloUrl = (zaloLine.exec(output)?.[1] ?? "").replace(/\/$/, "");
  process.env.BINHYEN_E2E_URL = url;
  process.env.BINHYEN_E2E_ZALO_URL = zaloUrl;
  project.provide("e2eUrl", url);
  project.provide("e2eZaloUrl", zaloUrl);
  return async () => {
    await new Promise<void>((closed) => {
      child.once("close", () => closed());
      child.kill("SIGTERM");
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
