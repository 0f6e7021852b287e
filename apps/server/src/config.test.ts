import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to embedded PGlite in the data folder", () => {
    const c = loadConfig({ BINHYEN_DATA_DIR: "/srv/by" });
    expect(c.database).toEqual({ kind: "pglite", dataDir: "/srv/by/pg" });
    expect(c.port).toBe(3000);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const c = loadConfig({
      DATABASE_URL: "postgres://u@h/db",
      BINHYEN_SECRET_KEY: Buffer.alloc(32, 1).toString("base64"),
    });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u@h/db" });
  });

  it("lists every bad key in one error", () => {
    try {
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        LOG_LEVEL: "loud",
        BINHYEN_SECRET_KEY: "short",
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const key of ["PORT", "DATABASE_URL", "LOG_LEVEL", "BINHYEN_SECRET_KEY"]) {
        expect(problems).toContain(key);
      }
    }
  });

  it("refuses a region outside Vietnam (req. 21) and a server database without a key outside it", () => {
    expect(() => loadConfig({ BINHYEN_REGION: "SG" })).toThrow(/BINHYEN_REGION/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u@h/db" })).toThrow(/BINHYEN_SECRET_KEY/);
  });
});
