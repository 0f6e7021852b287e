import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { searchKey } from "../../core/text";
import { announcementRecipients, announcements, groupMembers, outbox, reports } from "../../db/schema";
import { drainOutboxOnce } from "../../jobs/outbox-worker";
import { addHousehold, auditRows, buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";

const clock = fixedClock(new Date("2026-11-20T02:00:00Z"));
let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
let s: Record<keyof TestCommune["users"], Session>;
let otherChief: Session;
const silent = { warn: () => undefined, error: () => undefined };

/** Members of group 0: the member user's household, two more households, one without consent. */
let memberRowId: string;
let withdrawnMemberId: string;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await buildCommune(ctx.deps, { hamlets: 2 });
  other = await buildCommune(ctx.deps);
  s = Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as typeof s;
  otherChief = await sessionFor(ctx.deps, other.users.chief.id);
  const g0 = t.hamlets[0]?.groupId ?? "";
  const g1 = t.hamlets[1]?.groupId ?? "";
  const member = async (
    groupId: string,
    name: string,
    opts: { userId?: string; consent?: boolean; withdrawn?: boolean },
  ) => {
    const id = ctx.deps.ids.uuid();
    const householdId = await addHousehold(ctx.deps, t, groupId === g0 ? 0 : 1, `Hộ ${name}`);
    await ctx.deps.db.insert(groupMembers).values({
      id,
      groupId,
      communeId: t.communeId,
      householdId,
      userId: opts.userId ?? null,
      name,
      searchKey: searchKey(name),
      kind: "HOUSEHOLD_REP",
      consentAt: opts.consent === false ? null : clock.now(),
      consentWithdrawnAt: opts.withdrawn ? clock.now() : null,
    });
    return id;
  };
  memberRowId = await member(g0, "Đỗ Văn Nam", { userId: t.users.member.id });
  await member(g0, "Ngô Thị Bưởi", {});
  await member(g0, "Lý Văn Chưa", { consent: false });
  withdrawnMemberId = await member(g0, "Tạ Văn Rút", { withdrawn: true });
  await member(g1, "Mai Thị Xa", {});
});
afterAll(() => ctx.close());
// The tests move the clock forward by hours: sessions are made fresh for each test.
beforeEach(async () => {
  s = Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as typeof s;
  otherChief = await sessionFor(ctx.deps, other.users.chief.id);
});

const g = (i: number) => t.hamlets[i]?.groupId ?? "";
const base = (over: Record<string, unknown> = {}) => ({
  audience: { groupIds: [g(0)] },
  category: "CRIME_METHODS",
  title: "Cảnh báo lừa đảo qua điện thoại",
  body: "Đối tượng giả danh **công an** gọi điện yêu cầu chuyển tiền. Không chuyển tiền cho người lạ.",
  ...over,
});
const post = (who: Session, payload: Record<string, unknown>) =>
  call(ctx.app, who, { method: "POST", url: "/api/announcements", payload });
const feed = (who: Session, query = "", group = g(0)) =>
  call(ctx.app, who, { method: "GET", url: `/api/groups/${group}/feed${query}` });
/** This file's commune only: other files publish into the shared PostgreSQL test database meanwhile. */
const countAnnouncements = async () =>
  (
    await ctx.deps.db
      .select({ id: announcements.id })
      .from(announcements)
      .where(eq(announcements.communeId, t.communeId))
  ).length;

describe("publishing", () => {
  it("writes the announcement, its audit row, one recipient per consenting member and the push outbox row together", async () => {
    const res = await post(s.leader, base());
    expect(res.statusCode, res.body).toBe(201);
    const { announcementId, status } = res.json();
    expect(status).toBe("published");
    const recipients = await ctx.deps.db
      .select()
      .from(announcementRecipients)
      .where(eq(announcementRecipients.announcementId, announcementId));
    // Nam and Bưởi: Chưa has not consented, Rút withdrew consent (req. 16), Xa is another hamlet.
    expect(recipients.map((r) => r.memberId)).toContain(memberRowId);
    expect(recipients.map((r) => r.memberId)).not.toContain(withdrawnMemberId);
    expect(recipients).toHaveLength(2);
    const [audit] = await auditRows(ctx.deps, "announcement.publish", announcementId);
    expect(audit?.actorUserId).toBe(t.users.leader.id);
    expect(audit?.data).toMatchObject({ status: "published", recipients: 2 });
    const [push] = await ctx.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.idempotencyKey, `announcement:${announcementId}:push`));
    expect(push?.channel).toBe("push");
  });

  it("lets a leader write only for their own groups; other communes do not see the groups at all", async () => {
    expect((await post(s.leader, base({ audience: { groupIds: [g(1)] } }))).statusCode).toBe(403);
    expect((await post(s.leader, base({ audience: { communeId: t.communeId } }))).statusCode).toBe(403);
    expect((await post(s.member, base())).statusCode).toBe(403);
    expect((await post(s.province, base())).statusCode).toBe(403);
    expect((await post(otherChief, base())).statusCode).toBe(404);
    const chief = await post(s.chief, base({ audience: { communeId: t.communeId }, title: "Toàn xã" }));
    expect(chief.statusCode).toBe(201);
    const detail = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/announcements/${chief.json().announcementId}`,
    });
    expect(
      detail
        .json()
        .groups.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([g(0), g(1)].sort());
  });

  it("requires an expiry and the person's description on wanted and missing notices", async () => {
    const res = await post(s.leader, base({ category: "WANTED_PERSON" }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect(res.body).toContain("hết hạn");
  });
});

describe("content check (req. 12–14)", () => {
  it.each([
    ["a phone number", { body: "Liên hệ anh Tư 0912 345 678 để biết thêm." }, "PHONE_NUMBER"],
    ["a citizen ID", { body: "Người có CCCD 079203001234 đã bị bắt." }, "CITIZEN_ID"],
    ["a secrecy marking", { title: "TÀI LIỆU TỐI MẬT về kế hoạch" }, "SECRECY_MARKING"],
  ])("blocks %s with a Vietnamese explanation and saves nothing", async (_label, over, rule) => {
    const before = await countAnnouncements();
    const res = await post(s.leader, base(over));
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe("CONTENT_BLOCKED");
    expect(err.details.findings.map((f: { rule: string }) => f.rule)).toContain(rule);
    expect(err.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    expect(await countAnnouncements()).toBe(before);
  });

  it("blocks the name of an informant of an open report without saying who they are", async () => {
    const report = await ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: {
        communeId: t.communeId,
        category: "CRIME",
        description: "Có người lạ đột nhập kho hàng.",
        anonymous: false,
        reporter: { name: "Hứa Thị Kín Đáo", phone: "0388123456" },
      },
    });
    expect(report.statusCode).toBe(201);
    const res = await post(s.leader, base({ body: "Cảm ơn bà hua thi kin dao đã báo tin cho công an." }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.findings[0].rule).toBe("REPORT_PERSON");
    expect(res.body).not.toMatch(/kín đáo|kin dao/i);
    const byPhone = await post(s.leader, base({ body: "Số 0388.123.456 đã báo tin." }));
    expect(byPhone.statusCode).toBe(422);
    expect(byPhone.body).not.toContain("0388");
  });

  it("lets the commune's own duty number through once the chief lists it", async () => {
    const withHotline = base({ body: "Gặp việc khẩn, gọi trực ban Công an xã: 0251 3822 114." });
    expect((await post(s.leader, withHotline)).statusCode).toBe(422);
    const put = await call(ctx.app, s.chief, {
      method: "PUT",
      url: `/api/communes/${t.communeId}/announcement-settings`,
      payload: { deputiesNeedApproval: false, officialPhones: ["02513822114"] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await post(s.leader, withHotline)).statusCode).toBe(201);
    const leaderPut = await call(ctx.app, s.leader, {
      method: "PUT",
      url: `/api/communes/${t.communeId}/announcement-settings`,
      payload: { deputiesNeedApproval: true, officialPhones: [] },
    });
    expect(leaderPut.statusCode).toBe(403);
  });

  it("previews findings without saving through /check", async () => {
    const before = await countAnnouncements();
    const res = await call(ctx.app, s.leader, {
      method: "POST",
      url: "/api/announcements/check",
      payload: base({ body: "CCCD 079 203 001 234" }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(false);
    expect(await countAnnouncements()).toBe(before);
  });
});

describe("approval of deputies' announcements", () => {
  it("holds a group deputy's announcement for the leader when the chief asks for it", async () => {
    await call(ctx.app, s.chief, {
      method: "PUT",
      url: `/api/communes/${t.communeId}/announcement-settings`,
      payload: { deputiesNeedApproval: true, officialPhones: ["02513822114"] },
    });
    const res = await post(s.groupDeputy, base({ title: "Họp dân ấp tối thứ Bảy" }));
    expect(res.json().status).toBe("pending_approval");
    const id = res.json().announcementId;
    const before = await feed(s.member);
    expect(before.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    // The author cannot approve their own; another hamlet's leader cannot either.
    expect(
      (await call(ctx.app, s.groupDeputy, { method: "POST", url: `/api/announcements/${id}/approve` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(ctx.app, s.leader2, { method: "POST", url: `/api/announcements/${id}/approve` }))
        .statusCode,
    ).toBe(403);
    const ok = await call(ctx.app, s.leader, { method: "POST", url: `/api/announcements/${id}/approve` });
    expect(ok.json().status).toBe("published");
    expect((await auditRows(ctx.deps, "announcement.approve", id)).length).toBe(1);
    expect((await feed(s.member)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    await call(ctx.app, s.chief, {
      method: "PUT",
      url: `/api/communes/${t.communeId}/announcement-settings`,
      payload: { deputiesNeedApproval: false, officialPhones: ["02513822114"] },
    });
  });
});

describe("the residents' feed", () => {
  it("shows pinned first, then newest; filters by category; searches without diacritics", async () => {
    const pinned = (
      await post(
        s.leader,
        base({ title: "Quy định phòng cháy mùa khô", category: "FIRE_SAFETY", pinned: true }),
      )
    ).json().announcementId;
    clock.advance(60_000);
    const newest = (
      await post(s.leader, base({ title: "Hướng dẫn làm căn cước", category: "ADMIN_PROCEDURE" }))
    ).json().announcementId;
    const res = await feed(s.member);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: string }) => i.id);
    expect(ids[0]).toBe(pinned);
    expect(ids[1]).toBe(newest);
    const byCategory = await feed(s.member, "?category=FIRE_SAFETY");
    expect(byCategory.json().items.map((i: { id: string }) => i.id)).toEqual([pinned]);
    const search = await feed(s.member, `?q=${encodeURIComponent("can cuoc")}`);
    expect(search.json().items.map((i: { id: string }) => i.id)).toEqual([newest]);
  });

  it("counts unread, marks read, and records an acknowledgement the leader can see per household", async () => {
    const id = (
      await post(s.leader, base({ title: "Xác nhận đã nhận thông báo", requiresAck: true, urgent: true }))
    ).json().announcementId;
    const unread = (await feed(s.member)).json().unread;
    expect(unread).toBeGreaterThan(0);
    expect(
      (await call(ctx.app, s.member, { method: "POST", url: `/api/announcements/${id}/read` })).statusCode,
    ).toBe(200);
    expect((await feed(s.member)).json().unread).toBe(unread - 1);
    const unseen = await call(ctx.app, s.leader, {
      method: "GET",
      url: `/api/announcements/${id}/recipients?state=unseen`,
    });
    expect(unseen.json().items.map((i: { name: string }) => i.name)).toEqual(["Hộ Ngô Thị Bưởi"]);
    const ack = await call(ctx.app, s.member, { method: "POST", url: `/api/announcements/${id}/ack` });
    expect(ack.statusCode).toBe(200);
    expect((await auditRows(ctx.deps, "announcement.acknowledge", id)).length).toBe(1);
    const stats = await call(ctx.app, s.leader, { method: "GET", url: `/api/announcements/${id}/stats` });
    expect(stats.json()).toMatchObject({ recipients: 2, read: 1, acknowledged: 1 });
    expect(stats.json().byChannel.find((c: { channel: string }) => c.channel === "web")).toMatchObject({
      delivered: 1,
    });
    const [row] = await ctx.deps.db
      .select()
      .from(announcementRecipients)
      .where(
        and(eq(announcementRecipients.announcementId, id), eq(announcementRecipients.memberId, memberRowId)),
      );
    expect(row?.ackAt).not.toBeNull();
    // Only the audience reads: the other hamlet's leader gets 403 on the stats; another commune 404.
    expect(
      (await call(ctx.app, s.leader2, { method: "GET", url: `/api/announcements/${id}/stats` })).statusCode,
    ).toBe(403);
    expect(
      (await call(ctx.app, otherChief, { method: "GET", url: `/api/announcements/${id}/stats` })).statusCode,
    ).toBe(404);
    expect(
      (await call(ctx.app, s.member, { method: "GET", url: `/api/announcements/${id}/stats` })).statusCode,
    ).toBe(403);
  });

  it("drops expired and withdrawn announcements from the feed", async () => {
    const expiring = (
      await post(
        s.leader,
        base({ title: "Hết hạn sớm", expiresAt: new Date(clock.now().getTime() + 3600_000).toISOString() }),
      )
    ).json().announcementId;
    const withdrawn = (await post(s.leader, base({ title: "Sẽ thu hồi" }))).json().announcementId;
    const w = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/announcements/${withdrawn}/withdraw`,
      payload: { reason: "Đăng nhầm" },
    });
    expect(w.json().status).toBe("withdrawn");
    let ids = (await feed(s.member)).json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(expiring);
    expect(ids).not.toContain(withdrawn);
    clock.advance(2 * 3600_000);
    s.member = await sessionFor(ctx.deps, t.users.member.id);
    ids = (await feed(s.member)).json().items.map((i: { id: string }) => i.id);
    expect(ids).not.toContain(expiring);
    expect(
      (await call(ctx.app, s.member, { method: "POST", url: `/api/announcements/${withdrawn}/read` }))
        .statusCode,
    ).toBe(404);
  });

  it("releases a scheduled announcement at its time through the outbox", async () => {
    const at = new Date(clock.now().getTime() + 30 * 60_000);
    const res = await post(s.leader, base({ title: "Hẹn giờ 30 phút", publishAt: at.toISOString() }));
    expect(res.json().status).toBe("scheduled");
    const id = res.json().announcementId;
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, clock, silent, { communeIds: [t.communeId] });
    expect((await feed(s.member)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    clock.advance(31 * 60_000);
    await drainOutboxOnce(ctx.deps.db, ctx.deps.channels, clock, silent, { communeIds: [t.communeId] });
    expect((await feed(s.member)).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await auditRows(ctx.deps, "announcement.release", id)).length).toBe(1);
  });

  it("keeps members of other hamlets and communes out of a group's feed", async () => {
    expect((await feed(s.member, "", g(1))).statusCode).toBe(403);
    expect((await feed(otherChief)).statusCode).toBe(404);
    expect((await feed(s.chief, "", g(1))).statusCode).toBe(200);
  });
});

describe("files", () => {
  const upload = (who: Session, name: string, bytes: Buffer, communeId = t.communeId) => {
    const boundary = "----binhyen";
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return call(ctx.app, who, {
      method: "POST",
      url: `/api/communes/${communeId}/announcement-files`,
      payload: body,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
  };

  it("re-encodes a photo without its GPS, attaches it to a wanted notice, and serves it only to the audience", async () => {
    const photo = await sharp({ create: { width: 60, height: 80, channels: 3, background: "#884422" } })
      .jpeg()
      .withExif({
        IFD0: { Artist: "Nguyễn Văn Chụp" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "10/1 57/1 0/1" },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const up = await upload(s.leader, "anh-doi-tuong.jpg", photo);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file.kind).toBe("image");
    const res = await post(
      s.leader,
      base({
        category: "WANTED_PERSON",
        title: "Thông báo truy nã",
        body: "Ai biết tung tích đối tượng báo ngay cho Công an xã.",
        expiresAt: new Date(clock.now().getTime() + 30 * 86_400_000).toISOString(),
        requiresAck: true,
        notice: {
          personName: "Lò Văn Trốn",
          description: "Cao 1m65, tóc ngắn",
          lastSeen: "Chợ Tân Phú",
          photoFileId: file.id,
        },
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const got = await call(ctx.app, s.member, { method: "GET", url: `/api/announcement-files/${file.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/jpeg");
    expect((await sharp(got.rawPayload).metadata()).exif).toBeUndefined();
    expect(
      (await call(ctx.app, otherChief, { method: "GET", url: `/api/announcement-files/${file.id}` }))
        .statusCode,
    ).toBe(404);
    const feedRes = await feed(s.member);
    expect(feedRes.statusCode, feedRes.body).toBe(200);
    const item = feedRes.json().items.find((i: { id: string }) => i.id === res.json().announcementId);
    expect(item.notice).toMatchObject({ personName: "Lò Văn Trốn", photoFileId: file.id });

    // "Báo tin cho công an" from the notice: the report is linked to it.
    const report = await ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: {
        communeId: t.communeId,
        category: "CRIME",
        description: "Tôi thấy người giống ảnh ở chợ sáng nay.",
        anonymous: true,
        announcementId: res.json().announcementId,
      },
    });
    expect(report.statusCode).toBe(201);
    const [row] = await ctx.deps.db
      .select()
      .from(reports)
      .where(eq(reports.announcementId, res.json().announcementId));
    expect(row).toBeDefined();
    const bad = await ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: {
        communeId: other.communeId,
        category: "CRIME",
        description: "Thử liên kết sai xã.",
        anonymous: true,
        announcementId: res.json().announcementId,
      },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("refuses a program disguised as a photo, and other communes' uploads", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
    const res = await upload(s.leader, "anh.jpg", exe);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_FAILED");
    expect((await upload(otherChief, "a.jpg", exe)).statusCode).toBe(404);
    expect((await upload(s.member, "a.jpg", exe)).statusCode).toBe(403);
  });
});

describe("CAP 1.2 export", () => {
  it("exports a published announcement and refuses a draft", async () => {
    const id = (await post(s.leader, base({ title: "Cảnh báo <lừa đảo> & giả danh" }))).json().announcementId;
    const res = await call(ctx.app, s.leader, { method: "GET", url: `/api/announcements/${id}/cap.xml` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/cap+xml");
    expect(res.body).toContain("urn:oasis:names:tc:emergency:cap:1.2");
    expect(res.body).toContain(`<identifier>`);
    expect(res.body).toContain("&lt;lừa đảo&gt; &amp; giả danh");
    const draft = (await post(s.leader, base({ draft: true, title: "Nháp" }))).json().announcementId;
    expect(
      (await call(ctx.app, s.leader, { method: "GET", url: `/api/announcements/${draft}/cap.xml` }))
        .statusCode,
    ).toBe(409);
  });
});
