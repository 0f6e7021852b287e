import { and, eq, isNull } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groups, media, roleAssignments, users } from "../../db/schema";
import { addMembers, auditRows, buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";
import { verifyAuditChain } from "../audit/audit.service";

let ctx: TestContext;
let t: TestCommune;
let s: Record<keyof TestCommune["users"], Session>;
let g0: string;
let g1: string;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await buildCommune(ctx.deps, { hamlets: 3 });
  g0 = t.hamlets[0]?.groupId ?? "";
  g1 = t.hamlets[1]?.groupId ?? "";
  s = Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as typeof s;
});
afterAll(() => ctx.close());

const currentLeaders = (groupId: string) =>
  ctx.deps.db
    .select()
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.groupId, groupId),
        eq(roleAssignments.role, "GROUP_LEADER"),
        isNull(roleAssignments.endedAt),
      ),
    );

describe("one group per hamlet, exactly one leader per group (II.5.1)", () => {
  it("creating a hamlet creates its one group with the chosen leader, and audits it", async () => {
    const res = await call(ctx.app, s.deputy, {
      method: "POST",
      url: `/api/communes/${t.communeId}/hamlets`,
      payload: { name: "Ấp Bàu Ké", kind: "AP", leaderUserId: t.users.leader.id },
    });
    expect(res.statusCode).toBe(201);
    const { hamletId, groupId } = res.json<{ hamletId: string; groupId: string }>();
    expect(await currentLeaders(groupId)).toHaveLength(1);
    expect(await auditRows(ctx.deps, "hamlet.created", hamletId)).toHaveLength(1);
    const detail = await call(ctx.app, s.chief, { method: "GET", url: `/api/communes/${t.communeId}` });
    const h = detail.json().hamlets.find((x: { id: string }) => x.id === hamletId);
    expect(h.group.leader.userId).toBe(t.users.leader.id);
    // The same hamlet name again (even typed without accents) is a conflict.
    const dup = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/communes/${t.communeId}/hamlets`,
      payload: { name: "ap bau ke", kind: "AP", leaderUserId: t.users.leader.id },
    });
    expect(dup.statusCode).toBe(409);
  });

  it("the database refuses a second group for a hamlet and a second current leader", async () => {
    const now = new Date();
    await expect(
      ctx.deps.db.insert(groups).values({
        id: ctx.deps.ids.uuid(),
        hamletId: t.hamlets[0]?.hamletId ?? "",
        communeId: t.communeId,
        name: "second",
        createdAt: now,
        updatedAt: now,
      }),
    ).rejects.toThrow();
    await expect(
      ctx.deps.db.insert(roleAssignments).values({
        id: ctx.deps.ids.uuid(),
        userId: t.users.leader2.id,
        role: "GROUP_LEADER",
        communeId: t.communeId,
        groupId: g0,
        createdAt: now,
      }),
    ).rejects.toThrow();
    expect(await currentLeaders(g0)).toHaveLength(1);
  });

  it("assigning a leader replaces the old one in one step; one person may lead several groups", async () => {
    const res = await call(ctx.app, s.chief, {
      method: "PUT",
      url: `/api/groups/${g1}/leader`,
      payload: { userId: t.users.leader.id },
    });
    expect(res.statusCode).toBe(200);
    const leaders = await currentLeaders(g1);
    expect(leaders.map((l) => l.userId)).toEqual([t.users.leader.id]);
    expect(await currentLeaders(g0)).toHaveLength(1);
    const [row] = await auditRows(ctx.deps, "group.leader_assigned", g1);
    expect(row?.data).toEqual({ from: t.users.leader2.id, to: t.users.leader.id });
    const me = await call(ctx.app, s.leader, { method: "GET", url: "/api/me" });
    expect(me.json().roles.filter((r: { role: string }) => r.role === "GROUP_LEADER")).toHaveLength(3);
  });

  it("only the commune chief and deputies assign leaders; a group deputy cannot replace the leader", async () => {
    for (const who of ["groupDeputy", "leader", "member", "leader2"] as const) {
      const res = await call(ctx.app, s[who], {
        method: "PUT",
        url: `/api/groups/${g0}/leader`,
        payload: { userId: t.users.spareOfficer.id },
      });
      expect(res.statusCode, who).toBe(403);
    }
    expect((await currentLeaders(g0)).map((l) => l.userId)).toEqual([t.users.leader.id]);
  });

  it("a leader must be an active officer of the commune", async () => {
    const res = await call(ctx.app, s.chief, {
      method: "PUT",
      url: `/api/groups/${g0}/leader`,
      payload: { userId: t.users.member.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("userId");
    expect((await currentLeaders(g0)).map((l) => l.userId)).toEqual([t.users.leader.id]);
  });
});

describe("group profile (II.5.2: only leader and deputies edit it)", () => {
  it.each([
    ["leader", 200],
    ["groupDeputy", 200],
    ["member", 403],
    ["chief", 403],
    ["deputy", 403],
    ["leader2", 403],
  ] as const)("%s → %i", async (who, status) => {
    const description = `Mô tả bởi ${who} — Nguyễn`.normalize("NFD");
    const res = await call(ctx.app, s[who], {
      method: "PATCH",
      url: `/api/groups/${g0}`,
      payload: { description },
    });
    expect(res.statusCode).toBe(status);
    const [row] = await ctx.deps.db.select().from(groups).where(eq(groups.id, g0));
    if (status === 200) {
      // Stored NFC (req. 36) and audited with the change.
      expect(row?.description).toBe(description.normalize("NFC"));
      const audits = await auditRows(ctx.deps, "group.profile_updated", g0);
      expect(audits.at(-1)?.actorUserId).toBe(t.users[who].id);
    } else {
      expect(row?.description).not.toBe(description.normalize("NFC"));
    }
  });

  it("a failed update writes no audit row", async () => {
    const before = await auditRows(ctx.deps, "group.profile_updated", g0);
    await call(ctx.app, s.member, {
      method: "PATCH",
      url: `/api/groups/${g0}`,
      payload: { name: "Tên mới" },
    });
    expect(await auditRows(ctx.deps, "group.profile_updated", g0)).toHaveLength(before.length);
  });

  it("changes posting mode and name; rejects an unknown mode with the field named", async () => {
    const ok = await call(ctx.app, s.leader, {
      method: "PATCH",
      url: `/api/groups/${g0}`,
      payload: { postingMode: "announcements_only", name: "Nhóm Ấp Thử" },
    });
    expect(ok.json()).toMatchObject({ postingMode: "announcements_only", name: "Nhóm Ấp Thử" });
    const bad = await call(ctx.app, s.leader, {
      method: "PATCH",
      url: `/api/groups/${g0}`,
      payload: { postingMode: "anything" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "body.postingMode" }],
    });
  });

  it("re-encodes an uploaded avatar without EXIF/GPS and rejects non-images", async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3366aa" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "SECRET-GPS-10.95N" } })
      .toBuffer();
    expect(jpeg.includes("SECRET-GPS")).toBe(true);
    const form = new FormData();
    form.append("file", new Blob([jpeg], { type: "image/jpeg" }), "a.jpg");
    const req = new Request("http://x/", { method: "PUT", body: form });
    const res = await call(ctx.app, s.groupDeputy, {
      method: "PUT",
      url: `/api/groups/${g0}/avatar`,
      payload: Buffer.from(await req.arrayBuffer()),
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    });
    expect(res.statusCode).toBe(200);
    const avatarUrl: string = res.json().avatarUrl;
    const img = await call(ctx.app, s.member, { method: "GET", url: avatarUrl });
    expect(img.headers["content-type"]).toBe("image/webp");
    expect(img.rawPayload.includes("SECRET-GPS")).toBe(false);
    const meta = await sharp(img.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    const [{ n } = { n: 0 }] = await ctx.deps.db.$count(media).then((n) => [{ n }]);
    expect(n).toBeGreaterThan(0);

    const text = new FormData();
    text.append("file", new Blob(["not an image"], { type: "image/png" }), "x.png");
    const req2 = new Request("http://x/", { method: "PUT", body: text });
    const bad = await call(ctx.app, s.leader, {
      method: "PUT",
      url: `/api/groups/${g0}/background`,
      payload: Buffer.from(await req2.arrayBuffer()),
      headers: { "content-type": req2.headers.get("content-type") ?? "" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe("file");
  });
});

describe("deputies", () => {
  it("the leader adds a deputy with a title (new account, temporary password) and removes them", async () => {
    const res = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/groups/${g0}/deputies`,
      payload: { name: "Trương Văn Bí", phone: "+84 977 000 111", title: "PARTY_SECRETARY" },
    });
    expect(res.statusCode).toBe(201);
    const { userId, temporaryPassword } = res.json<{ userId: string; temporaryPassword: string }>();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const [u] = await ctx.deps.db.select().from(users).where(eq(users.id, userId));
    expect(u?.phone).toBe("0977000111");
    const g = await call(ctx.app, s.chief, { method: "GET", url: `/api/groups/${g0}` });
    expect(g.json().deputies).toContainEqual(expect.objectContaining({ userId, title: "PARTY_SECRETARY" }));
    const again = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/groups/${g0}/deputies`,
      payload: { name: "Trương Văn Bí", phone: "0977000111", title: "PARTY_SECRETARY" },
    });
    expect(again.statusCode).toBe(409);
    const del = await call(ctx.app, s.leader, {
      method: "DELETE",
      url: `/api/groups/${g0}/deputies/${userId}`,
    });
    expect(del.statusCode).toBe(200);
    expect(await auditRows(ctx.deps, "group.deputy_removed", g0)).toHaveLength(1);
  });

  it("a bad phone is a validation error naming the field", async () => {
    const res = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/groups/${g0}/deputies`,
      payload: { name: "Ai Đó", phone: "0123 456 789", title: "OTHER" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("phone");
  });
});

describe("members list", () => {
  it("searches without diacritics, sorts the Vietnamese way, and hides phones from non-officers", async () => {
    await addMembers(ctx.deps, t, 1, [
      "Trần Văn Bình",
      "Nguyễn Thị An",
      "Đỗ Thị Anh",
      "Hoàng Đức",
      "Nguyễn Văn An",
      "Lê Ánh",
    ]);
    const res = await call(ctx.app, s.chief, { method: "GET", url: `/api/groups/${g1}/members` });
    expect(res.json().items.map((m: { name: string }) => m.name)).toEqual([
      "Nguyễn Thị An",
      "Nguyễn Văn An",
      "Đỗ Thị Anh",
      "Lê Ánh",
      "Trần Văn Bình",
      "Hoàng Đức",
    ]);
    // Pages continue the same order.
    const p1 = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/groups/${g1}/members?limit=3&offset=0`,
    });
    const p2 = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/groups/${g1}/members?limit=3&offset=3`,
    });
    expect([...p1.json().items, ...p2.json().items].map((m: { name: string }) => m.name)).toEqual(
      res.json().items.map((m: { name: string }) => m.name),
    );
    expect(p2.json().total).toBe(6);
    const q = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/groups/${g1}/members?q=${encodeURIComponent("duc")}`,
    });
    expect(q.json()).toMatchObject({ total: 1, items: [{ name: "Hoàng Đức" }] });
    const q2 = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/groups/${g1}/members?q=${encodeURIComponent("ÁNH")}`,
    });
    // Accents ignored both ways: "ÁNH" finds "Anh" and "Ánh".
    expect(q2.json().items.map((m: { name: string }) => m.name)).toEqual(["Đỗ Thị Anh", "Lê Ánh"]);
    expect(res.json().items[0].phone).toMatch(/^0\d{9}$/);

    await addMembers(ctx.deps, t, 0, ["Phan Văn Hàng Xóm"]);
    const asMember = await call(ctx.app, s.member, { method: "GET", url: `/api/groups/${g0}/members` });
    expect(asMember.statusCode).toBe(200);
    expect(asMember.json().items.every((m: { phone: string | null }) => m.phone === null)).toBe(true);
  });
});

describe("officers and province", () => {
  it("only the chief grants the management-team deputy role", async () => {
    const byDeputy = await call(ctx.app, s.deputy, {
      method: "POST",
      url: `/api/communes/${t.communeId}/officers`,
      payload: { name: "Phó Mới", phone: "0971234001", communeDeputy: true },
    });
    expect(byDeputy.statusCode).toBe(403);
    const byChief = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/communes/${t.communeId}/officers`,
      payload: { name: "Phó Mới", phone: "0971234001", communeDeputy: true },
    });
    expect(byChief.statusCode).toBe(201);
    const list = await call(ctx.app, s.deputy, {
      method: "GET",
      url: `/api/communes/${t.communeId}/officers`,
    });
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ phone: "0971234001", roles: [{ role: "COMMUNE_DEPUTY" }] }),
    );
  });

  it("the province sees counts per commune and never names or phones", async () => {
    const res = await call(ctx.app, s.province, {
      method: "GET",
      url: `/api/provinces/${t.provinceId}/summary`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.communes).toHaveLength(1);
    expect(body.communes[0]).toMatchObject({ communeId: t.communeId, groups: 4, groupsWithLeader: 4 });
    const text = JSON.stringify(body);
    for (const u of Object.values(t.users)) {
      expect(text).not.toContain(u.phone);
    }
    expect(text).not.toContain("Nguyễn");
  });

  it("the mutations above left an intact audit chain", async () => {
    const rows = await ctx.deps.db.select().from(auditLog).where(eq(auditLog.communeId, t.communeId));
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        "hamlet.created",
        "group.leader_assigned",
        "group.profile_updated",
        "group.avatar_changed",
        "group.deputy_added",
        "group.deputy_removed",
        "officer.created",
      ]),
    );
    expect(await verifyAuditChain(ctx.deps.db)).toMatchObject({ ok: true });
  });
});
