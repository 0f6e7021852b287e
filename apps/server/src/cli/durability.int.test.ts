import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliDatabase, runCli, startServer } from "../test/cli";

/** Every acknowledged report (201 with a receipt) survives the process being killed (issue #5). */
let target: Awaited<ReturnType<typeof cliDatabase>>;

beforeAll(async () => {
  target = await cliDatabase();
});
afterAll(() => target.cleanup());

describe("report intake durability", () => {
  it("after kill -9 right behind the last 201, every receipt code still finds its report", async () => {
    const env = { ...target.env, BINHYEN_PUBLIC_RATE_PER_MINUTE: "100000" };
    const init = await runCli(
      [
        "init",
        "--province",
        "Đồng Nai",
        "--commune",
        "Xã Bền",
        "--hamlets",
        "Ấp Một",
        "--chief-name",
        "Lê Văn Trưởng",
        "--chief-phone",
        "0912000999",
        "--chief-password",
        "mat-khau-rat-dai",
      ],
      env,
    );
    expect(init.code, init.stderr).toBe(0);
    const communeId = /\(([0-9a-f-]{36})\)/.exec(init.stdout)?.[1] ?? "";
    const server = await startServer(["serve"], env);
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${server.url}/api/reports`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          communeId,
          category: "CRIME",
          description: `Tin báo số ${i}`,
          anonymous: true,
        }),
      });
      expect(res.status).toBe(201);
      codes.push(((await res.json()) as { receiptCode: string }).receiptCode);
    }
    await server.crash();
    const again = await startServer(["serve"], env);
    try {
      for (const code of codes) {
        const res = await fetch(`${again.url}/api/reports/receipt/${code}`);
        expect(res.status, code).toBe(200);
      }
    } finally {
      await again.stop();
    }
  });
});
