import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  CASE_EVENT_TYPES,
  CASE_STATES,
  type CaseEvent,
  type CaseEventType,
  type CaseSnapshot,
  type CaseState,
  OPEN_STATES,
  OUTCOME_CODES,
  type Outcome,
  SUSPENSION_GROUNDS,
  transition,
} from "./case.workflow";

const OUTCOME: Outcome = {
  code: "XU_PHAT_HANH_CHINH",
  valuable: true,
  summary: "Xử phạt 2 đối tượng đánh bạc.",
};
const AT = "2025-10-10T03:00:00.000Z";
const NOTIFIED = { at: new Date(AT), channel: "zalo" };

/** A consistent snapshot in each state: a suspended case came from VERIFYING, late states have an outcome. */
const snap = (state: CaseState, over: Partial<CaseSnapshot> = {}): CaseSnapshot =>
  Object.freeze({
    state,
    suspendedFrom: state === "SUSPENDED" ? "VERIFYING" : null,
    anonymous: false,
    kind: "TIN_BAO",
    assigneeUserId: "officer-1",
    outcome: state === "OUTCOME_RECORDED" || state === "CLOSED" ? OUTCOME : null,
    ...over,
  });

/** A valid example of every event, so the table below tests the state rule alone. */
const EXAMPLE: { [T in CaseEventType]: Extract<CaseEvent, { type: T }> } = {
  ACKNOWLEDGE: { type: "ACKNOWLEDGE" },
  START_VERIFICATION: { type: "START_VERIFICATION" },
  FORWARD: { type: "FORWARD", agency: "CQĐT Công an tỉnh" },
  HANDLE_IN_COMMUNE: { type: "HANDLE_IN_COMMUNE", investigatorUserId: "investigator-1" },
  MARK_NOT_POLICE_MATTER: { type: "MARK_NOT_POLICE_MATTER", reason: "Tranh chấp dân sự." },
  SUSPEND: { type: "SUSPEND", ground: "DOCUMENTS_PENDING" },
  RESUME: { type: "RESUME" },
  RECORD_OUTCOME: { type: "RECORD_OUTCOME", outcome: OUTCOME },
  CLOSE: { type: "CLOSE", reporterNotified: NOTIFIED },
  MERGE_INTO: { type: "MERGE_INTO", targetCaseId: "case-2" },
  REASSIGN: { type: "REASSIGN", toUserId: "officer-2", reason: "Nghỉ phép." },
  CHANGE_KIND: { type: "CHANGE_KIND", to: "PHAN_ANH_KIEN_NGHI", reason: "Không phải tội phạm." },
};

const NO = "INVALID_TRANSITION";
const SAME = "SAME";
type Cell = CaseState | typeof NO | typeof SAME;

/**
 * The source of truth: for every (state × event) pair, the next state, SAME (accepted, state unchanged)
 * or NO (INVALID_TRANSITION). A state or event without its cells fails the completeness test below.
 * RESUME returns to where the case was suspended from: VERIFYING in the SUSPENDED fixture. The
 * terminal states CLOSED and MERGED refuse everything, reassignment and kind changes included.
 */
// biome-ignore format: every cell spelled out, read as a grid
const TABLE: Record<CaseState, Record<CaseEventType, Cell>> = {
  RECEIVED: { ACKNOWLEDGE: "ACKNOWLEDGED", START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: "MERGED", REASSIGN: SAME, CHANGE_KIND: SAME },
  ACKNOWLEDGED: { ACKNOWLEDGE: NO, START_VERIFICATION: "VERIFYING", FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: "MERGED", REASSIGN: SAME, CHANGE_KIND: SAME },
  VERIFYING: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: "FORWARDED", HANDLE_IN_COMMUNE: "HANDLED_IN_COMMUNE",
    MARK_NOT_POLICE_MATTER: "NOT_POLICE_MATTER", SUSPEND: "SUSPENDED", RESUME: NO, RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: "MERGED", REASSIGN: SAME, CHANGE_KIND: SAME },
  FORWARDED: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: "OUTCOME_RECORDED", CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: SAME, CHANGE_KIND: SAME },
  HANDLED_IN_COMMUNE: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: "SUSPENDED", RESUME: NO, RECORD_OUTCOME: "OUTCOME_RECORDED", CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: SAME, CHANGE_KIND: SAME },
  NOT_POLICE_MATTER: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: "OUTCOME_RECORDED", CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: SAME, CHANGE_KIND: SAME },
  SUSPENDED: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: "VERIFYING", RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: SAME, CHANGE_KIND: SAME },
  OUTCOME_RECORDED: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: NO, CLOSE: "CLOSED",
    MERGE_INTO: NO, REASSIGN: SAME, CHANGE_KIND: SAME },
  CLOSED: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: NO, CHANGE_KIND: NO },
  MERGED: { ACKNOWLEDGE: NO, START_VERIFICATION: NO, FORWARD: NO, HANDLE_IN_COMMUNE: NO,
    MARK_NOT_POLICE_MATTER: NO, SUSPEND: NO, RESUME: NO, RECORD_OUTCOME: NO, CLOSE: NO,
    MERGE_INTO: NO, REASSIGN: NO, CHANGE_KIND: NO },
};

const ok = (c: CaseSnapshot, e: CaseEvent) => {
  const r = transition(c, e);
  if (!r.ok) {
    throw new Error(`${e.type} from ${c.state}: ${r.message}`);
  }
  return r;
};
const fails = (c: CaseSnapshot, e: CaseEvent, code: string) => {
  const r = transition(c, e);
  expect(r).toMatchObject({ ok: false, code });
  expect(r.ok ? "" : r.message).toMatch(/\p{L}{2,}.*[.)]$/u);
  return r.ok ? "" : r.message;
};
/** Runs events from a start snapshot and returns the last snapshot with the audit actions. */
const run = (start: CaseSnapshot, events: CaseEvent[]) =>
  events.reduce(
    (acc, e) => {
      const r = ok(acc.last, e);
      return { last: r.next, actions: [...acc.actions, r.audit.action] };
    },
    { last: start, actions: [] as string[] },
  );

describe("transition table", () => {
  it("has a row for every state and a cell for every event", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...CASE_STATES].sort());
    for (const cells of Object.values(TABLE)) {
      expect(Object.keys(cells).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    }
    expect(Object.keys(EXAMPLE).sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  describe.each(CASE_STATES)("%s", (state) => {
    it.each(CASE_EVENT_TYPES)("%s", (type) => {
      const cell = TABLE[state][type];
      const r = transition(snap(state), EXAMPLE[type]);
      if (cell === NO) {
        expect(r).toMatchObject({ ok: false, code: NO });
      } else {
        const to = cell === SAME ? state : cell;
        expect(r).toMatchObject({ ok: true, next: { state: to }, audit: { from: state, to } });
      }
    });

    it("allowedEvents lists exactly the accepted events", () => {
      const accepted = CASE_EVENT_TYPES.filter((t) => TABLE[state][t] !== NO);
      expect(allowedEvents(snap(state))).toEqual(accepted);
    });
  });

  it("explains a refusal in Vietnamese, naming the action and the state", () => {
    expect(fails(snap("RECEIVED"), EXAMPLE.CLOSE, NO)).toBe(
      'Không thể đóng hồ sơ khi hồ sơ đang ở trạng thái "Đã tiếp nhận".',
    );
    expect(fails(snap("CLOSED"), EXAMPLE.REASSIGN, NO)).toBe("Hồ sơ đã đóng, không thể thay đổi.");
    expect(fails(snap("MERGED"), EXAMPLE.CHANGE_KIND, NO)).toMatch(/đã được gộp/);
  });

  it("refuses an unknown event type from an untyped caller", () => {
    fails(snap("RECEIVED"), { type: "DELETE" } as unknown as CaseEvent, "VALIDATION_FAILED");
  });

  it("is pure: the frozen input is untouched and equal inputs give equal results", () => {
    const c = snap("VERIFYING");
    const first = transition(c, EXAMPLE.SUSPEND);
    expect(transition(c, EXAMPLE.SUSPEND)).toEqual(first);
    expect(c).toEqual(snap("VERIFYING"));
  });
});

/** The audit description of every event, from the first state that accepts it. */
const AUDIT: Record<CaseEventType, [action: string, data: Record<string, unknown>]> = {
  ACKNOWLEDGE: ["case.acknowledged", {}],
  START_VERIFICATION: ["case.verification_started", {}],
  FORWARD: ["case.forwarded", { agency: "CQĐT Công an tỉnh" }],
  HANDLE_IN_COMMUNE: ["case.handled_in_commune", { investigatorUserId: "investigator-1" }],
  MARK_NOT_POLICE_MATTER: ["case.marked_not_police_matter", { reason: "Tranh chấp dân sự." }],
  SUSPEND: ["case.suspended", { ground: "DOCUMENTS_PENDING" }],
  RESUME: ["case.resumed", {}],
  // The outcome summary is report content (sensitive, req. 15): it stays on the case, out of the audit log.
  RECORD_OUTCOME: ["case.outcome_recorded", { code: "XU_PHAT_HANH_CHINH", valuable: true }],
  CLOSE: [
    "case.closed",
    { outcomeCode: "XU_PHAT_HANH_CHINH", reporterNotified: { at: AT, channel: "zalo" } },
  ],
  MERGE_INTO: ["case.merged", { targetCaseId: "case-2" }],
  REASSIGN: ["case.reassigned", { fromUserId: "officer-1", toUserId: "officer-2", reason: "Nghỉ phép." }],
  CHANGE_KIND: [
    "case.kind_changed",
    { fromKind: "TIN_BAO", toKind: "PHAN_ANH_KIEN_NGHI", reason: "Không phải tội phạm." },
  ],
};

describe("audit descriptions", () => {
  it.each(CASE_EVENT_TYPES)("%s", (type) => {
    const state = CASE_STATES.find((s) => TABLE[s][type] !== NO) ?? "CLOSED";
    const [action, data] = AUDIT[type];
    const { audit } = ok(snap(state), EXAMPLE[type]);
    expect(audit).toEqual({ action, from: state, to: audit.to, data });
    // The audit row stores JSON: the description must survive it unchanged.
    expect(JSON.parse(JSON.stringify(audit.data))).toEqual(data);
  });

  it("names every event's action differently", () => {
    expect(new Set(Object.values(AUDIT).map(([action]) => action)).size).toBe(CASE_EVENT_TYPES.length);
  });

  it("trims free text and leaves out a blank note", () => {
    expect(ok(snap("VERIFYING"), { type: "FORWARD", agency: "  CQĐT Công an tỉnh \n" }).audit.data).toEqual({
      agency: "CQĐT Công an tỉnh",
    });
    const note = (n: string) =>
      ok(snap("VERIFYING"), { type: "SUSPEND", ground: "DISASTER_OR_EPIDEMIC", note: n });
    expect(note(" Lũ lụt ").audit.data).toEqual({ ground: "DISASTER_OR_EPIDEMIC", note: "Lũ lụt" });
    expect(note("  ").audit.data).toEqual({ ground: "DISASTER_OR_EPIDEMIC" });
  });
});

describe("happy paths", () => {
  const start = snap("RECEIVED");
  const intake: CaseEvent[] = [EXAMPLE.ACKNOWLEDGE, EXAMPLE.START_VERIFICATION];

  it("forwarded to the provincial investigation agency, which reports back", () => {
    const { last, actions } = run(start, [...intake, EXAMPLE.FORWARD, EXAMPLE.RECORD_OUTCOME, EXAMPLE.CLOSE]);
    expect(last).toEqual({ ...start, state: "CLOSED", outcome: OUTCOME });
    expect(actions).toEqual([
      "case.acknowledged",
      "case.verification_started",
      "case.forwarded",
      "case.outcome_recorded",
      "case.closed",
    ]);
  });

  it("handled in the commune by an assigned investigator, with a suspension on the way", () => {
    const { last, actions } = run(snap("RECEIVED", { anonymous: true, kind: "TIN_BAO_NAC_DANH" }), [
      ...intake,
      EXAMPLE.HANDLE_IN_COMMUNE,
      { type: "SUSPEND", ground: "EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING" },
      EXAMPLE.RESUME,
      { type: "RECORD_OUTCOME", outcome: { code: "KHOI_TO", valuable: true, summary: "Khởi tố vụ án." } },
      { type: "CLOSE", reporterNotified: null },
    ]);
    expect(last).toMatchObject({
      state: "CLOSED",
      suspendedFrom: null,
      assigneeUserId: "officer-1",
      outcome: { code: "KHOI_TO" },
    });
    expect(actions).toContain("case.resumed");
  });

  it("not a police matter, handed to another body", () => {
    const outcome: Outcome = { code: "CHUYEN_CO_QUAN_KHAC", valuable: false, summary: "Chuyển UBND xã." };
    const { last } = run(start, [
      ...intake,
      EXAMPLE.MARK_NOT_POLICE_MATTER,
      { type: "RECORD_OUTCOME", outcome },
      EXAMPLE.CLOSE,
    ]);
    expect(last).toMatchObject({ state: "CLOSED", outcome });
  });
});

describe("suspension (art. 148) and resumption (art. 149)", () => {
  it.each(["VERIFYING", "HANDLED_IN_COMMUNE"] as const)("returns to %s, where it was suspended", (from) => {
    const suspended = ok(snap(from), EXAMPLE.SUSPEND).next;
    expect(suspended).toMatchObject({ state: "SUSPENDED", suspendedFrom: from });
    expect(ok(suspended, EXAMPLE.RESUME).next).toEqual(snap(from));
  });

  it("keeps the origin through a reassignment and a kind change while suspended", () => {
    const { last } = run(snap("HANDLED_IN_COMMUNE"), [
      EXAMPLE.SUSPEND,
      EXAMPLE.REASSIGN,
      EXAMPLE.CHANGE_KIND,
      EXAMPLE.RESUME,
    ]);
    expect(last).toMatchObject({
      state: "HANDLED_IN_COMMUNE",
      suspendedFrom: null,
      assigneeUserId: "officer-2",
      kind: "PHAN_ANH_KIEN_NGHI",
    });
  });

  it.each(SUSPENSION_GROUNDS)("accepts the ground %s", (ground) => {
    expect(ok(snap("VERIFYING"), { type: "SUSPEND", ground }).audit.data).toEqual({ ground });
  });

  it("needs one of the three grounds", () => {
    const e = { type: "SUSPEND", ground: "OTHER" } as unknown as CaseEvent;
    expect(fails(snap("VERIFYING"), e, "VALIDATION_FAILED")).toContain("Điều 148");
  });

  it.each([null, "FORWARDED", "SUSPENDED"] as const)("cannot resume to a corrupt origin %s", (from) => {
    fails(snap("SUSPENDED", { suspendedFrom: from }), EXAMPLE.RESUME, NO);
  });
});

describe("recording the outcome", () => {
  it.each(OUTCOME_CODES)("accepts %s and trims the summary", (code) => {
    const r = ok(snap("HANDLED_IN_COMMUNE"), {
      type: "RECORD_OUTCOME",
      outcome: { code, valuable: false, summary: "  Đã xử lý.  " },
    });
    expect(r.next.outcome).toEqual({ code, valuable: false, summary: "Đã xử lý." });
  });

  it.each<[string, unknown]>([
    ["an unknown code", { ...OUTCOME, code: "GIAI_QUYET" }],
    ["no value judgement", { code: "KHAC", summary: "x" }],
    ["a blank summary", { ...OUTCOME, summary: "   " }],
  ])("refuses %s", (_label, outcome) => {
    fails(snap("FORWARDED"), { type: "RECORD_OUTCOME", outcome } as CaseEvent, "VALIDATION_FAILED");
  });
});

describe("closing (CPC art. 56, req. 10)", () => {
  const named = snap("OUTCOME_RECORDED");
  const anonymous = snap("OUTCOME_RECORDED", { anonymous: true, kind: "TIN_BAO_NAC_DANH" });

  it("needs a record of notifying a named reporter", () => {
    const message = fails(named, { type: "CLOSE", reporterNotified: null }, "VALIDATION_FAILED");
    expect(message).toContain("Chưa thông báo kết quả giải quyết cho người báo tin (Điều 56 BLTTHS)");
  });

  it("closes a named report once the notification is recorded, trimming the channel", () => {
    const r = ok(named, { type: "CLOSE", reporterNotified: { at: NOTIFIED.at, channel: " web " } });
    expect(r.next).toEqual({ ...named, state: "CLOSED" });
    expect(r.audit.data).toMatchObject({ reporterNotified: { at: AT, channel: "web" } });
  });

  it("closes an anonymous report without a notification, or records one if given", () => {
    expect(ok(anonymous, { type: "CLOSE", reporterNotified: null }).audit.data).toEqual({
      outcomeCode: "XU_PHAT_HANH_CHINH",
      reporterNotified: null,
    });
    expect(ok(anonymous, EXAMPLE.CLOSE).audit.data).toMatchObject({ reporterNotified: { channel: "zalo" } });
  });

  it.each([named, anonymous])("needs an outcome (anonymous: $anonymous)", (c) => {
    expect(fails({ ...c, outcome: null }, EXAMPLE.CLOSE, "VALIDATION_FAILED")).toContain(
      "Chưa ghi nhận kết quả",
    );
  });

  it.each([
    ["an invalid date", { at: new Date("not a date"), channel: "zalo" }],
    ["a blank channel", { at: NOTIFIED.at, channel: " " }],
  ])("refuses a notification with %s", (_label, reporterNotified) => {
    fails(named, { type: "CLOSE", reporterNotified }, "VALIDATION_FAILED");
    fails(anonymous, { type: "CLOSE", reporterNotified }, "VALIDATION_FAILED");
  });
});

describe("merging a duplicate", () => {
  it.each(["RECEIVED", "ACKNOWLEDGED", "VERIFYING"] as const)(
    "merges from %s and then accepts nothing",
    (state) => {
      const merged = ok(snap(state), { type: "MERGE_INTO", targetCaseId: " case-9 " });
      expect(merged.next.state).toBe("MERGED");
      expect(merged.audit.data).toEqual({ targetCaseId: "case-9" });
      expect(allowedEvents(merged.next)).toEqual([]);
    },
  );

  it("needs the target case", () => {
    fails(snap("RECEIVED"), { type: "MERGE_INTO", targetCaseId: "" }, "VALIDATION_FAILED");
  });
});

describe("reassignment", () => {
  it.each(OPEN_STATES)("changes the assignee, not the state, in %s", (state) => {
    const c = snap(state);
    const r = ok(c, EXAMPLE.REASSIGN);
    expect(r.next).toEqual({ ...c, assigneeUserId: "officer-2" });
    expect(r.audit.data).toEqual({ fromUserId: "officer-1", toUserId: "officer-2", reason: "Nghỉ phép." });
  });

  it("assigns an unassigned case", () => {
    const r = ok(snap("RECEIVED", { assigneeUserId: null }), EXAMPLE.REASSIGN);
    expect(r.audit.data).toMatchObject({ fromUserId: null });
  });

  it.each([
    ["the same officer", { toUserId: "officer-1", reason: "x" }],
    ["no officer", { toUserId: " ", reason: "x" }],
    ["no reason", { toUserId: "officer-2", reason: "" }],
  ])("refuses %s", (_label, e) => {
    fails(snap("VERIFYING"), { type: "REASSIGN", ...e }, "VALIDATION_FAILED");
  });
});

describe("kind changes (req. 1)", () => {
  it.each(OPEN_STATES)("are allowed and audited with the old and new kind in %s", (state) => {
    const r = ok(snap(state), { type: "CHANGE_KIND", to: "TO_GIAC", reason: " Tận mắt chứng kiến. " });
    expect(r.next).toEqual({ ...snap(state), kind: "TO_GIAC" });
    expect(r.audit.data).toEqual({ fromKind: "TIN_BAO", toKind: "TO_GIAC", reason: "Tận mắt chứng kiến." });
  });

  it.each(OPEN_STATES)("never make an anonymous report a tố giác, in %s", (state) => {
    const c = snap(state, { anonymous: true, kind: "TIN_BAO_NAC_DANH" });
    const message = fails(c, { type: "CHANGE_KIND", to: "TO_GIAC", reason: "x" }, "VALIDATION_FAILED");
    expect(message).toContain("Tin nặc danh không thể là tố giác");
  });

  it("let an anonymous report change to other kinds", () => {
    const c = snap("VERIFYING", { anonymous: true, kind: "TIN_BAO_NAC_DANH" });
    expect(ok(c, EXAMPLE.CHANGE_KIND).next.kind).toBe("PHAN_ANH_KIEN_NGHI");
  });

  it.each([
    ["the same kind", { to: "TIN_BAO", reason: "x" }],
    ["an unknown kind", { to: "VU_AN", reason: "x" }],
    ["no reason", { to: "KHIEU_NAI", reason: " " }],
  ])("refuse %s", (_label, e) => {
    fails(snap("VERIFYING"), { type: "CHANGE_KIND", ...e } as CaseEvent, "VALIDATION_FAILED");
  });
});
