import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zaloConnections } from "../../db/schema";
import { auditRows } from "../../test/factories";
import { call, type Session, sessionFor } from "../../test/harness";
import {
  type ConnectedCommune,
  connectedCommune,
  settle,
  startZaloTest,
  type ZaloTest,
} from "../../test/zalo-world";

let z: ZaloTest;
let c: ConnectedCommune;
let groupId: string;
let zaloGroupId: string;

async function linkOa(s: Session, zaloUserId: string) {
  const code = (await call(z.ctx.app, s, { method: "POST", url: "/api/me/zalo/link-code" })).json()
    .code as string;
  z.fake.world.residentSendsText(c.app.oaId, zaloUserId, code);
  await settle(z, c.t.communeId);
}

beforeAll(async () => {
  z = await startZaloTest();
  c = await connectedCommune(z);
  groupId = c.t.hamlets[0]?.groupId ?? "";
});
afterAll(async () => {
  await z.close();
});

describe("officer rotation on Zalo", () => {
  const ids: Record<string, string> = {};

  it("a leader handover makes the new leader phó nhóm on Zalo and removes the old one", async () => {
    ids.leader = z.fake.world.addUser(c.app.oaId, { displayName: "Trưởng nhóm cũ", follower: true });
    ids.spare = z.fake.world.addUser(c.app.oaId, { displayName: "Trưởng nhóm mới", follower: true });
    await linkOa(await sessionFor(z.ctx.deps, c.t.users.leader.id), ids.leader);
    await linkOa(await sessionFor(z.ctx.deps, c.t.users.spareOfficer.id), ids.spare);
    const [asset] = z.fake.world.addAssets(c.app.oaId, "gmf50", 1);
    const created = await call(z.ctx.app, c.chief, {
      method: "POST",
      url: `/api/groups/${groupId}/zalo`,
      payload: { mode: "create", assetId: asset },
    });
    expect(created.statusCode, created.body).toBe(200);
    zaloGroupId = created.json().zaloGroupId;
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.admins).toEqual([ids.leader]);

    const handover = await call(z.ctx.app, c.chief, {
      method: "POST",
      url: `/api/groups/${groupId}/handover`,
      payload: { toUserId: c.t.users.spareOfficer.id, reason: "Luân chuyển công tác" },
    });
    expect(handover.statusCode, handover.body).toBe(201);
    await settle(z, c.t.communeId);
    const g = z.fake.world.group(zaloGroupId);
    expect(g?.admins).toContain(ids.spare);
    expect(g?.admins).not.toContain(ids.leader);
    // The OA stays the owner: the group survives the rotation.
    expect(g?.status).toBe("enabled");
    expect((await auditRows(z.ctx.deps, "zalo.admins_synced", groupId)).length).toBeGreaterThanOrEqual(2);
  });

  it("an officer who unlinks their Zalo stops being phó nhóm", async () => {
    const spare = await sessionFor(z.ctx.deps, c.t.users.spareOfficer.id);
    const res = await call(z.ctx.app, spare, { method: "DELETE", url: "/api/me/zalo" });
    expect(res.json()).toMatchObject({ oaLinked: false });
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.admins).not.toContain(ids.spare);
  });

  it("an expired or foreign link code links nobody and is treated as a resident's message", async () => {
    const s = await sessionFor(z.ctx.deps, c.t.users.deputy.id);
    const code = (await call(z.ctx.app, s, { method: "POST", url: "/api/me/zalo/link-code" })).json()
      .code as string;
    z.clock.advance(16 * 60_000);
    const someone = z.fake.world.addUser(c.app.oaId, { displayName: "Người lạ", follower: true });
    z.fake.world.residentSendsText(c.app.oaId, someone, code);
    await settle(z, c.t.communeId);
    const me = await call(z.ctx.app, await sessionFor(z.ctx.deps, c.t.users.deputy.id), {
      method: "GET",
      url: "/api/me/zalo",
    });
    expect(me.json().oaLinked).toBe(false);
  });
});

describe("the bot carries officers' alerts", () => {
  it("connects the bot, links an officer through it, and an urgent report's alert arrives on Zalo without the reporter", async () => {
    const bot = z.fake.world.createBot({ name: "Bot Công an xã Thử" });
    const res = await call(z.ctx.app, c.chief, {
      method: "POST",
      url: `/api/communes/${c.t.communeId}/zalo/bot`,
      payload: { token: bot.token },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().bot).toMatchObject({ status: "connected", name: "Bot Công an xã Thử" });
    expect(res.body).not.toContain(bot.token);
    const [row] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    expect(JSON.stringify(row)).not.toContain(bot.token.split(":")[1]);
    expect(z.fake.world.bots().find((b) => b.token === bot.token)?.webhookUrl).toBe(
      `http://127.0.0.1:${z.port}/api/webhooks/zalo/bot`,
    );

    // Since the handover above, the spare officer leads hamlet 0 (and gets its urgent alerts).
    const leader = await sessionFor(z.ctx.deps, c.t.users.spareOfficer.id);
    const code = (await call(z.ctx.app, leader, { method: "POST", url: "/api/me/zalo/link-code" })).json()
      .code as string;
    const chat = z.fake.world.addBotUser(bot.token, "Trần Văn Lâm");
    z.fake.world.botUserSends(bot.token, chat, code);
    await settle(z, c.t.communeId);
    expect((await call(z.ctx.app, leader, { method: "GET", url: "/api/me/zalo" })).json().botLinked).toBe(
      true,
    );
    expect(
      z.fake.world
        .botMessages(bot.token, chat)
        .filter((m) => m.direction === "out")
        .at(-1)?.text,
    ).toContain("Đã liên kết");

    const submit = await z.ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: {
        communeId: c.t.communeId,
        hamletId: c.t.hamlets[0]?.hamletId,
        category: "CRIME",
        description: "Đang có đánh nhau trước chợ",
        anonymous: false,
        urgent: true,
        reporter: { name: "Ngô Thị Bí Mật", phone: "0987654321" },
      },
    });
    expect(submit.statusCode, submit.body).toBe(201);
    await settle(z, c.t.communeId);
    const got = z.fake.world.botMessages(bot.token, chat).filter((m) => m.direction === "out");
    const alert = got.at(-1)?.text ?? "";
    expect(alert).toContain("Tin báo khẩn");
    expect(alert).not.toContain("Ngô Thị Bí Mật");
    expect(alert).not.toContain("0987654321");
    expect(alert).not.toContain("đánh nhau");
  });

  it("a bot webhook with a wrong secret is refused", async () => {
    const res = await z.ctx.app.inject({
      method: "POST",
      url: "/api/webhooks/zalo/bot",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": "x".repeat(43) },
      payload: JSON.stringify({
        event_name: "message.text.received",
        message: { message_id: "a", text: "hi" },
      }),
    });
    expect(res.statusCode).toBe(401);
  });
});
