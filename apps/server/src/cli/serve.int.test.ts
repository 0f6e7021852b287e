import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli, startServer } from "../test/cli";

let target: Awaited<ReturnType<typeof cliDatabase>>;

beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.cleanup());

describe("binhyen serve", () => {
  it("migrates at start, answers /api/health with its database kind, and stops cleanly on SIGTERM", async () => {
    const server = await startServer(["serve"], target.env);
    try {
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", database: target.kind, version: expect.any(String) });
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(["/api/auth/login", "/api/groups/{groupId}"]),
      );
      if (target.kind === "pglite") {
        // PGlite has no cross-process lock of its own: our lockfile refuses a second process.
        const second = await runCli(["migrate"], target.env);
        expect(second.code).toBe(1);
        expect(second.stderr).toContain("in use by process");
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // After a clean stop the folder is free again.
    expect((await runCli(["migrate"], target.env)).code).toBe(0);
  });
});
