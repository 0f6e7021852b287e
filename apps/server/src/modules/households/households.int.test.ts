import { CONSENT_VERSION } from "@binhyen/contracts";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMembers, householdImports, households } from "../../db/schema";
import { auditRows, buildCommune, type TestCommune } from "../../test/factories";
import { call, createTestContext, type Session, sessionFor, type TestContext } from "../../test/harness";

let ctx: TestContext;
let t: TestCommune;
let s: Record<keyof TestCommune["users"], Session>;
let hamletId: string;
let groupId: string;

beforeAll(async () => {
  ctx = await createTestContext({
    env: { BINHYEN_IMPORT_MAX_BYTES: "20000", BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" },
  });
  t = await buildCommune(ctx.deps);
  hamletId = t.hamlets[0]?.hamletId ?? "";
  groupId = t.hamlets[0]?.groupId ?? "";
  s = Object.fromEntries(
    await Promise.all(
      Object.entries(t.users).map(async ([k, u]) => [k, await sessionFor(ctx.deps, u.id)] as const),
    ),
  ) as typeof s;
});
afterAll(() => ctx.close());

function multipart(name: string, bytes: Buffer, type = "application/octet-stream") {
  const boundary = `----binhyen${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

const importUrl = (dry: boolean) => `/api/hamlets/${hamletId}/households/import${dry ? "?dryRun=true" : ""}`;

async function runImport(session: Session, name: string, bytes: Buffer) {
  const res = await call(ctx.app, session, {
    method: "POST",
    url: importUrl(false),
    ...multipart(name, bytes),
  });
  expect(res.statusCode, res.body).toBe(202);
  const { importId } = res.json<{ importId: string }>();
  for (let i = 0; i < 200; i++) {
    const st = await call(ctx.app, session, { method: "GET", url: `/api/imports/${importId}` });
    if (st.json().status !== "running") {
      return st.json();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("import did not finish");
}

const coverage = async () =>
  (await call(ctx.app, s.chief, { method: "GET", url: `/api/communes/${t.communeId}/coverage` })).json();
const hamletCov = async () =>
  (await coverage()).hamlets.find((h: { hamletId: string }) => h.hamletId === hamletId);

// A messy list as officers really keep it: a title row, Vietnamese headers in another order,
// phones in every format, NFD text, a bad phone, a missing head, a duplicate.
const MESSY = [
  "DANH SÁCH HỘ GIA ĐÌNH ẤP THỬ 1,,,,",
  "Số điện thoại;Họ và tên chủ hộ;Địa chỉ;Số nhân khẩu;Mã hộ",
  "+84 912 000 001;Nguyễn Văn An;Tổ 1;4;H001",
  `091.200.0002;${"Trần Thị Bình".normalize("NFD")};Tổ 2;3;H002`,
  "0123 456 789;Lê Văn Sai Số;Tổ 3;2;H003",
  "0912000004;;Tổ 4;1;H004",
  "84912000005 / 0987 000 005;Phạm Thị Hai Số;Tổ 5;5;",
  "+84 912 000 001;Nguyễn Văn An;Tổ 1;4;H001",
  "0912000007;Võ Văn Bảy;Tổ 7;abc;H007",
].join("\n");

describe("household import (CSV/XLSX, preview, idempotent)", () => {
  it("previews row by row with reasons in Vietnamese, and writes nothing", async () => {
    const before = await ctx.deps.db.$count(households, eq(households.hamletId, hamletId));
    const res = await call(ctx.app, s.leader, {
      method: "POST",
      url: importUrl(true),
      ...multipart("ds.csv", Buffer.from(MESSY)),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: true,
      format: "csv",
      total: 7,
      imported: 3,
      updated: 0,
      rejected: 4,
    });
    const byRow = Object.fromEntries(
      body.errors.map((e: { row: number; field: string; message: string }) => [e.row, e]),
    );
    expect(byRow[5]).toMatchObject({ field: "phones" });
    expect(byRow[5].message).toContain("0123 456 789");
    expect(byRow[6]).toMatchObject({ field: "headName", message: "Thiếu họ tên chủ hộ." });
    expect(byRow[8]).toMatchObject({ field: "row", message: "Trùng với dòng 3." });
    expect(byRow[9]).toMatchObject({ field: "members" });
    const created = body.rows.filter((r: { action: string }) => r.action === "create");
    expect(created.map((r: { phones: string[] }) => r.phones)).toEqual([
      ["0912000001"],
      ["0912000002"],
      ["0912000005", "0987000005"],
    ]);
    expect(created[1].headName).toBe("Trần Thị Bình");
    expect(await ctx.deps.db.$count(households, eq(households.hamletId, hamletId))).toBe(before);
  });

  it("imports in the background, records the file's hash, counts and who; re-import changes nothing", async () => {
    const before = await hamletCov();
    const done = await runImport(s.leader, "ds.csv", Buffer.from(MESSY));
    expect(done).toMatchObject({
      status: "done",
      imported: 3,
      updated: 0,
      rejected: 4,
      processed: 7,
      total: 7,
    });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [record] = await ctx.deps.db
      .select()
      .from(householdImports)
      .where(eq(householdImports.id, done.importId));
    expect(record).toMatchObject({
      createdBy: t.users.leader.id,
      fileName: "ds.csv",
      bytes: Buffer.byteLength(MESSY),
    });
    expect(await auditRows(ctx.deps, "household_import.started", done.importId)).toHaveLength(1);
    expect(await auditRows(ctx.deps, "household_import.finished", done.importId)).toHaveLength(1);
    const after = await hamletCov();
    expect(after.households).toBe(before.households + 3);
    // Stored NFC.
    const [binh] = await ctx.deps.db.select().from(households).where(eq(households.code, "H002"));
    expect(binh?.headName).toBe("Trần Thị Bình".normalize("NFC"));

    const again = await runImport(s.leader, "ds-lan-2.csv", Buffer.from(MESSY));
    expect(again).toMatchObject({ status: "done", imported: 0, updated: 0, unchanged: 3, rejected: 4 });
    expect((await hamletCov()).households).toBe(after.households);
  });

  it("updates matched households (by code, or by phone and head name) and shows what changes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Hộ");
    ws.addRow(["Mã hộ", "Chủ hộ", "Địa chỉ", "SĐT", "Nhân khẩu"]);
    ws.addRow(["H001", "Nguyễn Văn An", "Tổ 1, đường mới", 912000001, 5]);
    ws.addRow([null, "Phạm Thị Hai Số", "Tổ 5", "0912000005; 0987000005", 5]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = (
      await call(ctx.app, s.chief, {
        method: "POST",
        url: importUrl(true),
        ...multipart("cap-nhat.xlsx", bytes),
      })
    ).json();
    expect(preview).toMatchObject({ format: "xlsx", imported: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(preview.rows[0]).toMatchObject({ action: "update", changes: ["address", "memberCount"] });
    const done = await runImport(s.chief, "cap-nhat.xlsx", bytes);
    expect(done).toMatchObject({ updated: 1, unchanged: 1 });
    const [an] = await ctx.deps.db.select().from(households).where(eq(households.code, "H001"));
    expect(an).toMatchObject({ address: "Tổ 1, đường mới", memberCount: 5 });
  });

  it("rejects files that are not CSV/XLSX, and files over the size limit, naming the file", async () => {
    const pdf = await call(ctx.app, s.leader, {
      method: "POST",
      url: importUrl(true),
      ...multipart("ds.csv", Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj")),
    });
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.details[0].path).toBe("file");
    const png = await call(ctx.app, s.leader, {
      method: "POST",
      url: importUrl(false),
      ...multipart("a.xlsx", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    });
    expect(png.statusCode).toBe(400);
    const big = Buffer.from(`Chủ hộ,SĐT\n${"Nguyễn Văn Dài,0912345678\n".repeat(1000)}`);
    const tooBig = await call(ctx.app, s.leader, {
      method: "POST",
      url: importUrl(true),
      ...multipart("big.csv", big),
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toMatch(/MB/);
    expect(await ctx.deps.db.$count(householdImports, eq(householdImports.fileName, "big.csv"))).toBe(0);
  });

  it("gives a template that imports cleanly", async () => {
    for (const f of ["xlsx", "csv"]) {
      const tpl = await call(ctx.app, s.leader, {
        method: "GET",
        url: `/api/households/import-template.${f}`,
      });
      expect(tpl.statusCode).toBe(200);
      const preview = await call(ctx.app, s.leader, {
        method: "POST",
        url: importUrl(true),
        ...multipart(`mau.${f}`, tpl.rawPayload),
      });
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().rejected).toBe(0);
    }
  });
});

describe("households by hand (req. 33–35)", () => {
  it("adds, edits, changes the head, and moves a household — each audited — and moved leaves the denominator", async () => {
    const before = await hamletCov();
    const created = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/hamlets/${hamletId}/households`,
      payload: {
        headName: "Hồ Văn Tay",
        phones: ["0903 111 222"],
        address: "Tổ 9",
        memberCount: 2,
        code: "H900",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const h = created.json();
    expect(h).toMatchObject({
      phones: ["0903111222"],
      status: "active",
      contactStatus: "not_contacted",
      covered: false,
    });
    expect((await hamletCov()).households).toBe(before.households + 1);

    const dupCode = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/hamlets/${hamletId}/households`,
      payload: { headName: "X", phones: [], code: "H900" },
    });
    expect(dupCode.statusCode).toBe(409);
    const badPhone = await call(ctx.app, s.leader, {
      method: "PATCH",
      url: `/api/households/${h.id}`,
      payload: { phones: ["0903111222", "12345"] },
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.details[0].path).toBe("phones.1");

    const head = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/households/${h.id}/head`,
      payload: { headName: "Hồ Thị Vợ", reason: "Chủ hộ cũ mất" },
    });
    expect(head.json().headName).toBe("Hồ Thị Vợ");
    const [audit] = await auditRows(ctx.deps, "household.head_changed", h.id);
    expect(audit?.data).toMatchObject({ from: "Hồ Văn Tay", to: "Hồ Thị Vợ" });

    const moved = await call(ctx.app, s.chief, {
      method: "POST",
      url: `/api/households/${h.id}/status`,
      payload: { status: "moved" },
    });
    expect(moved.json().status).toBe("moved");
    expect((await hamletCov()).households).toBe(before.households);
    expect(await auditRows(ctx.deps, "household.status_changed", h.id)).toHaveLength(1);
    expect(await auditRows(ctx.deps, "household.created", h.id)).toHaveLength(1);
  });

  it("lists with accent-free search, Vietnamese order, and the not-reached filter", async () => {
    const res = await call(ctx.app, s.leader, {
      method: "GET",
      url: `/api/hamlets/${hamletId}/households?q=${encodeURIComponent("tran thi binh")}`,
    });
    expect(res.json().items.map((x: { headName: string }) => x.headName)).toEqual(["Trần Thị Bình"]);
    const all = (
      await call(ctx.app, s.leader, { method: "GET", url: `/api/hamlets/${hamletId}/households?limit=500` })
    ).json();
    const names = all.items.map((x: { headName: string }) => x.headName);
    expect(names.indexOf("Nguyễn Văn An")).toBeLessThan(names.indexOf("Trần Thị Bình"));
    const notReached = (
      await call(ctx.app, s.leader, {
        method: "GET",
        url: `/api/hamlets/${hamletId}/households?reached=no&limit=500`,
      })
    ).json();
    expect(
      notReached.items.every(
        (x: { covered: boolean; status: string }) => !x.covered && x.status === "active",
      ),
    ).toBe(true);
  });

  it("deputies see the list without phones until the leader allows it; members never see it", async () => {
    const asDeputy = (
      await call(ctx.app, s.groupDeputy, { method: "GET", url: `/api/hamlets/${hamletId}/households` })
    ).json();
    expect(asDeputy.items.length).toBeGreaterThan(0);
    expect(
      asDeputy.items.every(
        (x: { phones: string[]; phonesHidden: boolean }) => x.phones.length === 0 && x.phonesHidden,
      ),
    ).toBe(true);
    expect(
      (
        await call(ctx.app, s.groupDeputy, {
          method: "PATCH",
          url: `/api/groups/${groupId}/settings`,
          payload: { deputiesSeePhones: true },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(ctx.app, s.leader, {
          method: "PATCH",
          url: `/api/groups/${groupId}/settings`,
          payload: { deputiesSeePhones: true },
        })
      ).statusCode,
    ).toBe(200);
    const allowed = (
      await call(ctx.app, s.groupDeputy, { method: "GET", url: `/api/hamlets/${hamletId}/households` })
    ).json();
    expect(allowed.items.some((x: { phones: string[] }) => x.phones.length > 0)).toBe(true);
    expect(
      (await call(ctx.app, s.member, { method: "GET", url: `/api/hamlets/${hamletId}/households` }))
        .statusCode,
    ).toBe(403);
    await call(ctx.app, s.leader, {
      method: "PATCH",
      url: `/api/groups/${groupId}/settings`,
      payload: { deputiesSeePhones: false },
    });
  });
});

describe("invite → consent → join → withdraw (req. 16–17)", () => {
  const consent = { version: CONSENT_VERSION, purposes: ["GROUP_MEMBERSHIP", "HOUSEHOLD_REPRESENTATIVE"] };

  it("a resident joins with a personal invite and the household counts; withdrawing removes them from every list", async () => {
    const [an] = await ctx.deps.db.select().from(households).where(eq(households.code, "H001"));
    const before = await hamletCov();
    const inv = (
      await call(ctx.app, s.leader, { method: "POST", url: `/api/households/${an?.id}/invite` })
    ).json();
    expect(inv.url).toMatch(/\/join\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect(inv.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [invited] = await ctx.deps.db.select().from(households).where(eq(households.code, "H001"));
    expect(invited?.contactStatus).toBe("invited");
    const token = inv.url.split("/join/")[1];

    const info = (await ctx.app.inject({ method: "GET", url: `/api/join/${token}` })).json();
    expect(info).toMatchObject({
      kind: "household",
      household: { headName: "N. V. An" },
      consent: { version: CONSENT_VERSION },
    });
    expect(JSON.stringify(info)).not.toContain("0912000001");

    // Nothing ticked is not consent.
    const noConsent = await ctx.app.inject({
      method: "POST",
      url: `/api/join/${token}`,
      payload: {
        name: "Nguyễn Văn An",
        phone: "0912000001",
        consent: { version: CONSENT_VERSION, purposes: [] },
      },
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.details[0].path).toBe("consent.purposes");
    const tampered = await ctx.app.inject({ method: "GET", url: `/api/join/${token.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(404);

    const joined = await ctx.app.inject({
      method: "POST",
      url: `/api/join/${token}`,
      payload: { name: "Nguyễn Văn An", phone: "0912 000 001", consent },
    });
    expect(joined.statusCode, joined.body).toBe(201);
    const { status, manageToken } = joined.json();
    expect(status).toBe("joined");
    const after = await hamletCov();
    expect(after.covered).toBe(before.covered + 1);
    expect(after.percent).toBe(Math.round((after.covered * 1000) / after.households) / 10);

    const withdrawn = await ctx.app.inject({
      method: "POST",
      url: `/api/memberships/${manageToken}/withdraw-consent`,
    });
    expect(withdrawn.json()).toMatchObject({ status: "withdrawn", purposes: [] });
    expect((await hamletCov()).covered).toBe(before.covered);
    const members = (
      await call(ctx.app, s.leader, { method: "GET", url: `/api/groups/${groupId}/members?q=an&limit=500` })
    ).json();
    expect(members.items.some((m: { phone: string }) => m.phone === "0912000001")).toBe(false);
    const [row] = await ctx.deps.db
      .select()
      .from(groupMembers)
      .where(eq(groupMembers.inviteId, inv.inviteId));
    expect(row).toMatchObject({ status: "withdrawn", phone: null, name: "" });
  });

  it("a member whose phone and name do not match waits for the leader to confirm the household", async () => {
    const [binh] = await ctx.deps.db.select().from(households).where(eq(households.code, "H002"));
    const before = await hamletCov();
    const inv = (
      await call(ctx.app, s.leader, { method: "POST", url: `/api/households/${binh?.id}/invite` })
    ).json();
    const token = inv.url.split("/join/")[1];
    const joined = await ctx.app.inject({
      method: "POST",
      url: `/api/join/${token}`,
      payload: { name: "Lạ Văn Mặt", phone: "0933000111", consent },
    });
    expect(joined.json().status).toBe("pending");
    expect((await hamletCov()).covered).toBe(before.covered);
    const unconfirmed = (
      await call(ctx.app, s.leader, { method: "GET", url: `/api/groups/${groupId}/members?unconfirmed=true` })
    ).json();
    expect(unconfirmed.items.every((x: { householdConfirmed: boolean }) => !x.householdConfirmed)).toBe(true);
    const m = unconfirmed.items.find((x: { name: string }) => x.name === "Lạ Văn Mặt");
    expect(m.householdConfirmed).toBe(false);
    const ok = await call(ctx.app, s.leader, {
      method: "PUT",
      url: `/api/members/${m.id}/household`,
      payload: { householdId: binh?.id },
    });
    expect(ok.statusCode).toBe(200);
    expect((await hamletCov()).covered).toBe(before.covered + 1);
  });

  it("without an invite, a request waits for the leader; approving makes a member, the resident's link follows", async () => {
    const req = await ctx.app.inject({
      method: "POST",
      url: `/api/groups/${groupId}/join-requests`,
      payload: { name: "Võ Văn Bảy", phone: "0912000007", consent, address: "Tổ 7" },
    });
    expect(req.statusCode, req.body).toBe(201);
    const { manageToken } = req.json();
    expect(
      (await ctx.app.inject({ method: "GET", url: `/api/memberships/${manageToken}` })).json().status,
    ).toBe("pending");
    const list = (
      await call(ctx.app, s.leader, { method: "GET", url: `/api/groups/${groupId}/join-requests` })
    ).json();
    const item = list.items.find((x: { name: string }) => x.name === "Võ Văn Bảy");
    expect(item).toBeDefined();
    expect(
      (await call(ctx.app, s.groupDeputy, { method: "GET", url: `/api/groups/${groupId}/join-requests` }))
        .statusCode,
    ).toBe(403);
    const approve = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/join-requests/${item.id}/decision`,
      payload: { action: "approve", householdId: null, kind: "SECURITY_TEAM" },
    });
    expect(approve.statusCode).toBe(200);
    const twice = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/join-requests/${item.id}/decision`,
      payload: { action: "reject" },
    });
    expect(twice.statusCode).toBe(409);
    expect(
      (await ctx.app.inject({ method: "GET", url: `/api/memberships/${manageToken}` })).json().status,
    ).toBe("active");
    const left = await ctx.app.inject({ method: "POST", url: `/api/memberships/${manageToken}/leave` });
    expect(left.json().status).toBe("left");
  });

  it("a member imported without consent never counts (req. 16)", async () => {
    const [h] = await ctx.deps.db
      .select()
      .from(households)
      .where(eq(households.code, "H007"))
      .then((r) =>
        r.length
          ? r
          : ctx.deps.db.select().from(households).where(eq(households.hamletId, hamletId)).limit(1),
      );
    const before = await hamletCov();
    await ctx.deps.db.insert(groupMembers).values({
      id: ctx.deps.ids.uuid(),
      groupId,
      communeId: t.communeId,
      householdId: h?.id ?? null,
      name: "Chưa Đồng Ý",
      searchKey: "chua dong y",
      phone: "0912999888",
      kind: "HOUSEHOLD_REP",
      status: "pending_consent",
      consentAt: null,
    });
    const after = await hamletCov();
    expect(after.covered).toBe(before.covered);
    expect(after.members.HOUSEHOLD_REP).toBe(before.members.HOUSEHOLD_REP);
  });

  it("sending an invite needs an enabled channel; a registered one gets an outbox row", async () => {
    const [an] = await ctx.deps.db.select().from(households).where(eq(households.code, "H001"));
    const none = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/households/${an?.id}/invite/send`,
      payload: { channel: "zalo-oa" },
    });
    expect(none.statusCode).toBe(503);
    expect(none.json().error.code).toBe("CHANNEL_UNAVAILABLE");
    ctx.deps.channels.register({ name: "fake-sms", reachesPhones: true, deliver: async () => {} });
    const ok = await call(ctx.app, s.leader, {
      method: "POST",
      url: `/api/households/${an?.id}/invite/send`,
      payload: { channel: "fake-sms" },
    });
    expect(ok.statusCode, ok.body).toBe(202);
    const rows = await ctx.deps.db.execute<{ payload: { phone: string; url: string } }>(
      (await import("drizzle-orm")).sql`select payload from outbox where channel = 'fake-sms'`,
    );
    expect(rows.rows[0]?.payload.phone).toBe("0912000001");
    expect(rows.rows[0]?.payload.url).toContain("/join/");
  });

  it("the poster is an A4 PDF", async () => {
    const pdf = await call(ctx.app, s.groupDeputy, {
      method: "GET",
      url: `/api/groups/${groupId}/poster.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });
});

describe("coverage (II.5.1 target: 100% of households)", () => {
  it("percent has one decimal, the commune is the sum of its hamlets, hamlets are ranked, and the trend ends today", async () => {
    const c = await coverage();
    expect(c.households).toBe(
      c.hamlets.reduce((a: number, h: { households: number }) => a + h.households, 0),
    );
    expect(c.covered).toBe(c.hamlets.reduce((a: number, h: { covered: number }) => a + h.covered, 0));
    expect(c.percent).toBe(Math.round((c.covered * 1000) / c.households) / 10);
    const ranks = c.hamlets.map((h: { percent: number }) => h.percent);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => b - a));
    expect(c.trend.at(-1)).toMatchObject({ households: c.households, covered: c.covered });
    const hamlet = (
      await call(ctx.app, s.groupDeputy, { method: "GET", url: `/api/hamlets/${hamletId}/coverage` })
    ).json();
    const fromCommune = c.hamlets.find((h: { hamletId: string }) => h.hamletId === hamletId);
    expect(hamlet).toMatchObject({
      households: fromCommune.households,
      covered: fromCommune.covered,
      percent: fromCommune.percent,
    });
  });
});
