import {
  CONSENT_VERSION,
  type TCaseEvent,
  ZCreateAnnouncement,
  ZCreateFeed,
  ZCreatePollRequest,
} from "@binhyen/contracts";
import { eq, sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcements, groupMembers, roleAssignments, users } from "../db/schema";
import { uploadAnnouncementFile } from "../modules/announcements/announcement-files.service";
import { createAnnouncement } from "../modules/announcements/announcements.service";
import { createPoll } from "../modules/consultation/polls.service";
import { publishRules } from "../modules/consultation/rules.service";
import { createFeed } from "../modules/feeds/feeds.service";
import { createHandover } from "../modules/handover/handover.service";
import { startImport } from "../modules/households/household-import.service";
import { createInvite, joinByInvite, requestToJoin } from "../modules/invites/invites.service";
import { saveOfficialProfile } from "../modules/moderation/moderation.service";
import { createPost } from "../modules/moderation/posts.service";
import { setGroupImage } from "../modules/org/group.service";
import { createHamlet } from "../modules/org/org.service";
import { transitionCase } from "../modules/reports/case.service";
import { reporterAttachment, submitReport } from "../modules/reports/reports.service";
import { decideCommendation, proposeCommendation } from "../modules/review/commendations.service";
import { createReviewReport, issueReviewReport } from "../modules/review/review-report.service";
import { addHousehold, buildCommune, freshPhone, TEST_PASSWORD, type TestCommune } from "../test/factories";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../test/harness";

/**
 * Route × role × tenant. Every registered route must have a row here: a new route without one fails
 * the first test. For each role the row gives the status in its own commune; in another commune
 * every signed-in role gets 404 (tenant rows) and anonymous callers 401.
 */
type Who = "anon" | "province" | "chief" | "deputy" | "leader" | "leader2" | "groupDeputy" | "member";
const WHO: Who[] = ["anon", "province", "chief", "deputy", "leader", "leader2", "groupDeputy", "member"];

type Row = {
  /** Builds the request against commune `t` (own or other). May prepare its own target rows. */
  req: (t: TestCommune, who: Who) => Promise<InjectOptions> | InjectOptions;
  /** For a response that never ends (an event stream): the status read off a real socket. */
  stream?: boolean;
  own: Partial<Record<Who, number>> & { default: number };
  /** false for routes that are not tied to a commune (health, login, the caller's own account). */
  tenant: boolean;
};

let ctx: TestContext;
let own: TestCommune;
let other: TestCommune;
let png: Buffer;
let counter = 0;

const g0 = (t: TestCommune) => t.hamlets[0]?.groupId ?? "";
const h0 = (t: TestCommune) => t.hamlets[0]?.hamletId ?? "";
type Fixture = {
  householdId: string;
  importId: string;
  inviteToken: string;
  manageToken: string;
  receiptCode: string;
  caseId: string;
  attachmentId: string;
  announcementId: string;
  fileId: string;
  feedId: string;
  postId: string;
  memberRowId: string;
  handoverId: string;
  reviewReportId: string;
};
const fixtures = new Map<string, Fixture>();
const fx = (t: TestCommune): Fixture => {
  const f = fixtures.get(t.communeId);
  if (!f) {
    throw new Error("no fixture");
  }
  return f;
};
const consent = {
  version: CONSENT_VERSION,
  purposes: ["GROUP_MEMBERSHIP", "HOUSEHOLD_REPRESENTATIVE"] as (
    | "GROUP_MEMBERSHIP"
    | "HOUSEHOLD_REPRESENTATIVE"
  )[],
};
const householdEditors = { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 };
const caseReaders = { anon: 401, default: 404, chief: 200, deputy: 200, leader: 200 };
const householdReaders = { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, groupDeputy: 200 };
const csv = (): Pick<InjectOptions, "payload" | "headers"> => {
  const boundary = "----matrix";
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ho.csv"\r\nContent-Type: text/csv\r\n\r\nHọ và tên chủ hộ,Số điện thoại\r\nNguyễn Văn Ma Trận,0912345678\r\n\r\n--${boundary}--\r\n`;
  return {
    payload: Buffer.from(body),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
};
const officersOnly = { anon: 401, default: 200, groupDeputy: 403, member: 403 };
const signedIn = { anon: 401, default: 200 };
const groupReaders = { anon: 401, default: 200, province: 403, leader2: 403 };
const groupEditors = { anon: 401, default: 403, leader: 200, groupDeputy: 200 };
const management = (ok: number) => ({ anon: 401, default: 403, chief: ok, deputy: ok });
const multipart = async (): Promise<Pick<InjectOptions, "payload" | "headers">> => {
  const form = new FormData();
  form.append("file", new Blob([png], { type: "image/png" }), "a.png");
  const r = new Request("http://x/", { method: "PUT", body: form });
  return {
    payload: Buffer.from(await r.arrayBuffer()),
    headers: { "content-type": r.headers.get("content-type") ?? "" },
  };
};

const announcementInput = (t: TestCommune, over: Record<string, unknown> = {}) =>
  ZCreateAnnouncement.parse({
    audience: { groupIds: [g0(t)] },
    category: "TRAFFIC_SAFETY",
    title: `An toàn giao thông ${++counter}`,
    body: "Đội mũ bảo hiểm khi đi xe máy.",
    ...over,
  });
/** A fresh announcement by the hamlet's leader, so a state-changing row never sees another's change. */
const freshAnnouncement = async (t: TestCommune, over: Record<string, unknown> = {}) =>
  (await createAnnouncement(ctx.deps, await actorOf(ctx.deps, t.users.leader.id), announcementInput(t, over)))
    .announcementId;
/** A group deputy's announcement waiting for approval (status set directly: the setting is per commune). */
const pendingAnnouncement = async (t: TestCommune) => {
  const id = (
    await createAnnouncement(
      ctx.deps,
      await actorOf(ctx.deps, t.users.groupDeputy.id),
      announcementInput(t, { draft: true }),
    )
  ).announcementId;
  await ctx.deps.db.update(announcements).set({ status: "pending_approval" }).where(eq(announcements.id, id));
  return id;
};
const announcementReaders = {
  anon: 401,
  default: 403,
  chief: 200,
  deputy: 200,
  leader: 200,
  groupDeputy: 200,
};
const announcementWriters = {
  anon: 401,
  default: 403,
  chief: 201,
  deputy: 201,
  leader: 201,
  groupDeputy: 201,
};
const announcementDeciders = { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 };
const communeOfficers = { anon: 401, default: 200, province: 403, member: 403 };

// Group life (#6). A fresh post / member / rules version / poll per call, so no role meets another's change.
const moderators = { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, groupDeputy: 200 };
const posters = { anon: 401, default: 201, province: 403, leader2: 403 };
const freshHeldPost = async (t: TestCommune) =>
  (
    await createPost(ctx.deps, await actorOf(ctx.deps, t.users.member.id), g0(t), {
      body: `Xin hỏi lịch họp tổ ${++counter}`,
    })
  ).postId;
const freshMemberRow = async (t: TestCommune) => {
  const id = ctx.deps.ids.uuid();
  await ctx.deps.db.insert(groupMembers).values({
    id,
    groupId: g0(t),
    communeId: t.communeId,
    name: "Thành Viên Ma Trận",
    searchKey: "thanh vien ma tran",
    kind: "HOUSEHOLD_REP",
    consentAt: ctx.deps.clock.now(),
  });
  return id;
};
const consultationOfficers = {
  anon: 401,
  default: 403,
  chief: 201,
  deputy: 201,
  leader: 201,
  groupDeputy: 201,
};
const freshRulesVersion = async (t: TestCommune) =>
  (
    await publishRules(ctx.deps, await actorOf(ctx.deps, t.users.leader.id), g0(t), {
      text: `Quy chế ma trận ${++counter}`,
    })
  ).current?.version ?? 0;
const pollInput = () => ({
  question: `Ý kiến ma trận ${++counter}?`,
  options: ["Đồng ý", "Không đồng ý"],
  deadline: new Date(ctx.deps.clock.now().getTime() + 86_400_000).toISOString(),
});
const freshPoll = async (t: TestCommune) =>
  (
    await createPoll(
      ctx.deps,
      await actorOf(ctx.deps, t.users.leader.id),
      g0(t),
      ZCreatePollRequest.parse(pollInput()),
    )
  ).id;
/** A fresh hamlet (with its group) led by `leaderId`, so a handover never takes group 0 from the test leader. */
const freshLedGroup = async (t: TestCommune, leaderId: string) =>
  (
    await createHamlet(
      ctx.deps,
      await actorOf(ctx.deps, t.users.chief.id),
      t.communeId,
      { name: `Ấp Bàn Giao ${++counter}`, kind: "AP", leaderUserId: leaderId },
      "setup",
    )
  ).groupId;
const freshOfficer = async (t: TestCommune) => {
  const id = ctx.deps.ids.uuid();
  await ctx.deps.db.insert(users).values({
    id,
    name: "Cán Bộ Mới",
    searchKey: "can bo moi",
    phone: freshPhone(),
    isOfficer: true,
    homeCommuneId: t.communeId,
  });
  return id;
};
const handoverReaders = { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 };
// Review (#8): a fresh draft or commendation per call; the fixture report is issued (the province reads it).
const reviewPeriod = { from: "2026-01-01", to: "2026-12-31" };
const freshReviewDraft = async (t: TestCommune) =>
  (
    await createReviewReport(
      ctx.deps,
      await actorOf(ctx.deps, t.users.chief.id),
      t.communeId,
      reviewPeriod,
      "matrix",
    )
  ).id;
const freshCommendation = async (t: TestCommune) =>
  (
    await proposeCommendation(ctx.deps, await actorOf(ctx.deps, t.users.chief.id), t.communeId, {
      recipientKind: "individual",
      recipientName: `Người Tốt ${++counter}`,
      reason: "Giúp công an bắt kẻ trộm",
      form: "Giấy khen",
    })
  ).id;
/** A receipt code whose report has a decided reward. */
const freshRewardCode = async (t: TestCommune) => {
  const { reportId, receiptCode } = await submitReport(ctx.deps, {
    communeId: t.communeId,
    hamletId: h0(t),
    category: "CRIME",
    description: "Ma trận khen thưởng",
    anonymous: true,
  });
  const chief = await actorOf(ctx.deps, t.users.chief.id);
  const events: TCaseEvent[] = [
    { type: "ACKNOWLEDGE" },
    { type: "START_VERIFICATION" },
    { type: "HANDLE_IN_COMMUNE", investigatorUserId: t.users.spareOfficer.id },
    { type: "RECORD_OUTCOME", outcome: { code: "BAT_GIU", valuable: true, summary: "Ma trận" } },
  ];
  for (const e of events) {
    await transitionCase(ctx.deps, chief, reportId, e, "matrix");
  }
  const c = await proposeCommendation(ctx.deps, chief, t.communeId, {
    recipientKind: "anonymous_reporter",
    reportId,
    reason: "Ma trận",
    form: "Tiền thưởng",
    amountVnd: 1_000_000,
  });
  await decideCommendation(ctx.deps, chief, c.id, { decision: "decided", decisionNumber: "01/QĐ-CAX" });
  return receiptCode;
};
const reviewReaders = { anon: 401, default: 403, province: 200, chief: 200, deputy: 200 };
const reviewEditors = { anon: 401, default: 403, chief: 200, deputy: 200 };

const MATRIX: Record<string, Row> = {
  "GET /api/health": {
    tenant: false,
    own: { default: 200 },
    req: () => ({ method: "GET", url: "/api/health" }),
  },
  "GET /api/openapi.json": {
    tenant: false,
    own: { default: 200 },
    req: () => ({ method: "GET", url: "/api/openapi.json" }),
  },
  "POST /api/auth/login": {
    tenant: false,
    own: { default: 401 },
    // Each caller tries its own phone, so the per-phone lockout (5 failures) is not reached here.
    req: (t, who) => ({
      method: "POST",
      url: "/api/auth/login",
      payload: { phone: t.users[who === "anon" ? "chief" : who].phone, password: "wrong-password" },
    }),
  },
  "POST /api/auth/logout": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "POST", url: "/api/auth/logout" }),
  },
  "GET /api/me": { tenant: false, own: signedIn, req: () => ({ method: "GET", url: "/api/me" }) },
  "PATCH /api/me": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "PATCH", url: "/api/me", payload: { locale: "vi" } }),
  },
  "POST /api/me/password": {
    tenant: false,
    own: signedIn,
    req: () => ({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    }),
  },
  "POST /api/me/totp/setup": {
    tenant: false,
    own: officersOnly,
    req: () => ({ method: "POST", url: "/api/me/totp/setup" }),
  },
  "POST /api/me/totp/enable": {
    tenant: false,
    own: { ...officersOnly, default: 400 },
    req: () => ({ method: "POST", url: "/api/me/totp/enable", payload: { code: "000000" } }),
  },
  "POST /api/me/totp/disable": {
    tenant: false,
    own: { ...officersOnly, default: 409 },
    req: () => ({ method: "POST", url: "/api/me/totp/disable", payload: { code: "000000" } }),
  },
  "GET /api/communes/:communeId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, leader2: 200 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}` }),
  },
  "PATCH /api/communes/:communeId/settings": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({
      method: "PATCH",
      url: `/api/communes/${t.communeId}/settings`,
      payload: { requireTotp: false },
    }),
  },
  "POST /api/communes/:communeId/hamlets": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/hamlets`,
      payload: { name: `Ấp Ma Trận ${++counter}`, kind: "AP", leaderUserId: t.users.leader.id },
    }),
  },
  "GET /api/communes/:communeId/officers": {
    tenant: true,
    own: { ...management(200), leader: 200, leader2: 200 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/officers` }),
  },
  "POST /api/communes/:communeId/officers": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/officers`,
      payload: { name: "Cán Bộ Mới", phone: freshPhone() },
    }),
  },
  "PATCH /api/communes/:communeId/officers/:userId": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "PATCH",
      url: `/api/communes/${t.communeId}/officers/${t.users.spareOfficer.id}`,
      payload: { resetPassword: true },
    }),
  },
  "GET /api/provinces/:provinceId/summary": {
    tenant: true,
    own: { anon: 401, default: 404, province: 200 },
    req: (t) => ({ method: "GET", url: `/api/provinces/${t.provinceId}/summary` }),
  },
  "GET /api/groups/:groupId": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}` }),
  },
  "PATCH /api/groups/:groupId": {
    tenant: true,
    own: groupEditors,
    req: (t) => ({ method: "PATCH", url: `/api/groups/${g0(t)}`, payload: { description: "Ma trận" } }),
  },
  "PUT /api/groups/:groupId/avatar": {
    tenant: true,
    own: groupEditors,
    req: async (t) => ({ method: "PUT", url: `/api/groups/${g0(t)}/avatar`, ...(await multipart()) }),
  },
  "GET /api/groups/:groupId/avatar": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/avatar` }),
  },
  "PUT /api/groups/:groupId/background": {
    tenant: true,
    own: groupEditors,
    req: async (t) => ({ method: "PUT", url: `/api/groups/${g0(t)}/background`, ...(await multipart()) }),
  },
  "GET /api/groups/:groupId/background": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/background` }),
  },
  "GET /api/groups/:groupId/members": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/members?q=a` }),
  },
  "PUT /api/groups/:groupId/leader": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "PUT",
      url: `/api/groups/${g0(t)}/leader`,
      payload: { userId: t.users.leader.id },
    }),
  },
  "POST /api/groups/:groupId/deputies": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 201, deputy: 201, leader: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/deputies`,
      payload: { name: "Phó Nhóm Thử", phone: freshPhone(), title: "OTHER" },
    }),
  },
  "DELETE /api/groups/:groupId/deputies/:userId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 },
    req: async (t) => {
      // A fresh deputy (a new person) for each call, so each role removes its own target and no
      // other test user gains a role.
      const userId = ctx.deps.ids.uuid();
      await ctx.deps.db
        .insert(users)
        .values({ id: userId, name: "Phó Tạm", searchKey: "pho tam", phone: freshPhone() });
      await ctx.deps.db.insert(roleAssignments).values({
        id: ctx.deps.ids.uuid(),
        userId,
        role: "GROUP_DEPUTY",
        communeId: t.communeId,
        groupId: g0(t),
        title: "OTHER",
      });
      return { method: "DELETE", url: `/api/groups/${g0(t)}/deputies/${userId}` };
    },
  },
  "GET /api/hamlets/:hamletId/households": {
    tenant: true,
    own: householdReaders,
    req: (t) => ({ method: "GET", url: `/api/hamlets/${h0(t)}/households?q=nguyen` }),
  },
  "POST /api/hamlets/:hamletId/households": {
    tenant: true,
    own: { ...householdEditors, chief: 201, deputy: 201, leader: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/hamlets/${h0(t)}/households`,
      payload: { headName: "Hộ Ma Trận", phones: [] },
    }),
  },
  "PATCH /api/households/:householdId": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({
      method: "PATCH",
      url: `/api/households/${fx(t).householdId}`,
      payload: { address: "Tổ 1" },
    }),
  },
  "POST /api/households/:householdId/head": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({
      method: "POST",
      url: `/api/households/${fx(t).householdId}/head`,
      payload: { headName: "Trần Văn Chủ" },
    }),
  },
  "POST /api/households/:householdId/status": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({
      method: "POST",
      url: `/api/households/${fx(t).householdId}/status`,
      payload: { status: "active" },
    }),
  },
  "POST /api/households/:householdId/invite": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({ method: "POST", url: `/api/households/${fx(t).householdId}/invite` }),
  },
  "POST /api/households/:householdId/invite/send": {
    tenant: true,
    // No channel reaching phones is enabled in tests: allowed callers get 503 CHANNEL_UNAVAILABLE.
    own: { ...householdEditors, chief: 503, deputy: 503, leader: 503 },
    req: (t) => ({
      method: "POST",
      url: `/api/households/${fx(t).householdId}/invite/send`,
      payload: { channel: "zalo-oa" },
    }),
  },
  "POST /api/hamlets/:hamletId/households/import": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({ method: "POST", url: `/api/hamlets/${h0(t)}/households/import?dryRun=true`, ...csv() }),
  },
  "GET /api/imports/:importId": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({ method: "GET", url: `/api/imports/${fx(t).importId}` }),
  },
  "GET /api/hamlets/:hamletId/imports": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({ method: "GET", url: `/api/hamlets/${h0(t)}/imports` }),
  },
  "GET /api/households/import-template.xlsx": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "GET", url: "/api/households/import-template.xlsx" }),
  },
  "GET /api/households/import-template.csv": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "GET", url: "/api/households/import-template.csv" }),
  },
  "GET /api/join/:token": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "GET", url: `/api/join/${fx(t).inviteToken}` }),
  },
  "POST /api/join/:token": {
    tenant: false,
    own: { default: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/join/${fx(t).inviteToken}`,
      payload: { name: "Người Tham Gia", phone: freshPhone(), consent },
    }),
  },
  "GET /api/groups/:groupId/join-info": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/join-info` }),
  },
  "POST /api/groups/:groupId/join-requests": {
    tenant: false,
    own: { default: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/join-requests`,
      payload: { name: "Người Xin Vào", phone: freshPhone(), consent },
    }),
  },
  "GET /api/memberships/:token": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "GET", url: `/api/memberships/${fx(t).manageToken}` }),
  },
  "POST /api/memberships/:token/leave": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "POST", url: `/api/memberships/${fx(t).manageToken}/leave` }),
  },
  "POST /api/memberships/:token/withdraw-consent": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "POST", url: `/api/memberships/${fx(t).manageToken}/withdraw-consent` }),
  },
  "GET /api/groups/:groupId/join-requests": {
    tenant: true,
    own: householdEditors,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/join-requests` }),
  },
  "POST /api/join-requests/:requestId/decision": {
    tenant: true,
    own: householdEditors,
    req: async (t) => {
      await requestToJoin(ctx.deps, g0(t), { name: "Chờ Duyệt", phone: freshPhone(), consent });
      const { items } = await (await import("../modules/invites/invites.repository")).invitesRepository
        .pendingJoinRequests(ctx.deps.db, g0(t))
        .then((rows) => ({ items: rows }));
      const id = items.at(-1)?.id ?? "";
      return {
        method: "POST",
        url: `/api/join-requests/${id}/decision`,
        payload: { action: "reject", reason: "Thử" },
      };
    },
  },
  "PUT /api/members/:memberId/household": {
    tenant: true,
    own: householdEditors,
    req: async (t) => {
      const token =
        (
          await createInvite(ctx.deps, await actorOf(ctx.deps, t.users.leader.id), fx(t).householdId, "m")
        ).url.split("/join/")[1] ?? "";
      await joinByInvite(ctx.deps, token, { name: "Người Chưa Rõ Hộ", phone: freshPhone(), consent });
      const [m] = await ctx.deps.db
        .execute<{ id: string }>(
          sql`select id from group_members where group_id = ${g0(t)} and household_confirmed = false order by joined_at desc limit 1`,
        )
        .then((r) => r.rows);
      return { method: "PUT", url: `/api/members/${m?.id}/household`, payload: { householdId: null } };
    },
  },
  "PATCH /api/groups/:groupId/settings": {
    tenant: true,
    own: { anon: 401, default: 403, leader: 200 },
    req: (t) => ({
      method: "PATCH",
      url: `/api/groups/${g0(t)}/settings`,
      payload: { deputiesSeePhones: false },
    }),
  },
  "GET /api/groups/:groupId/join-link": {
    tenant: true,
    own: { ...householdEditors, groupDeputy: 200 },
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/join-link` }),
  },
  "GET /api/groups/:groupId/poster.pdf": {
    tenant: true,
    own: { ...householdEditors, groupDeputy: 200 },
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/poster.pdf` }),
  },
  "GET /api/communes/:communeId/coverage": {
    tenant: true,
    own: { anon: 401, default: 200, groupDeputy: 403, member: 403 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/coverage` }),
  },
  "GET /api/hamlets/:hamletId/coverage": {
    tenant: true,
    own: householdReaders,
    req: (t) => ({ method: "GET", url: `/api/hamlets/${h0(t)}/coverage` }),
  },
  "POST /api/reports": {
    tenant: false,
    own: { default: 201 },
    req: (t) => ({
      method: "POST",
      url: "/api/reports",
      payload: { communeId: t.communeId, category: "OTHER", description: "Ma trận", anonymous: true },
    }),
  },
  "GET /api/reports/receipt/:code": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "GET", url: `/api/reports/receipt/${fx(t).receiptCode}` }),
  },
  "POST /api/reports/receipt/:code/messages": {
    tenant: false,
    own: { default: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/reports/receipt/${fx(t).receiptCode}/messages`,
      payload: { body: "Bổ sung" },
    }),
  },
  "POST /api/reports/receipt/:code/attachments": {
    tenant: false,
    own: { default: 201 },
    req: async (t) => ({
      method: "POST",
      url: `/api/reports/receipt/${fx(t).receiptCode}/attachments`,
      ...(await multipart()),
    }),
  },
  "GET /api/cases": { tenant: false, own: signedIn, req: () => ({ method: "GET", url: "/api/cases" }) },
  // Reports are confidential: in their own commune, roles that may not read them get 404 too.
  "GET /api/cases/:caseId": {
    tenant: true,
    own: { ...caseReaders },
    req: (t) => ({ method: "GET", url: `/api/cases/${fx(t).caseId}` }),
  },
  "POST /api/cases/:caseId/messages": {
    tenant: true,
    own: { ...caseReaders, chief: 201, deputy: 201, leader: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/cases/${fx(t).caseId}/messages`,
      payload: { body: "Hỏi thêm" },
    }),
  },
  "POST /api/cases/:caseId/identity/reveal": {
    tenant: true,
    own: { ...caseReaders, deputy: 403 },
    req: (t) => ({ method: "POST", url: `/api/cases/${fx(t).caseId}/identity/reveal` }),
  },
  "POST /api/cases/:caseId/identity/grants": {
    tenant: true,
    own: { ...caseReaders, deputy: 403, leader: 403 },
    req: (t) => ({
      method: "POST",
      url: `/api/cases/${fx(t).caseId}/identity/grants`,
      payload: { userId: t.users.spareOfficer.id },
    }),
  },
  "GET /api/cases/:caseId/attachments/:attachmentId": {
    tenant: true,
    own: { ...caseReaders },
    req: (t) => ({ method: "GET", url: `/api/cases/${fx(t).caseId}/attachments/${fx(t).attachmentId}` }),
  },
  "POST /api/reports/receipt/:code/rating": {
    tenant: false,
    // The fixture case is still open: rating is refused for everyone alike.
    own: { default: 409 },
    req: (t) => ({
      method: "POST",
      url: `/api/reports/receipt/${fx(t).receiptCode}/rating`,
      payload: { rating: 4 },
    }),
  },
  "POST /api/cases/:caseId/transitions": {
    tenant: true,
    own: { ...caseReaders },
    req: async (t) => {
      // A fresh case per call, so each allowed role acknowledges its own.
      const { reportId: id } = await submitReport(ctx.deps, {
        communeId: t.communeId,
        hamletId: h0(t),
        category: "OTHER",
        description: "Ma trận chuyển trạng thái",
        anonymous: true,
      });
      return {
        method: "POST",
        url: `/api/cases/${id}/transitions`,
        payload: { event: { type: "ACKNOWLEDGE" } },
      };
    },
  },
  "POST /api/cases": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 201, deputy: 201, leader: 201, leader2: 201 },
    req: (t) => ({
      method: "POST",
      url: "/api/cases",
      payload: {
        communeId: t.communeId,
        category: "OTHER",
        description: "Nhận qua điện thoại",
        channel: "phone",
        anonymous: true,
      },
    }),
  },
  "GET /api/reports/places/:communeId": {
    tenant: false,
    own: { default: 200 },
    req: (t) => ({ method: "GET", url: `/api/reports/places/${t.communeId}` }),
  },
  "POST /api/cases/:caseId/flag": {
    tenant: true,
    own: { ...caseReaders },
    req: (t) => ({ method: "POST", url: `/api/cases/${fx(t).caseId}/flag`, payload: { spam: false } }),
  },
  "POST /api/cases/:caseId/suspects": {
    tenant: true,
    own: { ...caseReaders, chief: 201, deputy: 201, leader: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/cases/${fx(t).caseId}/suspects`,
      payload: { name: "Đối Tượng Ma Trận" },
    }),
  },
  "GET /api/communes/:communeId/announcements": {
    tenant: true,
    own: communeOfficers,
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/announcements` }),
  },
  "POST /api/announcements": {
    tenant: true,
    own: announcementWriters,
    req: (t) => ({ method: "POST", url: "/api/announcements", payload: announcementInput(t) }),
  },
  "POST /api/announcements/check": {
    tenant: true,
    own: { ...announcementWriters, chief: 200, deputy: 200, leader: 200, groupDeputy: 200 },
    req: (t) => ({ method: "POST", url: "/api/announcements/check", payload: announcementInput(t) }),
  },
  "GET /api/announcements/:announcementId": {
    tenant: true,
    own: announcementReaders,
    req: (t) => ({ method: "GET", url: `/api/announcements/${fx(t).announcementId}` }),
  },
  "PATCH /api/announcements/:announcementId": {
    tenant: true,
    own: announcementDeciders,
    req: async (t) => ({
      method: "PATCH",
      url: `/api/announcements/${await freshAnnouncement(t, { draft: true })}`,
      payload: announcementInput(t, { draft: true }),
    }),
  },
  "POST /api/announcements/:announcementId/publish": {
    tenant: true,
    own: announcementDeciders,
    req: async (t) => ({
      method: "POST",
      url: `/api/announcements/${await freshAnnouncement(t, { draft: true })}/publish`,
    }),
  },
  "POST /api/announcements/:announcementId/approve": {
    tenant: true,
    own: announcementDeciders,
    req: async (t) => ({ method: "POST", url: `/api/announcements/${await pendingAnnouncement(t)}/approve` }),
  },
  "POST /api/announcements/:announcementId/reject": {
    tenant: true,
    own: announcementDeciders,
    req: async (t) => ({
      method: "POST",
      url: `/api/announcements/${await pendingAnnouncement(t)}/reject`,
      payload: { reason: "Chưa đúng mẫu" },
    }),
  },
  "POST /api/announcements/:announcementId/withdraw": {
    tenant: true,
    own: announcementDeciders,
    req: async (t) => ({
      method: "POST",
      url: `/api/announcements/${await freshAnnouncement(t)}/withdraw`,
      payload: { reason: "Đăng nhầm" },
    }),
  },
  "POST /api/announcements/:announcementId/pin": {
    tenant: true,
    own: announcementDeciders,
    req: (t) => ({
      method: "POST",
      url: `/api/announcements/${fx(t).announcementId}/pin`,
      payload: { pinned: true },
    }),
  },
  "GET /api/announcements/:announcementId/stats": {
    tenant: true,
    own: announcementReaders,
    req: (t) => ({ method: "GET", url: `/api/announcements/${fx(t).announcementId}/stats` }),
  },
  "GET /api/announcements/:announcementId/recipients": {
    tenant: true,
    own: announcementReaders,
    req: (t) => ({ method: "GET", url: `/api/announcements/${fx(t).announcementId}/recipients?state=all` }),
  },
  "GET /api/announcements/:announcementId/cap.xml": {
    tenant: true,
    own: announcementReaders,
    req: (t) => ({ method: "GET", url: `/api/announcements/${fx(t).announcementId}/cap.xml` }),
  },
  "GET /api/communes/:communeId/announcement-settings": {
    tenant: true,
    own: communeOfficers,
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/announcement-settings` }),
  },
  "PUT /api/communes/:communeId/announcement-settings": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({
      method: "PUT",
      url: `/api/communes/${t.communeId}/announcement-settings`,
      payload: { deputiesNeedApproval: false, officialPhones: [] },
    }),
  },
  "POST /api/communes/:communeId/announcement-files": {
    tenant: true,
    own: { ...communeOfficers, default: 201 },
    req: async (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/announcement-files`,
      ...(await multipart()),
    }),
  },
  "GET /api/announcement-files/:fileId": {
    tenant: true,
    own: { anon: 401, default: 200, province: 403 },
    req: (t) => ({ method: "GET", url: `/api/announcement-files/${fx(t).fileId}` }),
  },
  "POST /api/groups/:groupId/posts": {
    tenant: true,
    own: posters,
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/posts`,
      payload: { body: `Chào bà con ${++counter}` },
    }),
  },
  "GET /api/groups/:groupId/posts": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/posts` }),
  },
  "POST /api/posts/:postId/report": {
    tenant: true,
    own: { ...posters, default: 200 },
    req: (t) => ({
      method: "POST",
      url: `/api/posts/${fx(t).postId}/report`,
      payload: { reason: "Nội dung sai" },
    }),
  },
  "GET /api/groups/:groupId/moderation": {
    tenant: true,
    own: moderators,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/moderation` }),
  },
  "POST /api/posts/:postId/moderation": {
    tenant: true,
    own: moderators,
    req: async (t) => ({
      method: "POST",
      url: `/api/posts/${await freshHeldPost(t)}/moderation`,
      payload: { action: "approve" },
    }),
  },
  "POST /api/groups/:groupId/members/:memberId/sanctions": {
    tenant: true,
    own: { ...moderators, chief: 201, deputy: 201, leader: 201, groupDeputy: 201 },
    req: async (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/members/${await freshMemberRow(t)}/sanctions`,
      payload: { kind: "warn", reason: "Nhắc nhở" },
    }),
  },
  "GET /api/groups/:groupId/members/:memberId/violations": {
    tenant: true,
    own: moderators,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/members/${fx(t).memberRowId}/violations` }),
  },
  "GET /api/communes/:communeId/moderation": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/moderation` }),
  },
  "GET /api/communes/:communeId/moderation-settings": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/moderation-settings` }),
  },
  "PUT /api/communes/:communeId/moderation-settings": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "PUT",
      url: `/api/communes/${t.communeId}/moderation-settings`,
      payload: {
        actions: { SECRECY: "block" },
        secretKeywords: [],
        allowDomains: [],
        denyDomains: [],
        profanity: [],
        holdAlertHours: 24,
      },
    }),
  },
  "POST /api/groups/:groupId/profile/official": {
    tenant: true,
    own: moderators,
    req: (t) => ({ method: "POST", url: `/api/groups/${g0(t)}/profile/official` }),
  },
  "POST /api/groups/:groupId/profile/restore": {
    tenant: true,
    own: moderators,
    req: (t) => ({ method: "POST", url: `/api/groups/${g0(t)}/profile/restore` }),
  },
  "GET /api/groups/:groupId/rules": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/rules` }),
  },
  "POST /api/groups/:groupId/rules": {
    tenant: true,
    own: consultationOfficers,
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/rules`,
      payload: { text: `Quy chế ma trận ${++counter}` },
    }),
  },
  // Members acknowledge; officers publish (403 for them, as for anyone outside the group).
  "POST /api/groups/:groupId/rules/:version/ack": {
    tenant: true,
    own: { anon: 401, default: 403, member: 200 },
    req: async (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/rules/${await freshRulesVersion(t)}/ack`,
    }),
  },
  "GET /api/groups/:groupId/polls": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/polls?status=open` }),
  },
  "POST /api/groups/:groupId/polls": {
    tenant: true,
    own: consultationOfficers,
    req: (t) => ({ method: "POST", url: `/api/groups/${g0(t)}/polls`, payload: pollInput() }),
  },
  "GET /api/polls/:pollId": {
    tenant: true,
    own: groupReaders,
    req: async (t) => ({ method: "GET", url: `/api/polls/${await freshPoll(t)}` }),
  },
  "POST /api/polls/:pollId/votes": {
    tenant: true,
    own: { anon: 401, default: 403, member: 200 },
    req: async (t) => ({
      method: "POST",
      url: `/api/polls/${await freshPoll(t)}/votes`,
      payload: { choices: [0] },
    }),
  },
  // The poll is the leader's: its creator and the management team close it early.
  "POST /api/polls/:pollId/close": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200 },
    req: async (t) => ({ method: "POST", url: `/api/polls/${await freshPoll(t)}/close` }),
  },
  "POST /api/groups/:groupId/handover": {
    tenant: true,
    own: management(201),
    req: async (t) => ({
      method: "POST",
      url: `/api/groups/${await freshLedGroup(t, t.users.spareOfficer.id)}/handover`,
      payload: { toUserId: await freshOfficer(t), reason: "Luân chuyển công tác" },
    }),
  },
  "GET /api/groups/:groupId/leaders": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, groupDeputy: 200 },
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/leaders` }),
  },
  "GET /api/handovers/:handoverId": {
    tenant: true,
    own: handoverReaders,
    req: (t) => ({ method: "GET", url: `/api/handovers/${fx(t).handoverId}` }),
  },
  "GET /api/handovers/:handoverId/record.docx": {
    tenant: true,
    own: handoverReaders,
    req: (t) => ({ method: "GET", url: `/api/handovers/${fx(t).handoverId}/record.docx` }),
  },
  "POST /api/handovers/:handoverId/confirm": {
    tenant: true,
    // The old leader (Người giao) and the chief; confirming again is idempotent (200).
    own: { anon: 401, default: 403, chief: 200, leader: 200 },
    req: (t) => ({ method: "POST", url: `/api/handovers/${fx(t).handoverId}/confirm` }),
  },
  "GET /api/communes/:communeId/review/indicators": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "GET",
      url: `/api/communes/${t.communeId}/review/indicators?from=2026-01-01&to=2026-12-31`,
    }),
  },
  "GET /api/communes/:communeId/review/indicators/:code/reports": {
    tenant: true,
    own: management(200),
    req: (t) => ({
      method: "GET",
      url: `/api/communes/${t.communeId}/review/indicators/REPORTS_RECEIVED/reports?from=2026-01-01&to=2026-12-31`,
    }),
  },
  "GET /api/provinces/:provinceId/review/indicators": {
    tenant: true,
    own: { anon: 401, default: 404, province: 200 },
    req: (t) => ({
      method: "GET",
      url: `/api/provinces/${t.provinceId}/review/indicators?from=2026-01-01&to=2026-12-31`,
    }),
  },
  "GET /api/communes/:communeId/commendations": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/commendations` }),
  },
  "POST /api/communes/:communeId/commendations": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/commendations`,
      payload: {
        recipientKind: "collective",
        recipientName: "Tổ tự quản số 3",
        reason: "Giữ gìn an ninh",
        form: "Giấy khen",
      },
    }),
  },
  "POST /api/commendations/:commendationId/decision": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: async (t) => ({
      method: "POST",
      url: `/api/commendations/${await freshCommendation(t)}/decision`,
      payload: { decision: "decided", decisionNumber: "12/QĐ-CAX" },
    }),
  },
  // A report with a decided reward (fresh per call: a claim works once); a wrong code is tested in commendations.int.
  "GET /api/reports/receipt/:code/commendation": {
    tenant: false,
    own: { default: 200 },
    req: async (t) => ({
      method: "GET",
      url: `/api/reports/receipt/${await freshRewardCode(t)}/commendation`,
    }),
  },
  "POST /api/reports/receipt/:code/commendation/claim": {
    tenant: false,
    own: { default: 201 },
    req: async (t) => ({
      method: "POST",
      url: `/api/reports/receipt/${await freshRewardCode(t)}/commendation/claim`,
    }),
  },
  "POST /api/communes/:communeId/review-reports": {
    tenant: true,
    own: management(201),
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/review-reports`,
      payload: reviewPeriod,
    }),
  },
  "GET /api/communes/:communeId/review-reports": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/review-reports` }),
  },
  "GET /api/review-reports/:reportId": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/review-reports/${fx(t).reviewReportId}` }),
  },
  "PATCH /api/review-reports/:reportId": {
    tenant: true,
    own: reviewEditors,
    req: async (t) => ({
      method: "PATCH",
      url: `/api/review-reports/${await freshReviewDraft(t)}`,
      payload: { narrative: { lessons: "Bài học kinh nghiệm." } },
    }),
  },
  "POST /api/review-reports/:reportId/issue": {
    tenant: true,
    own: reviewEditors,
    req: async (t) => ({ method: "POST", url: `/api/review-reports/${await freshReviewDraft(t)}/issue` }),
  },
  "GET /api/review-reports/:reportId/report.docx": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/review-reports/${fx(t).reviewReportId}/report.docx` }),
  },
  "GET /api/review-reports/:reportId/report.pdf": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/review-reports/${fx(t).reviewReportId}/report.pdf` }),
  },
  "GET /api/review-reports/:reportId/tables.xlsx": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/review-reports/${fx(t).reviewReportId}/tables.xlsx` }),
  },
  "GET /api/review-reports/:reportId/dossier.zip": {
    tenant: true,
    own: reviewReaders,
    req: (t) => ({ method: "GET", url: `/api/review-reports/${fx(t).reviewReportId}/dossier.zip` }),
  },
  "GET /api/me/alerts": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "GET", url: "/api/me/alerts" }),
  },
  // Someone else's alert (or none) is not there for the caller.
  "POST /api/me/alerts/:alertId/read": {
    tenant: false,
    own: { anon: 401, default: 404 },
    req: () => ({ method: "POST", url: "/api/me/alerts/6f1d0c3e-3f0e-4c1b-9f59-8d2f7a0b1c2d/read" }),
  },
  "POST /api/me/alerts/read-all": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "POST", url: "/api/me/alerts/read-all" }),
  },
  "GET /api/reports/challenge": {
    tenant: false,
    own: { default: 200 },
    req: () => ({ method: "GET", url: "/api/reports/challenge" }),
  },
  "GET /api/me/feeds": { tenant: false, own: signedIn, req: () => ({ method: "GET", url: "/api/me/feeds" }) },
  "GET /api/groups/:groupId/feed": {
    tenant: true,
    own: groupReaders,
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/feed` }),
  },
  // Receipts exist only for the households an announcement reached: for anyone else it is not there.
  "POST /api/announcements/:announcementId/read": {
    tenant: true,
    own: { anon: 401, default: 404, member: 200 },
    req: (t) => ({ method: "POST", url: `/api/announcements/${fx(t).announcementId}/read` }),
  },
  "POST /api/announcements/:announcementId/ack": {
    tenant: true,
    own: { anon: 401, default: 404, member: 200 },
    req: (t) => ({ method: "POST", url: `/api/announcements/${fx(t).announcementId}/ack` }),
  },
  "GET /api/stream": {
    tenant: false,
    stream: true,
    own: signedIn,
    req: () => ({ method: "GET", url: "/api/stream" }),
  },
  "GET /api/push/public-key": {
    tenant: false,
    own: signedIn,
    req: () => ({ method: "GET", url: "/api/push/public-key" }),
  },
  "POST /api/push/subscriptions": {
    tenant: false,
    own: { anon: 401, default: 400 },
    // Not a push service the server may call: refused with a clear error (SSRF guard).
    req: () => ({
      method: "POST",
      url: "/api/push/subscriptions",
      payload: { endpoint: "https://intranet.example/steal", keys: { p256dh: "x", auth: "y" } },
    }),
  },
  "DELETE /api/push/subscriptions": {
    tenant: false,
    own: signedIn,
    req: () => ({
      method: "DELETE",
      url: "/api/push/subscriptions",
      payload: { endpoint: "https://fcm.googleapis.com/fcm/send/none" },
    }),
  },
  // Zalo (#7): the matrix commune has no OA connected, so the calls that would reach Zalo answer
  // 503 CHANNEL_UNAVAILABLE ("not connected") for the roles allowed to make them.
  "GET /api/communes/:communeId/zalo": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/zalo` }),
  },
  "POST /api/communes/:communeId/zalo/oa": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/zalo/oa`,
      payload: { appId: "1234567890", appSecret: "matrix-app-secret", oaSecret: "matrix-oa-secret" },
    }),
  },
  "DELETE /api/communes/:communeId/zalo/oa": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({ method: "DELETE", url: `/api/communes/${t.communeId}/zalo/oa` }),
  },
  "POST /api/communes/:communeId/zalo/check": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "POST", url: `/api/communes/${t.communeId}/zalo/check` }),
  },
  "POST /api/communes/:communeId/zalo/bot": {
    tenant: true,
    // The bot API is a closed local port in tests: the chief gets 503 with a Vietnamese message.
    own: { anon: 401, default: 403, chief: 503 },
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/zalo/bot`,
      payload: { token: "12345:matrix-bot-token" },
    }),
  },
  "DELETE /api/communes/:communeId/zalo/bot": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({ method: "DELETE", url: `/api/communes/${t.communeId}/zalo/bot` }),
  },
  "GET /api/communes/:communeId/zalo/groups": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 503, deputy: 503, leader: 503, leader2: 503 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/zalo/groups` }),
  },
  "GET /api/communes/:communeId/zalo/followers": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 503, deputy: 503, leader: 503, leader2: 503 },
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/zalo/followers` }),
  },
  "GET /api/zalo/oauth/callback": {
    tenant: false,
    own: { default: 303 },
    req: () => ({ method: "GET", url: "/api/zalo/oauth/callback?code=x&oa_id=1&state=matrix" }),
  },
  "GET /api/groups/:groupId/zalo": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200, deputy: 200, leader: 200, groupDeputy: 200 },
    req: (t) => ({ method: "GET", url: `/api/groups/${g0(t)}/zalo` }),
  },
  "POST /api/groups/:groupId/zalo": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 503, deputy: 503, leader: 503 },
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/zalo`,
      payload: { mode: "link", zaloGroupId: "123" },
    }),
  },
  "DELETE /api/groups/:groupId/zalo": {
    tenant: true,
    // Not linked: the allowed roles learn that (404); the others are refused first.
    own: { anon: 401, default: 403, chief: 404, deputy: 404, leader: 404 },
    req: (t) => ({ method: "DELETE", url: `/api/groups/${g0(t)}/zalo` }),
  },
  "POST /api/groups/:groupId/zalo/sync": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 404, deputy: 404, leader: 404 },
    req: (t) => ({ method: "POST", url: `/api/groups/${g0(t)}/zalo/sync` }),
  },
  "POST /api/groups/:groupId/zalo/invite": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 404, deputy: 404, leader: 404 },
    req: (t) => ({
      method: "POST",
      url: `/api/groups/${g0(t)}/zalo/invite`,
      payload: { zaloUserIds: ["123"] },
    }),
  },
  "GET /api/me/zalo": {
    tenant: false,
    own: { anon: 401, default: 200, member: 403 },
    req: () => ({ method: "GET", url: "/api/me/zalo" }),
  },
  "POST /api/me/zalo/link-code": {
    tenant: false,
    // A province officer belongs to no commune's OA.
    own: { anon: 401, default: 200, member: 403, province: 403 },
    req: () => ({ method: "POST", url: "/api/me/zalo/link-code" }),
  },
  "DELETE /api/me/zalo": {
    tenant: false,
    own: { anon: 401, default: 200, member: 403 },
    req: () => ({ method: "DELETE", url: "/api/me/zalo" }),
  },
  "GET /api/cases/:caseId/zalo": {
    tenant: true,
    own: { ...caseReaders },
    req: (t) => ({ method: "GET", url: `/api/cases/${fx(t).caseId}/zalo` }),
  },
  "POST /api/webhooks/zalo/oa": {
    tenant: false,
    // Unsigned (or from an OA nobody connected): refused whoever calls, nothing stored.
    own: { default: 401 },
    req: () => ({
      method: "POST",
      url: "/api/webhooks/zalo/oa",
      headers: { "content-type": "application/json", "x-zevent-signature": "mac=00" },
      payload: JSON.stringify({ app_id: "1", oa_id: "2", event_name: "user_send_text", timestamp: "1" }),
    }),
  },
  "POST /api/webhooks/zalo/bot": {
    tenant: false,
    own: { default: 401 },
    req: () => ({
      method: "POST",
      url: "/api/webhooks/zalo/bot",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": "wrong-secret" },
      payload: JSON.stringify({ event_name: "message.text.received", message: {} }),
    }),
  },
  "GET /api/communes/:communeId/feeds": {
    tenant: true,
    own: management(200),
    req: (t) => ({ method: "GET", url: `/api/communes/${t.communeId}/feeds` }),
  },
  "POST /api/communes/:communeId/feeds": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 201 },
    req: (t) => ({
      method: "POST",
      url: `/api/communes/${t.communeId}/feeds`,
      payload: {
        url: "http://127.0.0.1:9/rss.xml",
        title: "Công an tỉnh",
        category: "SECURITY_SITUATION",
        audience: { communeId: t.communeId },
      },
    }),
  },
  "PATCH /api/feeds/:feedId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({ method: "PATCH", url: `/api/feeds/${fx(t).feedId}`, payload: { autoPublish: false } }),
  },
  "DELETE /api/feeds/:feedId": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: async (t) => ({
      method: "DELETE",
      url: `/api/feeds/${(await createFeed(ctx.deps, await actorOf(ctx.deps, t.users.chief.id), t.communeId, feedInput(t))).id}`,
    }),
  },
  "POST /api/feeds/:feedId/poll": {
    tenant: true,
    own: { anon: 401, default: 403, chief: 200 },
    req: (t) => ({ method: "POST", url: `/api/feeds/${fx(t).feedId}/poll` }),
  },
};

const feedInput = (t: TestCommune) =>
  ZCreateFeed.parse({
    url: "http://127.0.0.1:9/rss.xml",
    title: "Công an tỉnh",
    category: "SECURITY_SITUATION",
    audience: { communeId: t.communeId },
  });

beforeAll(async () => {
  ctx = await createTestContext({ env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
  own = await buildCommune(ctx.deps);
  other = await buildCommune(ctx.deps);
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ffcc00" } })
    .png()
    .toBuffer();
  for (const t of [own, other]) {
    const leader = await actorOf(ctx.deps, t.users.leader.id);
    await setGroupImage(ctx.deps, leader, g0(t), "avatar", png, "setup");
    await setGroupImage(ctx.deps, leader, g0(t), "background", png, "setup");
    const householdId = await addHousehold(ctx.deps, t, 0, "Lê Văn Hộ");
    const started = await startImport(
      ctx.deps,
      leader,
      h0(t),
      { fileName: "a.csv", bytes: Buffer.from("Chủ hộ,SĐT\nPhan Văn Nhập,0987000111\n") },
      "setup",
    );
    await started.done;
    const invite = await createInvite(ctx.deps, leader, householdId, "setup");
    const inviteToken = invite.url.split("/join/")[1] ?? "";
    const joined = await joinByInvite(ctx.deps, inviteToken, {
      name: "Lê Văn Hộ",
      phone: freshPhone(),
      consent,
    });
    const { receiptCode, reportId: caseId } = await submitReport(ctx.deps, {
      communeId: t.communeId,
      hamletId: h0(t),
      category: "CRIME",
      description: "Tin báo cho ma trận",
      anonymous: false,
      reporter: { name: "Người Báo Tin", phone: freshPhone() },
    });
    const { attachmentId } = await reporterAttachment(ctx.deps, receiptCode, png);
    // The member user is a household's representative in group 0, so announcements reach them.
    const memberRowId = ctx.deps.ids.uuid();
    await ctx.deps.db.insert(groupMembers).values({
      id: memberRowId,
      groupId: g0(t),
      communeId: t.communeId,
      householdId,
      userId: t.users.member.id,
      name: t.users.member.name,
      searchKey: t.users.member.name,
      kind: "HOUSEHOLD_REP",
      consentAt: ctx.deps.clock.now(),
    });
    const file = await uploadAnnouncementFile(ctx.deps, leader, t.communeId, {
      fileName: "a.png",
      bytes: png,
    });
    const announcementId = (
      await createAnnouncement(
        ctx.deps,
        leader,
        announcementInput(t, { requiresAck: true, fileIds: [file.id] }),
      )
    ).announcementId;
    const feed = await createFeed(
      ctx.deps,
      await actorOf(ctx.deps, t.users.chief.id),
      t.communeId,
      feedInput(t),
    );
    const postId = (await createPost(ctx.deps, leader, g0(t), { body: "Chào bà con trong ấp." })).postId;
    await saveOfficialProfile(ctx.deps, leader, g0(t));
    // A second group led by the test leader, handed to the spare officer: the leader is its Người giao.
    const handoverId = (
      await createHandover(
        ctx.deps,
        await actorOf(ctx.deps, t.users.chief.id),
        await freshLedGroup(t, t.users.leader.id),
        { toUserId: t.users.spareOfficer.id, reason: "Luân chuyển công tác" },
        "setup",
      )
    ).handoverId;
    const chiefActor = await actorOf(ctx.deps, t.users.chief.id);
    const review = await createReviewReport(ctx.deps, chiefActor, t.communeId, reviewPeriod, "setup");
    await issueReviewReport(ctx.deps, chiefActor, review.id, "setup");
    fixtures.set(t.communeId, {
      reviewReportId: review.id,
      postId,
      memberRowId,
      handoverId,
      announcementId,
      fileId: file.id,
      feedId: feed.id,
      householdId,
      importId: started.importId,
      inviteToken,
      manageToken: joined.manageToken,
      receiptCode,
      caseId,
      attachmentId,
    });
  }
});
afterAll(() => ctx.close());

async function sessionOf(t: TestCommune, who: Who): Promise<Session | undefined> {
  return who === "anon" ? undefined : sessionFor(ctx.deps, t.users[who].id);
}

/** Opens the stream on a real socket, reads the status line, and hangs up. */
async function streamStatus(session: Session | undefined, req: InjectOptions): Promise<number> {
  if (!ctx.app.server.listening) {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  }
  const addr = ctx.app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}${String(req.url)}`, {
    headers: session ? { cookie: session.cookie } : {},
    signal: abort.signal,
  });
  abort.abort();
  return res.status;
}

describe("route × role × tenant matrix", () => {
  it("has a row for every registered route, and no stale rows", () => {
    const registered = new Set(
      ctx.routes.filter((r) => r.url.startsWith("/api")).map((r) => `${r.method} ${r.url}`),
    );
    expect(
      [...registered].filter((k) => !(k in MATRIX)),
      "routes without a matrix row",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !registered.has(k)),
      "rows without a route",
    ).toEqual([]);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it.each(WHO)(`${route} — %s, own commune`, async (who) => {
      if (row.stream) {
        expect(await streamStatus(await sessionOf(own, who), await row.req(own, who))).toBe(
          row.own[who] ?? row.own.default,
        );
        return;
      }
      const res = await call(ctx.app, await sessionOf(own, who), await row.req(own, who));
      expect(res.statusCode, res.body).toBe(row.own[who] ?? row.own.default);
    });
    if (row.tenant) {
      it.each(WHO)(`${route} — %s of commune A on commune B → 404`, async (who) => {
        const res = await call(ctx.app, await sessionOf(own, who), await row.req(other, who));
        expect(res.statusCode, res.body).toBe(who === "anon" ? 401 : 404);
        if (who !== "anon") {
          // Not found and not allowed look the same.
          expect(res.json().error.code).toBe("NOT_FOUND");
        }
      });
    }
  }
});
