import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { searchKey } from "../../core/text";
import { groupMembers, groups, posts, roleAssignments } from "../../db/schema";
import { auditRows, buildCommune, freshPhone, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";

const clock = fixedClock(new Date("2026-11-24T03:00:00Z"));
let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
let memberRowId: string;
let secondMemberRowId: string;
let secondMemberUserId: string;

const g0 = () => t.hamlets[0]?.groupId ?? "";
const session = (userId: string) => sessionFor(ctx.deps, userId);

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  t = await buildCommune(ctx.deps);
  other = await buildCommune(ctx.deps);
  const addMember = async (userId: string, name: string) => {
    const id = ctx.deps.ids.uuid();
    await ctx.deps.db.insert(groupMembers).values({
      id,
      groupId: g0(),
      communeId: t.communeId,
      userId,
      name,
      searchKey: searchKey(name),
      phone: freshPhone(),
      kind: "HOUSEHOLD_REP",
      consentAt: clock.now(),
    });
    return id;
  };
  memberRowId = await addMember(t.users.member.id, t.users.member.name);
  // A second resident with an account, to see what other members see.
  secondMemberUserId = ctx.deps.ids.uuid();
  const { users } = await import("../../db/schema");
  await ctx.deps.db.insert(users).values({
    id: secondMemberUserId,
    name: "Hồ Thị Hàng Xóm",
    searchKey: searchKey("Hồ Thị Hàng Xóm"),
    phone: freshPhone(),
    createdAt: clock.now(),
    updatedAt: clock.now(),
  });
  await ctx.deps.db.insert(roleAssignments).values({
    id: ctx.deps.ids.uuid(),
    userId: secondMemberUserId,
    role: "GROUP_MEMBER",
    communeId: t.communeId,
    hamletId: t.hamlets[0]?.hamletId,
    groupId: g0(),
    createdAt: clock.now(),
  });
  secondMemberRowId = await addMember(secondMemberUserId, "Hồ Thị Hàng Xóm");
  await ctx.deps.db.update(groups).set({ postingMode: "premoderated" }).where(eq(groups.id, g0()));
});
afterAll(() => ctx.close());

const post = async (who: Session, body: string, parentId?: string) =>
  call(ctx.app, who, {
    method: "POST",
    url: `/api/groups/${g0()}/posts`,
    payload: { body, ...(parentId ? { parentId } : {}) },
  });
const list = async (who: Session) =>
  (await call(ctx.app, who, { method: "GET", url: `/api/groups/${g0()}/posts` })).json();
const ids = (l: { items: { id: string }[] }) => l.items.map((i) => i.id);

describe("posting and pre-moderation", () => {
  it("holds a member's post with a phone number, with the reason, invisible to other members until decided", async () => {
    const member = await session(t.users.member.id);
    const res = await post(member, "Ai thấy con chó lạc thì gọi em 0912 345 678 nhé");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe("held");
    expect(res.json().reasons[0]).toMatchObject({ rule: "PERSONAL_DATA" });
    expect(res.json().reasons[0].message).toMatch(/Trưởng nhóm/);
    const postId = res.json().postId;
    const neighbour = await session(secondMemberUserId);
    expect(ids(await list(neighbour))).not.toContain(postId);
    const mine = (await list(member)).items.find((i: { id: string }) => i.id === postId);
    expect(mine.status).toBe("held");
    // The group deputy sees it in the queue and rejects it with a reason the member reads.
    const deputy = await session(t.users.groupDeputy.id);
    const queue = (
      await call(ctx.app, deputy, { method: "GET", url: `/api/groups/${g0()}/moderation` })
    ).json();
    expect(queue.held.map((h: { id: string }) => h.id)).toContain(postId);
    const rejected = await call(ctx.app, deputy, {
      method: "POST",
      url: `/api/posts/${postId}/moderation`,
      payload: {
        action: "reject",
        reason: "Không đăng số điện thoại cá nhân; hãy nhắn riêng cho trưởng nhóm.",
      },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const seen = (await list(member)).items.find((i: { id: string }) => i.id === postId);
    expect(seen).toMatchObject({
      status: "rejected",
      moderationReason: expect.stringContaining("nhắn riêng"),
    });
    expect((await auditRows(ctx.deps, "post.reject", postId)).length).toBe(1);
    expect(ids(await list(neighbour))).not.toContain(postId);
    // The original text is kept for the record.
    const [row] = await ctx.deps.db.select().from(posts).where(eq(posts.id, postId));
    expect(row?.body).toContain("0912 345 678");
  });

  it("approves a clean held post; then everyone sees it; replies thread under it", async () => {
    const member = await session(t.users.member.id);
    const res = await post(member, "Tối nay 19:30 họp tổ tự quản ở nhà văn hóa ấp.");
    expect(res.json()).toMatchObject({ status: "held", reasons: [] });
    const leader = await session(t.users.leader.id);
    const ok = await call(ctx.app, leader, {
      method: "POST",
      url: `/api/posts/${res.json().postId}/moderation`,
      payload: { action: "approve" },
    });
    expect(ok.json().status).toBe("published");
    const neighbour = await session(secondMemberUserId);
    expect(ids(await list(neighbour))).toContain(res.json().postId);
    const reply = await post(leader, "Cảm ơn bác, tôi sẽ có mặt.", res.json().postId);
    expect(reply.json().status).toBe("published");
    const thread = (await list(neighbour)).items.find((i: { id: string }) => i.id === res.json().postId);
    expect(thread.replies.map((r: { id: string }) => r.id)).toEqual([reply.json().postId]);
  });

  it("blocks a post with a secrecy marking outright", async () => {
    const member = await session(t.users.member.id);
    const res = await post(member, "Gửi mọi người tài liệu TUYỆT MẬT của công an huyện");
    expect(res.json().status).toBe("rejected");
    expect(res.json().reasons[0].rule).toBe("SECRECY");
  });

  it("rejects members' posts in an announcement-only group with a clear message", async () => {
    await ctx.deps.db.update(groups).set({ postingMode: "announcements_only" }).where(eq(groups.id, g0()));
    const res = await post(await session(t.users.member.id), "Cho hỏi lịch tiêm phòng dại");
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain("chỉ đăng thông báo");
    const l = await list(await session(t.users.member.id));
    expect(l.me).toMatchObject({ canPost: false });
    await ctx.deps.db.update(groups).set({ postingMode: "premoderated" }).where(eq(groups.id, g0()));
  });
});

describe("sanctions", () => {
  it("a muted member cannot post until the mute ends; a warning is counted", async () => {
    const leader = await session(t.users.leader.id);
    const warn = await call(ctx.app, leader, {
      method: "POST",
      url: `/api/groups/${g0()}/members/${memberRowId}/sanctions`,
      payload: { kind: "warn", reason: "Đăng số điện thoại lên nhóm" },
    });
    expect(warn.statusCode, warn.body).toBe(201);
    const mute = await call(ctx.app, leader, {
      method: "POST",
      url: `/api/groups/${g0()}/members/${memberRowId}/sanctions`,
      payload: { kind: "mute", minutes: 60, reason: "Đăng liên tục gây loãng nhóm" },
    });
    expect(mute.statusCode).toBe(201);
    const member = await session(t.users.member.id);
    const refused = await post(member, "Xin chào cả nhà");
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("tạm dừng đăng bài");
    expect((await list(member)).me).toMatchObject({ canPost: false, warnings: 1 });
    clock.advance(61 * 60_000);
    expect((await post(await session(t.users.member.id), "Xin chào cả nhà")).statusCode).toBe(201);
    const history = await call(ctx.app, await session(t.users.leader.id), {
      method: "GET",
      url: `/api/groups/${g0()}/members/${memberRowId}/violations`,
    });
    expect(
      history
        .json()
        .sanctions.map((s: { kind: string }) => s.kind)
        .sort(),
    ).toEqual(["mute", "warn"]);
    expect(history.json().posts.length).toBeGreaterThan(0);
  });

  it("a removed member cannot post and loses the group's feed", async () => {
    const leader = await session(t.users.leader.id);
    const res = await call(ctx.app, leader, {
      method: "POST",
      url: `/api/groups/${g0()}/members/${secondMemberRowId}/sanctions`,
      payload: { kind: "remove", reason: "Nhiều lần đăng nội dung lừa đảo" },
    });
    expect(res.statusCode).toBe(201);
    // Their only role was the membership: the group is now outside their world (404, like any other).
    const gone = await session(secondMemberUserId);
    expect((await post(gone, "Tôi vẫn ở đây")).statusCode).toBe(404);
    expect((await call(ctx.app, gone, { method: "GET", url: `/api/groups/${g0()}/feed` })).statusCode).toBe(
      404,
    );
    expect((await call(ctx.app, gone, { method: "GET", url: `/api/groups/${g0()}/posts` })).statusCode).toBe(
      404,
    );
    expect((await auditRows(ctx.deps, "member.remove", secondMemberRowId)).length).toBe(1);
  });

  it("only moderators act; other communes see nothing", async () => {
    const member = await session(t.users.member.id);
    const leader2 = await session(t.users.leader2.id);
    const otherChief = await session(other.users.chief.id);
    const url = `/api/groups/${g0()}/moderation`;
    expect((await call(ctx.app, member, { method: "GET", url })).statusCode).toBe(403);
    expect((await call(ctx.app, leader2, { method: "GET", url })).statusCode).toBe(403);
    expect((await call(ctx.app, otherChief, { method: "GET", url })).statusCode).toBe(404);
  });
});

describe("management console and settings", () => {
  it("counts violations by rule and shows groups whose held items wait too long", async () => {
    const member = await session(t.users.member.id);
    const held = await post(member, "Số của em 0987 654 321");
    expect(held.json().status).toBe("held");
    clock.advance(30 * 3600_000);
    const chief = await session(t.users.chief.id);
    const res = await call(ctx.app, chief, { method: "GET", url: `/api/communes/${t.communeId}/moderation` });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c.byRule.find((r: { rule: string }) => r.rule === "PERSONAL_DATA").count).toBeGreaterThanOrEqual(
      2,
    );
    const group = c.groups.find((g: { groupId: string }) => g.groupId === g0());
    expect(group).toMatchObject({ stale: true });
    expect(group.held).toBeGreaterThanOrEqual(1);
    expect(c.pending.map((p: { id: string }) => p.id)).toContain(held.json().postId);
    const memberNow = await session(t.users.member.id);
    expect(
      (await call(ctx.app, memberNow, { method: "GET", url: `/api/communes/${t.communeId}/moderation` }))
        .statusCode,
    ).toBe(403);
  });

  it("lets the management team keep a secret-keyword list that then holds posts", async () => {
    const chief = await session(t.users.chief.id);
    const current = (
      await call(ctx.app, chief, { method: "GET", url: `/api/communes/${t.communeId}/moderation-settings` })
    ).json();
    const put = await call(ctx.app, chief, {
      method: "PUT",
      url: `/api/communes/${t.communeId}/moderation-settings`,
      payload: { ...current, secretKeywords: ["kế hoạch truy bắt"] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const [audit] = await auditRows(ctx.deps, "moderation.settings", t.communeId);
    expect(JSON.stringify(audit?.data)).not.toContain("truy bắt");
    const res = await post(await session(t.users.member.id), "Nghe nói có ke hoach truy bat ở ấp bên");
    expect(res.json().reasons.map((r: { rule: string }) => r.rule)).toContain("SECRET_KEYWORD");
  });

  it("restores the official group profile in one click, and logs it", async () => {
    const leader = await session(t.users.leader.id);
    expect(
      (await call(ctx.app, leader, { method: "POST", url: `/api/groups/${g0()}/profile/restore` }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call(ctx.app, leader, { method: "POST", url: `/api/groups/${g0()}/profile/official` }))
        .statusCode,
    ).toBe(200);
    const [before] = await ctx.deps.db.select().from(groups).where(eq(groups.id, g0()));
    await ctx.deps.db.update(groups).set({ name: "Nhóm bán hàng online giá rẻ" }).where(eq(groups.id, g0()));
    const res = await call(ctx.app, leader, { method: "POST", url: `/api/groups/${g0()}/profile/restore` });
    expect(res.statusCode).toBe(200);
    const [after] = await ctx.deps.db.select().from(groups).where(eq(groups.id, g0()));
    expect(after?.name).toBe(before?.name);
    expect((await auditRows(ctx.deps, "group.profile.restore", g0()))[0]?.data).toMatchObject({
      from: { name: "Nhóm bán hàng online giá rẻ" },
    });
    const member = await session(t.users.member.id);
    expect(
      (await call(ctx.app, member, { method: "POST", url: `/api/groups/${g0()}/profile/restore` }))
        .statusCode,
    ).toBe(403);
  });
});
