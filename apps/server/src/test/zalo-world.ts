import { createServer } from "node:net";
import { expect } from "vitest";
import { type FakeZalo, startFakeZalo } from "../channels/zalo-fake/fake-zalo";
import type { CreatedApp } from "../channels/zalo-fake/world";
import { fixedClock } from "../core/clock";
import { drainOutboxOnce } from "../jobs/outbox-worker";
import { buildCommune, type TestCommune } from "./factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "./harness";

/**
 * A test's own Zalo world: the fake (OAuth, OA, GMF, Bot on one loopback port) and a Bình Yên app
 * listening on a known port, both on one movable clock, the app's Zalo URLs pointed at the fake
 * and the fake's OA webhook pointed at the app.
 */
export type ZaloTest = {
  clock: ReturnType<typeof fixedClock>;
  fake: FakeZalo;
  ctx: TestContext;
  port: number;
  close(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startZaloTest(): Promise<ZaloTest> {
  const clock = fixedClock(new Date("2026-11-20T03:00:00Z"));
  const port = await freePort();
  const fake = await startFakeZalo({
    clock,
    retryDelaysMs: [50, 100, 200],
    oaWebhookUrl: `http://127.0.0.1:${port}/api/webhooks/zalo/oa`,
    longPollCapMs: 200,
  });
  const ctx = await createTestContext({
    clock,
    env: {
      BINHYEN_ZALO_OA_API_URL: fake.url,
      BINHYEN_ZALO_OAUTH_URL: fake.url,
      BINHYEN_ZALO_BOT_API_URL: fake.url,
      BINHYEN_PUBLIC_URL: `http://127.0.0.1:${port}`,
      BINHYEN_ZALO_RATE_PER_SECOND: "1000",
    },
  });
  await ctx.app.listen({ port, host: "127.0.0.1" });
  return {
    clock,
    fake,
    ctx,
    port,
    async close() {
      await fake.close();
      await ctx.close();
    },
  };
}

export const silentLog = { warn: () => undefined, error: () => undefined };

/**
 * Waits for the fake's webhooks, then drains this commune's outbox until nothing is due; a row
 * waiting for its retry is made due by moving the shared clock a little.
 */
export async function settle(z: ZaloTest, communeId: string): Promise<void> {
  let idle = 0;
  for (let i = 0; i < 40 && idle < 2; i++) {
    await z.fake.world.flushWebhooks();
    const { delivered, failed } = await drainOutboxOnce(
      z.ctx.deps.db,
      z.ctx.deps.channels,
      z.clock,
      silentLog,
      {
        communeIds: [communeId],
        backoffMs: 1,
      },
    );
    if (delivered + failed === 0) {
      idle++;
      z.clock.advance(2000);
    } else {
      idle = 0;
    }
  }
}

export type ConnectedCommune = { t: TestCommune; app: CreatedApp; chief: Session };

/** A commune whose chief connected its OA through the real OAuth v4 flow against the fake. */
export async function connectedCommune(
  z: ZaloTest,
  opts: { assets?: number } = {},
): Promise<ConnectedCommune> {
  const t = await buildCommune(z.ctx.deps, { hamlets: 2 });
  const app = z.fake.world.createApp({ oaName: `Công an xã ${t.communeId.slice(0, 4)}` });
  z.fake.world.addAssets(app.oaId, "gmf100", opts.assets ?? 2);
  const chief = await sessionFor(z.ctx.deps, t.users.chief.id);
  const res = await call(z.ctx.app, chief, {
    method: "POST",
    url: `/api/communes/${t.communeId}/zalo/oa`,
    payload: { appId: app.appId, appSecret: app.appSecret, oaSecret: app.oaSecret },
  });
  expect(res.statusCode, res.body).toBe(200);
  const consent = await fetch(res.json().consentUrl, { redirect: "manual" });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get("location") ?? "");
  const cb = await z.ctx.app.inject({ method: "GET", url: `${back.pathname}${back.search}` });
  expect(cb.statusCode).toBe(303);
  expect(cb.headers.location).toBe(`/communes/${t.communeId}/zalo?oa=connected`);
  return { t, app, chief };
}
