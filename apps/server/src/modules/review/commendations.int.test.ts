import type { TCaseEvent } from "@binhyen/contracts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commendations } from "../../db/schema";
import { auditRows, buildCommune, type TestCommune } from "../../test/factories";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../../test/harness";
import { transitionCase } from "../reports/case.service";
import { newReceiptCode } from "../reports/receipt-code";
import { submitReport } from "../reports/reports.service";

/**
 * Commendations (plan II.6: khen thưởng) and the anonymous reporter's claim by receipt code. The
 * reporter's identity is never stored with the commendation, and the claim records when, not who.
 */

const REPORTER = { name: "Trịnh Văn Bímật", phone: "0977123456" };

let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
const s: Record<string, Session> = {};
const code: Record<string, string> = {};
const id: Record<string, string> = {};

/** A report of commune `c` taken to a recorded outcome by its chief. */
async function withOutcome(c: TestCommune, valuable: boolean, extra: Record<string, unknown> = {}) {
  const r = await submitReport(ctx.deps, {
    communeId: c.communeId,
    hamletId: c.hamlets[0]?.hamletId,
    category: "CRIME",
    description: "Tin báo thử",
    anonymous: true,
    ...extra,
  } as Parameters<typeof submitReport>[1]);
  const chief = await actorOf(ctx.deps, c.users.chief.id);
  const events: TCaseEvent[] = [
    { type: "ACKNOWLEDGE" },
    { type: "START_VERIFICATION" },
    { type: "HANDLE_IN_COMMUNE", investigatorUserId: c.users.spareOfficer.id },
    { type: "RECORD_OUTCOME", outcome: { code: "BAT_GIU", valuable, summary: "Bắt quả tang." } },
  ];
  for (const e of events) {
    await transitionCase(ctx.deps, chief, r.reportId, e, "test");
  }
  return r;
}

beforeAll(async () => {
  ctx = await createTestContext({ env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
  t = await buildCommune(ctx.deps);
  other = await buildCommune(ctx.deps);
  for (const [key, r] of Object.entries({
    valuable: await withOutcome(t, true),
    named: await withOutcome(t, true, { anonymous: false, reporter: REPORTER }),
    plain: await withOutcome(t, false),
    conduct: await withOutcome(t, true, { category: "POLICE_CONDUCT" }),
    otherCommune: await withOutcome(other, true),
  })) {
    code[key] = r.receiptCode;
    id[key] = r.reportId;
  }
  for (const who of ["province", "chief", "deputy", "leader", "leader2", "groupDeputy", "member"] as const) {
    s[who] = await sessionFor(ctx.deps, t.users[who].id);
  }
  s.otherChief = await sessionFor(ctx.deps, other.users.chief.id);
});
afterAll(() => ctx.close());

const propose = (who: string | undefined, payload: Record<string, unknown>, communeId = t.communeId) =>
  call(ctx.app, who ? s[who] : undefined, {
    method: "POST",
    url: `/api/communes/${communeId}/commendations`,
    payload,
  });
const decide = (who: string, commendationId: string, payload: Record<string, unknown>) =>
  call(ctx.app, s[who], { method: "POST", url: `/api/commendations/${commendationId}/decision`, payload });
const receipt = (c: string) =>
  ctx.app.inject({ method: "GET", url: `/api/reports/receipt/${c}/commendation` });
const claim = (c: string) =>
  ctx.app.inject({ method: "POST", url: `/api/reports/receipt/${c}/commendation/claim` });
const individual = {
  recipientKind: "individual",
  recipientName: "Nguyễn Văn Dũng",
  reason: "Dũng cảm",
  form: "Giấy khen",
};

describe("proposing and deciding", () => {
  it("the management team proposes; others of the commune 403, outside 404, signed out 401", async () => {
    const statuses: Record<string, number> = {};
    for (const who of Object.keys(s)) {
      statuses[who] = (await propose(who, individual)).statusCode;
    }
    statuses.anon = (await propose(undefined, individual)).statusCode;
    expect(statuses).toEqual({
      province: 403,
      chief: 201,
      deputy: 201,
      leader: 403,
      leader2: 403,
      groupDeputy: 403,
      member: 403,
      otherChief: 404,
      anon: 401,
    });
    const res = await propose("deputy", {
      recipientKind: "collective",
      recipientName: "Tổ bảo vệ an ninh trật tự ấp Thử 1",
      reason: "Tuần tra đêm",
      form: "Giấy khen",
      amountVnd: 1_500_000,
    });
    expect(res.json()).toMatchObject({
      recipientKind: "collective",
      status: "proposed",
      amountVnd: 1_500_000,
    });
    const [audit] = await auditRows(ctx.deps, "commendation.proposed", res.json().id);
    expect(audit).toMatchObject({ actorUserId: t.users.deputy.id, communeId: t.communeId });
    expect(audit?.data).toMatchObject({
      recipientKind: "collective",
      form: "Giấy khen",
      amountVnd: 1_500_000,
    });
  });

  it("an anonymous reporter: no name, a valuable report of this commune the proposer may read", async () => {
    const anon = { recipientKind: "anonymous_reporter", reason: "Tin báo có giá trị", form: "Tiền thưởng" };
    const err = async (payload: Record<string, unknown>, who = "chief") => {
      const res = await propose(who, { ...anon, ...payload });
      return [res.statusCode, res.json().error?.details?.[0]?.path ?? res.json().error?.code];
    };
    expect(await err({ reportId: id.valuable, recipientName: "Ai đó" })).toEqual([400, "body.recipientName"]);
    expect(await err({})).toEqual([400, "body.reportId"]);
    expect(await err({ reportId: id.plain })).toEqual([400, "reportId"]);
    const unknown = await propose("chief", { ...anon, reportId: ctx.deps.ids.uuid() });
    const elsewhere = await propose("chief", { ...anon, reportId: id.otherCommune });
    // A deputy never reads a conduct report: it answers like an unknown one.
    const hidden = await propose("deputy", { ...anon, reportId: id.conduct });
    for (const res of [unknown, elsewhere, hidden]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(unknown.json().error.message);
    }

    const ok = await propose("deputy", { ...anon, reportId: id.named, amountVnd: 3_000_000 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      recipientName: "Người báo tin ẩn danh",
      reportId: id.named,
      status: "proposed",
    });
    const [row] = await ctx.deps.db.select().from(commendations).where(eq(commendations.id, ok.json().id));
    expect(JSON.stringify(row)).not.toContain(REPORTER.name);
    expect(JSON.stringify(row)).not.toContain(REPORTER.phone);
    expect((await propose("chief", { ...anon, reportId: id.named })).statusCode).toBe(409);
  });

  it("the chief alone decides, once, with a decision number; audited", async () => {
    const c = (await propose("deputy", individual)).json();
    expect(
      (await decide("deputy", c.id, { decision: "decided", decisionNumber: "01/QĐ-CAX" })).statusCode,
    ).toBe(403);
    expect(
      (await decide("leader", c.id, { decision: "decided", decisionNumber: "01/QĐ-CAX" })).statusCode,
    ).toBe(403);
    expect(
      (await decide("otherChief", c.id, { decision: "decided", decisionNumber: "01/QĐ-CAX" })).statusCode,
    ).toBe(404);
    expect((await decide("chief", ctx.deps.ids.uuid(), { decision: "rejected" })).statusCode).toBe(404);
    expect((await decide("chief", c.id, { decision: "decided" })).statusCode).toBe(400);
    const res = await decide("chief", c.id, { decision: "decided", decisionNumber: "01/QĐ-CAX" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "decided", decisionNumber: "01/QĐ-CAX" });
    expect(res.json().decidedAt).toEqual(expect.any(String));
    expect((await decide("chief", c.id, { decision: "rejected" })).statusCode).toBe(409);
    const [audit] = await auditRows(ctx.deps, "commendation.decided", c.id);
    expect(audit).toMatchObject({ actorUserId: t.users.chief.id, data: { decisionNumber: "01/QĐ-CAX" } });
  });

  it("lists the commune's register for the management team only", async () => {
    const list = await call(ctx.app, s.deputy, {
      method: "GET",
      url: `/api/communes/${t.communeId}/commendations`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(4);
    expect(list.body).not.toContain(REPORTER.name);
    for (const [who, status] of [
      ["leader", 403],
      ["member", 403],
      ["province", 403],
      ["otherChief", 404],
    ] as const) {
      const res = await call(ctx.app, s[who], {
        method: "GET",
        url: `/api/communes/${t.communeId}/commendations`,
      });
      expect(res.statusCode, who).toBe(status);
    }
  });
});

describe("the anonymous reporter claims with the receipt code", () => {
  it("sees nothing before the decision, exactly like a wrong or unknown code", async () => {
    const proposal = (
      await propose("chief", {
        recipientKind: "anonymous_reporter",
        reportId: id.valuable,
        reason: "Tin báo giúp bắt quả tang",
        form: "Tiền thưởng",
        amountVnd: 2_000_000,
      })
    ).json();
    id.proposal = proposal.id;
    const answers = [
      await receipt(code.valuable ?? ""),
      await receipt(newReceiptCode()),
      await receipt("not-a-code"),
      await receipt(code.plain ?? ""),
      await claim(code.valuable ?? ""),
      await claim(newReceiptCode()),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({
        code: "NOT_FOUND",
        message: answers[0]?.json().error.message,
      });
    }
  });

  it("after the decision: sees the reward, claims once, gets a reference shown once; nothing about them is kept", async () => {
    await decide("chief", id.proposal ?? "", { decision: "decided", decisionNumber: "07/QĐ-CAX" });
    const view = await receipt((code.valuable ?? "").toLowerCase());
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      form: "Tiền thưởng",
      amountVnd: 2_000_000,
      decisionNumber: "07/QĐ-CAX",
      claimed: false,
      claimedAt: null,
    });
    expect(view.json().howToClaim).toContain("Nhận thưởng");

    const first = await claim(code.valuable ?? "");
    expect(first.statusCode, first.body).toBe(201);
    const { claimReference, claimedAt } = first.json();
    expect(claimReference).toMatch(/^NT-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [row] = await ctx.deps.db
      .select()
      .from(commendations)
      .where(eq(commendations.id, id.proposal ?? ""));
    expect(row?.claimedAt?.toISOString()).toBe(claimedAt);
    expect(row?.claimReference).toBeTruthy();
    expect(row?.claimReference).not.toContain(claimReference.slice(3));
    expect(row?.claimReference).toBe(ctx.deps.box.mac("commendation-claim", claimReference, 43));
    const [audit] = await auditRows(ctx.deps, "commendation.claimed", id.proposal ?? "");
    expect(audit).toMatchObject({ actorUserId: null, requestId: null, data: {}, communeId: t.communeId });

    const again = await claim(code.valuable ?? "");
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(claimReference);
    expect((await receipt(code.valuable ?? "")).json()).toMatchObject({ claimed: true, claimedAt });
  });

  it("a rejected proposal is not shown to the reporter", async () => {
    const c = (
      await propose("chief", {
        recipientKind: "anonymous_reporter",
        reportId: id.conduct,
        reason: "Phản ánh đúng",
        form: "Thư khen",
      })
    ).json();
    expect((await decide("chief", c.id, { decision: "rejected" })).json()).toMatchObject({
      status: "rejected",
      decisionNumber: null,
    });
    expect((await receipt(code.conduct ?? "")).statusCode).toBe(404);
  });
});
