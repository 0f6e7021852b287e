import {
  type TCaseEvent,
  type TReviewIndicators,
  type TReviewReport,
  type TReviewReportList,
  ZCreateAnnouncement,
} from "@binhyen/contracts";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/clock";
import { documentNumbers, groupMembers, provinces } from "../../db/schema";
import { addHousehold, auditRows, buildCommune, freshPhone, type TestCommune } from "../../test/factories";
import {
  actorOf,
  call,
  createTestContext,
  type Session,
  sessionFor,
  type TestContext,
} from "../../test/harness";
import { createAnnouncement } from "../announcements/announcements.service";
import { transitionCase } from "../reports/case.service";
import { submitReport } from "../reports/reports.service";
import { decree30Problems, findParagraph, readDocx, readPdf, tableRows } from "./document-inspect";
import { communeIndicators } from "./indicators.service";

/*
 * Issue #8, the yearly review report (báo cáo sơ kết) of a commune whose reports name their
 * reporters and suspects: the draft is pre-filled from the indicators, edited, issued with the next
 * number of the agency's year, and downloaded as DOCX, PDF, XLSX and the dossier ZIP. The documents
 * follow Decree 30/2020 (req. 24–27), carry the indicators' numbers, and never a name, phone or
 * address of an informant or a suspect (req. 13).
 */

/** A local time in Asia/Ho_Chi_Minh. */
const at = (local: string) => new Date(`${local}:00+07:00`);
const clock = fixedClock(at("2024-06-10T08:00"));
// The period holds today (5/1/2026), so coverage is live; the previous one is 1/2/2024–31/1/2025.
const PERIOD = { from: "2025-02-01", to: "2026-01-31" };

const REPORTER = { name: "Trịnh Văn Bímật", phone: "0977123456", address: "Số 12 đường Lê Lợi, tổ 3" };
const REPORTER_2 = { name: "Lý Thị Tốgiác", phone: "0988765432", address: "Nhà trọ Hoa Sen phòng 4" };
const PREV_REPORTER = { name: "Đào Văn Kỳtrước", phone: "0966111222" };
const SUSPECT = { name: "Cù Văn Nghivấn", phone: "0355999888" };
const SECRETS = [
  REPORTER.name,
  REPORTER.phone,
  "0977 123 456",
  REPORTER.address,
  REPORTER_2.name,
  REPORTER_2.phone,
  REPORTER_2.address,
  PREV_REPORTER.name,
  PREV_REPORTER.phone,
  SUSPECT.name,
  SUSPECT.phone,
  "Bímật",
  "Nghivấn",
  "kho hàng lậu sau chợ",
];
const leaks = (text: string) => SECRETS.filter((s) => text.normalize("NFC").includes(s));

let ctx: TestContext;
let t: TestCommune;
let other: TestCommune;
const s: Record<string, Session> = {};
const reports: Record<string, string> = {};

const as = (userId: string) => actorOf(ctx.deps, userId);
/** Moves the clock and signs everyone in again (sessions last an hour of the test clock). */
async function setNow(local: string) {
  clock.set(at(local));
  for (const [k, u] of Object.entries(t.users)) {
    s[k] = await sessionFor(ctx.deps, u.id);
  }
  s.otherChief = await sessionFor(ctx.deps, other.users.chief.id);
  s.otherProvince = await sessionFor(ctx.deps, other.users.province.id);
}
const tr = async (id: string, event: TCaseEvent, when: string) => {
  clock.set(at(when));
  await transitionCase(ctx.deps, await as(t.users.chief.id), id, event, "test");
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
const member = async (i: number, name: string, householdId: string) => {
  await ctx.deps.db.insert(groupMembers).values({
    id: ctx.deps.ids.uuid(),
    groupId: t.hamlets[i]?.groupId ?? "",
    communeId: t.communeId,
    householdId,
    name,
    searchKey: name,
    phone: freshPhone(),
    kind: "HOUSEHOLD_REP",
    consentAt: clock.now(),
    joinedAt: clock.now(),
  });
};

const create = (who: Session | undefined, communeId: string, body: object = PERIOD) =>
  call(ctx.app, who, { method: "POST", url: `/api/communes/${communeId}/review-reports`, payload: body });
const get = (who: Session | undefined, id: string) =>
  call(ctx.app, who, { method: "GET", url: `/api/review-reports/${id}` });
const patch = (who: Session | undefined, id: string, body: object) =>
  call(ctx.app, who, { method: "PATCH", url: `/api/review-reports/${id}`, payload: body });
const issue = (who: Session | undefined, id: string) =>
  call(ctx.app, who, { method: "POST", url: `/api/review-reports/${id}/issue` });
const file = (who: Session | undefined, id: string, name: string) =>
  call(ctx.app, who, { method: "GET", url: `/api/review-reports/${id}/${name}` });

beforeAll(async () => {
  ctx = await createTestContext({ clock, env: { BINHYEN_PUBLIC_RATE_PER_MINUTE: "10000" } });
  t = await buildCommune(ctx.deps, { hamlets: 2, name: "Đồng Tâm" });
  other = await buildCommune(ctx.deps);

  // Households and members: 3 households in hamlet 1 (2 covered), 2 in hamlet 2 (none covered).
  const hh = [
    await addHousehold(ctx.deps, t, 0, "Hộ Một"),
    await addHousehold(ctx.deps, t, 0, "Hộ Hai"),
    await addHousehold(ctx.deps, t, 0, "Hộ Ba"),
    await addHousehold(ctx.deps, t, 1, "Hộ Bốn"),
    await addHousehold(ctx.deps, t, 1, "Hộ Năm"),
  ] as const;
  await member(0, "Hồ Văn Thànhviên", hh[0]);
  await member(0, "Mai Thị Hộhai", hh[1]);

  // Previous period: one named report.
  reports.prev = await report("2024-06-10T09:00", {
    hamletId: t.hamlets[0]?.hamletId,
    category: "CRIME",
    anonymous: false,
    reporter: PREV_REPORTER,
  });

  // Current period: a named crime tip with a suspect, forwarded in time, outcome "khởi tố" …
  reports.named = await report("2025-03-10T09:00", {
    hamletId: t.hamlets[0]?.hamletId,
    category: "CRIME",
    description: "Có kho hàng lậu sau chợ, chủ là một người tên Nghivấn.",
    location: REPORTER.address,
    anonymous: false,
    reporter: { name: REPORTER.name, phone: "0977 123 456", address: REPORTER.address },
  });
  clock.set(at("2025-03-10T09:10"));
  const suspect = await call(ctx.app, await sessionFor(ctx.deps, t.users.chief.id), {
    method: "POST",
    url: `/api/cases/${reports.named}/suspects`,
    payload: SUSPECT,
  });
  expect(suspect.statusCode, suspect.body).toBe(201);
  await tr(reports.named, { type: "ACKNOWLEDGE" }, "2025-03-10T09:30");
  await tr(reports.named, { type: "START_VERIFICATION" }, "2025-03-10T10:00");
  await tr(reports.named, { type: "FORWARD", agency: "Cơ quan CSĐT Công an tỉnh" }, "2025-03-10T15:00");
  await tr(
    reports.named,
    { type: "RECORD_OUTCOME", outcome: { code: "KHOI_TO", valuable: true, summary: "Đã khởi tố vụ án." } },
    "2025-04-01T09:00",
  );
  // … an anonymous tip, and a second named report (a dispute) with an address.
  reports.anonymous = await report("2025-04-02T20:00", {
    hamletId: t.hamlets[1]?.hamletId,
    category: "SOCIAL_EVIL",
  });
  reports.dispute = await report("2025-05-01T08:00", {
    hamletId: t.hamlets[1]?.hamletId,
    category: "RESIDENT_DISPUTE",
    anonymous: false,
    reporter: REPORTER_2,
  });
  clock.set(at("2025-06-01T08:00"));
  await createAnnouncement(
    ctx.deps,
    await as(t.users.chief.id),
    ZCreateAnnouncement.parse({
      audience: { communeId: t.communeId },
      category: "FIRE_SAFETY",
      title: "Phòng cháy mùa khô",
      body: "Bà con lưu ý phòng cháy, chữa cháy trong mùa khô.",
    }),
  );
  // Today: Monday 5 January 2026, 09:00 in Vietnam.
  await setNow("2026-01-05T09:00");
});
afterAll(() => ctx.close());

async function indicatorsNow(): Promise<TReviewIndicators> {
  return communeIndicators(ctx.deps, await as(t.users.chief.id), t.communeId, PERIOD);
}
const value = (ind: TReviewIndicators, code: string) =>
  ind.commune.find((v) => v.code === code)?.current.value;
const previous = (ind: TReviewIndicators, code: string) =>
  ind.commune.find((v) => v.code === code)?.previous.value;

describe("review report: draft, edit, issue, documents (issue #8)", () => {
  let draft: TReviewReport;

  it("the chief creates a draft pre-filled from the indicators, with the default settings (201, audited)", async () => {
    const res = await create(s.chief, t.communeId);
    expect(res.statusCode, res.body).toBe(201);
    draft = res.json<TReviewReport>();
    expect(draft).toMatchObject({
      communeId: t.communeId,
      period: PERIOD,
      status: "DRAFT",
      number: null,
      numberText: null,
      issuedOn: null,
    });
    const [prov] = await ctx.deps.db.select().from(provinces).where(eq(provinces.id, t.provinceId));
    const province = prov?.name ?? "";
    expect(draft.settings).toEqual({
      parentAgency: `CÔNG AN ${province.toLocaleUpperCase("vi")}`,
      issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
      symbol: "BC-CAX",
      place: "Đồng Tâm",
      summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
      signer: { prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: t.users.chief.name },
      recipients: ["Công an tỉnh (PV01)", "Đảng ủy xã", "UBND xã"],
      archiveUnit: "CAX",
      margins: { top: 20, bottom: 20, left: 30, right: 15 },
    });
    const ind = await indicatorsNow();
    const received = value(ind, "REPORTS_RECEIVED") ?? -1;
    expect(received).toBe(3);
    expect(previous(ind, "REPORTS_RECEIVED")).toBe(1);
    expect(draft.narrative.results).toContain(
      "tiếp nhận 3 tin báo, phản ánh của Nhân dân (tăng 2, tương đương 200,0% so với kỳ trước)",
    );
    expect(draft.narrative.results).toContain("khởi tố 1 vụ án");
    expect(draft.narrative.results).toContain(
      "Có 2/5 hộ gia đình có ít nhất một thành viên tham gia nhóm, đạt 40,0%",
    );
    expect(draft.narrative.shortcomings).toContain("Ấp Thử 2 (0,0%)");
    for (const k of ["results", "shortcomings", "causes", "lessons", "directions"] as const) {
      expect(leaks(draft.narrative[k])).toEqual([]);
    }
    const audit = await auditRows(ctx.deps, "review_report.create", draft.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: t.users.chief.id, communeId: t.communeId });
    expect(audit[0]?.data).toEqual(PERIOD);
  });

  it("a deputy's draft still has the chief sign (a commune with a chief); the list shows the drafts", async () => {
    const res = await create(s.deputy, t.communeId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TReviewReport>().settings.signer).toMatchObject({
      prefix: null,
      name: t.users.chief.name,
    });
    const list = await call(ctx.app, s.chief, {
      method: "GET",
      url: `/api/communes/${t.communeId}/review-reports`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json<TReviewReportList>().items.map((i) => i.id)).toContain(draft.id);
  });

  it("PATCH edits the narrative and the settings; bad margins, symbols and academic titles are refused", async () => {
    const res = await patch(s.deputy, draft.id, {
      narrative: { lessons: "Một là, bám sát cơ sở.\nHai là, bảo mật người báo tin." },
      settings: {
        signer: {
          prefix: "KT.",
          authority: "Trưởng Công an",
          title: "Phó Trưởng Công an",
          name: t.users.deputy.name,
        },
        recipients: ["Công an tỉnh (PV01)", "Đảng ủy xã", "UBND xã", "Mặt trận Tổ quốc xã"],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<TReviewReport>();
    expect(r.narrative.lessons).toBe("Một là, bám sát cơ sở.\nHai là, bảo mật người báo tin.");
    expect(r.narrative.results).toBe(draft.narrative.results);
    expect(r.settings.signer).toEqual({
      prefix: "KT.",
      authority: "TRƯỞNG CÔNG AN",
      title: "PHÓ TRƯỞNG CÔNG AN",
      name: t.users.deputy.name,
    });
    const audit = await auditRows(ctx.deps, "review_report.update", draft.id);
    expect(audit.at(-1)?.data).toEqual({ narrative: ["lessons"], settings: ["signer", "recipients"] });

    const bad = [
      { settings: { margins: { top: 19, bottom: 20, left: 30, right: 15 } } },
      { settings: { margins: { top: 20, bottom: 20, left: 30, right: 21 } } },
      { settings: { symbol: "BC CAX" } },
      {
        settings: {
          signer: { prefix: null, authority: "TRƯỞNG CÔNG AN", title: "", name: "TS. Lê Minh Trưởng" },
        },
      },
      {
        settings: {
          signer: { prefix: "KT.", authority: "TRƯỞNG CÔNG AN", title: "", name: "Trần Quốc Phó" },
        },
      },
    ];
    for (const body of bad) {
      const b = await patch(s.chief, draft.id, body);
      expect(b.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it("the draft's DOCX follows Decree 30 with blanks for the number and date and a DỰ THẢO mark", async () => {
    const res = await file(s.chief, draft.id, "report.docx");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("wordprocessingml");
    const doc = await readDocx(res.rawPayload);
    expect(findParagraph(doc, /^Số:\s+\/BC-CAX$/)).toBeDefined();
    expect(findParagraph(doc, /^Đồng Tâm, ngày\s+tháng\s+năm 2026$/)).toBeDefined();
    expect(doc.headers.find((h) => h.type === "first")?.paragraphs.map((p) => p.text)).toEqual(["DỰ THẢO"]);
  });

  let issued: TReviewReport;
  it("issue: number 01 of the agency's year and today's date, frozen figures, audited; again → 409", async () => {
    const res = await issue(s.chief, draft.id);
    expect(res.statusCode, res.body).toBe(200);
    issued = res.json<TReviewReport>();
    expect(issued).toMatchObject({
      status: "ISSUED",
      number: 1,
      numberText: "Số: 01/BC-CAX",
      issuedOn: "2026-01-05",
    });
    const audit = await auditRows(ctx.deps, "review_report.issue", draft.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ number: 1, year: 2026, symbol: "BC-CAX" });

    const again = await issue(s.deputy, draft.id);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe(
      "ALREADY_ISSUED",
    );
    expect((await patch(s.chief, draft.id, { narrative: { lessons: "x" } })).statusCode).toBe(409);
  });

  it("the issued DOCX: A4, margins, Times New Roman, body 14 pt, header table, date line, Nơi nhận, page numbers from page 2", async () => {
    const res = await file(s.chief, draft.id, "report.docx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(
      /attachment; filename="bao-cao-so-ket-2025-02-01-2026-01-31-so-1\.docx"/,
    );
    const doc = await readDocx(res.rawPayload);
    expect(
      decree30Problems(doc, {
        margins: { top: 1134, right: 851, bottom: 1134, left: 1701 },
        parentAgency: issued.settings.parentAgency,
        issuingAgency: "CÔNG AN XÃ ĐỒNG TÂM",
        numberLine: "Số: 01/BC-CAX",
        dateLine: "Đồng Tâm, ngày 05 tháng 01 năm 2026",
        summary: "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
        signature: { titleLines: ["KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN"], name: t.users.deputy.name },
        recipients: [
          "- Công an tỉnh (PV01);",
          "- Đảng ủy xã;",
          "- UBND xã;",
          "- Mặt trận Tổ quốc xã;",
          "- Lưu: VT, CAX.",
        ],
      }),
    ).toEqual([]);
    expect(doc.page).toEqual({ w: 11906, h: 16838, orient: "portrait" });
    expect(doc.titlePage).toBe(true);

    // The tables carry the indicators' numbers.
    const ind = await indicatorsNow();
    const rows = tableRows(doc.documentXml);
    const row = (label: string) => rows.find((r) => r[1] === label);
    const h1 = ind.hamlets.find((h) => h.hamletId === t.hamlets[0]?.hamletId);
    const h1v = (code: string) => h1?.indicators.find((v) => v.code === code)?.current;
    expect(row("Ấp Thử 1")).toEqual([
      "1",
      "Ấp Thử 1",
      "Có",
      String(h1v("MEMBERS")?.value),
      `${h1v("HOUSEHOLDS_COVERED")?.numerator}/${h1v("HOUSEHOLDS_COVERED")?.denominator}`,
      "66,7%",
      String(h1v("ANNOUNCEMENTS_TOTAL")?.value),
      String(h1v("REPORTS_RECEIVED")?.value),
    ]);
    expect(row("Toàn xã")?.slice(2)).toEqual(["2/2", "2", "2/5", "40,0%", "1", "3"]);
    expect(row("Tổng số tin báo, tố giác, phản ánh tiếp nhận")?.slice(2)).toEqual(["3", "1", "+2 (+200,0%)"]);
    expect(row("Tin dẫn đến khởi tố vụ án")?.slice(2)).toEqual([
      String(value(ind, "REPORTS_KHOI_TO")),
      "0",
      "+1",
    ]);
    expect(row("Tin có giá trị")?.[2]).toBe(String(value(ind, "REPORTS_VALUABLE")));
    expect(row("Phòng cháy, chữa cháy (PCCC)")?.slice(2, 4)).toEqual(["1", "0"]);
    expect(doc.documentXml.match(/<pic:pic /g)?.length).toBeGreaterThanOrEqual(2);

    expect(leaks(doc.allText)).toEqual([]);
  });

  it("the issued PDF: version ≥ 1.4, fonts embedded, the title and the numbers in its text, nobody's name", async () => {
    const res = await file(s.chief, draft.id, "report.pdf");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    expect(Number(pdf.version)).toBeGreaterThanOrEqual(1.4);
    expect(pdf.unembedded).toEqual([]);
    expect(pdf.embeddedFonts.length).toBeGreaterThan(0);
    const text = pdf.pages.join("\n");
    for (const part of [
      "BÁO CÁO",
      "Sơ kết 01 năm thực hiện mô hình “Zalo kết nối bình yên”",
      "Số: 01/BC-CAX",
      "Đồng Tâm, ngày 05 tháng 01 năm 2026",
      "Nơi nhận:",
      "KT. TRƯỞNG CÔNG AN",
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/Toàn xã\s+2\/2\s+2\s+2\/5\s+40,0%\s+1\s+3/);
    expect(text.replace(/\s+/g, " ")).toContain(
      "Tổng số tin báo, tố giác, phản ánh tiếp nhận 3 1 +2 (+200,0%)",
    );
    expect(pdf.topMarginItems.filter((i) => i.page === 1)).toEqual([]);
    expect(pdf.topMarginItems.filter((i) => i.page === 2).map((i) => i.text)).toEqual(["2"]);
    expect(leaks(text)).toEqual([]);
  });

  it("the XLSX: one sheet per table, Vietnamese headers, dates dd/mm/yyyy, the same numbers, nobody's name", async () => {
    const res = await file(s.deputy, draft.id, "tables.xlsx");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Thông tin",
      "Theo ấp",
      "Tổng hợp toàn xã",
      "Tuyên truyền",
      "Tin báo",
      "Kết quả",
      "Quản lý nhóm",
      "Khen thưởng",
      "Xu hướng",
    ]);
    const info = wb.getWorksheet("Thông tin");
    expect(info?.getRow(3).getCell(2).value).toBe("Số: 01/BC-CAX");
    expect(info?.getRow(4).getCell(2).value).toEqual(new Date(Date.UTC(2026, 0, 5)));
    expect(info?.getRow(4).getCell(2).numFmt).toBe("dd/mm/yyyy");
    const totals = wb.getWorksheet("Tổng hợp toàn xã");
    const received = totals
      ?.getRows(3, 40)
      ?.find((r) => r.getCell(2).value === "Tổng số tin báo, tố giác, phản ánh tiếp nhận");
    expect([received?.getCell(3).value, received?.getCell(4).value]).toEqual([3, 1]);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await Promise.all(
      Object.values(zip.files)
        .filter((f) => !f.dir)
        .map((f) => f.async("string")),
    );
    expect(leaks(xml.join("\n"))).toEqual([]);
  });

  it("the dossier ZIP: the DOCX, the PDF, the XLSX and the groups list; nobody's name anywhere inside", async () => {
    const res = await file(s.chief, draft.id, "dossier.zip");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      "bao-cao-so-ket-2025-02-01-2026-01-31-so-1-bang-so-lieu.xlsx",
      "bao-cao-so-ket-2025-02-01-2026-01-31-so-1.docx",
      "bao-cao-so-ket-2025-02-01-2026-01-31-so-1.pdf",
      "danh-sach-nhom.csv",
    ]);
    const csv = (await zip.file("danh-sach-nhom.csv")?.async("string")) ?? "";
    expect(
      csv
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .slice(0, 3),
    ).toEqual([
      'STT,"Ấp, thôn",Nhóm,Trưởng nhóm,Số thành viên,Hộ tham gia,Tổng số hộ,Tỷ lệ bao phủ (%)',
      `1,Ấp Thử 1,Nhóm Ấp Thử 1,${t.users.leader.name},2,2,3,66.7`,
      `2,Ấp Thử 2,Nhóm Ấp Thử 2,${t.users.leader2.name},0,0,2,0.0`,
    ]);
    let text = csv;
    for (const f of Object.values(zip.files)) {
      const bytes = await f.async("nodebuffer");
      if (f.name.endsWith(".pdf")) {
        text += (await readPdf(bytes)).pages.join("\n");
      } else if (/\.(docx|xlsx)$/.test(f.name)) {
        const inner = await JSZip.loadAsync(bytes);
        for (const part of Object.values(inner.files).filter((x) => !x.dir && /\.(xml|rels)$/.test(x.name))) {
          text += await part.async("string");
        }
      }
    }
    expect(text).toContain("Số: 01/BC-CAX");
    expect(leaks(text)).toEqual([]);
  });

  it("issued figures are frozen: a report received after the issue does not change the document", async () => {
    clock.set(at("2026-01-05T10:00"));
    await report("2026-01-05T10:00", { hamletId: t.hamlets[0]?.hamletId, category: "OTHER" });
    await setNow("2026-01-05T10:30");
    expect(value(await indicatorsNow(), "REPORTS_RECEIVED")).toBe(4);
    const doc = await readDocx((await file(s.chief, draft.id, "report.docx")).rawPayload);
    const rows = tableRows(doc.documentXml);
    expect(rows.find((r) => r[1] === "Tổng số tin báo, tố giác, phản ánh tiếp nhận")?.[2]).toBe("3");
  });
});

describe("numbering: sequential per agency and year, reset on 1 January, duplicates rejected (req. 26)", () => {
  let n: TestCommune;
  let chief: Session;
  const draftOf = async () => {
    const res = await create(chief, n.communeId);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<TReviewReport>().id;
  };
  const now = async (local: string) => {
    await setNow(local);
    chief = await sessionFor(ctx.deps, n.users.chief.id);
  };
  beforeAll(async () => {
    clock.set(at("2026-03-02T09:00"));
    n = await buildCommune(ctx.deps, { hamlets: 1 });
    await now("2026-03-02T09:00");
  });

  it("two issues → 01 then 02; another commune starts its own 01", async () => {
    const a = await draftOf();
    const b = await draftOf();
    expect((await issue(chief, a)).json<TReviewReport>().numberText).toBe("Số: 01/BC-CAX");
    expect((await issue(chief, b)).json<TReviewReport>().numberText).toBe("Số: 02/BC-CAX");
    const c = await create(s.otherChief, other.communeId);
    const otherIssued = await issue(s.otherChief, c.json<TReviewReport>().id);
    expect(otherIssued.json<TReviewReport>().number).toBe(1);
  });

  it("concurrent issues take distinct consecutive numbers", async () => {
    const [a, b] = [await draftOf(), await draftOf()];
    const res = await Promise.all([issue(chief, a), issue(chief, b)]);
    expect(res.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(res.map((r) => r.json<TReviewReport>().number).sort()).toEqual([3, 4]);
  });

  it("31 December 23:59 in Vietnam is still this year; 1 January 00:00 starts again at 01", async () => {
    await now("2026-12-31T23:59");
    const late = await issue(chief, await draftOf());
    expect(late.json<TReviewReport>()).toMatchObject({ number: 5, issuedOn: "2026-12-31" });
    await now("2027-01-01T00:00");
    const first = await issue(chief, await draftOf());
    expect(first.json<TReviewReport>()).toMatchObject({
      number: 1,
      numberText: "Số: 01/BC-CAX",
      issuedOn: "2027-01-01",
    });
    const docx = await readDocx(
      (await file(chief, first.json<TReviewReport>().id, "report.docx")).rawPayload,
    );
    expect(findParagraph(docx, /, ngày 01 tháng 01 năm 2027$/)).toBeDefined();
  });

  it("the database rejects a duplicate number for the same agency, type and year", async () => {
    const row = {
      communeId: n.communeId,
      agency: `${n.communeId}:CAX`,
      docType: "BC",
      year: 2027,
      number: 1,
      symbol: "BC-CAX",
      title: "x",
      createdAt: clock.now(),
    };
    await expect(
      ctx.deps.db.insert(documentNumbers).values({ id: ctx.deps.ids.uuid(), ...row }),
    ).rejects.toThrow();
  });
});

describe("roles and tenants", () => {
  let draftId: string;
  let issuedId: string;
  beforeAll(async () => {
    await setNow("2026-03-10T09:00");
    draftId = (await create(s.chief, t.communeId)).json<TReviewReport>().id;
    issuedId = (await create(s.chief, t.communeId)).json<TReviewReport>().id;
    expect((await issue(s.chief, issuedId)).statusCode).toBe(200);
  });

  it("create: chief and deputies 201; province, leaders, group deputy, member 403; anonymous 401; other commune 404", async () => {
    const expected: Record<string, number> = {
      province: 403,
      leader: 403,
      leader2: 403,
      groupDeputy: 403,
      member: 403,
      otherChief: 404,
      otherProvince: 404,
    };
    for (const [who, status] of Object.entries(expected)) {
      expect((await create(s[who], t.communeId)).statusCode, who).toBe(status);
    }
    expect((await create(undefined, t.communeId)).statusCode).toBe(401);
    expect((await create(s.chief, t.communeId, { from: "2026-02-01", to: "2026-01-01" })).statusCode).toBe(
      400,
    );
    expect((await create(s.chief, t.communeId, { from: "2020-01-01", to: "2026-01-01" })).statusCode).toBe(
      400,
    );
  });

  it("read: management reads drafts; the province reads issued reports only; the rest 403/404", async () => {
    const cases: [string, string, number][] = [
      ["chief", draftId, 200],
      ["deputy", draftId, 200],
      ["province", draftId, 403],
      ["province", issuedId, 200],
      ["leader", issuedId, 403],
      ["groupDeputy", issuedId, 403],
      ["member", draftId, 403],
      ["otherChief", issuedId, 404],
      ["otherProvince", issuedId, 404],
    ];
    for (const [who, id, status] of cases) {
      expect((await get(s[who], id)).statusCode, `${who} ${id === draftId ? "draft" : "issued"}`).toBe(
        status,
      );
    }
    expect((await get(undefined, issuedId)).statusCode).toBe(401);
    expect((await get(s.chief, ctx.deps.ids.uuid())).statusCode).toBe(404);
    // The files follow the same rule.
    expect((await file(s.province, draftId, "report.pdf")).statusCode).toBe(403);
    expect((await file(s.leader, issuedId, "tables.xlsx")).statusCode).toBe(403);
    expect((await file(s.otherChief, issuedId, "dossier.zip")).statusCode).toBe(404);
    expect((await file(undefined, issuedId, "report.docx")).statusCode).toBe(401);
    const provinceDocx = await file(s.province, issuedId, "report.docx");
    expect(provinceDocx.statusCode).toBe(200);
    expect(leaks((await readDocx(provinceDocx.rawPayload)).allText)).toEqual([]);
  });

  it("the list: management sees drafts too, the province the issued ones only", async () => {
    const ids = async (who: string) =>
      (await call(ctx.app, s[who], { method: "GET", url: `/api/communes/${t.communeId}/review-reports` }))
        .json<TReviewReportList>()
        .items.map((i) => i.id);
    expect(await ids("chief")).toEqual(expect.arrayContaining([draftId, issuedId]));
    const province = await ids("province");
    expect(province).toContain(issuedId);
    expect(province).not.toContain(draftId);
    expect(
      (await call(ctx.app, s.leader, { method: "GET", url: `/api/communes/${t.communeId}/review-reports` }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(ctx.app, s.otherChief, {
          method: "GET",
          url: `/api/communes/${t.communeId}/review-reports`,
        })
      ).statusCode,
    ).toBe(404);
  });

  it("edit and issue: management only; others 403, other commune 404", async () => {
    for (const [who, status] of [
      ["province", 403],
      ["leader", 403],
      ["member", 403],
      ["otherChief", 404],
    ] as const) {
      expect((await patch(s[who], draftId, { narrative: { lessons: "x" } })).statusCode, who).toBe(status);
      expect((await issue(s[who], draftId)).statusCode, who).toBe(status);
    }
    expect((await patch(undefined, draftId, { narrative: { lessons: "x" } })).statusCode).toBe(401);
  });
});
