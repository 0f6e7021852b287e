import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  announcementDeliveries,
  joinRequests,
  officerAlerts,
  posts,
  zaloConnections,
  zaloGroups,
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

let z: ZaloTest;
let c: ConnectedCommune;
let leader: Session;
let groupId: string;
let zaloGroupId: string;
/** The leader's own Zalo account (OA-scoped id), linked by sending their code to the OA. */
let leaderZalo: string;
let residentA: string;
let residentB: string;

beforeAll(async () => {
  z = await startZaloTest();
  c = await connectedCommune(z);
  leader = await sessionFor(z.ctx.deps, c.t.users.leader.id);
  groupId = c.t.hamlets[0]?.groupId ?? "";
  leaderZalo = z.fake.world.addUser(c.app.oaId, { displayName: "Trần Văn Lâm", follower: true });
  residentA = z.fake.world.addUser(c.app.oaId, { displayName: "Nguyễn Thị Hoa", follower: true });
  residentB = z.fake.world.addUser(c.app.oaId, { displayName: "Lê Văn Bảy", follower: true });
});
afterAll(async () => {
  await z.close();
});

describe("connecting the OA (OAuth v4 against the fake)", () => {
  it("stores the token pair sealed and shows the health, expiry and webhook URLs", async () => {
    const [row] = await z.ctx.deps.db
      .select()
      .from(zaloConnections)
      .where(eq(zaloConnections.communeId, c.t.communeId));
    expect(row?.oaStatus).toBe("connected");
    expect(row?.oaId).toBe(c.app.oaId);
    // Sealed: the app secret never appears in clear in the row.
    expect(JSON.stringify(row)).not.toContain(c.app.appSecret);
    const res = await call(z.ctx.app, c.chief, { method: "GET", url: `/api/communes/${c.t.communeId}/zalo` });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.oa.status).toBe("connected");
    expect(s.oa.oaName).toContain("Công an xã");
    expect(new Date(s.oa.accessExpiresAt).getTime() - z.clock.now().getTime()).toBe(90_000 * 1000);
    expect(s.webhooks.oa).toBe(`http://127.0.0.1:${z.port}/api/webhooks/zalo/oa`);
    expect(s.oa.assets).toEqual([{ productType: "gmf100", available: 2, used: 0 }]);
    expect(res.body).not.toContain(c.app.appSecret);
    expect(await auditRows(z.ctx.deps, "zalo.oa_connected", c.t.communeId)).toHaveLength(1);
  });

  it("lets only the chief connect; a deputy reads, a member of another commune gets 404", async () => {
    const deputy = await sessionFor(z.ctx.deps, c.t.users.deputy.id);
    const connect = await call(z.ctx.app, deputy, {
      method: "POST",
      url: `/api/communes/${c.t.communeId}/zalo/oa`,
      payload: { appId: "123", appSecret: "secret-secret", oaSecret: "secret-secret" },
    });
    expect(connect.statusCode).toBe(403);
    expect(
      (await call(z.ctx.app, deputy, { method: "GET", url: `/api/communes/${c.t.communeId}/zalo` }))
        .statusCode,
    ).toBe(200);
    const member = await sessionFor(z.ctx.deps, c.t.users.member.id);
    expect(
      (await call(z.ctx.app, member, { method: "GET", url: `/api/communes/${c.t.communeId}/zalo` }))
        .statusCode,
    ).toBe(403);
  });

  it("a reused or unknown OAuth state is refused and changes nothing", async () => {
    const res = await z.ctx.app.inject({
      method: "GET",
      url: "/api/zalo/oauth/callback?code=abc&oa_id=1&state=forged",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/?zalo=failed");
  });
});

describe("the hamlet's Zalo group", () => {
  it("the leader links their Zalo by sending a code to the OA and gets a confirmation", async () => {
    const code = await call(z.ctx.app, leader, { method: "POST", url: "/api/me/zalo/link-code" });
    expect(code.statusCode).toBe(200);
    z.fake.world.residentSendsText(c.app.oaId, leaderZalo, code.json().code);
    await settle(z, c.t.communeId);
    const me = await call(z.ctx.app, leader, { method: "GET", url: "/api/me/zalo" });
    expect(me.json().oaLinked).toBe(true);
    const out = z.fake.world.userMessages(c.app.oaId, leaderZalo).filter((m) => m.direction === "out");
    expect(out.at(-1)?.text).toContain("Đã liên kết");
  });

  it("creates the GMF group under the OA with a package; the leader becomes phó nhóm on Zalo", async () => {
    const inv = await call(z.ctx.app, leader, {
      method: "GET",
      url: `/api/communes/${c.t.communeId}/zalo/groups`,
    });
    expect(inv.statusCode, inv.body).toBe(200);
    const asset = inv.json().assets.find((a: { status: string }) => a.status === "available");
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/groups/${groupId}/zalo`,
      payload: { mode: "create", assetId: asset.assetId, zaloUserIds: [residentA] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view.linked).toBe(true);
    expect(view.status).toBe("enabled");
    expect(view.maxMember).toBe(100);
    zaloGroupId = view.zaloGroupId;
    await settle(z, c.t.communeId);
    const g = z.fake.world.group(zaloGroupId);
    expect(g?.members.map((m) => m.userId).sort()).toEqual([leaderZalo, residentA].sort());
    expect(g?.admins).toContain(leaderZalo);
    const after = await call(z.ctx.app, leader, { method: "GET", url: `/api/groups/${groupId}/zalo` });
    expect(
      after.json().admins.find((a: { userId: string }) => a.userId === c.t.users.leader.id),
    ).toMatchObject({
      linked: true,
      isAdmin: true,
    });
    expect(await auditRows(z.ctx.deps, "zalo.group_created", groupId)).toHaveLength(1);
  });

  it("a group deputy may read the Zalo panel but not create or link; another commune gets 404", async () => {
    const gd = await sessionFor(z.ctx.deps, c.t.users.groupDeputy.id);
    expect(
      (await call(z.ctx.app, gd, { method: "GET", url: `/api/groups/${groupId}/zalo` })).statusCode,
    ).toBe(200);
    const link = await call(z.ctx.app, gd, {
      method: "POST",
      url: `/api/groups/${groupId}/zalo/sync`,
    });
    expect(link.statusCode).toBe(403);
    const other = await connectedCommune(z);
    const otherChief = other.chief;
    expect(
      (await call(z.ctx.app, otherChief, { method: "GET", url: `/api/groups/${groupId}/zalo` })).statusCode,
    ).toBe(404);
  });

  it("publishing an announcement posts it into the Zalo group, split under 2,000 characters, mentions escaped", async () => {
    const body = `Bà con chú ý [@${zaloGroupId}] mọi người.\n\n${"Đề nghị bà con cảnh giác với người lạ. ".repeat(80)}`;
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: "/api/announcements",
      payload: {
        audience: { groupIds: [groupId] },
        category: "SECURITY_SITUATION",
        title: "Cảnh giác trộm cắp dịp cuối năm",
        body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().announcementId as string;
    await settle(z, c.t.communeId);
    const sent = z.fake.world.groupMessages(zaloGroupId).filter((m) => m.from.kind === "oa");
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent[0]?.text).toContain("Cảnh giác trộm cắp dịp cuối năm");
    for (const m of sent) {
      expect((m.text ?? "").length).toBeLessThanOrEqual(2000);
      // The relayed "[@group]" must not mention everyone.
      expect(m.mentions).toEqual([]);
    }
    expect(sent.at(-1)?.text).toContain(`/announcements/${id}`);
    const [d] = await z.ctx.deps.db
      .select()
      .from(announcementDeliveries)
      .where(and(eq(announcementDeliveries.announcementId, id), eq(announcementDeliveries.channel, "zalo")));
    expect(d).toMatchObject({ status: "delivered", target: zaloGroupId, groupId, progress: sent.length });
    const stats = await call(z.ctx.app, leader, { method: "GET", url: `/api/groups/${groupId}/zalo` });
    expect(stats.json().recentDeliveries[0]).toMatchObject({ announcementId: id, status: "delivered" });
  });

  it("an announcement's photo is uploaded to Zalo first, then sent by attachment id before the text", async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } })
      .jpeg()
      .toBuffer();
    const boundary = "----zalo";
    const up = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/communes/${c.t.communeId}/announcement-files`,
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anh.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: "/api/announcements",
      payload: {
        audience: { groupIds: [groupId] },
        category: "GOOD_EXAMPLE",
        title: "Gương người tốt việc tốt",
        body: "Anh Tư trả lại ví cho người đánh rơi.",
        fileIds: [up.json().id ?? up.json().fileId],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const before = z.fake.world.groupMessages(zaloGroupId).length;
    await settle(z, c.t.communeId);
    const posted = z.fake.world.groupMessages(zaloGroupId).slice(before);
    expect(posted.map((m) => m.type)).toEqual(["image", "text"]);
    expect(posted[0]?.attachmentId).toBeTruthy();
    expect(posted[1]?.text).toContain("Gương người tốt việc tốt");
  });

  it("a Zalo error in the middle of a post is retried and resumes where it stopped", async () => {
    // Three failures outlast the client's own retries (3 attempts): the outbox row is tried again later.
    z.fake.world.failNext({ path: "group/message", error: -32, times: 3 });
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: "/api/announcements",
      payload: {
        audience: { groupIds: [groupId] },
        category: "FIRE_SAFETY",
        title: "Phòng cháy mùa khô",
        body: "Tắt bếp trước khi ra khỏi nhà.",
      },
    });
    const id = res.json().announcementId as string;
    const before = z.fake.world.groupMessages(zaloGroupId).length;
    await settle(z, c.t.communeId);
    const posted = z.fake.world.groupMessages(zaloGroupId).slice(before);
    // Posted exactly once despite the failure (no duplicate part).
    expect(posted.filter((m) => m.text?.includes("Phòng cháy mùa khô"))).toHaveLength(1);
    const [d] = await z.ctx.deps.db
      .select()
      .from(announcementDeliveries)
      .where(and(eq(announcementDeliveries.announcementId, id), eq(announcementDeliveries.channel, "zalo")));
    expect(d?.status).toBe("delivered");
    expect(d?.attempts).toBe(2);
  });

  it("a resident's message with a phone number is recorded and held for moderation", async () => {
    const open = await call(z.ctx.app, leader, {
      method: "PATCH",
      url: `/api/groups/${groupId}`,
      payload: { postingMode: "open" },
    });
    expect(open.statusCode, open.body).toBe(200);
    z.fake.world.memberPosts(zaloGroupId, residentA, "Ai cần mua xe liên hệ 0912 345 678 nhé");
    z.fake.world.memberPosts(zaloGroupId, residentA, "Chào cả nhà, mai họp tổ lúc 8 giờ");
    await settle(z, c.t.communeId);
    const rows = await z.ctx.deps.db
      .select()
      .from(posts)
      .where(and(eq(posts.groupId, groupId), eq(posts.source, "zalo")));
    const held = rows.find((p) => p.body.includes("0912"));
    expect(held).toMatchObject({ status: "held", authorName: "Nguyễn Thị Hoa" });
    expect(held?.hits.map((h) => h.rule)).toContain("PERSONAL_DATA");
    const fine = rows.find((p) => p.body.includes("họp tổ"));
    expect(fine?.status, JSON.stringify(fine?.hits)).toBe("published");
    const queue = await call(z.ctx.app, leader, { method: "GET", url: `/api/groups/${groupId}/moderation` });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain("0912");
  });

  it("a member renaming the group on Zalo is reverted to the official profile, logged and alerted", async () => {
    z.fake.world.memberRenamesGroup(zaloGroupId, residentA, "Nhóm bán hàng");
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.name).not.toBe("Nhóm bán hàng");
    const rows = await auditRows(z.ctx.deps, "zalo.profile_reverted", groupId);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).toContain(residentA);
    const alerts = await z.ctx.deps.db
      .select()
      .from(officerAlerts)
      .where(
        and(eq(officerAlerts.userId, c.t.users.leader.id), eq(officerAlerts.kind, "ZALO_GROUP_CHANGED")),
      );
    expect(alerts).toHaveLength(1);
  });

  it("the leader renaming on Zalo is accepted (not reverted)", async () => {
    z.fake.world.memberRenamesGroup(zaloGroupId, leaderZalo, "Ấp 1 — An ninh trật tự");
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.name).toBe("Ấp 1 — An ninh trật tự");
    expect(await auditRows(z.ctx.deps, "zalo.profile_changed", groupId)).toHaveLength(1);
  });

  it("a join request on Zalo lands in the approval queue and approving it admits the resident on Zalo", async () => {
    z.fake.world.updateGroupSettings(zaloGroupId, { join_appr: true });
    expect(z.fake.world.userRequestsJoin(zaloGroupId, residentB)).toBe("pending");
    await settle(z, c.t.communeId);
    const [req] = await z.ctx.deps.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.source, "zalo")));
    expect(req).toMatchObject({ status: "pending", name: "Lê Văn Bảy", zaloUserId: residentB });
    const list = await call(z.ctx.app, leader, {
      method: "GET",
      url: `/api/groups/${groupId}/join-requests`,
    });
    expect(list.json().items.find((i: { name: string }) => i.name === "Lê Văn Bảy")).toMatchObject({
      source: "zalo",
      phone: "",
    });
    const decide = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/join-requests/${req?.id}/decision`,
      payload: { action: "approve" },
    });
    expect(decide.statusCode, decide.body).toBeLessThan(300);
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.members.map((m) => m.userId)).toContain(residentB);
  });

  it("announcement-only mode locks sending on Zalo; removing a member removes them on Zalo", async () => {
    const patch = await call(z.ctx.app, leader, {
      method: "PATCH",
      url: `/api/groups/${groupId}`,
      payload: { postingMode: "announcements_only" },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.settings.lock_send_msg).toBe(true);
    const [req] = await z.ctx.deps.db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.groupId, groupId), eq(joinRequests.zaloUserId, residentB)));
    const remove = await call(z.ctx.app, leader, {
      method: "POST",
      url: `/api/groups/${groupId}/members/${req?.memberId}/sanctions`,
      payload: { kind: "remove", reason: "Đăng tin rao vặt nhiều lần" },
    });
    expect(remove.statusCode, remove.body).toBeLessThan(300);
    await settle(z, c.t.communeId);
    expect(z.fake.world.group(zaloGroupId)?.members.map((m) => m.userId)).not.toContain(residentB);
  });

  it("an expired GMF package (-237) fails that group's delivery and alerts the chief and leader", async () => {
    z.fake.world.expireGroup(zaloGroupId);
    const res = await call(z.ctx.app, leader, {
      method: "POST",
      url: "/api/announcements",
      payload: {
        audience: { groupIds: [groupId] },
        category: "TRAFFIC_SAFETY",
        title: "Đội mũ bảo hiểm",
        body: "Đội mũ khi đi xe máy.",
      },
    });
    const id = res.json().announcementId as string;
    await settle(z, c.t.communeId);
    const [d] = await z.ctx.deps.db
      .select()
      .from(announcementDeliveries)
      .where(and(eq(announcementDeliveries.announcementId, id), eq(announcementDeliveries.channel, "zalo")));
    expect(d?.status).toBe("failed");
    expect(d?.lastError).toContain("GMF");
    const [link] = await z.ctx.deps.db.select().from(zaloGroups).where(eq(zaloGroups.groupId, groupId));
    expect(link?.status).toBe("disabled");
    const alerted = await z.ctx.deps.db
      .select({ userId: officerAlerts.userId })
      .from(officerAlerts)
      .where(eq(officerAlerts.kind, "ZALO_GROUP_DISABLED"));
    expect(alerted.map((a) => a.userId)).toEqual(
      expect.arrayContaining([c.t.users.chief.id, c.t.users.leader.id]),
    );
  });
});
