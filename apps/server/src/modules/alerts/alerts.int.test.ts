import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { officerAlerts, outbox, reports } from "../../db/schema";
import { drainOutboxOnce } from "../../jobs/outbox-worker";
import { buildCommune, type TestCommune } from "../../test/factories";
import { type FakePushService, startFakePushService } from "../../test/fake-push-service";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../../test/harness";
import { vapidKeys } from "../announcements/push.service";
import { transitionCase } from "../reports/case.service";
import { leadingZeroBits, powDigest } from "../reports/intake-pow";
import { runCaseReminders } from "./case-reminders";

const clock = fixedClock(new Date("2026-11-23T02:00:00Z")); // a Monday, 09:00 in Vietnam
let ctx: TestContext;
let t: TestCommune;
let push: FakePushService;
const silent = { warn: () => undefined, error: () => undefined };
const REPORTER = "Vương Thị Kín";

beforeAll(async () => {
  ctx = await createTestContext({
    clock,
    env: {
      BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000",
      BINHYEN_PUSH_ALLOWED_HOSTS: "127.0.0.1",
      BINHYEN_INTAKE_POW_ABOVE_PER_MINUTE: "1000",
    },
  });
  t = await buildCommune(ctx.deps);
  push = await startFakePushService({ vapidPublicKey: (await vapidKeys(ctx.deps)).publicKey });
});
afterAll(async () => {
  await push.close();
  await ctx.close();
});

const session = (who: keyof TestCommune["users"]) => sessionFor(ctx.deps, t.users[who].id);
const submit = async (over: Record<string, unknown>) => {
  const res = await ctx.app.inject({
    method: "POST",
    url: "/api/reports",
    payload: {
      communeId: t.communeId,
      hamletId: t.hamlets[0]?.hamletId,
      category: "CRIME",
      description: "Có người mang hung khí đang đe dọa quán nước đầu ấp.",
      anonymous: false,
      reporter: { name: REPORTER, phone: "0377111222" },
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res;
};
/** This file's commune only: a shared PostgreSQL test database holds other files' alerts. */
const ownAlerts = () =>
  ctx.deps.db.select().from(officerAlerts).where(eq(officerAlerts.communeId, t.communeId));
const alertsOf = async (s: Session) =>
  (await call(ctx.app, s, { method: "GET", url: "/api/me/alerts" })).json();

describe("urgent reports", () => {
  it("alert the hamlet's leader, the chief and the deputy at once — in the app and by Web Push — without naming the reporter", async () => {
    const chief = await session("chief");
    const sub = push.subscribe();
    await call(ctx.app, chief, { method: "POST", url: "/api/push/subscriptions", payload: sub });
    await submit({ urgent: true });
    for (const who of ["leader", "chief", "deputy"] as const) {
      const list = await alertsOf(await session(who));
      expect(list.unread, who).toBe(1);
      expect(list.items[0].kind).toBe("URGENT_REPORT");
      expect(list.items[0].title).toContain("Tin báo khẩn mới: tội phạm");
    }
    expect((await alertsOf(await session("member"))).unread).toBe(0);
    expect((await alertsOf(await session("leader2"))).unread).toBe(0);
    const rows = await ownAlerts();
    expect(JSON.stringify(rows)).not.toContain("Vương");
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, clock, silent, { communeIds: [t.communeId] });
    const got = push.received(sub.endpoint);
    expect(got).toHaveLength(1);
    expect(JSON.stringify(got[0]?.payload)).not.toMatch(/Vương|0377|hung khí/);
    expect(got[0]?.payload).toMatchObject({ url: expect.stringMatching(/^\/cases\//) });
  });

  it("a conduct report alerts the chief only, never the officer it is about", async () => {
    await ctx.deps.db.delete(officerAlerts).where(eq(officerAlerts.communeId, t.communeId));
    await submit({ urgent: true, category: "POLICE_CONDUCT", anonymous: true, reporter: undefined });
    expect((await alertsOf(await session("chief"))).unread).toBe(1);
    expect((await alertsOf(await session("leader"))).unread).toBe(0);
    expect((await alertsOf(await session("deputy"))).unread).toBe(0);
  });

  it("escalate to the chief and deputies when nobody acknowledged them in time — once", async () => {
    await ctx.deps.db.delete(officerAlerts).where(eq(officerAlerts.communeId, t.communeId));
    await submit({ urgent: true });
    const [first] = await ownAlerts();
    const reportId = first?.reportId ?? "";
    await submit({ urgent: true, description: "Một vụ khẩn khác đã được tiếp nhận ngay." });
    const other = (await ownAlerts()).find((a) => a.reportId !== reportId)?.reportId ?? "";
    await transitionCase(
      ctx.deps,
      await actorOf(ctx.deps, t.users.leader.id),
      other,
      { type: "ACKNOWLEDGE" },
      "t",
    );
    clock.advance(10 * 60_000);
    await runCaseReminders(ctx.deps);
    expect(
      (await ownAlerts()).filter((a) => a.kind === "URGENT_UNACKNOWLEDGED" && a.communeId === t.communeId),
    ).toHaveLength(0);
    clock.advance(6 * 60_000);
    await runCaseReminders(ctx.deps);
    await runCaseReminders(ctx.deps);
    const all = (await ownAlerts()).filter((a) => a.kind === "URGENT_UNACKNOWLEDGED");
    const escalations = all.filter((a) => a.reportId === reportId);
    expect(escalations.map((a) => a.userId).sort()).toEqual([t.users.chief.id, t.users.deputy.id].sort());
    // The acknowledged one does not escalate.
    expect(all.some((a) => a.reportId === other)).toBe(false);
    expect(escalations[0]?.title).toContain("chưa được tiếp nhận sau 15 phút");
  });
});

describe("deadline reminders", () => {
  it("remind the assigned officer and the chief when the forwarding deadline passes, once", async () => {
    await ctx.deps.db.delete(officerAlerts).where(eq(officerAlerts.communeId, t.communeId));
    await submit({ description: "Mất trộm xe máy trước nhà tối qua." });
    clock.advance(4 * 86400_000);
    await runCaseReminders(ctx.deps);
    await runCaseReminders(ctx.deps);
    // This test's report only (the earlier tests' reports are overdue too by now).
    const [latest] = await ctx.deps.db
      .select({ id: reports.id })
      .from(reports)
      .where(eq(reports.communeId, t.communeId))
      .orderBy(desc(reports.receivedAt), desc(reports.updatedAt))
      .limit(1);
    const overdue = (await ownAlerts()).filter(
      (a) => a.kind === "DEADLINE_OVERDUE" && a.reportId === latest?.id,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(overdue.map((a) => a.userId))).toEqual(new Set([t.users.leader.id, t.users.chief.id]));
    const keys = overdue.map((a) => `${a.userId}:${a.dedupeKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(overdue.some((a) => a.title.includes("hạn chuyển tin báo"))).toBe(true);
    // Marked read one by one or all at once.
    const leader = await session("leader");
    const before = await alertsOf(leader);
    await call(ctx.app, leader, { method: "POST", url: `/api/me/alerts/${before.items[0].id}/read` });
    expect((await alertsOf(leader)).unread).toBe(before.unread - 1);
    await call(ctx.app, leader, { method: "POST", url: "/api/me/alerts/read-all" });
    expect((await alertsOf(leader)).unread).toBe(0);
    const chief = await session("chief");
    expect(
      (await call(ctx.app, chief, { method: "POST", url: `/api/me/alerts/${before.items[0].id}/read` }))
        .statusCode,
    ).toBe(404);
    const pushRows = await ctx.deps.db.select().from(outbox).where(eq(outbox.channel, "alert-push"));
    expect(pushRows.length).toBeGreaterThan(0);
  });
});

describe("proof of work under load", () => {
  it("asks for it above the configured rate, accepts a solved challenge once, and refuses a replay", async () => {
    const pow = await createTestContext({
      env: {
        BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000",
        BINHYEN_INTAKE_POW_ABOVE_PER_MINUTE: "2",
        BINHYEN_INTAKE_POW_BITS: "8",
      },
    });
    try {
      const p = await buildCommune(pow.deps);
      const send = (headers: Record<string, string> = {}) =>
        pow.app.inject({
          method: "POST",
          url: "/api/reports",
          headers,
          payload: {
            communeId: p.communeId,
            category: "OTHER",
            description: "Đèn đường hỏng ở ngã ba.",
            anonymous: true,
          },
        });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      const asked = await send();
      expect(asked.statusCode).toBe(428);
      const err = asked.json().error;
      expect(err.code).toBe("PROOF_OF_WORK_REQUIRED");
      expect(err.message).toContain("xác minh");
      const { challenge, bits } = err.details as { challenge: string; bits: number };
      expect(bits).toBeGreaterThanOrEqual(8);
      let nonce = 0;
      while (leadingZeroBits(powDigest(challenge, String(nonce))) < bits) {
        nonce++;
      }
      const proof = `${challenge}:${nonce}`;
      expect((await send({ "x-proof-of-work": `${challenge}:${nonce + 1}x` })).statusCode).toBe(428);
      expect((await send({ "x-proof-of-work": proof })).statusCode).toBe(201);
      expect((await send({ "x-proof-of-work": proof })).statusCode).toBe(428);
      const challengeRes = await pow.app.inject({ method: "GET", url: "/api/reports/challenge" });
      expect(challengeRes.json().required).toBe(true);
    } finally {
      await pow.close();
    }
  });
});
