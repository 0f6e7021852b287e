import { CONSENT_VERSION, type THandover, type TLeaderHistory } from "@binhyen/contracts";
import { and, eq, isNull } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { joinRequests, posts, reports, roleAssignments } from "../../db/schema";
import {
  addHousehold,
  addMembers,
  auditRows,
  buildCommune,
  freshPhone,
  type TestCommune,
} from "../../test/factories";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../../test/harness";
import { createInvite } from "../invites/invites.service";
import { submitReport } from "../reports/reports.service";

/*
 * Issue #6 (plan II.5.2, "bàn giao khi cán bộ luân chuyển"): the chief replaces a group's leader;
 * the record lists open cases, held posts, members and pending invites; open cases move to the new
 * leader; the old leader loses the group's cases at once; three confirmations; the leaders' history.
 */

// 07:00 UTC = 14:00 in Vietnam, on 3 February 2026 (the month keeps its leading zero: req. 25).
const clock = fixedClock(new Date("2026-02-03T07:00:00Z"));
const REPORTER = "Trịnh Văn Bímật";
const DESCRIPTION = "Có người lạ tập kết xe gian ở bãi đất trống cuối ấp";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ clock, env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
});
afterAll(() => ctx.close());

const g0 = (t: TestCommune) => t.hamlets[0]?.groupId ?? "";
const h0 = (t: TestCommune) => t.hamlets[0]?.hamletId ?? "";
const g1 = (t: TestCommune) => t.hamlets[1]?.groupId ?? "";

type Who = keyof TestCommune["users"];
async function sessions(t: TestCommune): Promise<Record<Who, Session>> {
  return Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as Record<Who, Session>;
}

const handOver = (s: Session, groupId: string, toUserId: string, reason = "Đồng chí luân chuyển công tác") =>
  call(ctx.app, s, { method: "POST", url: `/api/groups/${groupId}/handover`, payload: { toUserId, reason } });
const getCase = (s: Session, id: string) => call(ctx.app, s, { method: "GET", url: `/api/cases/${id}` });
const getHandover = (s: Session, id: string) =>
  call(ctx.app, s, { method: "GET", url: `/api/handovers/${id}` });
const confirm = (s: Session, id: string) =>
  call(ctx.app, s, { method: "POST", url: `/api/handovers/${id}/confirm` });
const leaders = (s: Session, groupId: string) =>
  call(ctx.app, s, { method: "GET", url: `/api/groups/${groupId}/leaders` });
const record = (s: Session, id: string) =>
  call(ctx.app, s, { method: "GET", url: `/api/handovers/${id}/record.docx` });

async function docxText(payload: Buffer): Promise<{ document: string; all: string }> {
  const zip = await JSZip.loadAsync(payload);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name))
      .map(async (f) => ({ name: f.name, text: await f.async("string") })),
  );
  return {
    document: parts.find((p) => p.name === "word/document.xml")?.text ?? "",
    all: parts.map((p) => p.text).join("\n"),
  };
}

/** A group with something of everything a record lists, and three cases of different kinds. */
async function stockGroup(t: TestCommune) {
  const report = (category: string, anonymous: boolean) =>
    submitReport(ctx.deps, {
      communeId: t.communeId,
      hamletId: h0(t),
      category: category as "CRIME",
      description: DESCRIPTION,
      anonymous,
      ...(anonymous ? {} : { reporter: { name: REPORTER, phone: freshPhone() } }),
    });
  const open = await report("CRIME", false);
  clock.advance(60_000);
  const closed = await report("RESIDENT_DISPUTE", false);
  await ctx.deps.db.update(reports).set({ state: "CLOSED" }).where(eq(reports.id, closed.reportId));
  // A report about police conduct: reserved to the chief, never listed for the two leaders.
  const conduct = await report("POLICE_CONDUCT", false);
  await addMembers(ctx.deps, t, 0, ["Trần Văn Bảy", "Nguyễn Thị An", "Lê Văn Chín"]);
  await ctx.deps.db.insert(posts).values({
    id: ctx.deps.ids.uuid(),
    groupId: g0(t),
    communeId: t.communeId,
    authorName: "Trần Văn Bảy",
    body: "Bài chờ duyệt",
    searchKey: "bai cho duyet",
    status: "held",
    createdAt: clock.now(),
  });
  await ctx.deps.db.insert(joinRequests).values({
    id: ctx.deps.ids.uuid(),
    groupId: g0(t),
    communeId: t.communeId,
    name: "Phan Thị Mới",
    phone: freshPhone(),
    consentVersion: CONSENT_VERSION,
    consentPurposes: ["GROUP_MEMBERSHIP"],
    createdAt: clock.now(),
  });
  const householdId = await addHousehold(ctx.deps, t, 0, "Võ Văn Hộ");
  await createInvite(ctx.deps, await actorOf(ctx.deps, t.users.leader.id), householdId, "test");
  clock.advance(60_000);
  return { open: open.reportId, closed: closed.reportId, conduct: conduct.reportId };
}

describe("handover: the leader changes and the cases follow (issue #6)", () => {
  let t: TestCommune;
  let s: Record<Who, Session>;
  let cases: Awaited<ReturnType<typeof stockGroup>>;
  let handoverId: string;
  let handedAt: Date;

  beforeAll(async () => {
    t = await buildCommune(ctx.deps);
    s = await sessions(t);
    cases = await stockGroup(t);
  });

  it("before: the leader reads the group's case and the incoming officer does not", async () => {
    expect((await getCase(s.leader, cases.open)).statusCode).toBe(200);
    expect((await getCase(s.spareOfficer, cases.open)).statusCode).toBe(404);
  });

  it("the chief hands the group over: 201, one transaction with the role swap, the moved cases and the audit row", async () => {
    handedAt = clock.now();
    const res = await handOver(s.chief, g0(t), t.users.spareOfficer.id, "Đồng chí Đức nghỉ hưu theo chế độ");
    expect(res.statusCode, res.body).toBe(201);
    handoverId = res.json<{ handoverId: string }>().handoverId;

    const roles = await ctx.deps.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.groupId, g0(t)), eq(roleAssignments.role, "GROUP_LEADER")));
    expect(roles.filter((r) => r.endedAt === null).map((r) => r.userId)).toEqual([t.users.spareOfficer.id]);
    expect(roles.find((r) => r.userId === t.users.leader.id)?.endedAt?.toISOString()).toBe(
      handedAt.toISOString(),
    );

    const [open] = await ctx.deps.db.select().from(reports).where(eq(reports.id, cases.open));
    expect(open?.assigneeUserId).toBe(t.users.spareOfficer.id);
    // A closed case stays with the officer who handled it; the chief's conduct case stays the chief's.
    const [closed] = await ctx.deps.db.select().from(reports).where(eq(reports.id, cases.closed));
    expect(closed?.assigneeUserId).toBe(t.users.leader.id);
    const [conduct] = await ctx.deps.db.select().from(reports).where(eq(reports.id, cases.conduct));
    expect(conduct?.assigneeUserId).toBe(t.users.chief.id);

    const audit = await auditRows(ctx.deps, "handover.create", handoverId);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(t.users.chief.id);
    expect(audit[0]?.data).toMatchObject({
      groupId: g0(t),
      from: t.users.leader.id,
      to: t.users.spareOfficer.id,
      movedReportIds: [cases.open],
      openReports: 1,
    });
    expect(JSON.stringify(audit[0]?.data)).not.toContain(REPORTER);
  });

  it("after: the old leader gets 404 on the group's case, the new leader 200", async () => {
    expect((await getCase(s.leader, cases.open)).statusCode).toBe(404);
    const res = await getCase(s.spareOfficer, cases.open);
    expect(res.statusCode, res.body).toBe(200);
    // The in-box agrees with the single-row check.
    const inbox = await call(ctx.app, s.leader, { method: "GET", url: "/api/cases" });
    expect(inbox.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(cases.open);
    const newInbox = await call(ctx.app, s.spareOfficer, { method: "GET", url: "/api/cases" });
    expect(newInbox.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(cases.open);
  });

  it("the record lists counts and cases without reporters or descriptions (chief, deputy and both leaders read it)", async () => {
    const res = await getHandover(s.chief, handoverId);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json<THandover>();
    expect(h).toMatchObject({
      id: handoverId,
      communeId: t.communeId,
      group: { id: g0(t), hamletName: "Ấp Thử 1" },
      from: { id: t.users.leader.id, name: t.users.leader.name },
      to: { id: t.users.spareOfficer.id, name: t.users.spareOfficer.name },
      reason: "Đồng chí Đức nghỉ hưu theo chế độ",
      createdBy: { id: t.users.chief.id },
      confirmations: { fromConfirmedAt: null, toConfirmedAt: null, chiefConfirmedAt: null },
      canConfirm: ["CHIEF"],
    });
    expect(h.snapshot).toEqual({
      takenAt: handedAt.toISOString(),
      openReports: {
        count: 1,
        items: [
          {
            shortId: cases.open.slice(0, 8),
            category: "CRIME",
            state: "RECEIVED",
            receivedAt: new Date(handedAt.getTime() - 120_000).toISOString(),
          },
        ],
      },
      movedReports: 1,
      heldPosts: 1,
      // Vietnamese name order: An, Bảy, Chín (given names).
      members: { count: 3, householdRepresentatives: ["Nguyễn Thị An", "Trần Văn Bảy", "Lê Văn Chín"] },
      pendingInvites: 1,
      pendingJoinRequests: 1,
    });
    expect(res.body).not.toContain(REPORTER);
    expect(res.body).not.toContain(DESCRIPTION);
    expect(res.body).not.toContain(cases.conduct.slice(0, 8));

    for (const who of ["deputy", "spareOfficer", "leader"] as const) {
      expect((await getHandover(s[who], handoverId)).statusCode, who).toBe(200);
    }
    // The old leader has no role left in the commune and still sees (and can confirm) their handover.
    expect((await getHandover(s.leader, handoverId)).json<THandover>().canConfirm).toEqual(["FROM"]);
  });

  it("the biên bản bàn giao (DOCX): Decree 30 header, title, date line, tables, three signatures — and no informant", async () => {
    const res = await record(s.spareOfficer, handoverId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.headers["content-disposition"]).toContain("bien-ban-ban-giao-ap-thu-1.docx");
    const { document, all } = await docxText(res.rawPayload);
    expect(document).toContain("CÔNG AN TỈNH THỬ");
    expect(document).toMatch(/CÔNG AN XÃ THỬ [0-9A-F]{4}/i);
    expect(document).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(document).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(document).toContain("BIÊN BẢN BÀN GIAO NHÓM ZALO KẾT NỐI BÌNH YÊN ẤP THỬ 1");
    expect(document).toMatch(/thử [0-9a-f]{4}, ngày 03 tháng 02 năm 2026/);
    expect(document).toContain("Đồng chí Đức nghỉ hưu theo chế độ");
    expect(document).toContain(cases.open.slice(0, 8));
    expect(document).toContain("Tội phạm");
    expect(document).toContain("Nguyễn Thị An");
    for (const heading of ["NGƯỜI GIAO", "NGƯỜI NHẬN", "TRƯỞNG CÔNG AN XÃ"]) {
      expect(document).toContain(heading);
    }
    expect(document).toContain(t.users.leader.name);
    expect(document).toContain(t.users.spareOfficer.name);
    expect(document).toContain(t.users.chief.name);
    expect(document).toContain("(Chưa xác nhận)");
    // A4 portrait, Decree 30 margins, Times New Roman 13–14 pt.
    expect(document).toContain('w:w="11906"');
    expect(document).toContain('w:h="16838"');
    expect(document).toMatch(/w:left="1701"/);
    expect(document).toContain('w:ascii="Times New Roman"');
    const sizes = new Set([...document.matchAll(/<w:sz w:val="(\d+)"/g)].map((m) => m[1]));
    expect(
      [...sizes].every((v) => v === "26" || v === "28"),
      [...sizes].join(","),
    ).toBe(true);
    // Never an informant's identity nor a report's text, in any part of the package.
    expect(all).not.toContain(REPORTER);
    expect(all).not.toContain("Bímật");
    expect(all).not.toContain(DESCRIPTION);
  });

  it("each party confirms their part, once; another officer gets 403, another commune 404", async () => {
    const other = await buildCommune(ctx.deps);
    const otherChief = await sessionFor(ctx.deps, other.users.chief.id);
    for (const who of ["deputy", "leader2", "groupDeputy", "member", "province"] as const) {
      const res = await confirm(s[who], handoverId);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
    }
    const outside = await confirm(otherChief, handoverId);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe("NOT_FOUND");

    // Ten minutes later (test sessions last an hour).
    clock.advance(600_000);
    const fromAt = clock.now().toISOString();
    const first = await confirm(s.leader, handoverId);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<THandover>().confirmations).toEqual({
      fromConfirmedAt: fromAt,
      toConfirmedAt: null,
      chiefConfirmedAt: null,
    });
    expect(first.json<THandover>().canConfirm).toEqual([]);
    clock.advance(60_000);
    // Idempotent: the first time stays, and no second audit row.
    const again = await confirm(s.leader, handoverId);
    expect(again.statusCode).toBe(200);
    expect(again.json<THandover>().confirmations.fromConfirmedAt).toBe(fromAt);

    clock.advance(60_000);
    expect((await confirm(s.spareOfficer, handoverId)).statusCode).toBe(200);
    clock.advance(60_000);
    const last = await confirm(s.chief, handoverId);
    expect(last.statusCode).toBe(200);
    const c = last.json<THandover>().confirmations;
    expect(c.fromConfirmedAt).toBe(fromAt);
    expect(c.toConfirmedAt).not.toBeNull();
    expect(c.chiefConfirmedAt).not.toBeNull();

    const audit = await auditRows(ctx.deps, "handover.confirm", handoverId);
    expect(audit.map((a) => [a.actorUserId, a.data])).toEqual(
      expect.arrayContaining([
        [t.users.leader.id, { parties: ["FROM"] }],
        [t.users.spareOfficer.id, { parties: ["TO"] }],
        [t.users.chief.id, { parties: ["CHIEF"] }],
      ]),
    );
    expect(audit).toHaveLength(3);

    // The record now shows the three times (14:12 in Vietnam for the old leader).
    const { document } = await docxText((await record(s.chief, handoverId)).rawPayload);
    expect(document.match(/Đã xác nhận lúc/g)).toHaveLength(3);
    expect(document).toContain("Đã xác nhận lúc 14 giờ 12 phút, ngày 03/02/2026");
    expect(document).not.toContain("(Chưa xác nhận)");
  });

  it("the leaders' history: every leader with dates and the handover between them", async () => {
    const res = await leaders(s.chief, g0(t));
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<TLeaderHistory>();
    expect(history.items).toHaveLength(2);
    const [first, second] = history.items;
    expect(first).toMatchObject({
      userId: t.users.leader.id,
      name: t.users.leader.name,
      to: handedAt.toISOString(),
      current: false,
      handoverId: null,
      endedByHandoverId: handoverId,
    });
    expect(Date.parse(first?.from ?? "")).toBeLessThan(handedAt.getTime());
    expect(second).toMatchObject({
      userId: t.users.spareOfficer.id,
      from: handedAt.toISOString(),
      to: null,
      current: true,
      handoverId,
      endedByHandoverId: null,
    });
    // The group's officers read it; members, other hamlets' leaders and the province do not.
    expect((await leaders(s.deputy, g0(t))).statusCode).toBe(200);
    expect((await leaders(s.spareOfficer, g0(t))).statusCode).toBe(200);
    expect((await leaders(s.groupDeputy, g0(t))).statusCode).toBe(200);
    expect((await leaders(s.member, g0(t))).statusCode).toBe(403);
    expect((await leaders(s.leader2, g0(t))).statusCode).toBe(403);
    expect((await leaders(s.province, g0(t))).statusCode).toBe(403);
    const other = await buildCommune(ctx.deps);
    expect((await leaders(await sessionFor(ctx.deps, other.users.chief.id), g0(t))).statusCode).toBe(404);
  });
});

describe("handover: who may, and what is refused", () => {
  let t: TestCommune;
  let s: Record<Who, Session>;

  beforeAll(async () => {
    t = await buildCommune(ctx.deps, { hamlets: 3 });
    s = await sessions(t);
  });

  it("only the chief and the commune deputies hand over: 403 inside the commune, 404 outside, 401 anonymous", async () => {
    for (const who of ["leader", "leader2", "groupDeputy", "member", "province"] as const) {
      const res = await handOver(s[who], g0(t), t.users.spareOfficer.id);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
    }
    const other = await buildCommune(ctx.deps);
    const outside = await handOver(
      await sessionFor(ctx.deps, other.users.chief.id),
      g0(t),
      other.users.spareOfficer.id,
    );
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe("NOT_FOUND");
    const anon = await ctx.app.inject({
      method: "POST",
      url: `/api/groups/${g0(t)}/handover`,
      payload: { toUserId: t.users.spareOfficer.id, reason: "x" },
    });
    expect(anon.statusCode).toBe(401);
    // Nothing changed.
    const [current] = await ctx.deps.db
      .select()
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.groupId, g0(t)),
          eq(roleAssignments.role, "GROUP_LEADER"),
          isNull(roleAssignments.endedAt),
        ),
      );
    expect(current?.userId).toBe(t.users.leader.id);
  });

  it("the new leader must be an active officer of the commune (400), not the current leader (409), not a group deputy (409)", async () => {
    const notOfficer = await handOver(s.deputy, g0(t), t.users.member.id);
    expect(notOfficer.statusCode).toBe(400);
    expect(notOfficer.json().error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "toUserId", reason: "NOT_AN_OFFICER" }],
    });
    const other = await buildCommune(ctx.deps);
    expect((await handOver(s.deputy, g0(t), other.users.spareOfficer.id)).statusCode).toBe(400);
    expect((await handOver(s.deputy, g0(t), ctx.deps.ids.uuid())).statusCode).toBe(400);
    const same = await handOver(s.deputy, g0(t), t.users.leader.id);
    expect(same.statusCode).toBe(409);
    expect(same.json().error.details).toEqual({ reason: "ALREADY_LEADER" });
    const empty = await handOver(s.deputy, g0(t), t.users.spareOfficer.id, "   ");
    expect(empty.statusCode).toBe(400);
    // A group deputy who is also an officer (set up directly) cannot become the leader at once.
    await ctx.deps.db.insert(roleAssignments).values({
      id: ctx.deps.ids.uuid(),
      userId: t.users.spareOfficer.id,
      role: "GROUP_DEPUTY",
      communeId: t.communeId,
      hamletId: t.hamlets[2]?.hamletId ?? "",
      groupId: t.hamlets[2]?.groupId ?? "",
      title: "OTHER",
      createdAt: clock.now(),
    });
    const deputy = await handOver(s.deputy, t.hamlets[2]?.groupId ?? "", t.users.spareOfficer.id);
    expect(deputy.statusCode).toBe(409);
    expect(deputy.json().error.details).toEqual({ reason: "IS_GROUP_DEPUTY" });
  });

  it("a commune deputy may hand over; the handover is readable by the two leaders, 403 to other officers, 404 outside", async () => {
    const res = await handOver(s.deputy, g1(t), t.users.spareOfficer.id);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ handoverId: string }>().handoverId;
    // leader2 led group 1 (and still leads group 2): a party, so 200.
    expect((await getHandover(s.leader2, id)).statusCode).toBe(200);
    expect((await getHandover(s.spareOfficer, id)).statusCode).toBe(200);
    for (const who of ["leader", "groupDeputy", "member", "province"] as const) {
      expect((await getHandover(s[who], id)).statusCode, who).toBe(403);
      expect((await record(s[who], id)).statusCode, who).toBe(403);
    }
    const other = await buildCommune(ctx.deps);
    const otherChief = await sessionFor(ctx.deps, other.users.chief.id);
    expect((await getHandover(otherChief, id)).statusCode).toBe(404);
    expect((await record(otherChief, id)).statusCode).toBe(404);
    expect((await getHandover(s.chief, ctx.deps.ids.uuid())).statusCode).toBe(404);
    // leader2 keeps group 2's cases but lost group 1's role.
    const roles = await ctx.deps.db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.userId, t.users.leader2.id), isNull(roleAssignments.endedAt)));
    expect(roles.map((r) => r.groupId)).toEqual([t.hamlets[2]?.groupId]);
  });

  it("two handovers of one group at once end with exactly one current leader", async () => {
    const c = await buildCommune(ctx.deps);
    const cs = await sessionFor(ctx.deps, c.users.chief.id);
    const [a, b] = await Promise.all([
      handOver(cs, g0(c), c.users.spareOfficer.id),
      handOver(cs, g0(c), c.users.leader2.id),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    const current = await ctx.deps.db
      .select()
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.groupId, g0(c)),
          eq(roleAssignments.role, "GROUP_LEADER"),
          isNull(roleAssignments.endedAt),
        ),
      );
    expect(current).toHaveLength(1);
    const history = (await leaders(cs, g0(c))).json<TLeaderHistory>();
    expect(history.items).toHaveLength(3);
    expect(history.items.filter((i) => i.current)).toHaveLength(1);
  });
});
