import { type TCaseEvent, type TReviewIndicatorValue, ZCreateAnnouncement } from "@binhyen/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { groupMembers } from "../../db/schema";
import { addHousehold, buildCommune, freshPhone, type TestCommune } from "../../test/factories";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../../test/harness";
import { createAnnouncement } from "../announcements/announcements.service";
import { coverageRepository } from "../coverage/coverage.repository";
import { communeCoverage } from "../coverage/coverage.service";
import { moderatePost, sanctionMember } from "../moderation/moderation.service";
import { createPost } from "../moderation/posts.service";
import { transitionCase } from "../reports/case.service";
import { flagCase, officerMessage, submitReport } from "../reports/reports.service";
import { decideCommendation, proposeCommendation } from "./commendations.service";

/**
 * Review indicators (domain-vn req. 39–40, plan II.6) on a commune played through the real services
 * with a fixed clock: reports in several states with outcomes recorded inside and outside the
 * period, announcements, moderation, members joining and leaving, commendations. Today is
 * 20/3/2026 10:00 (UTC+7); the period is 1–20/3/2026, the previous one 9–28/2/2026.
 */

/** A local time in Asia/Ho_Chi_Minh. */
const at = (local: string) => new Date(`${local}:00+07:00`);
const clock = fixedClock(at("2026-02-01T08:00"));
const PERIOD = "from=2026-03-01&to=2026-03-20";

// Fixture names and phones that must never appear in an indicator response (req. 13).
const REPORTER_1 = { name: "Trịnh Văn Bímật", phone: "0977123456" };
const REPORTER_4 = { name: "Lý Thị Tốgiác", phone: "0988765432" };
const MEMBER_NAMES = [
  "Hồ Văn Thànhviên",
  "Đặng Thị Hộmột",
  "Mai Văn Hộhai",
  "Tạ Thị Hộba",
  "Kha Văn Năm",
  "Ông Thị Sáu",
];
const SECRETS = [
  REPORTER_1.name,
  REPORTER_1.phone,
  "0977 123 456",
  REPORTER_4.name,
  REPORTER_4.phone,
  "Nguyễn Văn Khenthưởng",
  "ma túy ở quán nước",
  "đánh bạc",
  ...MEMBER_NAMES,
];

let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
const R: Record<string, string> = {};
const s: Record<string, Session> = {};

const g = (i: number) => t.hamlets[i]?.groupId ?? "";
const h = (i: number) => t.hamlets[i]?.hamletId ?? "";
const as = (userId: string) => actorOf(ctx.deps, userId);
const tr = async (id: string, event: TCaseEvent, when: string, userId = t.users.chief.id) => {
  clock.set(at(when));
  await transitionCase(ctx.deps, await as(userId), id, event, "test");
};
const report = async (when: string, input: Record<string, unknown>) => {
  clock.set(at(when));
  return (
    await submitReport(ctx.deps, {
      communeId: t.communeId,
      description: "Tin báo thử",
      anonymous: true,
      ...input,
    } as Parameters<typeof submitReport>[1])
  ).reportId;
};
const member = async (i: number, name: string, householdId: string | null) => {
  const id = ctx.deps.ids.uuid();
  await ctx.deps.db.insert(groupMembers).values({
    id,
    groupId: g(i),
    communeId: t.communeId,
    householdId,
    name,
    searchKey: name,
    phone: freshPhone(),
    kind: "HOUSEHOLD_REP",
    consentAt: clock.now(),
    joinedAt: clock.now(),
  });
  return id;
};
const announce = async (when: string, category: string, audience: Record<string, unknown>, draft = false) => {
  clock.set(at(when));
  await createAnnouncement(
    ctx.deps,
    await as(t.users.chief.id),
    ZCreateAnnouncement.parse({
      audience,
      category,
      title: `Thông báo ${category}`,
      body: "Bà con lưu ý thực hiện đúng hướng dẫn của Công an xã.",
      draft,
    }),
  );
};

beforeAll(async () => {
  ctx = await createTestContext({ clock, env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
  t = await buildCommune(ctx.deps, { hamlets: 3 });
  other = await buildCommune(ctx.deps);

  // Households: 4 in hamlet 1, 2 in hamlet 2, 1 in hamlet 3. Members A, B, C join on 5/2.
  const hh = [
    await addHousehold(ctx.deps, t, 0, "Hộ Một"),
    await addHousehold(ctx.deps, t, 0, "Hộ Hai"),
    await addHousehold(ctx.deps, t, 0, "Hộ Ba"),
    await addHousehold(ctx.deps, t, 0, "Hộ Bốn"),
    await addHousehold(ctx.deps, t, 1, "Hộ Năm"),
    await addHousehold(ctx.deps, t, 1, "Hộ Sáu"),
    await addHousehold(ctx.deps, t, 2, "Hộ Bảy"),
  ] as const;
  clock.set(at("2026-02-05T08:00"));
  await member(0, MEMBER_NAMES[0] as string, hh[0]);
  const memberB = await member(0, MEMBER_NAMES[1] as string, hh[1]);
  await member(1, MEMBER_NAMES[2] as string, hh[4]);

  // --- previous period (9–28/2) ---
  R.r1 = await report("2026-02-10T09:00", {
    hamletId: h(0),
    category: "CRIME",
    description: "Có người bán ma túy ở quán nước đầu ấp.",
    anonymous: false,
    reporter: { name: REPORTER_1.name, phone: "0977 123 456" },
  });
  await tr(R.r1, { type: "ACKNOWLEDGE" }, "2026-02-10T09:30");
  await tr(R.r1, { type: "START_VERIFICATION" }, "2026-02-10T10:00");
  await tr(R.r1, { type: "FORWARD", agency: "Cơ quan CSĐT Công an tỉnh" }, "2026-02-11T08:00"); // 23 h: on time
  R.r2 = await report("2026-02-12T08:00", {
    hamletId: h(1),
    category: "SOCIAL_EVIL",
    description: "Tụ tập đánh bạc.",
  });
  await tr(R.r2, { type: "ACKNOWLEDGE" }, "2026-02-12T08:20");
  await tr(R.r2, { type: "START_VERIFICATION" }, "2026-02-12T09:00");
  await tr(R.r2, { type: "FORWARD", agency: "Cơ quan CSĐT Công an tỉnh" }, "2026-02-13T14:00"); // 30 h: late
  await announce("2026-02-15T08:00", "LAW_POLICY", { communeId: t.communeId });
  await tr(
    R.r1,
    { type: "RECORD_OUTCOME", outcome: { code: "KHOI_TO", valuable: true, summary: "Đã khởi tố vụ án." } },
    "2026-02-20T09:00",
  );
  await tr(
    R.r1,
    { type: "CLOSE", reporterNotified: { at: at("2026-02-21T09:00").toISOString(), channel: "điện thoại" } },
    "2026-02-21T09:00",
  );
  clock.set(at("2026-02-20T10:00"));
  const chief = await as(t.users.chief.id);
  const collective = await proposeCommendation(ctx.deps, chief, t.communeId, {
    recipientKind: "collective",
    recipientName: "Tổ an ninh ấp Thử 1",
    reason: "Phối hợp phát hiện tụ điểm ma túy",
    form: "Giấy khen",
  });
  await decideCommendation(ctx.deps, chief, collective.id, {
    decision: "decided",
    decisionNumber: "05/QĐ-CAX",
  });
  R.r3 = await report("2026-02-25T09:00", {
    hamletId: h(0),
    category: "OTHER",
    description: "Đèn đường hỏng.",
  });
  clock.set(at("2026-02-28T12:00"));
  await coverageRepository.snapshotAll(ctx.deps.db, "2026-02-28");

  // --- current period (1–20/3) ---
  R.r4 = await report("2026-03-02T09:00", {
    hamletId: h(0),
    category: "CRIME",
    description: "Trộm xe máy.",
    anonymous: false,
    reporter: REPORTER_4,
  });
  await tr(R.r4, { type: "ACKNOWLEDGE" }, "2026-03-02T09:10");
  await tr(R.r4, { type: "START_VERIFICATION" }, "2026-03-02T09:20");
  await tr(
    R.r4,
    { type: "HANDLE_IN_COMMUNE", investigatorUserId: t.users.spareOfficer.id },
    "2026-03-02T14:00",
  );
  // A report about police conduct: chief-only (deputies never read it).
  R.r5 = await report("2026-03-03T09:00", {
    hamletId: h(1),
    category: "POLICE_CONDUCT",
    description: "Thái độ.",
  });
  await tr(R.r5, { type: "ACKNOWLEDGE" }, "2026-03-03T10:00");
  await tr(R.r5, { type: "START_VERIFICATION" }, "2026-03-03T10:30");
  await tr(
    R.r5,
    { type: "HANDLE_IN_COMMUNE", investigatorUserId: t.users.spareOfficer.id },
    "2026-03-03T11:00",
  );
  await announce("2026-03-03T15:00", "SECURITY_SITUATION", { groupIds: [g(0)] });
  R.r6 = await report("2026-03-04T09:00", { hamletId: h(0), category: "CRIME", description: "Quảng cáo." });
  clock.set(at("2026-03-04T09:30"));
  await flagCase(ctx.deps, await as(t.users.leader.id), R.r6, true, "test");
  await tr(
    R.r2,
    { type: "RECORD_OUTCOME", outcome: { code: "BAT_GIU", valuable: true, summary: "Bắt quả tang." } },
    "2026-03-05T09:00",
  );
  clock.set(at("2026-03-05T10:00"));
  await member(0, MEMBER_NAMES[3] as string, hh[2]);
  await member(1, MEMBER_NAMES[4] as string, null);
  clock.set(at("2026-03-06T09:00"));
  const memberUser = await as(t.users.member.id);
  const leader = await as(t.users.leader.id);
  const held1 = await createPost(ctx.deps, memberUser, g(0), { body: "Xin hỏi lịch họp tổ tuần này" });
  await moderatePost(ctx.deps, leader, held1.postId, { action: "reject", reason: "Trùng nội dung" });
  clock.set(at("2026-03-06T09:30"));
  const held2 = await createPost(ctx.deps, memberUser, g(0), { body: "Nghe nói mai cắt điện cả ấp" });
  await moderatePost(ctx.deps, leader, held2.postId, { action: "approve" });
  clock.set(at("2026-03-07T09:00"));
  await moderatePost(ctx.deps, leader, held2.postId, { action: "hide", reason: "Tin sai sự thật" });
  await tr(
    R.r5,
    { type: "RECORD_OUTCOME", outcome: { code: "TAI_SAN_TRA_LAI", valuable: true, summary: "Đã trả lại." } },
    "2026-03-08T09:00",
  );
  await announce("2026-03-09T08:00", "CRIME_METHODS", { communeId: t.communeId });
  await tr(
    R.r4,
    { type: "RECORD_OUTCOME", outcome: { code: "XU_PHAT_HANH_CHINH", valuable: false, summary: "Phạt." } },
    "2026-03-10T09:00",
  );
  clock.set(at("2026-03-10T10:00"));
  await sanctionMember(ctx.deps, leader, g(0), memberB, { kind: "remove", reason: "Vi phạm quy chế" });
  clock.set(at("2026-03-12T08:00"));
  await member(2, MEMBER_NAMES[5] as string, hh[6]);
  const deputy = await as(t.users.deputy.id);
  const anon = await proposeCommendation(ctx.deps, deputy, t.communeId, {
    recipientKind: "anonymous_reporter",
    reportId: R.r2,
    reason: "Tin báo giúp bắt quả tang",
    form: "Tiền thưởng",
    amountVnd: 2_000_000,
  });
  await decideCommendation(ctx.deps, chief, anon.id, { decision: "decided", decisionNumber: "07/QĐ-CAX" });
  await proposeCommendation(ctx.deps, deputy, t.communeId, {
    recipientKind: "individual",
    recipientName: "Nguyễn Văn Khenthưởng",
    reason: "Cung cấp camera",
    form: "Giấy khen",
  });
  R.r7 = await report("2026-03-15T09:00", { category: "LAW_VIOLATION", description: "Xe chở quá tải." });
  clock.set(at("2026-03-15T11:00"));
  await officerMessage(ctx.deps, chief, R.r7, "Cảm ơn bạn, công an đang xác minh.", false, "test");
  await announce("2026-03-16T08:00", "FIRE_SAFETY", { groupIds: [g(1)] });
  await announce("2026-03-17T08:00", "ADMIN_PROCEDURE", { communeId: t.communeId }, true); // a draft

  clock.set(at("2026-03-20T10:00"));
  for (const who of ["province", "chief", "deputy", "leader", "leader2", "groupDeputy", "member"] as const) {
    s[who] = await sessionFor(ctx.deps, t.users[who].id);
  }
  s.otherChief = await sessionFor(ctx.deps, other.users.chief.id);
  s.otherProvince = await sessionFor(ctx.deps, other.users.province.id);
}, 120_000);
afterAll(() => ctx.close());

const get = (session: Session | undefined, url: string) => call(ctx.app, session, { method: "GET", url });
const indicatorsUrl = (q = PERIOD) => `/api/communes/${t.communeId}/review/indicators?${q}`;
const pick = (list: TReviewIndicatorValue[], code: string) => {
  const v = list.find((x) => x.code === code);
  if (!v) {
    throw new Error(`no ${code}`);
  }
  return v;
};
const cur = (list: TReviewIndicatorValue[], code: string) => pick(list, code).current.value;
const prev = (list: TReviewIndicatorValue[], code: string) => pick(list, code).previous.value;

describe("commune indicators (req. 39)", () => {
  it("counts every indicator of the period and of the previous one exactly", async () => {
    const res = await get(s.chief, indicatorsUrl());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period).toEqual({ from: "2026-03-01", to: "2026-03-20", days: 20 });
    expect(body.previousPeriod).toEqual({ from: "2026-02-09", to: "2026-02-28", days: 20 });
    const c: TReviewIndicatorValue[] = body.commune;
    const both = (code: string) => [cur(c, code), prev(c, code)];

    // Coverage: state at the end of each period (now: live; 28/2: the snapshot).
    expect(pick(c, "HAMLETS_WITH_GROUP").current).toEqual({ value: 3, numerator: 3, denominator: 3 });
    expect(both("GROUPS")).toEqual([3, 3]);
    expect(both("MEMBERS")).toEqual([5, 3]); // D, E, F joined, B removed
    expect(pick(c, "HOUSEHOLDS_COVERED")).toEqual({
      code: "HOUSEHOLDS_COVERED",
      current: { value: 4, numerator: 4, denominator: 7 },
      previous: { value: 3, numerator: 3, denominator: 7 },
      change: 1,
      changePercent: 33.3,
    });
    expect(both("COVERAGE_PERCENT")).toEqual([57.1, 42.9]);

    // Announcements by topic (a draft is not published).
    expect(both("ANNOUNCEMENTS_TOTAL")).toEqual([3, 1]);
    expect(both("ANNOUNCEMENTS_CRIME_FRAUD")).toEqual([2, 0]);
    expect(both("ANNOUNCEMENTS_FIRE")).toEqual([1, 0]);
    expect(both("ANNOUNCEMENTS_LAW")).toEqual([0, 1]);
    expect(both("ANNOUNCEMENTS_ADMIN_PROCEDURE")).toEqual([0, 0]);

    // Intake by legal kind; spam apart.
    expect(both("REPORTS_RECEIVED")).toEqual([3, 3]);
    expect(both("REPORTS_KIND_TO_GIAC")).toEqual([1, 1]);
    expect(both("REPORTS_KIND_TIN_BAO_NAC_DANH")).toEqual([1, 1]);
    expect(both("REPORTS_KIND_PHAN_ANH_KIEN_NGHI")).toEqual([1, 1]);
    expect(both("REPORTS_SPAM_OR_DUPLICATE")).toEqual([1, 0]);

    // Forwarding within 24 h (r1 23 h, r2 30 h in February; r4 taken in commune after 5 h in March).
    expect(pick(c, "REPORTS_FORWARDED_ON_TIME")).toEqual({
      code: "REPORTS_FORWARDED_ON_TIME",
      current: { value: 100, numerator: 1, denominator: 1 },
      previous: { value: 50, numerator: 1, denominator: 2 },
      change: 50,
      changePercent: 100,
    });
    expect(both("REPORTS_FORWARDED_LATE")).toEqual([0, 1]);
    // First response: March 10, 60, 120 min (r7 by a message); February 30, 20 (r3 never answered).
    expect(pick(c, "REPORTS_FIRST_RESPONSE_MEDIAN").current).toEqual({
      value: 60,
      numerator: null,
      denominator: 3,
    });
    expect(pick(c, "REPORTS_FIRST_RESPONSE_MEDIAN").previous).toEqual({
      value: 25,
      numerator: null,
      denominator: 2,
    });
    // Overdue at the end: 28/2 r3 (acknowledgement); now r3 and r7 (forwarding). r2 was forwarded on 28/2.
    expect(both("REPORTS_OVERDUE")).toEqual([2, 1]);

    // Outcomes by the date they were recorded (req. 40): r2's arrest is March's though received in February.
    expect(both("REPORTS_VALUABLE")).toEqual([2, 1]);
    expect(both("REPORTS_KHOI_TO")).toEqual([0, 1]);
    expect(both("REPORTS_BAT_GIU")).toEqual([1, 0]);
    expect(both("REPORTS_XU_PHAT_HANH_CHINH")).toEqual([1, 0]);
    expect(both("REPORTS_TAI_SAN_TRA_LAI")).toEqual([1, 0]);
    expect(both("REPORTS_TRUY_NA_FOUND")).toEqual([0, 0]);
    expect(pick(c, "REPORTS_KHOI_TO")).toMatchObject({ change: -1, changePercent: -100 });

    expect(both("MODERATION_POSTS_HIDDEN")).toEqual([1, 0]);
    expect(both("MODERATION_POSTS_REJECTED")).toEqual([1, 0]);
    expect(both("MODERATION_MEMBERS_REMOVED")).toEqual([1, 0]);
    // Decided only: the undecided individual proposal does not count.
    expect(both("COMMENDATIONS_INDIVIDUALS")).toEqual([1, 0]);
    expect(both("COMMENDATIONS_COLLECTIVES")).toEqual([0, 1]);
    expect(body.definitions.map((d: { code: string }) => d.code)).toEqual(c.map((v) => v.code));
  });

  it("splits per hamlet, with reports of no hamlet in their own row", async () => {
    const body = (await get(s.chief, indicatorsUrl())).json();
    const [h1, h2, h3, none] = body.hamlets as {
      hamletId: string | null;
      indicators: TReviewIndicatorValue[];
    }[];
    expect([h1?.hamletId, h2?.hamletId, h3?.hamletId, none?.hamletId]).toEqual([h(0), h(1), h(2), null]);
    expect(body.hamlets).toHaveLength(4);
    const both = (row: typeof h1, code: string) => [
      cur(row?.indicators ?? [], code),
      prev(row?.indicators ?? [], code),
    ];
    expect(both(h1, "REPORTS_RECEIVED")).toEqual([1, 2]);
    expect(both(h2, "REPORTS_RECEIVED")).toEqual([1, 1]);
    expect(both(none, "REPORTS_RECEIVED")).toEqual([1, 0]);
    expect(both(h2, "REPORTS_BAT_GIU")).toEqual([1, 0]);
    expect(both(h1, "REPORTS_OVERDUE")).toEqual([1, 1]);
    expect(both(none, "REPORTS_OVERDUE")).toEqual([1, 0]);
    expect(both(h1, "ANNOUNCEMENTS_TOTAL")).toEqual([2, 1]);
    expect(both(h2, "ANNOUNCEMENTS_TOTAL")).toEqual([2, 1]);
    expect(both(h3, "ANNOUNCEMENTS_TOTAL")).toEqual([1, 1]);
    expect(pick(h1?.indicators ?? [], "HOUSEHOLDS_COVERED").current).toEqual({
      value: 2,
      numerator: 2,
      denominator: 4,
    });
    expect(both(h1, "MEMBERS")).toEqual([2, 2]);
    expect(both(h1, "MODERATION_MEMBERS_REMOVED")).toEqual([1, 0]);
    // Commendations are not tied to a hamlet.
    expect(pick(h2?.indicators ?? [], "COMMENDATIONS_INDIVIDUALS").current.value).toBeNull();
  });

  it("agrees with the coverage page", async () => {
    const body = (await get(s.chief, indicatorsUrl())).json();
    const coverage = await communeCoverage(ctx.deps, await as(t.users.chief.id), t.communeId);
    expect(pick(body.commune, "HOUSEHOLDS_COVERED").current).toEqual({
      value: coverage.covered,
      numerator: coverage.covered,
      denominator: coverage.households,
    });
    expect(cur(body.commune, "COVERAGE_PERCENT")).toBe(coverage.percent);
  });

  it("does not count an outcome recorded outside the period (1–9/3: the fine of 10/3 is out)", async () => {
    const body = (await get(s.chief, indicatorsUrl("from=2026-03-01&to=2026-03-09"))).json();
    const c = body.commune as TReviewIndicatorValue[];
    expect(body.previousPeriod).toEqual({ from: "2026-02-20", to: "2026-02-28", days: 9 });
    expect(cur(c, "REPORTS_XU_PHAT_HANH_CHINH")).toBe(0);
    expect(cur(c, "REPORTS_BAT_GIU")).toBe(1);
    expect(cur(c, "REPORTS_TAI_SAN_TRA_LAI")).toBe(1);
    expect(prev(c, "REPORTS_KHOI_TO")).toBe(1);
    // A period that ended: coverage from the newest snapshot on or before 9/3 (the one of 28/2).
    expect(pick(c, "HOUSEHOLDS_COVERED").current).toEqual({ value: 3, numerator: 3, denominator: 7 });
    // Members at the end of 9/3 from the timestamps: A, B, C, D, E.
    expect(cur(c, "MEMBERS")).toBe(5);
    // Before the first snapshot, coverage is unknown rather than zero.
    const early = (await get(s.chief, indicatorsUrl("from=2026-02-01&to=2026-02-27"))).json();
    expect(pick(early.commune, "HOUSEHOLDS_COVERED").current.value).toBeNull();
  });

  it("gives a weekly trend for charts", async () => {
    const body = (await get(s.chief, indicatorsUrl())).json();
    expect(body.trend.granularity).toBe("week");
    expect(body.trend.points).toEqual([
      {
        from: "2026-03-01",
        to: "2026-03-07",
        reportsReceived: 2,
        announcementsPublished: 1,
        households: 7,
        covered: 3,
        coveragePercent: 42.9,
      },
      {
        from: "2026-03-08",
        to: "2026-03-14",
        reportsReceived: 0,
        announcementsPublished: 1,
        households: 7,
        covered: 3,
        coveragePercent: 42.9,
      },
      {
        from: "2026-03-15",
        to: "2026-03-20",
        reportsReceived: 1,
        announcementsPublished: 1,
        households: 7,
        covered: 4,
        coveragePercent: 57.1,
      },
    ]);
    const year = (await get(s.chief, indicatorsUrl("from=2025-04-01&to=2026-03-31"))).json();
    expect(year.trend.granularity).toBe("month");
    expect(year.trend.points).toHaveLength(12);
    expect(year.trend.points.at(-2)).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
      reportsReceived: 3,
    });
  });

  it("answers chief and deputies; 403 to others of the commune, 404 outside it, 401 signed out", async () => {
    const statuses: Record<string, number> = {};
    for (const who of Object.keys(s)) {
      statuses[who] = (await get(s[who], indicatorsUrl())).statusCode;
    }
    statuses.anon = (await get(undefined, indicatorsUrl())).statusCode;
    expect(statuses).toEqual({
      province: 403,
      chief: 200,
      deputy: 200,
      leader: 403,
      leader2: 403,
      groupDeputy: 403,
      member: 403,
      otherChief: 404,
      otherProvince: 404,
      anon: 401,
    });
    expect((await get(s.chief, indicatorsUrl("from=2026-03-20&to=2026-03-01"))).statusCode).toBe(400);
    expect((await get(s.chief, indicatorsUrl("from=2026-02-30&to=2026-03-01"))).statusCode).toBe(400);
    expect((await get(s.chief, indicatorsUrl("from=2020-01-01&to=2026-03-01"))).statusCode).toBe(400);
  });
});

describe("drill-down to report ids (req. 40)", () => {
  const drill = (who: string, code: string, q = PERIOD) =>
    get(s[who], `/api/communes/${t.communeId}/review/indicators/${code}/reports?${q}`);

  it("lists the reports behind an indicator, the same ones it counts", async () => {
    const ids = async (code: string) =>
      (await drill("chief", code)).json().items.map((i: { id: string }) => i.id);
    expect(await ids("REPORTS_VALUABLE")).toEqual([R.r5, R.r2]);
    expect(await ids("REPORTS_OVERDUE")).toEqual([R.r7, R.r3]);
    expect(await ids("REPORTS_RECEIVED")).toEqual([R.r7, R.r5, R.r4]);
    expect(await ids("REPORTS_FORWARDED_ON_TIME")).toEqual([R.r4]);
    expect(await ids("REPORTS_SPAM_OR_DUPLICATE")).toEqual([R.r6]);
    expect(await ids("REPORTS_KHOI_TO")).toEqual([]);
    const res = await drill("chief", "REPORTS_BAT_GIU");
    expect(res.json()).toEqual({
      code: "REPORTS_BAT_GIU",
      period: { from: "2026-03-01", to: "2026-03-20", days: 20 },
      items: [
        {
          id: R.r2,
          shortId: R.r2?.slice(0, 8),
          category: "SOCIAL_EVIL",
          kind: "TIN_BAO_NAC_DANH",
          state: "OUTCOME_RECORDED",
          receivedAt: at("2026-02-12T08:00").toISOString(),
          hamletId: h(1),
        },
      ],
      withheld: 0,
    });
    const feb = await drill("chief", "REPORTS_KHOI_TO", "from=2026-02-01&to=2026-02-28");
    expect(feb.json().items.map((i: { id: string }) => i.id)).toEqual([R.r1]);
  });

  it("shows a deputy only the reports a deputy may read (the chief-only one is withheld)", async () => {
    const res = await drill("deputy", "REPORTS_VALUABLE");
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([R.r2]);
    expect(res.json().withheld).toBe(1);
  });

  it("refuses like the indicators; rejects indicators that are not made of reports", async () => {
    expect((await drill("leader", "REPORTS_VALUABLE")).statusCode).toBe(403);
    expect((await drill("member", "REPORTS_VALUABLE")).statusCode).toBe(403);
    expect((await drill("province", "REPORTS_VALUABLE")).statusCode).toBe(403);
    expect((await drill("otherChief", "REPORTS_VALUABLE")).statusCode).toBe(404);
    expect((await drill("chief", "NO_SUCH_INDICATOR")).statusCode).toBe(404);
    expect((await drill("chief", "MEMBERS")).statusCode).toBe(400);
  });
});

describe("province indicators", () => {
  const url = (provinceId: string) => `/api/provinces/${provinceId}/review/indicators?${PERIOD}`;

  it("aggregates the communes (here one) with a per-commune table, for the province officer only", async () => {
    // The province reads coverage "now" from the newest hourly snapshot (the job's); take today's.
    await coverageRepository.snapshotAll(ctx.deps.db, "2026-03-20");
    const res = await get(s.province, url(t.provinceId));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const commune = (await get(s.chief, indicatorsUrl())).json();
    expect(body.province).toEqual(commune.commune);
    expect(body.communes).toEqual([
      { communeId: t.communeId, name: expect.any(String), indicators: commune.commune },
    ]);
    expect(body.trend).toEqual(commune.trend);
    for (const who of ["chief", "deputy", "leader", "member", "otherProvince"]) {
      expect((await get(s[who], url(t.provinceId))).statusCode, who).toBe(404);
    }
    expect((await get(undefined, url(t.provinceId))).statusCode).toBe(401);
  });
});

describe("counts only (req. 13)", () => {
  it("no reporter, member or commended person's name or phone, no description, in any indicator response", async () => {
    const bodies = [
      (await get(s.chief, indicatorsUrl())).body,
      (await get(s.chief, indicatorsUrl("from=2026-02-01&to=2026-03-20"))).body,
      (await get(s.province, `/api/provinces/${t.provinceId}/review/indicators?${PERIOD}`)).body,
    ];
    for (const code of ["REPORTS_RECEIVED", "REPORTS_VALUABLE", "REPORTS_OVERDUE", "REPORTS_KHOI_TO"]) {
      bodies.push(
        (
          await get(
            s.chief,
            `/api/communes/${t.communeId}/review/indicators/${code}/reports?from=2026-02-01&to=2026-03-20`,
          )
        ).body,
      );
    }
    for (const body of bodies) {
      for (const secret of SECRETS) {
        expect(body.includes(secret), secret).toBe(false);
      }
      // No phone number at all (hex ids around a digit run do not count).
      expect(body).not.toMatch(/(?<![0-9a-f])0\d{9}(?![0-9a-f])/);
    }
  });
});
