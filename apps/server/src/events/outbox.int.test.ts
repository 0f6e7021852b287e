import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Channel,
  type ChannelMessage,
  ChannelRegistry,
  PermanentDeliveryError,
} from "../channels/channel";
import { fixedClock } from "../core/clock";
import { outbox } from "../db/schema";
import { drainOutboxOnce } from "../jobs/outbox-worker";
import { createTestContext, type TestContext } from "../test/harness";
import { outboxRepository } from "./outbox.repository";

const clock = fixedClock(new Date("2026-05-01T00:00:00Z"));
const log = { warn: () => {}, error: () => {} };
let ctx: TestContext;

class RecordingChannel implements Channel {
  readonly delivered: ChannelMessage[] = [];
  failuresLeft = 0;
  permanent = false;
  constructor(readonly name: string) {}
  async deliver(m: ChannelMessage) {
    if (this.permanent) {
      throw new PermanentDeliveryError("recipient blocked");
    }
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error("503 from fake");
    }
    this.delivered.push(m);
  }
}

const key = () => `test-${ctx.deps.ids.uuid()}`;
const enqueue = (channel: string, idempotencyKey = key()) =>
  ctx.deps.db.transaction((tx) =>
    outboxRepository.enqueue(
      tx,
      { event: "test.happened", channel, payload: { n: 1 }, idempotencyKey },
      clock.now(),
    ),
  );
const row = async (k: string) =>
  (await ctx.deps.db.select().from(outbox).where(eq(outbox.idempotencyKey, k)))[0];

beforeAll(async () => {
  ctx = await createTestContext({ clock });
});
afterAll(() => ctx.close());

describe("outbox", () => {
  it("is written with the transaction: a rollback leaves no row", async () => {
    const k = key();
    await expect(
      ctx.deps.db.transaction(async (tx) => {
        await outboxRepository.enqueue(
          tx,
          { event: "e", channel: "c", payload: {}, idempotencyKey: k },
          clock.now(),
        );
        throw new Error("domain write failed");
      }),
    ).rejects.toThrow();
    expect(await row(k)).toBeUndefined();
  });

  it("keeps one row per idempotency key", async () => {
    const k = key();
    await enqueue("web", k);
    await enqueue("web", k);
    const rows = await ctx.deps.db.select().from(outbox).where(eq(outbox.idempotencyKey, k));
    expect(rows).toHaveLength(1);
  });

  it("delivers due rows to their channel and marks them delivered", async () => {
    const ch = new RecordingChannel("ok-channel");
    const k = key();
    await enqueue(ch.name, k);
    const result = await drainOutboxOnce(ctx.deps.db, new ChannelRegistry().register(ch), clock, log);
    expect(result.delivered).toBeGreaterThanOrEqual(1);
    expect(ch.delivered.map((m) => m.idempotencyKey)).toContain(k);
    expect(await row(k)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("retries with exponential back-off, then gives up after the last attempt", async () => {
    const ch = new RecordingChannel("flaky");
    ch.failuresLeft = 100;
    const channels = new ChannelRegistry().register(ch);
    const k = key();
    await enqueue(ch.name, k);
    await drainOutboxOnce(ctx.deps.db, channels, clock, log, { backoffMs: 1000, maxAttempts: 3 });
    let r = await row(k);
    expect(r).toMatchObject({ status: "pending", attempts: 1, lastError: "503 from fake" });
    expect(r?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 1000);
    // Not due yet: nothing happens.
    await drainOutboxOnce(ctx.deps.db, channels, clock, log, { backoffMs: 1000, maxAttempts: 3 });
    expect((await row(k))?.attempts).toBe(1);
    clock.advance(1000);
    await drainOutboxOnce(ctx.deps.db, channels, clock, log, { backoffMs: 1000, maxAttempts: 3 });
    r = await row(k);
    expect(r?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2000);
    clock.advance(2000);
    await drainOutboxOnce(ctx.deps.db, channels, clock, log, { backoffMs: 1000, maxAttempts: 3 });
    expect(await row(k)).toMatchObject({ status: "dead", attempts: 3 });
  });

  it("a permanent error or an unknown channel ends delivery at once", async () => {
    const ch = new RecordingChannel("blocked");
    ch.permanent = true;
    const k1 = key();
    const k2 = key();
    await enqueue(ch.name, k1);
    await enqueue("no-such-channel", k2);
    await drainOutboxOnce(ctx.deps.db, new ChannelRegistry().register(ch), clock, log);
    expect(await row(k1)).toMatchObject({ status: "dead", lastError: "recipient blocked" });
    expect(await row(k2)).toMatchObject({ status: "dead" });
  });

  it("concurrent workers never claim the same row (FOR UPDATE SKIP LOCKED)", async () => {
    const keys = Array.from({ length: 30 }, key);
    for (const k of keys) {
      await enqueue("parallel", k);
    }
    const claims = await Promise.all(
      [0, 1, 2].map(() => outboxRepository.claimDue(ctx.deps.db, clock.now(), 50, 60_000)),
    );
    const ids = claims
      .flat()
      .filter((r) => keys.includes(r.idempotencyKey))
      .map((r) => r.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});
