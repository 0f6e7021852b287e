import { describe, expect, it } from "vitest";
import { AppError } from "../../core/errors";
import {
  deadlineRules,
  type Extension,
  type ExtensionRejection,
  type ResolutionInput,
  resolutionDeadline,
  type Suspension,
  toVnIso,
  validateExtension,
  vnCalendar,
} from "./deadlines";

// Requirements 5, 6 and 8 of domain-vn (CPC arts. 134, 147–149; Luật Tố cáo 2018).
const cal = vnCalendar();
const rules = deadlineRules();
const at = (s: string) => new Date(s);
const vn = (d: { legal: Date; internal: Date } | null) => d && [toVnIso(d.legal), toVnIso(d.internal)];

const tip = (
  receivedAt: string,
  extensions: Extension[] = [],
  suspensions: Suspension[] = [],
): ResolutionInput => ({
  kind: "TO_GIAC",
  receivedAt: at(receivedAt),
  extensions,
  suspensions,
});
const cqdt = (decidedAt: string, totalMonths: number, reason = "Nhiều tình tiết phức tạp"): Extension => ({
  authority: "INVESTIGATION_BODY",
  decidedAt: at(decidedAt),
  reason,
  totalMonths,
});
const vks = (decidedAt: string, months: number, days?: number): Extension => ({
  authority: "PROCURACY",
  decidedAt: at(decidedAt),
  reason: "Chưa thể kết thúc xác minh",
  months,
  ...(days === undefined ? {} : { days }),
});
const toCao = (decidedAt: string, days: number): Extension => ({
  authority: "DENUNCIATION_RESOLVER",
  decidedAt: at(decidedAt),
  reason: "Vụ việc phức tạp",
  days,
});
const docs = (suspendedAt: string, resumedAt?: string): Suspension => ({
  ground: "DOCUMENTS_PENDING",
  suspendedAt: at(suspendedAt),
  ...(resumedAt ? { resumedAt: at(resumedAt) } : {}),
});

describe("art. 147 month limits with the day-off rule", () => {
  it("+2 months from 31/12/2025 → Saturday 28/02/2026 → legal Monday 02/03/2026, internal 28/02", () => {
    const d = resolutionDeadline(
      tip("2025-12-31T10:00:00+07:00", [cqdt("2026-01-10T09:00:00+07:00", 2)]),
      rules,
      cal,
    );
    expect(vn(d)).toEqual(["2026-03-03T00:00:00+07:00", "2026-03-01T00:00:00+07:00"]);
    expect(d?.basis).toContain("Điều 134");
    expect(d?.basis).toContain("kéo dài thời hạn đến 2 tháng");
  });

  it.each([
    [
      "2025-12-17",
      [2],
      "2026-02-24T00:00:00+07:00",
      "2026-02-18T00:00:00+07:00",
      "17/2/2026 is Tết → Mon 23/2",
    ],
    [
      "2024-11-28",
      [2],
      "2025-02-04T00:00:00+07:00",
      "2025-01-29T00:00:00+07:00",
      "28/1/2025 is Tết → Mon 3/2",
    ],
    [
      "2025-06-30",
      [2],
      "2025-09-04T00:00:00+07:00",
      "2025-08-31T00:00:00+07:00",
      "Sat 30/8 → Sun → 1/9 → 2/9 → Wed",
    ],
    [
      "2026-02-25",
      [2],
      "2026-04-29T00:00:00+07:00",
      "2026-04-26T00:00:00+07:00",
      "Sat → Sun → Mon (Giỗ Tổ) → Tue",
    ],
    [
      "2025-12-30",
      [2, 2],
      "2026-05-05T00:00:00+07:00",
      "2026-05-01T00:00:00+07:00",
      "30/4, 1/5, Sat, Sun → Mon 4/5",
    ],
    ["2025-11-28", [2], "2026-01-29T00:00:00+07:00", "2026-01-29T00:00:00+07:00", "Wed 28/1/2026: no shift"],
  ])("received %s, +%j months → legal %s, internal %s (%s)", (received, months, legal, internal) => {
    const exts = [cqdt(`${received}T15:00:00+07:00`, months[0] ?? 0)];
    if (months[1] !== undefined) {
      exts.push(vks(`${received}T16:00:00+07:00`, months[1]));
    }
    expect(vn(resolutionDeadline(tip(`${received}T10:00:00+07:00`, exts), rules, cal))).toEqual([
      legal,
      internal,
    ]);
  });

  it("uses the commune's calendar: with the 2025 swap, 30/4/2025 moves to Monday 5/5", () => {
    const input = tip("2024-12-30T10:00:00+07:00", [
      cqdt("2025-01-05T10:00:00+07:00", 2),
      vks("2025-02-20T10:00:00+07:00", 2),
    ]);
    expect(vn(resolutionDeadline(input, rules, cal))).toEqual([
      "2025-05-03T00:00:00+07:00",
      "2025-05-01T00:00:00+07:00",
    ]);
    const swapped = vnCalendar(["2025-05-02"], ["2025-04-26"]);
    expect(vn(resolutionDeadline(input, rules, swapped))?.[0]).toBe("2025-05-06T00:00:00+07:00");
  });
});

describe("validateExtension (art. 147)", () => {
  const received = "2025-12-31T10:00:00+07:00";
  const extended = [cqdt("2026-01-10T09:00:00+07:00", 2)];

  it("accepts a procuracy extension to exactly 4 months and returns the new deadline", () => {
    const r = validateExtension(tip(received, extended), vks("2026-02-20T10:00:00+07:00", 2), rules, cal);
    expect(r.ok).toBe(true);
    // 31/12/2025 + 4 months = Thu 30/4/2026 (holiday) → 1/5 → weekend → Mon 4/5.
    expect(r.ok && vn(r.deadline)).toEqual(["2026-05-05T00:00:00+07:00", "2026-05-01T00:00:00+07:00"]);
  });

  it("accepts an investigation-body extension to 1 month and a procuracy extension in days", () => {
    const one = validateExtension(tip(received), cqdt("2026-01-05T10:00:00+07:00", 1), rules, cal);
    expect(one.ok && vn(one.deadline)?.[1]).toBe("2026-02-01T00:00:00+07:00");
    const days = validateExtension(tip(received), vks("2026-01-05T10:00:00+07:00", 0, 15), rules, cal);
    // Base day 20 = 19/1/2026; + 15 days = 3/2/2026 (a day limit: no shift needed, Tuesday).
    expect(days.ok && vn(days.deadline)?.[0]).toBe("2026-02-04T00:00:00+07:00");
  });

  it.each<[string, ResolutionInput, Extension, ExtensionRejection, RegExp]>([
    [
      "a second procuracy extension",
      tip(received, [...extended, vks("2026-02-20T10:00:00+07:00", 1)]),
      vks("2026-03-20T10:00:00+07:00", 1),
      "SECOND_PROCURACY_EXTENSION",
      /một lần/,
    ],
    [
      "procuracy +3 months after 2 months (5 > 4)",
      tip(received, extended),
      vks("2026-02-20T10:00:00+07:00", 3),
      "BEYOND_CAP",
      /04 tháng/,
    ],
    [
      "investigation body to 5 months",
      tip(received),
      cqdt("2026-01-05T10:00:00+07:00", 5),
      "BEYOND_CAP",
      /04 tháng/,
    ],
    [
      "investigation body to 3 months",
      tip(received),
      cqdt("2026-01-05T10:00:00+07:00", 3),
      "INVALID_LENGTH",
      /02 tháng/,
    ],
    [
      "procuracy more than 2 months on the 20-day limit",
      tip(received),
      vks("2026-01-05T10:00:00+07:00", 2, 10),
      "INVALID_LENGTH",
      /không quá 02 tháng/,
    ],
    [
      "a zero-length extension",
      tip(received),
      vks("2026-01-05T10:00:00+07:00", 0, 0),
      "INVALID_LENGTH",
      /nguyên/,
    ],
    ["a fractional month", tip(received), cqdt("2026-01-05T10:00:00+07:00", 1.5), "INVALID_LENGTH", /nguyên/],
    ["no reason", tip(received), cqdt("2026-01-05T10:00:00+07:00", 2, "  "), "REASON_REQUIRED", /lý do/],
    [
      "decided after the 20 days ran out",
      tip(received),
      cqdt("2026-01-20T08:00:00+07:00", 2),
      "EXPIRED",
      /24 giờ ngày 19\/01\/2026/,
    ],
    ["decided before receipt", tip(received), cqdt("2025-12-30T08:00:00+07:00", 2), "BEFORE_START", /trước/],
    [
      "investigation body after the procuracy",
      tip(received, [vks("2026-01-05T10:00:00+07:00", 1)]),
      cqdt("2026-01-10T10:00:00+07:00", 2),
      "AFTER_PROCURACY",
      /Viện kiểm sát đã gia hạn/,
    ],
    [
      "after a suspension and resumption (art. 149)",
      tip(received, [], [docs("2026-01-19T09:00:00+07:00", "2026-01-25T09:00:00+07:00")]),
      cqdt("2026-02-01T10:00:00+07:00", 2),
      "SUSPENDED",
      /Điều 149/,
    ],
    [
      "a procuracy extension on a khiếu nại",
      { kind: "KHIEU_NAI", receivedAt: at(received), acceptedAt: at(received) },
      vks("2026-01-05T10:00:00+07:00", 1),
      "NOT_EXTENDABLE",
      /không được gia hạn/,
    ],
    [
      "an extension on kind OTHER",
      { kind: "OTHER", receivedAt: at(received) },
      cqdt("2026-01-05T10:00:00+07:00", 1),
      "NOT_EXTENDABLE",
      /không được gia hạn/,
    ],
  ])("rejects %s", (_, input, next, code, reason) => {
    const r = validateExtension(input, next, rules, cal);
    expect(r).toMatchObject({ ok: false, code });
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it("resolutionDeadline refuses a record that already breaks the rules", () => {
    const input = tip(received, [
      ...extended,
      vks("2026-02-20T10:00:00+07:00", 1),
      vks("2026-03-20T10:00:00+07:00", 1),
    ]);
    expect(() => resolutionDeadline(input, rules, cal)).toThrow(AppError);
    expect(() => resolutionDeadline(input, rules, cal)).toThrow(/một lần/);
  });
});

describe("suspension and resumption of a tip (arts. 148–149)", () => {
  const received = "2025-09-29T10:00:00+07:00";

  it("has no running deadline while suspended", () => {
    expect(resolutionDeadline(tip(received, [], [docs("2025-10-19T08:00:00+07:00")]), rules, cal)).toBeNull();
  });

  it.each([
    [
      [docs("2025-10-19T08:00:00+07:00", "2025-11-10T09:00:00+07:00")],
      "2025-12-11T00:00:00+07:00",
      "2025-12-11T00:00:00+07:00",
    ],
    // Suspended 10 days in the middle: the remaining days are replaced by art. 149's month (15/11 is a Saturday).
    [
      [docs("2025-10-05T10:00:00+07:00", "2025-10-15T10:00:00+07:00")],
      "2025-11-18T00:00:00+07:00",
      "2025-11-16T00:00:00+07:00",
    ],
    [
      [
        docs("2025-10-19T08:00:00+07:00", "2025-11-10T09:00:00+07:00"),
        docs("2025-12-11T08:00:00+07:00", "2025-12-20T09:00:00+07:00"),
      ],
      "2026-01-21T00:00:00+07:00",
      "2026-01-21T00:00:00+07:00",
    ],
  ])(
    "after resumption the deadline is 1 month from the last resumption decision (%#)",
    (suspensions, legal, internal) => {
      const d = resolutionDeadline(tip(received, [], suspensions), rules, cal);
      expect(vn(d)).toEqual([legal, internal]);
      expect(d?.basis).toContain("Điều 149");
    },
  );

  it.each<[string, Suspension[], RegExp]>([
    ["a missing ground", [{ suspendedAt: at("2025-10-19T08:00:00+07:00") }], /Điều 148/],
    [
      "resumption before suspension",
      [docs("2025-10-19T08:00:00+07:00", "2025-10-18T08:00:00+07:00")],
      /sau ngày tạm đình chỉ/,
    ],
    [
      "a suspension before receipt",
      [docs("2025-09-28T08:00:00+07:00", "2025-10-01T08:00:00+07:00")],
      /trước ngày tiếp nhận/,
    ],
    [
      "overlapping suspensions",
      [docs("2025-10-19T08:00:00+07:00", "2025-11-10T09:00:00+07:00"), docs("2025-11-01T08:00:00+07:00")],
      /chồng lên nhau/,
    ],
  ])("rejects %s", (_, suspensions, message) => {
    expect(() => resolutionDeadline(tip(received, [], suspensions), rules, cal)).toThrow(message);
  });
});

describe("suspended time does not count (tố cáo, khiếu nại)", () => {
  const denunciation = (extra: Partial<ResolutionInput> = {}): ResolutionInput => ({
    kind: "TO_CAO",
    receivedAt: at("2025-10-01T10:00:00+07:00"),
    acceptedAt: at("2025-10-06T10:00:00+07:00"),
    ...extra,
  });
  const tenDays = [docs("2025-10-14T09:00:00+07:00", "2025-10-24T15:00:00+07:00")];

  it.each<[string, Partial<ResolutionInput>, string | null]>([
    ["no suspension: 30 days from 6/10 → 24:00 4/11", {}, "2025-11-05T00:00:00+07:00"],
    ["suspended 10 days in the middle → 24:00 14/11", { suspensions: tenDays }, "2025-11-15T00:00:00+07:00"],
    ["still suspended → no running deadline", { suspensions: [docs("2025-10-14T09:00:00+07:00")] }, null],
    [
      "suspended after the deadline → still overdue",
      { suspensions: [docs("2025-11-10T09:00:00+07:00", "2025-11-20T09:00:00+07:00")] },
      "2025-11-05T00:00:00+07:00",
    ],
    [
      "suspended (open) after the deadline → still overdue",
      { suspensions: [docs("2025-11-10T09:00:00+07:00")] },
      "2025-11-05T00:00:00+07:00",
    ],
    ["khiếu nại suspended 10 days", { kind: "KHIEU_NAI", suspensions: tenDays }, "2025-11-15T00:00:00+07:00"],
  ])("%s", (_, extra, legal) => {
    const d = resolutionDeadline(denunciation(extra), rules, cal);
    expect(d && toVnIso(d.legal)).toBe(legal);
    if (extra.suspensions === tenDays) {
      expect(d?.basis).toContain("Cộng 10 ngày tạm đình chỉ");
    }
  });

  it("a suspension pushes the deadline an extension is checked against", () => {
    const late = toCao("2025-11-10T10:00:00+07:00", 30);
    const complex = denunciation({ complexity: "COMPLEX" });
    expect(validateExtension(complex, late, rules, cal)).toMatchObject({ ok: false, code: "EXPIRED" });
    const r = validateExtension({ ...complex, suspensions: tenDays }, late, rules, cal);
    expect(r.ok && vn(r.deadline)?.[0]).toBe("2025-12-15T00:00:00+07:00");
    const during = validateExtension(
      { ...complex, suspensions: tenDays },
      toCao("2025-10-20T10:00:00+07:00", 30),
      rules,
      cal,
    );
    expect(during).toMatchObject({ ok: false, code: "SUSPENDED" });
  });
});

describe("tố cáo extensions (Luật Tố cáo 2018)", () => {
  const accepted = (
    complexity: ResolutionInput["complexity"],
    extensions: Extension[] = [],
  ): ResolutionInput => ({
    kind: "TO_CAO",
    receivedAt: at("2025-10-01T10:00:00+07:00"),
    acceptedAt: at("2025-10-06T10:00:00+07:00"),
    complexity,
    extensions,
  });
  const first = toCao("2025-10-30T10:00:00+07:00", 30);
  const second = toCao("2025-11-30T10:00:00+07:00", 30);

  it.each<[string, ResolutionInput, string]>([
    ["complex, once +30 → 24:00 4/12", accepted("COMPLEX", [first]), "2025-12-05T00:00:00+07:00"],
    [
      "very complex, twice +30 → 24:00 3/1/2026 (90 days)",
      accepted("VERY_COMPLEX", [first, second]),
      "2026-01-04T00:00:00+07:00",
    ],
    [
      "complex, once +10",
      accepted("COMPLEX", [toCao("2025-10-30T10:00:00+07:00", 10)]),
      "2025-11-15T00:00:00+07:00",
    ],
  ])("%s", (_, input, legal) => {
    expect(toVnIso(resolutionDeadline(input, rules, cal)?.legal ?? new Date(0))).toBe(legal);
  });

  it.each<[string, ResolutionInput, Extension, ExtensionRejection]>([
    ["an ordinary case", accepted("NORMAL"), first, "NOT_COMPLEX"],
    ["no complexity recorded", accepted(undefined), first, "NOT_COMPLEX"],
    ["a second extension of a complex case", accepted("COMPLEX", [first]), second, "TOO_MANY"],
    [
      "a third extension of a very complex case",
      accepted("VERY_COMPLEX", [first, second]),
      toCao("2025-12-20T10:00:00+07:00", 5),
      "TOO_MANY",
    ],
    ["more than 30 days", accepted("COMPLEX"), toCao("2025-10-30T10:00:00+07:00", 31), "INVALID_LENGTH"],
    ["before acceptance", { ...accepted("COMPLEX"), acceptedAt: undefined }, first, "NOT_ACCEPTED"],
    ["a procuracy extension", accepted("COMPLEX"), vks("2025-10-30T10:00:00+07:00", 1), "NOT_EXTENDABLE"],
    [
      "a tố cáo extension on a tip",
      tip("2025-10-01T10:00:00+07:00"),
      toCao("2025-10-05T10:00:00+07:00", 10),
      "NOT_EXTENDABLE",
    ],
  ])("rejects %s", (_, input, next, code) => {
    expect(validateExtension(input, next, rules, cal)).toMatchObject({ ok: false, code });
  });
});
