import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/harness";

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "binhyen-web-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><html lang="vi"><script type="module" src="/assets/app.js"></script></html>',
  );
  writeFileSync(join(dir, "assets/app.js"), "console.log('xin chào')");
  ctx = await createTestContext({ env: { BINHYEN_WEB_DIR: dir } });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("web app serving", () => {
  it("serves index.html at / and for client routes, so a reload keeps the page", async () => {
    for (const url of [
      "/",
      "/groups/123",
      "/communes/x/officers?tab=1",
      "/join/AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUv",
    ]) {
      const res = await ctx.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.body).toContain('<html lang="vi">');
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    }
  });

  it("serves assets with their type, and a missing file is a 404, not the page", async () => {
    const js = await ctx.app.inject({ method: "GET", url: "/assets/app.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toContain("javascript");
    expect((await ctx.app.inject({ method: "GET", url: "/assets/old-build.js" })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: "GET", url: "/favicon.ico" })).statusCode).toBe(404);
  });

  it("an unknown API path is a JSON 404", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/nothing-here" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("NOT_FOUND");
  });
});
