import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";

let ctx: TestContext;
let t: TestCommune;
let leader: Session;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await buildCommune(ctx.deps, { hamlets: 1 });
  leader = await sessionFor(ctx.deps, t.users.leader.id);
});
afterAll(() => ctx.close());

describe("a 5,000-row import runs in the background", () => {
  it("answers other requests while it runs and reports progress until done", async () => {
    const lines = ["Họ và tên chủ hộ,Số điện thoại,Địa chỉ"];
    for (let i = 0; i < 5000; i++) {
      lines.push(`Nguyễn Văn Số ${i},09${String(20_000_000 + i)},Tổ ${1 + (i % 30)}`);
    }
    const boundary = "----progress";
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="5000.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.from(lines.join("\n")),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await call(ctx.app, leader, {
      method: "POST",
      url: `/api/hamlets/${t.hamlets[0]?.hamletId}/households/import`,
      payload,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.statusCode, res.body).toBe(202);
    const { importId } = res.json<{ importId: string }>();
    const seen: { status: string; processed: number }[] = [];
    let healthWhileRunning = 0;
    // Polls as the web app does (every 500 ms; 20 ms here to keep the test short). A loop with no
    // pause at all would keep PGlite's single session busy and the import's next batch waiting.
    for (let i = 0; i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const st = (await call(ctx.app, leader, { method: "GET", url: `/api/imports/${importId}` })).json();
      seen.push({ status: st.status, processed: st.processed });
      if (st.status !== "running") {
        break;
      }
      const health = await ctx.app.inject({ method: "GET", url: "/api/health" });
      if (health.statusCode === 200) {
        healthWhileRunning++;
      }
    }
    const last = seen.at(-1);
    expect(last).toEqual({ status: "done", processed: 5000 });
    // Requests were answered between batches, and progress moved in steps.
    expect(healthWhileRunning).toBeGreaterThan(0);
    expect(seen.some((s) => s.status === "running" && s.processed > 0 && s.processed < 5000)).toBe(true);
  });
});
