import { spawnSync } from "node:child_process";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../db/client";
import { reports } from "../../db/schema";
import { auditRows, buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";

let ctx: TestContext;
let t: TestCommune;
let s: Record<keyof TestCommune["users"], Session>;
const NAME = "Trịnh Văn Bímật";
const PHONE = "0977123456";

beforeAll(async () => {
  ctx = await createTestContext({ env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
  t = await buildCommune(ctx.deps);
  s = Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as typeof s;
});
afterAll(() => ctx.close());

const submit = (payload: Record<string, unknown>) =>
  ctx.app.inject({ method: "POST", url: "/api/reports", payload });
const hamletId = () => t.hamlets[0]?.hamletId;
const caseIdOf = async (code: string) => {
  const key = (await import("./receipt-code")).receiptLookupKey(code, (d: string) =>
    ctx.deps.box.mac("receipt", d, 43),
  );
  const [row] = await ctx.deps.db.select().from(reports).where(eq(reports.receiptKey, key));
  return row?.id ?? "";
};

describe("anonymous intake and the receipt code", () => {
  it("accepts at once with a receipt code; the report is a tin báo nặc danh and stores nothing about the sender", async () => {
    const res = await submit({
      communeId: t.communeId,
      hamletId: hamletId(),
      category: "CRIME",
      description: "Có người bán ma túy ở quán nước đầu ấp.",
      anonymous: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { receiptCode } = res.json();
    expect(receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const id = await caseIdOf(receiptCode);
    const [row] = await ctx.deps.db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({
      anonymous: true,
      kind: "TIN_BAO_NAC_DANH",
      state: "RECEIVED",
      assigneeUserId: t.users.leader.id,
    });
    expect(JSON.stringify(row)).not.toContain(receiptCode);
    const [audit] = await auditRows(ctx.deps, "report.submitted", id);
    expect(audit?.data).toEqual({ category: "CRIME", anonymous: true, channel: "web", urgent: false });

    const view = await ctx.app.inject({
      method: "GET",
      url: `/api/reports/receipt/${receiptCode.toLowerCase().replaceAll("-", " ")}`,
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ category: "CRIME", state: "RECEIVED", closed: false, messages: [] });
  });

  it("a wrong code answers exactly like an unknown one", async () => {
    const a = await ctx.app.inject({ method: "GET", url: "/api/reports/receipt/0000-0000-0000-0000" });
    const b = await ctx.app.inject({ method: "GET", url: "/api/reports/receipt/not-a-code" });
    expect(a.statusCode).toBe(404);
    expect(b.statusCode).toBe(404);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it("needs a name and phone unless anonymous", async () => {
    const res = await submit({
      communeId: t.communeId,
      category: "OTHER",
      description: "x",
      anonymous: false,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe("body.reporter");
  });
});

describe("the officers' in-box, confidentiality and the conversation", () => {
  let code = "";
  let caseId = "";
  let conductId = "";

  beforeAll(async () => {
    code = (
      await submit({
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "SOCIAL_EVIL",
        description: "Tụ tập đánh bạc ban đêm.",
        anonymous: false,
        reporter: { name: NAME, phone: "+84 977 123 456", address: "Tổ 4" },
      })
    ).json().receiptCode;
    caseId = await caseIdOf(code);
    const conduct = (
      await submit({
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "POLICE_CONDUCT",
        description: "Cán bộ khu vực có thái độ hách dịch.",
        anonymous: true,
      })
    ).json().receiptCode;
    conductId = await caseIdOf(conduct);
  });

  it("routes by hamlet: leader, deputy and chief read it; other hamlets, group deputies, members and the province get 404", async () => {
    for (const who of ["chief", "deputy", "leader"] as const) {
      const r = await call(ctx.app, s[who], { method: "GET", url: `/api/cases/${caseId}` });
      expect(r.statusCode, who).toBe(200);
      expect(JSON.stringify(r.json())).not.toContain(PHONE);
      expect(JSON.stringify(r.json())).not.toContain(NAME);
    }
    for (const who of ["leader2", "groupDeputy", "member", "province"] as const) {
      expect(
        (await call(ctx.app, s[who], { method: "GET", url: `/api/cases/${caseId}` })).statusCode,
        who,
      ).toBe(404);
    }
  });

  it("a conduct report goes to the chief only; the hamlet's own officer never sees it", async () => {
    expect((await call(ctx.app, s.chief, { method: "GET", url: `/api/cases/${conductId}` })).statusCode).toBe(
      200,
    );
    for (const who of ["leader", "deputy"] as const) {
      expect(
        (await call(ctx.app, s[who], { method: "GET", url: `/api/cases/${conductId}` })).statusCode,
        who,
      ).toBe(404);
    }
    const inbox = (await call(ctx.app, s.leader, { method: "GET", url: "/api/cases" })).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).not.toContain(conductId);
  });

  it("the in-box list and the single-report policy agree for every role", async () => {
    const all = [caseId, conductId];
    for (const who of Object.keys(s) as (keyof typeof s)[]) {
      const listed = new Set(
        (await call(ctx.app, s[who], { method: "GET", url: "/api/cases?limit=200" }))
          .json()
          .items.map((i: { id: string }) => i.id),
      );
      for (const id of all) {
        const readable =
          (await call(ctx.app, s[who], { method: "GET", url: `/api/cases/${id}` })).statusCode === 200;
        expect(listed.has(id), `${who} ${id}`).toBe(readable);
      }
    }
  });

  it("officer asks, reporter answers through the code; internal notes stay internal", async () => {
    await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/cases/${caseId}/messages`,
      payload: { body: "Anh/chị thấy vào khoảng mấy giờ?" },
    });
    await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/cases/${caseId}/messages`,
      payload: { body: "Nghi là nhóm ở tổ 4 — xác minh.", internal: true },
    });
    const view = (await ctx.app.inject({ method: "GET", url: `/api/reports/receipt/${code}` })).json();
    expect(view.messages).toEqual([
      expect.objectContaining({ author: "officer", body: "Anh/chị thấy vào khoảng mấy giờ?" }),
    ]);
    const answer = await ctx.app.inject({
      method: "POST",
      url: `/api/reports/receipt/${code}/messages`,
      payload: { body: "Khoảng 23 giờ tối thứ Bảy." },
    });
    expect(answer.statusCode).toBe(201);
    const detail = (await call(ctx.app, s.leader, { method: "GET", url: `/api/cases/${caseId}` })).json();
    expect(detail.messages.map((m: { author: string; internal: boolean }) => [m.author, m.internal])).toEqual(
      [
        ["officer", false],
        ["officer", true],
        ["reporter", false],
      ],
    );
  });

  it("identity: hidden by default; the chief and the assigned leader reveal it (audited); a deputy needs the chief's grant", async () => {
    const asDeputy = (await call(ctx.app, s.deputy, { method: "GET", url: `/api/cases/${caseId}` })).json();
    expect(asDeputy.reporter).toEqual({ anonymous: false, canReveal: false });
    expect(
      (await call(ctx.app, s.deputy, { method: "POST", url: `/api/cases/${caseId}/identity/reveal` }))
        .statusCode,
    ).toBe(403);
    const revealed = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/cases/${caseId}/identity/reveal`,
    });
    expect(revealed.json()).toEqual({ name: NAME, phone: PHONE, address: "Tổ 4" });
    const audits = await auditRows(ctx.deps, "report.identity_revealed", caseId);
    expect(audits.map((a) => a.actorUserId)).toEqual([t.users.chief.id]);
    expect(JSON.stringify(audits)).not.toContain(PHONE);
    expect(
      (await call(ctx.app, s.leader, { method: "POST", url: `/api/cases/${caseId}/identity/reveal` }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call(ctx.app, s.leader, {
          method: "POST",
          url: `/api/cases/${caseId}/identity/grants`,
          payload: { userId: t.users.deputy.id },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(ctx.app, s.chief, {
          method: "POST",
          url: `/api/cases/${caseId}/identity/grants`,
          payload: { userId: t.users.deputy.id },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(ctx.app, s.deputy, { method: "POST", url: `/api/cases/${caseId}/identity/reveal` }))
        .statusCode,
    ).toBe(200);
  });

  it("photos lose EXIF/GPS before storage", async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#885533" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "GPS-10.9512N-106.8415E" } })
      .toBuffer();
    const boundary = "----evidence";
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="anh.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await ctx.app.inject({
      method: "POST",
      url: `/api/reports/receipt/${code}/attachments`,
      payload,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const img = await call(ctx.app, s.leader, {
      method: "GET",
      url: `/api/cases/${caseId}/attachments/${up.json().attachmentId}`,
    });
    expect(img.statusCode).toBe(200);
    expect(img.rawPayload.includes("GPS-10.9512N")).toBe(false);
    expect((await sharp(img.rawPayload).metadata()).exif).toBeUndefined();
  });

  it("a dump of the database holds no reporter name or phone in clear text", async () => {
    const needles = [NAME, PHONE, "977 123 456", NAME.normalize("NFD")].map((n) => Buffer.from(n));
    const pgUrl = inject("pgUrl");
    let dump: Buffer;
    if (pgUrl) {
      const out = spawnSync("pg_dump", ["--data-only", pgUrl], { maxBuffer: 512 * 1024 * 1024 });
      expect(out.status, String(out.stderr)).toBe(0);
      dump = out.stdout;
    } else {
      const client = (
        ctx.deps.database as Database & { db: { $client: { dumpDataDir(c: "none"): Promise<Blob> } } }
      ).db.$client;
      await ctx.deps.db.execute((await import("drizzle-orm")).sql`checkpoint`);
      dump = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
    }
    expect(dump.length).toBeGreaterThan(10_000);
    // The description itself is in the dump (sanity check that the dump is readable text).
    expect(dump.includes(Buffer.from("Tụ tập đánh bạc ban đêm."))).toBe(true);
    for (const n of needles) {
      expect(dump.includes(n), n.toString()).toBe(false);
    }
  });
});

describe("case handling: workflow, deadlines, result and rating", () => {
  it("runs a tip from receipt to close, each step audited; the reporter sees the result and rates once", async () => {
    const clockStart = ctx.deps.clock.now();
    const code = (
      await submit({
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "CRIME",
        description: "Trộm xe máy trước chợ.",
        anonymous: false,
        reporter: { name: "Lâm Văn Báo", phone: "0977000222" },
      })
    ).json().receiptCode;
    const id = await caseIdOf(code);
    const step = (event: Record<string, unknown>) =>
      call(ctx.app, s.leader, { method: "POST", url: `/api/cases/${id}/transitions`, payload: { event } });

    const fresh = (await call(ctx.app, s.leader, { method: "GET", url: `/api/cases/${id}` })).json();
    expect(fresh).toMatchObject({
      state: "RECEIVED",
      kind: "TO_GIAC",
      assignee: { userId: t.users.leader.id },
    });
    expect(fresh.allowedEvents).toContain("ACKNOWLEDGE");
    const fwd = fresh.deadlines.find((d: { code: string }) => d.code === "FORWARDING");
    expect(new Date(fwd.legal).getTime() - clockStart.getTime()).toBeGreaterThanOrEqual(
      24 * 3600_000 - 60_000,
    );
    expect(fwd.status).toBe("ok");

    expect((await step({ type: "CLOSE", reporterNotified: null })).statusCode).toBe(409);
    expect((await step({ type: "ACKNOWLEDGE" })).statusCode).toBe(200);
    expect((await step({ type: "START_VERIFICATION" })).statusCode).toBe(200);
    const suspended = await step({ type: "SUSPEND", ground: "DOCUMENTS_PENDING" });
    expect(suspended.json().state).toBe("SUSPENDED");
    expect((await step({ type: "RESUME" })).json().state).toBe("VERIFYING");
    expect(
      (await step({ type: "HANDLE_IN_COMMUNE", investigatorUserId: t.users.deputy.id })).json().state,
    ).toBe("HANDLED_IN_COMMUNE");
    const outcome = await step({
      type: "RECORD_OUTCOME",
      outcome: { code: "BAT_GIU", valuable: true, summary: "Bắt quả tang đối tượng." },
    });
    expect(outcome.json()).toMatchObject({
      state: "OUTCOME_RECORDED",
      outcome: { code: "BAT_GIU", valuable: true },
      deadlines: [],
    });
    // Named reporter: closing needs the record of telling them the result (CPC art. 56).
    const noNotice = await step({ type: "CLOSE", reporterNotified: null });
    expect(noNotice.statusCode).toBe(400);
    const closed = await step({
      type: "CLOSE",
      reporterNotified: { at: new Date().toISOString(), channel: "receipt" },
      publicResult: "Công an xã đã xử lý vụ việc. Cảm ơn bạn đã báo tin.",
    });
    expect(closed.json().state).toBe("CLOSED");
    expect(closed.json().history.map((h: { action: string }) => h.action)).toEqual([
      "report.submitted",
      "case.acknowledged",
      "case.verification_started",
      "case.suspended",
      "case.resumed",
      "case.handled_in_commune",
      "case.outcome_recorded",
      "case.closed",
    ]);
    const view = (await ctx.app.inject({ method: "GET", url: `/api/reports/receipt/${code}` })).json();
    expect(view).toMatchObject({
      closed: true,
      canRate: true,
      result: "Công an xã đã xử lý vụ việc. Cảm ơn bạn đã báo tin.",
    });
    expect(JSON.stringify(view)).not.toContain("Bắt quả tang");
    const rated = await ctx.app.inject({
      method: "POST",
      url: `/api/reports/receipt/${code}/rating`,
      payload: { rating: 5, comment: "Nhanh" },
    });
    expect(rated.json().canRate).toBe(false);
    expect(
      (
        await ctx.app.inject({
          method: "POST",
          url: `/api/reports/receipt/${code}/rating`,
          payload: { rating: 1 },
        })
      ).statusCode,
    ).toBe(409);
  });

  it("an anonymous report can never become a tố giác", async () => {
    const code = (
      await submit({
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "CRIME",
        description: "Nặc danh.",
        anonymous: true,
      })
    ).json().receiptCode;
    const id = await caseIdOf(code);
    const res = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/cases/${id}/transitions`,
      payload: { event: { type: "CHANGE_KIND", to: "TO_GIAC", reason: "thử" } },
    });
    expect(res.statusCode).toBe(400);
    const ok = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/cases/${id}/transitions`,
      payload: { event: { type: "CHANGE_KIND", to: "PHAN_ANH_KIEN_NGHI", reason: "Không phải tội phạm" } },
    });
    expect(ok.json().kind).toBe("PHAN_ANH_KIEN_NGHI");
    const [audit] = await auditRows(ctx.deps, "case.kind_changed", id);
    expect(audit?.data).toMatchObject({ fromKind: "TIN_BAO_NAC_DANH", toKind: "PHAN_ANH_KIEN_NGHI" });
  });
});

describe("reports received by phone or in person", () => {
  it("an officer logs one; it gets a receipt code for the resident and shows in the in-box with its next deadline", async () => {
    const res = await call(ctx.app, s.leader, {
      method: "POST",
      url: "/api/cases",
      payload: {
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "TRAFFIC_ACCIDENT",
        description: "Người dân gọi báo va chạm xe máy ở ngã ba, có người bị thương nhẹ.",
        channel: "phone",
        anonymous: false,
        reporter: { name: "Đinh Văn Gọi", phone: "0966 000 333" },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { caseId, receiptCode } = res.json();
    expect(receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const [audit] = await auditRows(ctx.deps, "report.logged", caseId);
    expect(audit).toMatchObject({
      actorUserId: t.users.leader.id,
      data: { channel: "phone", anonymous: false, category: "TRAFFIC_ACCIDENT" },
    });
    const inbox = (await call(ctx.app, s.leader, { method: "GET", url: "/api/cases?limit=200" })).json();
    const item = inbox.items.find((i: { id: string }) => i.id === caseId);
    expect(item).toMatchObject({ kind: "TIN_BAO", nextDeadline: { code: "FORWARDING", status: "ok" } });
    expect(
      (
        await call(ctx.app, s.groupDeputy, {
          method: "POST",
          url: "/api/cases",
          payload: {
            communeId: t.communeId,
            category: "OTHER",
            description: "x",
            channel: "phone",
            anonymous: true,
          },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("re-sends and spam", () => {
  it("the same Idempotency-Key returns the same receipt and makes no second report", async () => {
    const body = {
      communeId: t.communeId,
      category: "OTHER",
      description: "Gửi lại khi có mạng.",
      anonymous: true,
    };
    const headers = { "idempotency-key": "draft-7f3a2c19b0" };
    const before = await ctx.deps.db.$count(reports, eq(reports.communeId, t.communeId));
    const a = await ctx.app.inject({ method: "POST", url: "/api/reports", payload: body, headers });
    const b = await ctx.app.inject({ method: "POST", url: "/api/reports", payload: body, headers });
    expect(a.statusCode).toBe(201);
    expect(b.json().receiptCode).toBe(a.json().receiptCode);
    expect(await ctx.deps.db.$count(reports, eq(reports.communeId, t.communeId))).toBe(before + 1);
    const other = await ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: body,
      headers: { "idempotency-key": "draft-other-key-1" },
    });
    expect(other.json().receiptCode).not.toBe(a.json().receiptCode);
    const bad = await ctx.app.inject({
      method: "POST",
      url: "/api/reports",
      payload: body,
      headers: { "idempotency-key": "x" },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("an officer flags a report as spam (audited) and can clear the flag", async () => {
    const code = (
      await submit({
        communeId: t.communeId,
        hamletId: hamletId(),
        category: "OTHER",
        description: "Quảng cáo vay tiền nhanh!!!",
        anonymous: true,
      })
    ).json().receiptCode;
    const id = await caseIdOf(code);
    const flagged = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/cases/${id}/flag`,
      payload: { spam: true },
    });
    expect(flagged.json().flaggedSpam).toBe(true);
    expect(await auditRows(ctx.deps, "case.flagged_spam", id)).toHaveLength(1);
    expect(
      (
        await call(ctx.app, s.member, {
          method: "POST",
          url: `/api/cases/${id}/flag`,
          payload: { spam: false },
        })
      ).statusCode,
    ).toBe(404);
    const cleared = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/cases/${id}/flag`,
      payload: { spam: false },
    });
    expect(cleared.json().flaggedSpam).toBe(false);
  });
});
