import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchKey } from "../../core/text";
import { announcementDeliveries, groupMembers, outbox, pushSubscriptions } from "../../db/schema";
import { drainOutboxOnce } from "../../jobs/outbox-worker";
import { addHousehold, buildCommune, type TestCommune } from "../../test/factories";
import { type FakePushService, startFakePushService } from "../../test/fake-push-service";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";
import { vapidKeys } from "./push.service";

let ctx: TestContext;
let t: TestCommune;
let push: FakePushService;
let leader: Session;
let member: Session;
let port: number;
const silent = { warn: () => undefined, error: () => undefined };

beforeAll(async () => {
  ctx = await createTestContext({ env: { BINHYEN_PUSH_ALLOWED_HOSTS: "127.0.0.1" } });
  t = await buildCommune(ctx.deps);
  const householdId = await addHousehold(ctx.deps, t, 0, "Hộ Đỗ Văn Nam");
  await ctx.deps.db.insert(groupMembers).values({
    id: ctx.deps.ids.uuid(),
    groupId: t.hamlets[0]?.groupId ?? "",
    communeId: t.communeId,
    householdId,
    userId: t.users.member.id,
    name: t.users.member.name,
    searchKey: searchKey(t.users.member.name),
    kind: "HOUSEHOLD_REP",
    consentAt: ctx.deps.clock.now(),
  });
  leader = await sessionFor(ctx.deps, t.users.leader.id);
  member = await sessionFor(ctx.deps, t.users.member.id);
  push = await startFakePushService({ vapidPublicKey: (await vapidKeys(ctx.deps)).publicKey });
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  const addr = ctx.app.server.address();
  port = typeof addr === "object" && addr ? addr.port : 0;
});
afterAll(async () => {
  await push.close();
  await ctx.close();
});

const publish = async (title: string, over: Record<string, unknown> = {}) => {
  const res = await call(ctx.app, leader, {
    method: "POST",
    url: "/api/announcements",
    payload: {
      audience: { groupIds: [t.hamlets[0]?.groupId] },
      category: "SECURITY_SITUATION",
      title,
      body: "Đề nghị bà con cảnh giác với người lạ vào ấp.",
      ...over,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().announcementId as string;
};
const subscribe = async (who: Session) => {
  const sub = push.subscribe();
  const res = await call(ctx.app, who, { method: "POST", url: "/api/push/subscriptions", payload: sub });
  expect(res.statusCode, res.body).toBe(200);
  return sub;
};

const outboxRowOf = async (announcementId: string) =>
  (
    await ctx.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.idempotencyKey, `announcement:${announcementId}:push`))
  )[0];

describe("Web Push", () => {
  it("sends an encrypted notification through the push service and records delivery per subscription", async () => {
    const sub = await subscribe(member);
    const id = await publish("Cảnh giác người lạ", { urgent: true });
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, ctx.deps.clock, silent, {
      communeIds: [t.communeId],
      batchSize: 1000,
    });
    // (On a shared test database the drain also meets other files' rows: look at ours.)
    const own = await outboxRowOf(id);
    expect(own?.status, JSON.stringify(own)).toBe("delivered");
    const got = push.received(sub.endpoint);
    expect(got).toHaveLength(1);
    expect(got[0]?.payload).toMatchObject({
      id,
      title: "Cảnh giác người lạ",
      url: `/groups/${t.hamlets[0]?.groupId}/feed`,
    });
    expect(got[0]?.urgency).toBe("high");
    const [row] = await ctx.deps.db
      .select()
      .from(announcementDeliveries)
      .where(eq(announcementDeliveries.announcementId, id));
    expect(row).toMatchObject({ channel: "push", status: "delivered" });
    const stats = await call(ctx.app, leader, { method: "GET", url: `/api/announcements/${id}/stats` });
    expect(stats.json().byChannel.find((c: { channel: string }) => c.channel === "push")).toMatchObject({
      delivered: 1,
    });
  });

  it("retries a push service error later without sending twice, and forgets a subscription that is gone", async () => {
    await ctx.deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.userId, t.users.member.id));
    const sub = await subscribe(member);
    push.failNext(503, 1, { endpoint: sub.endpoint });
    const id = await publish("Thử lỗi dịch vụ đẩy");
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, ctx.deps.clock, silent, {
      communeIds: [t.communeId],
      backoffMs: 1,
      batchSize: 1000,
    });
    const failedOnce = await outboxRowOf(id);
    expect(failedOnce).toMatchObject({ status: "pending", attempts: 1 });
    expect(failedOnce?.lastError).toContain("retry");
    // The in-app feed is not held up by the failed channel.
    const feed = await call(ctx.app, member, {
      method: "GET",
      url: `/api/groups/${t.hamlets[0]?.groupId}/feed`,
    });
    expect(feed.json().items.map((i: { id: string }) => i.id)).toContain(id);
    await new Promise((r) => setTimeout(r, 20));
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, ctx.deps.clock, silent, {
      communeIds: [t.communeId],
      backoffMs: 1,
      batchSize: 1000,
    });
    expect(await outboxRowOf(id)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(push.received(sub.endpoint).filter((m) => (m.payload as { id: string }).id === id)).toHaveLength(
      1,
    );

    push.expire(sub.endpoint);
    await publish("Sau khi hết hạn đăng ký");
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, ctx.deps.clock, silent, {
      communeIds: [t.communeId],
      batchSize: 1000,
    });
    const left = await ctx.deps.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, sub.endpoint));
    expect(left).toHaveLength(0);
  });

  it("refuses to register an endpoint that is not an allowed push service", async () => {
    const res = await call(ctx.app, member, {
      method: "POST",
      url: "/api/push/subscriptions",
      payload: { endpoint: "http://10.0.0.5/internal", keys: { p256dh: "a", auth: "b" } },
    });
    expect(res.statusCode).toBe(400);
    const outboxRows = await ctx.deps.db.select().from(outbox);
    expect(outboxRows.every((r) => !JSON.stringify(r.payload).includes("10.0.0.5"))).toBe(true);
  });
});

describe("real-time feed", () => {
  it("pushes a new announcement to the member's open stream, and not to another hamlet's", async () => {
    const open = async (who: Session) => {
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}/api/stream`, {
        headers: { cookie: who.cookie },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/event-stream");
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = "";
      const until = async (needle: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!text.includes(needle) && Date.now() < deadline) {
          const chunk = await Promise.race([
            reader.read(),
            new Promise<{ done: true; value: undefined }>((r) =>
              setTimeout(() => r({ done: true, value: undefined }), Math.max(1, deadline - Date.now())),
            ),
          ]);
          if (chunk.value) {
            text += new TextDecoder().decode(chunk.value);
          }
          if (chunk.done) {
            break;
          }
        }
        return text.includes(needle);
      };
      return { until, close: () => abort.abort() };
    };
    const mine = await open(member);
    const other = await open(await sessionFor(ctx.deps, t.users.leader2.id));
    await mine.until("retry:", 2000);
    const id = await publish("Tin khẩn: mất điện cả ấp tối nay");
    expect(await mine.until(id, 5000)).toBe(true);
    expect(await other.until(id, 300)).toBe(false);
    mine.close();
    other.close();
  });
});
