import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../../core/errors";
import {
  acceptanceDeadline,
  acknowledgementDeadline,
  DEFAULT_DEADLINE_RULES,
  type Deadline,
  type DeadlineRules,
  deadlineRules,
  dueStatus,
  forwardingDeadline,
  lastDayOf,
  type ReportKind,
  type ResolutionInput,
  reportDeadlines,
  resolutionDeadline,
  resumptionTasks,
  suspensionTasks,
  type TSuspensionGround,
  toVnIso,
  vnCalendar,
} from "./deadlines";

// Fixtures from domain-vn requirements 2–9. Every expectation is an ISO string with +07:00.
const cal = vnCalendar();
const rules = deadlineRules();
const at = (s: string) => new Date(s);
const legal = (d: Deadline | null) => d && toVnIso(d.legal);
const pair = (d: Deadline | null) => d && [toVnIso(d.legal), toVnIso(d.internal)];
const resolve = (input: ResolutionInput, r: DeadlineRules = rules) => resolutionDeadline(input, r, cal);

/** The requirement fixtures, re-run under several process time zones below. */
const FIXTURES: [string, () => unknown, unknown][] = [
  [
    "req. 3: received 29/9/2025 10:00 → forward by 30/9 10:00",
    () => legal(forwardingDeadline("TO_GIAC", at("2025-09-29T10:00:00+07:00"), rules)),
    "2025-09-30T10:00:00+07:00",
  ],
  [
    "req. 5: received 29/9/2025 → day 20 ends 24:00 18/10/2025",
    () => pair(resolve({ kind: "TIN_BAO", receivedAt: at("2025-09-29T10:00:00+07:00") })),
    ["2025-10-19T00:00:00+07:00", "2025-10-19T00:00:00+07:00"],
  ],
  [
    "req. 5: received 00:30 on 30/9 (still 29/9 in UTC) counts from 30/9",
    () => legal(resolve({ kind: "TO_GIAC", receivedAt: at("2025-09-30T00:30:00+07:00") })),
    "2025-10-20T00:00:00+07:00",
  ],
  [
    "req. 5: +2 months from 31/12/2025 → legal Mon 2/3/2026, internal Sat 28/2/2026",
    () =>
      pair(
        resolve({
          kind: "TO_GIAC",
          receivedAt: at("2025-12-31T10:00:00+07:00"),
          extensions: [
            {
              authority: "INVESTIGATION_BODY",
              decidedAt: at("2026-01-10T09:00:00+07:00"),
              reason: "Phức tạp",
              totalMonths: 2,
            },
          ],
        }),
      ),
    ["2026-03-03T00:00:00+07:00", "2026-03-01T00:00:00+07:00"],
  ],
  [
    "req. 9: 10 working days from Tue 29/4/2025 skip 30/4, 1/5 and weekends → 14/5",
    () => legal(resolve({ kind: "PHAN_ANH_KIEN_NGHI", receivedAt: at("2025-04-29T10:00:00+07:00") })),
    "2025-05-15T00:00:00+07:00",
  ],
];

describe("requirement fixtures", () => {
  it.each(FIXTURES)("%s", (_, compute, expected) => {
    expect(compute()).toEqual(expected);
  });
});

describe.each(["America/New_York", "UTC", "Pacific/Kiritimati"])("process time zone %s", (zone) => {
  beforeAll(() => {
    vi.stubEnv("TZ", zone);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("really runs in that zone", () => {
    const offsets: Record<string, number> = { "America/New_York": 300, UTC: 0, "Pacific/Kiritimati": -840 };
    expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(offsets[zone]);
  });

  it.each(FIXTURES)("gives the same answer: %s", (_, compute, expected) => {
    expect(compute()).toEqual(expected);
  });
});

describe("forwardingDeadline (req. 3)", () => {
  const received = at("2025-09-29T10:00:00+07:00");
  it.each<[ReportKind, boolean, string | null]>([
    ["TO_GIAC", false, "2025-09-30T10:00:00+07:00"],
    ["TIN_BAO", false, "2025-09-30T10:00:00+07:00"],
    ["TIN_BAO_NAC_DANH", false, "2025-09-30T10:00:00+07:00"],
    ["TO_GIAC", true, "2025-10-01T10:00:00+07:00"],
    ["TIN_BAO_NAC_DANH", true, "2025-10-01T10:00:00+07:00"],
    ["PHAN_ANH_KIEN_NGHI", false, null],
    ["KHIEU_NAI", false, null],
    ["TO_CAO", false, null],
    ["OTHER", true, null],
  ])("%s (remote %s) → %s", (kind, remote, expected) => {
    const d = forwardingDeadline(kind, received, deadlineRules({ remote }));
    expect(legal(d)).toBe(expected);
    expect(d && toVnIso(d.internal)).toBe(expected);
  });

  it("explains the basis in Vietnamese", () => {
    expect(forwardingDeadline("TO_GIAC", received, rules)?.basis).toBe(
      "Chuyển tin trong 24 giờ (TTLT 01/2017).",
    );
    expect(forwardingDeadline("TO_GIAC", received, deadlineRules({ remote: true }))?.basis).toMatch(
      /48 giờ.*hải đảo/,
    );
  });
});

describe("tip resolution base limit (req. 5, art. 134)", () => {
  const received = { kind: "TO_GIAC", receivedAt: at("2025-09-29T10:00:00+07:00") } as const;
  it.each<[string, Partial<DeadlineRules>, [string, string]]>([
    ["receipt day is day 1 (default)", {}, ["2025-10-19T00:00:00+07:00", "2025-10-19T00:00:00+07:00"]],
    [
      "receipt day not counted",
      { receiptDayCounts: false },
      ["2025-10-20T00:00:00+07:00", "2025-10-20T00:00:00+07:00"],
    ],
    // 18/10/2025 is a Saturday: with the option the legal end moves to Monday 20/10.
    [
      "day-off rule applied to day limits",
      { dayOffShiftsDayLimits: true },
      ["2025-10-21T00:00:00+07:00", "2025-10-19T00:00:00+07:00"],
    ],
  ])("%s", (_, overrides, expected) => {
    const d = resolve(received, deadlineRules(overrides));
    expect(pair(d)).toEqual(expected);
    expect(d?.basis).toContain("20 ngày");
  });

  it("the day shown is the last day, 18/10, not 19/10", () => {
    const d = resolve(received);
    expect(d && lastDayOf(d.legal)).toBe("2025-10-18");
  });
});

describe("khiếu nại (req. 7)", () => {
  const received = at("2025-09-29T10:00:00+07:00");
  const complaint = (complexity?: ResolutionInput["complexity"]): ResolutionInput => ({
    kind: "KHIEU_NAI",
    receivedAt: received,
    acceptedAt: at("2025-10-06T14:00:00+07:00"),
    ...(complexity ? { complexity } : {}),
  });

  it("acceptance is due 10 days after receipt, remote or not", () => {
    expect(legal(acceptanceDeadline("KHIEU_NAI", received, rules, cal))).toBe("2025-10-09T00:00:00+07:00");
    expect(legal(acceptanceDeadline("KHIEU_NAI", received, deadlineRules({ remote: true }), cal))).toBe(
      "2025-10-09T00:00:00+07:00",
    );
    expect(acceptanceDeadline("TO_CAO", received, rules, cal)).toBeNull();
  });

  it.each<[string, ResolutionInput["complexity"], boolean, string, string]>([
    ["ordinary: 30 days from 6/10 → 4/11", undefined, false, "2025-11-05T00:00:00+07:00", "30 ngày"],
    ["complex: 45 days → 19/11", "COMPLEX", false, "2025-11-20T00:00:00+07:00", "45 ngày"],
    ["very complex counts as complex", "VERY_COMPLEX", false, "2025-11-20T00:00:00+07:00", "45 ngày"],
    ["remote: 45 days → 19/11", "NORMAL", true, "2025-11-20T00:00:00+07:00", "vùng sâu"],
    ["remote and complex: 60 days → 4/12", "COMPLEX", true, "2025-12-05T00:00:00+07:00", "60 ngày"],
  ])("%s", (_, complexity, remote, expected, basis) => {
    const d = resolve(complaint(complexity), deadlineRules({ remote }));
    expect(pair(d)).toEqual([expected, expected]);
    expect(d?.basis).toContain(basis);
  });

  it("has no resolution deadline before acceptance, and rejects acceptance before receipt", () => {
    expect(resolve({ kind: "KHIEU_NAI", receivedAt: received })).toBeNull();
    expect(() => resolve({ ...complaint(), acceptedAt: at("2025-09-28T10:00:00+07:00") })).toThrow(AppError);
  });
});

describe("tố cáo (req. 8)", () => {
  it("is due 30 days after acceptance; none before acceptance", () => {
    const input: ResolutionInput = {
      kind: "TO_CAO",
      receivedAt: at("2025-10-01T10:00:00+07:00"),
      acceptedAt: at("2025-10-06T10:00:00+07:00"),
    };
    expect(legal(resolve(input))).toBe("2025-11-05T00:00:00+07:00");
    expect(resolve({ kind: "TO_CAO", receivedAt: input.receivedAt })).toBeNull();
  });
});

describe("phản ánh, kiến nghị (req. 9)", () => {
  it.each<[string, string, Partial<DeadlineRules>, string, string]>([
    [
      "Tue 29/4/2025",
      "2025-04-29T10:00:00+07:00",
      {},
      "2025-04-30T00:00:00+07:00",
      "2025-05-15T00:00:00+07:00",
    ],
    [
      "Sat 26/4/2025",
      "2025-04-26T10:00:00+07:00",
      {},
      "2025-04-29T00:00:00+07:00",
      "2025-05-14T00:00:00+07:00",
    ],
    [
      "Fri 13/2/2026, before Tết",
      "2026-02-13T09:00:00+07:00",
      {},
      "2026-02-14T00:00:00+07:00",
      "2026-03-06T00:00:00+07:00",
    ],
    [
      "Tue 29/4/2025, receipt day not counted",
      "2025-04-29T10:00:00+07:00",
      { receiptDayCounts: false },
      "2025-05-03T00:00:00+07:00",
      "2025-05-16T00:00:00+07:00",
    ],
    [
      "Tue 29/4/2025, 2 and 15 working days configured",
      "2025-04-29T10:00:00+07:00",
      { phanAnhAckWorkingDays: 2, phanAnhWorkingDays: 15 },
      "2025-05-03T00:00:00+07:00",
      "2025-05-22T00:00:00+07:00",
    ],
  ])("received %s → acknowledge by %s… (%#)", (_, received, overrides, ack, answer) => {
    const r = deadlineRules(overrides);
    expect(pair(acknowledgementDeadline("PHAN_ANH_KIEN_NGHI", at(received), r, cal))).toEqual([ack, ack]);
    expect(pair(resolve({ kind: "PHAN_ANH_KIEN_NGHI", receivedAt: at(received) }, r))).toEqual([
      answer,
      answer,
    ]);
  });

  it("is the only kind with an acknowledgement deadline", () => {
    expect(acknowledgementDeadline("TO_GIAC", at("2025-04-29T10:00:00+07:00"), rules, cal)).toBeNull();
  });
});

describe("reportDeadlines", () => {
  const receivedAt = at("2025-09-29T10:00:00+07:00");
  const acceptedAt = at("2025-10-02T10:00:00+07:00");
  it.each<[string, ResolutionInput, string[]]>([
    ["tố giác", { kind: "TO_GIAC", receivedAt }, ["FORWARDING", "RESOLUTION"]],
    ["anonymous tin báo", { kind: "TIN_BAO_NAC_DANH", receivedAt }, ["FORWARDING", "RESOLUTION"]],
    ["khiếu nại not accepted", { kind: "KHIEU_NAI", receivedAt }, ["ACCEPTANCE"]],
    ["khiếu nại accepted", { kind: "KHIEU_NAI", receivedAt, acceptedAt }, ["ACCEPTANCE", "RESOLUTION"]],
    ["tố cáo not accepted", { kind: "TO_CAO", receivedAt }, []],
    ["tố cáo accepted", { kind: "TO_CAO", receivedAt, acceptedAt }, ["RESOLUTION"]],
    ["phản ánh", { kind: "PHAN_ANH_KIEN_NGHI", receivedAt }, ["ACKNOWLEDGEMENT", "RESOLUTION"]],
    ["other", { kind: "OTHER", receivedAt }, []],
  ])("%s → %j", (_, input, codes) => {
    expect(reportDeadlines(input, rules, cal).map((d) => d.code)).toEqual(codes);
  });
});

describe("suspension and resumption tasks (req. 6, 8)", () => {
  const suspendedAt = at("2025-10-19T08:00:00+07:00");
  const ground: TSuspensionGround = "EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING";
  const tasks = (kind: ReportKind, when = suspendedAt, r = rules) =>
    suspensionTasks(kind, { suspendedAt: when, ground }, r, cal).map((t) => [
      t.code,
      t.title,
      toVnIso(t.due),
    ]);

  it("a tip's suspension: send to VKS and notify the informant within 24 h", () => {
    expect(tasks("TO_GIAC")).toEqual([
      ["SEND_SUSPENSION_TO_PROCURACY", "Gửi VKS quyết định tạm đình chỉ", "2025-10-20T08:00:00+07:00"],
      [
        "NOTIFY_INFORMANT_OF_SUSPENSION",
        "Thông báo người báo tin về quyết định tạm đình chỉ",
        "2025-10-20T08:00:00+07:00",
      ],
    ]);
    expect(tasks("TIN_BAO_NAC_DANH").map(([code]) => code)).toEqual(["SEND_SUSPENSION_TO_PROCURACY"]);
  });

  it.each<[string, Date, Partial<DeadlineRules>, string]>([
    [
      "Fri 17/10/2025: 5 working days → Thu 23/10",
      at("2025-10-17T10:00:00+07:00"),
      {},
      "2025-10-24T00:00:00+07:00",
    ],
    [
      "the same, decision day not counted → Fri 24/10",
      at("2025-10-17T10:00:00+07:00"),
      { receiptDayCounts: false },
      "2025-10-25T00:00:00+07:00",
    ],
    [
      "Mon 28/4/2025, across 30/4–1/5 → Tue 6/5",
      at("2025-04-28T10:00:00+07:00"),
      {},
      "2025-05-07T00:00:00+07:00",
    ],
  ])("a tố cáo suspension notice is due within 5 working days: %s", (_, when, overrides, due) => {
    expect(tasks("TO_CAO", when, deadlineRules(overrides))).toEqual([
      ["SEND_DENUNCIATION_SUSPENSION", "Gửi quyết định tạm đình chỉ giải quyết tố cáo", due],
    ]);
  });

  it("requires one of the three art. 148 grounds for a tip; other kinds have no tasks", () => {
    expect(() => suspensionTasks("TIN_BAO", { suspendedAt }, rules, cal)).toThrow(/Điều 148/);
    const bogus = { suspendedAt, ground: "BOGUS" as TSuspensionGround };
    expect(() => suspensionTasks("TIN_BAO", bogus, rules, cal)).toThrow(AppError);
    expect(tasks("KHIEU_NAI")).toEqual([]);
    expect(tasks("OTHER")).toEqual([]);
  });

  it("resumption: the decision goes out within 3 days", () => {
    const resumedAt = at("2025-11-10T09:00:00+07:00");
    const out = (kind: ReportKind) =>
      resumptionTasks(kind, resumedAt, rules, cal).map((t) => [t.title, toVnIso(t.due)]);
    expect(out("TO_GIAC")).toEqual([
      ["Gửi quyết định phục hồi cho VKS và người báo tin", "2025-11-13T00:00:00+07:00"],
    ]);
    expect(out("TIN_BAO_NAC_DANH")).toEqual([
      ["Gửi quyết định phục hồi cho VKS", "2025-11-13T00:00:00+07:00"],
    ]);
    expect(out("TO_CAO")).toEqual([]);
  });
});

describe("dueStatus", () => {
  // Legal Mon 2/3/2026 24:00, internal Sat 28/2/2026 24:00; warn 2 days ahead.
  const deadline = { legal: at("2026-03-03T00:00:00+07:00"), internal: at("2026-03-01T00:00:00+07:00") };
  const twoDays = 2 * 86_400_000;
  it.each([
    ["2026-02-26T23:59:59+07:00", "ok"],
    ["2026-02-27T00:00:00+07:00", "due_soon"],
    ["2026-03-01T12:00:00+07:00", "due_soon"],
    ["2026-03-02T23:59:59+07:00", "due_soon"],
    ["2026-03-03T00:00:00+07:00", "overdue"],
    ["2026-04-01T00:00:00+07:00", "overdue"],
  ])("at %s → %s", (now, status) => {
    expect(dueStatus(deadline, at(now), twoDays)).toBe(status);
  });

  it("an hour limit with no warning window", () => {
    const fwd = { legal: at("2025-09-30T10:00:00+07:00"), internal: at("2025-09-30T10:00:00+07:00") };
    expect(dueStatus(fwd, at("2025-09-30T09:59:59+07:00"), 0)).toBe("ok");
    expect(dueStatus(fwd, at("2025-09-30T10:00:00+07:00"), 0)).toBe("overdue");
  });
});

describe("deadlineRules", () => {
  it("defaults: receipt day counts, not remote, day limits not shifted, 10 and 1 working days", () => {
    expect(deadlineRules()).toEqual({
      receiptDayCounts: true,
      remote: false,
      dayOffShiftsDayLimits: false,
      phanAnhWorkingDays: 10,
      phanAnhAckWorkingDays: 1,
    });
    expect(Object.isFrozen(DEFAULT_DEADLINE_RULES)).toBe(true);
    expect(deadlineRules({ receiptDayCounts: undefined, remote: true })).toMatchObject({
      receiptDayCounts: true,
      remote: true,
    });
  });

  it.each([{ phanAnhWorkingDays: 0 }, { phanAnhAckWorkingDays: 1.5 }, { phanAnhWorkingDays: -3 }])(
    "rejects %j",
    (overrides) => {
      expect(() => deadlineRules(overrides)).toThrow(RangeError);
    },
  );
});
