/**
 * Issue #7 bench: the Zalo channel on PGlite, each figure a ratio to a baseline measured in the
 * same run (no wall-clock assertion).
 *
 * Setup: the local fake Zalo world (apps/server/src/channels/zalo-fake) on a loopback port, the
 * real app (app.inject) with its Zalo URLs pointed at it, a commune of GROUPS hamlets whose chief
 * connects the OA through the real OAuth v4 flow against the fake, and every hamlet group linked
 * to a new GMF group (POST /api/groups/:id/zalo {mode:"create"}); the first group, which receives
 * the members' messages, is set to "open" posting so the content policy decides (1 message in 5
 * carries a phone number or a short link and is held).
 *
 * (a) Webhook intake: N signed `user_send_group_text` events (X-ZEvent-Signature = mac= +
 *     sha256(app_id + raw body + timestamp + OA secret)) POSTed one after another to
 *     /api/webhooks/zalo/oa (find the OA, verify, seal, persist the event + its outbox row in one
 *     transaction) vs. N bare one-row Drizzle INSERTs into zalo_inbound_events. Events/s of both,
 *     the ratio, and p50/p99 of one webhook request (Zalo wants the 200 within 2 s).
 * (b) Processing: draining those N events with drainOutboxOnce (open the sealed payload, sender's
 *     name — Zalo's user/detail once per unknown sender —, member row, content policy, post insert
 *     + audit row, outbox bookkeeping) vs. N bare one-row Drizzle INSERTs into posts.
 * (c) Delivery: one whole-commune announcement (POST /api/announcements, then drain the outbox
 *     until idle: the zalo-oa channel posts it into the GROUPS Zalo groups through the throttled,
 *     retrying OA client) vs. a loop calling the OA client's sendGroupText for the same groups with
 *     the same text against the same fake. Median of RUNS (after one warm-up each).
 * The client-side throttle (BINHYEN_ZALO_RATE_PER_SECOND, 10/s by default) is raised to 1,000/s for
 * both sides, so (c) measures Bình Yên's overhead rather than the throttle.
 * Env: BENCH_ZALO_EVENTS (2000), BENCH_ZALO_GROUPS (50), BENCH_ZALO_RUNS (5).
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../apps/server/src/app";
import { type FakeZalo, startFakeZalo } from "../apps/server/src/channels/zalo-fake/fake-zalo";
import { createOaClient } from "../apps/server/src/channels/zalo-oa/oa-client";
import { oaSignatureHex } from "../apps/server/src/channels/zalo-oa/oa-signature";
import { loadConfig } from "../apps/server/src/config";
import { searchKey } from "../apps/server/src/core/text";
import { type Database, migrateDatabase, openPglite } from "../apps/server/src/db/client";
import { announcementDeliveries, posts, sessions, zaloInboundEvents } from "../apps/server/src/db/schema";
import { createDeps, type Deps } from "../apps/server/src/deps";
import { drainOutboxOnce } from "../apps/server/src/jobs/outbox-worker";
import { sha256 } from "../apps/server/src/modules/auth/auth.service";
import { buildCommune } from "../apps/server/src/test/factories";

const N = Number(process.env.BENCH_ZALO_EVENTS ?? 2000);
const GROUPS = Number(process.env.BENCH_ZALO_GROUPS ?? 50);
const RUNS = Number(process.env.BENCH_ZALO_RUNS ?? 5);
const WARMUP = 50;
const RESIDENTS = 40;
const RATE = 1000;

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const T0 = performance.now();
const log = (msg: string) =>
  process.stdout.write(`  [${fmt((performance.now() - T0) / 1000, 1)} s] ${msg}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
};
const median = (xs: number[]) => pct(xs, 0.5);
const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const silentLog = { warn: () => undefined, error: () => undefined };

type Session = { cookie: string; csrf: string };

async function sessionFor(deps: Deps, userId: string): Promise<Session> {
  const token = deps.ids.token(32);
  const csrf = deps.ids.token(24);
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken: csrf,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
    ip: "127.0.0.1",
    userAgent: "bench",
  });
  return { cookie: `by_session=${token}`, csrf };
}

async function call(
  app: FastifyInstance,
  s: Session,
  method: "GET" | "POST" | "PATCH",
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  if (res.statusCode >= 300) {
    throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  }
  return res;
}

/** Drains the commune's outbox until a pass finds nothing due; returns what was delivered/failed. */
async function drain(deps: Deps, communeId: string) {
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const r = await drainOutboxOnce(deps.db, deps.channels, deps.clock, silentLog, {
      communeIds: [communeId],
      backoffMs: 1,
    });
    delivered += r.delivered;
    failed += r.failed;
    if (r.delivered + r.failed === 0) {
      return { delivered, failed };
    }
  }
}

type World = {
  fake: FakeZalo;
  database: Database;
  deps: Deps;
  app: FastifyInstance;
  communeId: string;
  /** hamlet group id → Zalo group id */
  groups: { groupId: string; zaloGroupId: string }[];
  zapp: { appId: string; appSecret: string; oaId: string; oaSecret: string };
  residents: { userId: string; byApp: string }[];
  chief: Session;
};

async function setUp(): Promise<World> {
  const fake = await startFakeZalo({});
  const database = await openPglite({});
  await migrateDatabase(database);
  const deps = createDeps({
    config: loadConfig({
      NODE_ENV: "test",
      BINHYEN_DATA_DIR: "/nonexistent",
      LOG_LEVEL: "silent",
      BINHYEN_ZALO_OA_API_URL: fake.url,
      BINHYEN_ZALO_OAUTH_URL: fake.url,
      BINHYEN_ZALO_BOT_API_URL: fake.url,
      BINHYEN_ZALO_RATE_PER_SECOND: String(RATE),
    }),
    database,
    secretKey: randomBytes(32).toString("base64"),
    version: "bench",
    passwordCost: { memoryCost: 1024, timeCost: 1 },
  });
  const app = await buildApp(deps);
  await app.ready();
  const t = await buildCommune(deps, { hamlets: GROUPS });
  const chief = await sessionFor(deps, t.users.chief.id);
  const zapp = fake.world.createApp({ oaName: "Công an xã Bench" });
  const assets = fake.world.addAssets(zapp.oaId, "gmf100", GROUPS);
  const residents = Array.from({ length: RESIDENTS }, (_, i) => {
    const userId = fake.world.addUser(zapp.oaId, { displayName: `Cư dân ${i + 1}`, follower: true });
    return { userId, byApp: fake.world.users(zapp.oaId).find((u) => u.userId === userId)?.userIdByApp ?? "" };
  });

  // OAuth v4 as the chief does it: credentials → Zalo's consent page (auto-approved) → callback.
  const started = await call(app, chief, "POST", `/api/communes/${t.communeId}/zalo/oa`, {
    appId: zapp.appId,
    appSecret: zapp.appSecret,
    oaSecret: zapp.oaSecret,
  });
  const consent = await fetch(started.json<{ consentUrl: string }>().consentUrl, { redirect: "manual" });
  const back = new URL(consent.headers.get("location") ?? "");
  const cb = await app.inject({ method: "GET", url: `${back.pathname}${back.search}` });
  if (!String(cb.headers.location ?? "").includes("oa=connected")) {
    throw new Error(`OAuth callback: ${cb.statusCode} ${String(cb.headers.location)}`);
  }

  const groups: World["groups"] = [];
  for (const [i, h] of t.hamlets.entries()) {
    const res = await call(app, chief, "POST", `/api/groups/${h.groupId}/zalo`, {
      mode: "create",
      assetId: assets[i],
      zaloUserIds: [residents[i % RESIDENTS]?.userId],
    });
    groups.push({ groupId: h.groupId, zaloGroupId: res.json<{ zaloGroupId: string }>().zaloGroupId });
  }
  // Members' messages go through the content policy (premoderated, the default, would hold them all).
  const leader = await sessionFor(deps, t.users.leader.id);
  await call(app, leader, "PATCH", `/api/groups/${groups[0]?.groupId}`, { postingMode: "open" });
  await drain(deps, t.communeId); // the deputies' sync queued by each link, the lock_send_msg update
  return { fake, database, deps, app, communeId: t.communeId, groups, zapp, residents, chief };
}

// --- (a) webhook intake ----------------------------------------------------------------------

const TEXTS = [
  "Chào cả nhà, tối nay 19 giờ họp tổ tự quản ở nhà văn hóa ấp.",
  "Sáng mai cắt điện từ 7 giờ đến 11 giờ để sửa đường dây, bà con chủ động.",
  "Nhà em mất con chó vàng gần chợ, ai thấy báo giúp, xin cảm ơn bà con.",
  "Có người lạ đi xe không biển số hỏi thăm nhà bác Tư, bà con để ý giúp.",
  "Lịch thu gom rác: thứ Ba và Chủ nhật, trước 7 giờ sáng.",
  "Đội dân phòng tuần tra đêm nay từ 20 giờ đến 24 giờ.",
  "Giá lúa hôm nay 6.800 đồng/kg, thương lái thu mua tới chiều.",
  "Đường liên ấp đang sửa, xe trên 2,5 tấn đi đường vòng qua UBND xã.",
  "Ai cần mua lúa giống liên hệ em 0912 345 678 nhé", // personal data: held
  "Nhận quà tri ân tại bit.ly/qua123 trước 24h nhé", // unknown short link: held
];

type Signed = { rawBody: string; signature: string; msgId: string; text: string; at: number };

function signedEvents(w: World, n: number, salt: string): Signed[] {
  const g = w.groups[0];
  if (!g) {
    throw new Error("no group");
  }
  return Array.from({ length: n }, (_, i) => {
    const r = w.residents[i % RESIDENTS];
    const at = Date.now();
    const text = `${TEXTS[i % TEXTS.length]} (#${salt}${i})`;
    const msgId = randomBytes(16).toString("hex");
    const rawBody = JSON.stringify({
      app_id: w.zapp.appId,
      oa_id: w.zapp.oaId,
      event_name: "user_send_group_text",
      timestamp: String(at),
      user_id_by_app: r?.byApp,
      sender: { id: r?.userId },
      recipient: { id: g.zaloGroupId },
      message: { msg_id: msgId, text },
    });
    const mac = oaSignatureHex({
      firstTerm: w.zapp.appId,
      rawBody,
      timestamp: String(at),
      secret: w.zapp.oaSecret,
    });
    return { rawBody, signature: `mac=${mac}`, msgId, text, at };
  });
}

async function postWebhooks(w: World, events: Signed[]) {
  const times: number[] = [];
  const start = performance.now();
  for (const [i, e] of events.entries()) {
    const s = performance.now();
    const res = await w.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      // Zalo posts from a handful of addresses.
      remoteAddress: `203.162.4.${(i % 16) + 1}`,
      headers: { "content-type": "application/json", "x-zevent-signature": e.signature },
      payload: e.rawBody,
    });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) {
      throw new Error(`webhook ${i}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
  return { ms: performance.now() - start, times };
}

async function bareInboundInserts(w: World, events: Signed[], salt: string) {
  const start = performance.now();
  for (const [i, e] of events.entries()) {
    await w.deps.db.insert(zaloInboundEvents).values({
      communeId: w.communeId,
      source: "bench",
      eventName: "user_send_group_text",
      dedupeKey: `${salt}:${i}:${e.msgId}`,
      payloadSealed: e.rawBody,
      eventAt: new Date(e.at),
      receivedAt: new Date(),
      status: "ignored",
    });
  }
  return performance.now() - start;
}

// --- (b) processing --------------------------------------------------------------------------

async function barePostInserts(w: World, events: Signed[]) {
  const g = w.groups[0];
  const start = performance.now();
  for (const [i, e] of events.entries()) {
    await w.deps.db.insert(posts).values({
      id: w.deps.ids.uuid(),
      groupId: g?.groupId ?? "",
      communeId: w.communeId,
      authorName: `Cư dân ${(i % RESIDENTS) + 1}`,
      body: e.text,
      searchKey: searchKey(e.text),
      status: "published",
      source: "web",
      createdAt: new Date(e.at),
    });
  }
  return performance.now() - start;
}

// --- (c) delivery ----------------------------------------------------------------------------

async function deliverViaApp(w: World, run: string) {
  const title = `Cảnh giác thủ đoạn lừa đảo qua điện thoại (${run})`;
  const body =
    "Thời gian gần đây xuất hiện đối tượng giả danh cán bộ Công an gọi điện yêu cầu chuyển tiền. " +
    "Công an xã đề nghị bà con không cung cấp mã OTP, không chuyển tiền cho người lạ; khi nghi ngờ, " +
    "gọi ngay cho Công an xã hoặc Trưởng nhóm ấp.";
  const start = performance.now();
  const res = await call(w.app, w.chief, "POST", "/api/announcements", {
    audience: { communeId: w.communeId },
    category: "CRIME_METHODS",
    title,
    body,
  });
  const publishedMs = performance.now() - start;
  const id = res.json<{ announcementId: string }>().announcementId;
  const drained = await drain(w.deps, w.communeId);
  const ms = performance.now() - start;
  const rows = await w.deps.db
    .select({ status: announcementDeliveries.status })
    .from(announcementDeliveries)
    .where(and(eq(announcementDeliveries.announcementId, id), eq(announcementDeliveries.channel, "zalo")));
  const delivered = rows.filter((r) => r.status === "delivered").length;
  if (delivered !== w.groups.length) {
    throw new Error(`announcement ${id}: ${delivered}/${w.groups.length} Zalo groups delivered`);
  }
  return { ms, publishedMs, outboxRows: drained.delivered, text: `📢 ${title}\n\n${body}` };
}

async function deliverBaseline(
  w: World,
  api: ReturnType<ReturnType<typeof createOaClient>["forOa"]>,
  text: string,
) {
  const start = performance.now();
  for (const g of w.groups) {
    await api.sendGroupText(g.zaloGroupId, text);
  }
  return performance.now() - start;
}

// --- main ------------------------------------------------------------------------------------

async function main() {
  log(`PGlite + migrations, fake Zalo world, commune of ${GROUPS} hamlets, OA connected, groups linked`);
  const w = await setUp();
  const rows: string[] = [];
  try {
    log(`linked ${w.groups.length} GMF groups on ${w.fake.url}`);

    // Warm-up of every path measured below (not counted).
    const warm = signedEvents(w, WARMUP, "w");
    await postWebhooks(w, warm);
    await drain(w.deps, w.communeId);
    await bareInboundInserts(w, warm, "w");
    await barePostInserts(w, warm);

    // (a)
    const events = signedEvents(w, N, "m");
    const bareA = await bareInboundInserts(w, events, "m");
    log(`(a) baseline: ${fmt(N)} bare inserts into zalo_inbound_events in ${fmt(bareA)} ms`);
    const hook = await postWebhooks(w, events);
    log(`(a) ${fmt(N)} signed webhooks in ${fmt(hook.ms)} ms`);
    const [accepted] = rowsOf<{ n: number }>(
      await w.deps.db.execute(
        sql`select count(*)::int as n from zalo_inbound_events where source = 'oa' and status = 'pending'`,
      ),
    );
    if (accepted?.n !== N) {
      throw new Error(`(a) expected ${N} pending events, found ${accepted?.n}`);
    }

    // (b)
    const bareB = await barePostInserts(w, events);
    log(`(b) baseline: ${fmt(N)} bare inserts into posts in ${fmt(bareB)} ms`);
    const s = performance.now();
    const drained = await drain(w.deps, w.communeId);
    const procMs = performance.now() - s;
    log(`(b) drained ${fmt(drained.delivered)} events (${drained.failed} failed) in ${fmt(procMs)} ms`);
    const [outcome] = rowsOf<{ published: number; held: number; events: number }>(
      await w.deps.db.execute(sql`
        select count(*) filter (where status = 'published')::int as published,
          count(*) filter (where status = 'held')::int as held,
          (select count(*)::int from zalo_inbound_events where source = 'oa' and status = 'processed') as events
        from posts where source = 'zalo' and commune_id = ${w.communeId}`),
    );
    if ((outcome?.published ?? 0) + (outcome?.held ?? 0) !== N + WARMUP) {
      throw new Error(`(b) expected ${N + WARMUP} Zalo posts, found ${JSON.stringify(outcome)}`);
    }

    // (c)
    const token = w.fake.world.mintTokens(w.zapp.appId).accessToken;
    const baseApi = createOaClient({ apiUrl: w.fake.url, oauthUrl: w.fake.url, ratePerSecond: RATE }).forOa(
      async () => token,
      "bench-baseline",
    );
    const real: Awaited<ReturnType<typeof deliverViaApp>>[] = [];
    const base: number[] = [];
    for (let r = 0; r <= RUNS; r++) {
      const got = await deliverViaApp(w, `lần ${r}`);
      const b = await deliverBaseline(w, baseApi, got.text);
      if (r > 0) {
        real.push(got);
        base.push(b);
      }
      log(`(c) run ${r}${r === 0 ? " (warm-up)" : ""}: app ${fmt(got.ms)} ms, baseline ${fmt(b)} ms`);
    }

    // Report.
    const evA = (N / hook.ms) * 1000;
    const evBare = (N / bareA) * 1000;
    const evB = (N / procMs) * 1000;
    const evBBare = (N / bareB) * 1000;
    const cReal = median(real.map((x) => x.ms));
    const cPub = median(real.map((x) => x.publishedMs));
    const cBase = median(base);
    rows.push(
      `PGlite (in-process), fake Zalo world on loopback, ${GROUPS} linked GMF groups, OA client throttle ${fmt(RATE)}/s`,
    );
    rows.push(
      `  (a) webhook intake, ${fmt(N)} signed user_send_group_text events, one at a time (app.inject)`,
    );
    rows.push(`      POST /api/webhooks/zalo/oa            ${fmt(evA).padStart(7)} events/s`);
    rows.push(`      bare INSERT zalo_inbound_events       ${fmt(evBare).padStart(7)} rows/s`);
    rows.push(`      ratio (webhook time / bare time)      ×${fmt(bareA === 0 ? 0 : hook.ms / bareA, 1)}`);
    rows.push(
      `      one webhook request: p50 ${fmt(pct(hook.times, 0.5), 2)} ms, p99 ${fmt(pct(hook.times, 0.99), 2)} ms, max ${fmt(Math.max(...hook.times), 1)} ms (Zalo's limit: 2,000 ms)`,
    );
    rows.push(`  (b) processing the ${fmt(N)} events (drainOutboxOnce, batches of 20)`);
    rows.push(
      `      zalo-inbound channel                  ${fmt(evB).padStart(7)} events/s  (${fmt(outcome?.published ?? 0)} published, ${fmt(outcome?.held ?? 0)} held, warm-up included)`,
    );
    rows.push(`      bare INSERT posts                     ${fmt(evBBare).padStart(7)} rows/s`);
    rows.push(`      ratio (processing time / bare time)   ×${fmt(procMs / bareB, 1)}`);
    rows.push(`  (c) one announcement to ${GROUPS} Zalo groups, median of ${RUNS} (after a warm-up)`);
    rows.push(
      `      publish + drain outbox                ${fmt(cReal, 1).padStart(7)} ms  (POST ${fmt(cPub, 1)} ms; ${fmt(median(real.map((x) => x.outboxRows)))} outbox rows)`,
    );
    rows.push(`      bare sendGroupText loop               ${fmt(cBase, 1).padStart(7)} ms`);
    rows.push(`      ratio (app / bare loop)               ×${fmt(cReal / cBase, 2)}`);
    rows.push(
      `      per group: app ${fmt(cReal / GROUPS, 2)} ms, bare ${fmt(cBase / GROUPS, 2)} ms; at the default 10/s throttle ${GROUPS} sends need ≥ ${fmt(Math.max(0, GROUPS - 10) / 10, 1)} s`,
    );
  } finally {
    await w.app.close();
    await w.fake.close();
    await w.database.close();
  }
  process.stdout.write(
    `\nBình Yên Zalo channel bench (${new Date().toISOString()}, ${process.version}, total ${fmt((performance.now() - T0) / 1000)} s)\n${rows.join("\n")}\n`,
  );
}

await main();
