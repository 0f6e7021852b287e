import { ANNOUNCEMENT_CATEGORIES } from "@binhyen/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../modules/audit/audit.service";
import { call, createTestContext, login, type TestContext } from "../test/harness";
import { isDemoSeeded, seedDemo } from "./demo.seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-data";

let ctx: TestContext;
let seeded: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  ctx = await createTestContext();
  // The demo accounts use fixed phones: in a shared PostgreSQL test database seed only once.
  if (!(await isDemoSeeded(ctx.deps.db))) {
    seeded = await seedDemo(ctx.deps);
  }
}, 120_000);
afterAll(() => ctx.close());

describe("demo commune (DESIGN §5)", () => {
  it("has ≥6 hamlets, ≥1,500 households and different coverage per hamlet", async () => {
    if (!seeded) {
      return;
    }
    expect(seeded.households).toBeGreaterThanOrEqual(1500);
    const rows = await ctx.deps.db.execute<{ name: string; households: string; covered: string }>(sql`
      select h.name, count(distinct hh.id) as households, count(distinct m.household_id) as covered
      from hamlets h left join households hh on hh.hamlet_id = h.id
      left join groups g on g.hamlet_id = h.id
      left join group_members m on m.group_id = g.id and m.household_id is not null
      where h.commune_id = ${seeded.communeId} group by h.name`);
    expect(rows.rows.length).toBeGreaterThanOrEqual(6);
    const shares = rows.rows.map((r) => Math.round((100 * Number(r.covered)) / Number(r.households)));
    expect(new Set(shares).size).toBe(shares.length);
    expect(await isDemoSeeded(ctx.deps.db)).toBe(true);
    expect((await verifyAuditChain(ctx.deps.db)).ok).toBe(true);
    // Reports in every state of the workflow.
    const states = await ctx.deps.db.execute<{ state: string }>(
      sql`select distinct state from reports where commune_id = ${seeded.communeId}`,
    );
    expect(new Set(states.rows.map((r) => r.state))).toEqual(
      new Set([
        "RECEIVED",
        "ACKNOWLEDGED",
        "VERIFYING",
        "FORWARDED",
        "HANDLED_IN_COMMUNE",
        "NOT_POLICE_MATTER",
        "SUSPENDED",
        "OUTCOME_RECORDED",
        "CLOSED",
        "MERGED",
      ]),
    );
  });

  it("has announcements in every category, and the member's feed shows them with an acknowledgement", async () => {
    if (!seeded) {
      return;
    }
    const cats = await ctx.deps.db.execute<{ category: string }>(
      sql`select distinct category from announcements where commune_id = ${seeded.communeId}`,
    );
    expect(new Set(cats.rows.map((r) => r.category))).toEqual(new Set(ANNOUNCEMENT_CATEGORIES));
    const s = await login(ctx.app, DEMO_ACCOUNTS.member.phone, DEMO_PASSWORD);
    const mine = await call(ctx.app, s, { method: "GET", url: "/api/me/feeds" });
    const group = mine.json().groups[0];
    const feed = await call(ctx.app, s, { method: "GET", url: `/api/groups/${group.id}/feed` });
    const items = feed.json().items as { pinned: boolean; ackAt: string | null; category: string }[];
    expect(items[0]?.pinned).toBe(true);
    expect(items.some((i) => i.ackAt !== null)).toBe(true);
    expect(items.some((i) => i.category === "WANTED_PERSON")).toBe(true);
    expect(feed.json().unread).toBeGreaterThan(0);
  });

  it.each([
    [DEMO_ACCOUNTS.chief.phone, "COMMUNE_CHIEF"],
    [DEMO_ACCOUNTS.deputy.phone, "COMMUNE_DEPUTY"],
    ["0900000011", "GROUP_LEADER"],
    ["0900000012", "GROUP_LEADER"],
    [DEMO_ACCOUNTS.groupDeputy.phone, "GROUP_DEPUTY"],
    [DEMO_ACCOUNTS.member.phone, "GROUP_MEMBER"],
    [DEMO_ACCOUNTS.province.phone, "PROVINCE_OFFICER"],
  ])("demo login %s has role %s", async (phone, role) => {
    const s = await login(ctx.app, phone, DEMO_PASSWORD);
    const me = await call(ctx.app, s, { method: "GET", url: "/api/me" });
    expect(me.json().roles.map((r: { role: string }) => r.role)).toContain(role);
  });

  it("the first hamlet's leader leads two groups, and the deputy has a title", async () => {
    const s = await login(ctx.app, "0900000011", DEMO_PASSWORD);
    const me = (await call(ctx.app, s, { method: "GET", url: "/api/me" })).json();
    expect(me.roles.filter((r: { role: string }) => r.role === "GROUP_LEADER")).toHaveLength(2);
    const d = await login(ctx.app, DEMO_ACCOUNTS.groupDeputy.phone, DEMO_PASSWORD);
    const dme = (await call(ctx.app, d, { method: "GET", url: "/api/me" })).json();
    expect(dme.roles[0]).toMatchObject({ role: "GROUP_DEPUTY", title: "PARTY_SECRETARY" });
  });
});
