import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPglite, openPostgres } from "../db/client";
import { cliDatabase, runCli } from "../test/cli";

/** The operator's CLI, run as a separate process against its own database. */
let target: Awaited<ReturnType<typeof cliDatabase>>;
let communeId = "";

async function openTarget(): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.env.DATABASE_URL ?? "", 1)
    : openPglite({ dataDir: `${target.dir}/pg` });
}

beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.cleanup());

describe("binhyen CLI", () => {
  it("prints help", async () => {
    const r = await runCli(["--help"], target.env);
    expect(r.code).toBe(0);
    for (const cmd of ["serve", "demo", "init", "migrate", "user add", "audit verify"]) {
      expect(r.stdout).toContain(cmd);
    }
  });

  it("lists every bad configuration key at once and exits 2", async () => {
    const r = await runCli(["migrate"], {
      ...target.env,
      PORT: "abc",
      LOG_LEVEL: "chatty",
      BINHYEN_REGION: "US",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("PORT");
    expect(r.stderr).toContain("LOG_LEVEL");
  });

  it("migrate, init a commune with hamlets and its chief, add and disable users", async () => {
    expect((await runCli(["migrate"], target.env)).code).toBe(0);
    const init = await runCli(
      [
        "init",
        "--province",
        "Đồng Nai",
        "--commune",
        "Đồng Tâm",
        "--hamlets",
        "Ấp Tân Phú; Ấp Đồng Tiến",
        "--chief-name",
        "Lê Minh Tuấn",
        "--chief-phone",
        "0912 000 111",
        "--chief-password",
        "mat-khau-rat-dai",
      ],
      target.env,
    );
    expect(init.code, init.stderr).toBe(0);
    communeId = /\(([0-9a-f-]{36})\)/.exec(init.stdout)?.[1] ?? "";
    expect(communeId).not.toBe("");
    const add = await runCli(
      [
        "user",
        "add",
        "--commune",
        communeId,
        "--name",
        "Trần Quốc Bảo",
        "--phone",
        "0912000222",
        "--password",
        "mat-khau-pho-truong",
        "--role",
        "deputy",
      ],
      target.env,
    );
    expect(add.code, add.stderr).toBe(0);
    const dup = await runCli(
      [
        "user",
        "add",
        "--commune",
        communeId,
        "--name",
        "X",
        "--phone",
        "0912000222",
        "--password",
        "mat-khau-pho-truong",
      ],
      target.env,
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain("CONFLICT");
    expect((await runCli(["user", "disable", "--phone", "0912000222"], target.env)).code).toBe(0);
    expect(
      (
        await runCli(
          ["user", "reset-password", "--phone", "0912000111", "--password", "mat-khau-moi-dai-hon"],
          target.env,
        )
      ).code,
    ).toBe(0);

    const db = await openTarget();
    try {
      const rows = await db.db.execute<{ n: string }>(
        sql`select count(*) as n from groups where commune_id = ${communeId}`,
      );
      expect(Number(rows.rows[0]?.n)).toBe(2);
      const leaders = await db.db.execute<{ n: string }>(
        sql`select count(*) as n from role_assignments where commune_id = ${communeId} and role = 'GROUP_LEADER' and ended_at is null`,
      );
      expect(Number(leaders.rows[0]?.n)).toBe(2);
      const status = await db.db.execute<{ status: string }>(
        sql`select status from users where phone = '0912000222'`,
      );
      expect(status.rows[0]?.status).toBe("disabled");
    } finally {
      await db.close();
    }
    // Eight CLI processes in a row: on a loaded 2-core machine this takes well over a minute.
  }, 240_000);

  it("import-households previews and imports a list as the named officer, idempotently", async () => {
    const db = await openTarget();
    let hamletId = "";
    try {
      const rows = await db.db.execute<{ id: string }>(
        sql`select id from hamlets where commune_id = ${communeId} order by sort_order limit 1`,
      );
      hamletId = rows.rows[0]?.id ?? "";
    } finally {
      await db.close();
    }
    const file = join(target.dir, "ds.csv");
    writeFileSync(
      file,
      "Họ và tên chủ hộ,Số điện thoại\nNguyễn Văn Một,0912 111 001\nTrần Thị Hai,0123 456 789\n",
    );
    const dry = await runCli(
      ["import-households", "--hamlet", hamletId, "--file", file, "--as", "0912000111", "--dry-run"],
      target.env,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("2 rows: 1 new, 0 updated, 0 unchanged, 1 rejected");
    expect(dry.stdout).toContain("row 3 (phones)");
    const run = await runCli(
      ["import-households", "--hamlet", hamletId, "--file", file, "--as", "0912000111"],
      target.env,
    );
    expect(run.stdout).toMatch(/done: 1 new, 0 updated, 0 unchanged, 1 rejected/);
    const again = await runCli(
      ["import-households", "--hamlet", hamletId, "--file", file, "--as", "0912000111"],
      target.env,
    );
    expect(again.stdout).toMatch(/done: 0 new, 0 updated, 1 unchanged, 1 rejected/);
    const nobody = await runCli(
      ["import-households", "--hamlet", hamletId, "--file", file, "--as", "0987654321"],
      target.env,
    );
    expect(nobody.code).toBe(1);
  });

  it("audit verify: OK on an untouched log; names the first edited row after tampering", async () => {
    const ok = await runCli(["audit", "verify"], target.env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Audit log OK: [1-9]\d* rows/);

    const db = await openTarget();
    let tamperedId = 0;
    try {
      // Append-only: a plain UPDATE or DELETE is refused by the trigger.
      await expect(db.db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
      await expect(db.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      // An attacker with superuser rights disables the trigger and edits the second row.
      const ids = await db.db.execute<{ id: number }>(sql`select id from audit_log order by id limit 2`);
      tamperedId = Number(ids.rows[1]?.id);
      await db.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await db.db.execute(
        sql`update audit_log set data = '{"role":"COMMUNE_CHIEF"}'::jsonb where id = ${tamperedId}`,
      );
      await db.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    } finally {
      await db.close();
    }
    const bad = await runCli(["audit", "verify"], target.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`TAMPERED at row ${tamperedId}`);
  });
});
