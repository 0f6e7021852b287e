import { createHash } from "node:crypto";
import { createServer } from "node:http";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  officerAlerts,
  outbox,
  reportAttachments,
  reportIdentities,
  reports,
  zaloConnections,
  zaloInboundEvents,
  zaloMembers,
  zaloReportThreads,
} from "../../db/schema";
import { auditRows } from "../../test/factories";
import { call, type Session, sessionFor } from "../../test/harness";
import {
  type ConnectedCommune,
  connectedCommune,
  settle,
  startZaloTest,
  type ZaloTest,
} from "../../test/zalo-world";
import { accessToken } from "./zalo-api";

let z: ZaloTest;
let c: ConnectedCommune;
let leader: Session;
let resident: string;
const RESIDENT_NAME = "Phạm Thị Thu";

beforeAll(async () => {
  z = await startZaloTest();
  c = await connectedCommune(z);
  leader = await sessionFor(z.ctx.deps, c.t.users.leader.id);
  resident = z.fake.world.addUser(c.app.oaId, { displayName: RESIDENT_NAME, follower: true });
});
afterAll(async () => {
  await z.close();
});

const countEvents = async () =>
  Number(
    (
      await z.ctx.deps.db
        .select({ n: sql<number>`count(*)::int` })
        .from(zaloInboundEvents)
        .where(eq(zaloInboundEvents.communeId, c.t.communeId))
    )[0]?.n ?? 0,
  );

function signedEvent(body: Record<string, unknown>, secret = c.app.oaSecret) {
  const raw = JSON.stringify(body);
  const mac = createHash("sha256")
    .update(`${c.app.appId}${raw}${String(body.timestamp)}${secret}`)
    .digest("hex");
  return { raw, mac };
}

describe("a resident's private report through the OA", () => {
  let reportId: string;
  let receipt: string;

  it("creates a confidential report routed to the hamlet's leader and answers with the receipt code", async () => {
    // The resident is a member of hamlet 0's Zalo group, so the report goes to its leader.
    await z.ctx.deps.db.insert(zaloMembers).values({
      groupId: c.t.hamlets[0]?.groupId ?? "",
      zaloUserId: resident,
      displayName: RESIDENT_NAME,
      state: "member",
      updatedAt: z.clock.now(),
    });
    // zalo_members alone is not a link: the group must be linked for routing.
    await z.ctx.deps.db.execute(sql`insert into zalo_groups (group_id, commune_id, zalo_group_id, linked_at)
      values (${c.t.hamlets[0]?.groupId}, ${c.t.communeId}, ${"9".repeat(18)}, now())`);
    const sent = z.fake.world.residentSendsText(
      c.app.oaId,
      resident,
      "Có người lạ đêm nào cũng chở hàng vào nhà số 12",
    );
    await settle(z, c.t.communeId);
    const out = z.fake.world.userMessages(c.app.oaId, resident).filter((m) => m.direction === "out");
    expect(out).toHaveLength(1);
    expect(out[0]?.quoteMessageId).toBe(sent.messageId);
    const m = /Mã tiếp nhận: (\S+)/.exec(out[0]?.text ?? "");
    expect(m).not.toBeNull();
    receipt = m?.[1] ?? "";
    const [r] = await z.ctx.deps.db.select().from(reports).where(eq(reports.communeId, c.t.communeId));
    expect(r).toMatchObject({
      channel: "zalo",
      assigneeUserId: c.t.users.leader.id,
      hamletId: c.t.hamlets[0]?.hamletId,
    });
    reportId = r?.id ?? "";
    // The leader sees it in the in-box; the receipt code works on the web follow-up page.
    const cases = await call(z.ctx.app, leader, { method: "GET", url: "/api/cases" });
    expect(cases.body).toContain(reportId);
    const follow = await z.ctx.app.inject({ method: "GET", url: `/api/reports/receipt/${receipt}` });
    expect(follow.statusCode).toBe(200);
  });

  it("keeps the Zalo identity sealed: not in the thread, the identity row, the events or the outbox", async () => {
    const threads = await z.ctx.deps.db
      .select()
      .from(zaloReportThreads)
      .where(eq(zaloReportThreads.reportId, reportId));
    const ids = await z.ctx.deps.db
      .select()
      .from(reportIdentities)
      .where(eq(reportIdentities.reportId, reportId));
    const events = await z.ctx.deps.db
      .select()
      .from(zaloInboundEvents)
      .where(eq(zaloInboundEvents.communeId, c.t.communeId));
    const rows = await z.ctx.deps.db.select().from(outbox).where(eq(outbox.communeId, c.t.communeId));
    for (const blob of [threads, ids, events, rows].map((x) => JSON.stringify(x))) {
      expect(blob).not.toContain(resident);
      expect(blob).not.toContain(RESIDENT_NAME);
      expect(blob).not.toContain("nhà số 12");
    }
    expect(threads).toHaveLength(1);
    // The officer may reveal it like any identity (audited).
    const reveal = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/cases/${reportId}/identity/reveal`,
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
    expect(reveal.body).toContain(RESIDENT_NAME);
    expect(await auditRows(z.ctx.deps, "report.identity_revealed", reportId)).toHaveLength(1);
  });

  it("a further message continues the same report; a photo is stored as evidence", async () => {
    z.fake.world.residentSendsText(c.app.oaId, resident, "Tối nay họ lại đến lúc 11 giờ");
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#c00" } })
      .png()
      .toBuffer();
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(png);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : 0;
    z.fake.world.residentSendsImage(c.app.oaId, resident, `http://127.0.0.1:${port}/anh.png`);
    z.fake.world.residentSendsLocation(c.app.oaId, resident, 10.9512, 106.8234);
    await settle(z, c.t.communeId);
    server.close();
    const files = await z.ctx.deps.db
      .select()
      .from(reportAttachments)
      .where(eq(reportAttachments.reportId, reportId));
    expect(files).toHaveLength(1);
    expect(files[0]?.contentType).toBe("image/jpeg");
    const all = await z.ctx.deps.db.select().from(reports).where(eq(reports.communeId, c.t.communeId));
    expect(all).toHaveLength(1);
    const detail = await call(z.ctx.app, leader, { method: "GET", url: `/api/cases/${reportId}` });
    expect(detail.body).toContain("Tối nay họ lại đến lúc 11 giờ");
    expect(detail.body).toContain("Vị trí gửi qua Zalo: 10.951200, 106.823400");
  });

  it("the officer's reply goes back as a consultation message quoting the resident", async () => {
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/cases/${reportId}/messages`,
      payload: { body: "Cảm ơn bạn, công an xã đã nắm tin. Bạn cho biết biển số xe?", internal: false },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const note = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/cases/${reportId}/messages`,
      payload: { body: "Ghi chú nội bộ: xác minh chủ nhà số 12", internal: true },
    });
    expect(note.statusCode).toBeLessThan(300);
    await settle(z, c.t.communeId);
    const out = z.fake.world.userMessages(c.app.oaId, resident).filter((m) => m.direction === "out");
    expect(out.at(-1)?.text).toContain("biển số xe");
    // The internal note never reaches Zalo.
    expect(out.map((m) => m.text).join("\n")).not.toContain("nội bộ");
    const ch = await call(z.ctx.app, leader, { method: "GET", url: `/api/cases/${reportId}/zalo` });
    expect(ch.json()).toMatchObject({
      viaZalo: true,
      windowOpen: true,
      replies: { delivered: 1, pending: 0, failed: 0 },
    });
  });

  it("after 7 days without the resident the window is closed: the officer is told and alerted", async () => {
    z.clock.advance(8 * 86400_000);
    const fresh = await sessionFor(z.ctx.deps, c.t.users.leader.id);
    const before = z.fake.world.userMessages(c.app.oaId, resident).length;
    const res = await call(z.ctx.app, fresh, {
      method: "POST",
      url: `/api/cases/${reportId}/messages`,
      payload: { body: "Bạn còn ở đó không?", internal: false },
    });
    expect(res.statusCode).toBeLessThan(300);
    await settle(z, c.t.communeId);
    expect(z.fake.world.userMessages(c.app.oaId, resident)).toHaveLength(before);
    const ch = await call(z.ctx.app, fresh, { method: "GET", url: `/api/cases/${reportId}/zalo` });
    expect(ch.json()).toMatchObject({ windowOpen: false, replies: { failed: 1 } });
    const alerts = await z.ctx.deps.db
      .select()
      .from(officerAlerts)
      .where(and(eq(officerAlerts.userId, c.t.users.leader.id), eq(officerAlerts.kind, "ZALO_REPLY_FAILED")));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.title).not.toContain(RESIDENT_NAME);
  });

  it("a message after the window starts a new report (and a new receipt)", async () => {
    z.fake.world.residentSendsText(c.app.oaId, resident, "Tôi muốn báo việc khác");
    await settle(z, c.t.communeId);
    const all = await z.ctx.deps.db.select().from(reports).where(eq(reports.communeId, c.t.communeId));
    expect(all).toHaveLength(2);
  });
});

describe("webhook verification", () => {
  it("a forged OA webhook (bad signature) is answered 401 and stores nothing", async () => {
    const before = await countEvents();
    const body = {
      app_id: c.app.appId,
      oa_id: c.app.oaId,
      event_name: "user_send_text",
      sender: { id: resident },
      recipient: { id: c.app.oaId },
      message: { msg_id: "forged-1", text: "giả mạo" },
      timestamp: String(z.clock.now().getTime()),
    };
    const { raw } = signedEvent(body, "not-the-secret");
    const res = await z.ctx.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      headers: { "content-type": "application/json", "x-zevent-signature": `mac=${"0".repeat(64)}` },
      payload: raw,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("UNAUTHENTICATED");
    const noHeader = await z.ctx.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      headers: { "content-type": "application/json" },
      payload: raw,
    });
    expect(noHeader.statusCode).toBe(401);
    expect(await countEvents()).toBe(before);
  });

  it("a retried event is accepted once; a replay of an old event is refused", async () => {
    const before = await countEvents();
    const body = {
      app_id: c.app.appId,
      oa_id: c.app.oaId,
      event_name: "follow",
      follower: { id: resident },
      message: { msg_id: "retry-1" },
      timestamp: String(z.clock.now().getTime()),
    };
    const { raw, mac } = signedEvent(body);
    for (let i = 0; i < 3; i++) {
      const res = await z.ctx.app.inject({
        method: "POST",
        url: "/api/webhooks/zalo/oa",
        headers: {
          "content-type": "application/json",
          "x-zevent-signature": `mac=${mac}`,
          num_retry: String(i),
        },
        payload: raw,
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await countEvents()).toBe(before + 1);
    const old = {
      ...body,
      message: { msg_id: "old-1" },
      timestamp: String(z.clock.now().getTime() - 2 * 86400_000),
    };
    const s = signedEvent(old);
    const replay = await z.ctx.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      headers: { "content-type": "application/json", "x-zevent-signature": `mac=${s.mac}` },
      payload: s.raw,
    });
    expect(replay.statusCode).toBe(401);
    expect(await countEvents()).toBe(before + 1);
  });

  it("accepts the app-secret variant when configured so, and records which variant matched", async () => {
    const body = {
      app_id: c.app.appId,
      oa_id: c.app.oaId,
      event_name: "follow",
      follower: { id: resident },
      message: { msg_id: "variant-1" },
      timestamp: String(z.clock.now().getTime()),
    };
    const { raw, mac } = signedEvent(body, c.app.appSecret);
    const res = await z.ctx.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      headers: { "content-type": "application/json", "x-zevent-signature": `mac=${mac}` },
      payload: raw,
    });
    expect(res.statusCode).toBe(200);
    const [row] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    expect(row?.signatureSeen).toContain("app_secret");
  });
});

describe("tokens", () => {
  it("refreshes single-flight before expiry, persisting the rotated refresh token", async () => {
    const [before] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    z.clock.advance(21 * 3600_000);
    const [a, b] = await Promise.all([
      accessToken(z.ctx.deps, c.t.communeId),
      accessToken(z.ctx.deps, c.t.communeId),
    ]);
    expect(a).toBe(b);
    const [after] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    expect(after?.tokenVersion).toBe((before?.tokenVersion ?? 0) + 1);
    expect(after?.refreshTokenSealed).not.toBe(before?.refreshTokenSealed);
    // The new access token works against Zalo.
    const status = await call(z.ctx.app, await sessionFor(z.ctx.deps, c.t.users.chief.id), {
      method: "POST",
      url: `/api/communes/${c.t.communeId}/zalo/check`,
    });
    expect(status.json().oa).toMatchObject({ status: "connected", lastError: null });
  });

  it("a refused refresh marks the connection as needing consent and alerts the chief once", async () => {
    z.fake.world.failNext({ path: "access_token", error: -14019, times: 5 });
    z.clock.advance(26 * 3600_000);
    await expect(accessToken(z.ctx.deps, c.t.communeId)).rejects.toThrow();
    const [row] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    expect(row?.oaStatus).toBe("needs_consent");
    const alerts = await z.ctx.deps.db
      .select()
      .from(officerAlerts)
      .where(and(eq(officerAlerts.userId, c.t.users.chief.id), eq(officerAlerts.kind, "ZALO_NEEDS_CONSENT")));
    expect(alerts).toHaveLength(1);
    expect(await auditRows(z.ctx.deps, "zalo.needs_consent", c.t.communeId)).toHaveLength(1);
  });
});
