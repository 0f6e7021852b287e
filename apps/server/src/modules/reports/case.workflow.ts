import type { TReportKind, TSuspensionGround } from "@binhyen/contracts";
import { ReportKind, SUSPENSION_GROUNDS } from "@binhyen/contracts";

/**
 * The life of a case (hồ sơ xử lý tin) as a pure state machine: no clock, no ids, no I/O. The service
 * loads a snapshot, calls transition(), then persists `next` and records `audit` in one transaction.
 * Legal grounds: CPC 2015 arts. 144–149 and 56, JC 01/2017, Law 99/2025 (domain-vn.md §1, reqs. 1, 4, 6, 10).
 */

export const CaseState = {
  RECEIVED: "RECEIVED",
  ACKNOWLEDGED: "ACKNOWLEDGED",
  VERIFYING: "VERIFYING",
  FORWARDED: "FORWARDED",
  HANDLED_IN_COMMUNE: "HANDLED_IN_COMMUNE",
  NOT_POLICE_MATTER: "NOT_POLICE_MATTER",
  SUSPENDED: "SUSPENDED",
  OUTCOME_RECORDED: "OUTCOME_RECORDED",
  CLOSED: "CLOSED",
  MERGED: "MERGED",
} as const;
export type CaseState = (typeof CaseState)[keyof typeof CaseState];
export const CASE_STATES = Object.values(CaseState) as [CaseState, ...CaseState[]];
export const TERMINAL_STATES: readonly CaseState[] = ["CLOSED", "MERGED"];
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));

export { SuspensionGround } from "@binhyen/contracts";
export { SUSPENSION_GROUNDS };
/** The three grounds of CPC art. 148 (one definition, in the contracts). */
export type SuspensionGround = TSuspensionGround;

/** Outcome codes counted by the yearly review (req. 39). */
export const OutcomeCode = {
  KHOI_TO: "KHOI_TO",
  XU_PHAT_HANH_CHINH: "XU_PHAT_HANH_CHINH",
  BAT_GIU: "BAT_GIU",
  TRUY_NA_FOUND: "TRUY_NA_FOUND",
  TAI_SAN_TRA_LAI: "TAI_SAN_TRA_LAI",
  NGAN_CHAN_LUA_DAO: "NGAN_CHAN_LUA_DAO",
  KHONG_CO_CAN_CU: "KHONG_CO_CAN_CU",
  CHUYEN_CO_QUAN_KHAC: "CHUYEN_CO_QUAN_KHAC",
  KHAC: "KHAC",
} as const;
export type OutcomeCode = (typeof OutcomeCode)[keyof typeof OutcomeCode];
export const OUTCOME_CODES = Object.values(OutcomeCode) as [OutcomeCode, ...OutcomeCode[]];

/** `valuable` is the review's "tin có giá trị" flag. Who recorded it and when come from the audit entry. */
export type Outcome = { code: OutcomeCode; valuable: boolean; summary: string };

export type CaseEvent =
  | { type: "ACKNOWLEDGE" }
  | { type: "START_VERIFICATION" }
  | { type: "FORWARD"; agency: string }
  | { type: "HANDLE_IN_COMMUNE"; investigatorUserId: string }
  | { type: "MARK_NOT_POLICE_MATTER"; reason: string }
  | { type: "SUSPEND"; ground: SuspensionGround; note?: string }
  | { type: "RESUME" }
  | { type: "RECORD_OUTCOME"; outcome: Outcome }
  | { type: "CLOSE"; reporterNotified: { at: Date; channel: string } | null }
  | { type: "MERGE_INTO"; targetCaseId: string }
  | { type: "REASSIGN"; toUserId: string; reason: string }
  | { type: "CHANGE_KIND"; to: TReportKind; reason: string };
export type CaseEventType = CaseEvent["type"];

export type CaseSnapshot = {
  state: CaseState;
  suspendedFrom: CaseState | null;
  anonymous: boolean;
  kind: TReportKind;
  assigneeUserId: string | null;
  outcome: Outcome | null;
};

export type CaseAudit = { action: string; from: CaseState; to: CaseState; data: Record<string, unknown> };
export type TransitionResult =
  | { ok: true; next: CaseSnapshot; audit: CaseAudit }
  | { ok: false; code: "INVALID_TRANSITION" | "VALIDATION_FAILED"; message: string };

/**
 * The graph: for each event, the states that accept it. Keyed by every event type, so a new event
 * does not compile until it has a row. Suspension only from verification or in-commune handling
 * (art. 148); merging only before the case has been routed, because forwarding or a suspension
 * decision is a legal act about this very tip that must be followed through.
 */
const SOURCES: Record<CaseEventType, readonly CaseState[]> = {
  ACKNOWLEDGE: ["RECEIVED"],
  START_VERIFICATION: ["ACKNOWLEDGED"],
  FORWARD: ["VERIFYING"],
  HANDLE_IN_COMMUNE: ["VERIFYING"],
  MARK_NOT_POLICE_MATTER: ["VERIFYING"],
  SUSPEND: ["VERIFYING", "HANDLED_IN_COMMUNE"],
  RESUME: ["SUSPENDED"],
  RECORD_OUTCOME: ["FORWARDED", "HANDLED_IN_COMMUNE", "NOT_POLICE_MATTER"],
  CLOSE: ["OUTCOME_RECORDED"],
  MERGE_INTO: ["RECEIVED", "ACKNOWLEDGED", "VERIFYING"],
  REASSIGN: OPEN_STATES,
  CHANGE_KIND: OPEN_STATES,
};
export const CASE_EVENT_TYPES = Object.keys(SOURCES) as [CaseEventType, ...CaseEventType[]];

const STATE_LABEL: Record<CaseState, string> = {
  RECEIVED: "Đã tiếp nhận",
  ACKNOWLEDGED: "Đã xác nhận tiếp nhận",
  VERIFYING: "Đang kiểm tra, xác minh",
  FORWARDED: "Đã chuyển cơ quan có thẩm quyền",
  HANDLED_IN_COMMUNE: "Giải quyết tại xã",
  NOT_POLICE_MATTER: "Không thuộc thẩm quyền Công an",
  SUSPENDED: "Tạm đình chỉ",
  OUTCOME_RECORDED: "Đã ghi nhận kết quả",
  CLOSED: "Đã đóng",
  MERGED: "Đã gộp vào hồ sơ khác",
};

const EVENT_LABEL: Record<CaseEventType, string> = {
  ACKNOWLEDGE: "xác nhận tiếp nhận",
  START_VERIFICATION: "bắt đầu kiểm tra, xác minh",
  FORWARD: "chuyển cơ quan có thẩm quyền",
  HANDLE_IN_COMMUNE: "giao giải quyết tại xã",
  MARK_NOT_POLICE_MATTER: "xác định không thuộc thẩm quyền Công an",
  SUSPEND: "tạm đình chỉ",
  RESUME: "phục hồi giải quyết",
  RECORD_OUTCOME: "ghi nhận kết quả",
  CLOSE: "đóng hồ sơ",
  MERGE_INTO: "gộp vào hồ sơ khác",
  REASSIGN: "giao lại cán bộ xử lý",
  CHANGE_KIND: "đổi loại tin",
};

const REPORT_KINDS: readonly string[] = Object.values(ReportKind);

const invalid = (message: string): TransitionResult => ({ ok: false, code: "INVALID_TRANSITION", message });
const failed = (message: string): TransitionResult => ({ ok: false, code: "VALIDATION_FAILED", message });
const blank = (s: unknown): boolean => typeof s !== "string" || s.trim() === "";

function done(
  c: CaseSnapshot,
  to: CaseState,
  action: string,
  data: Record<string, unknown>,
  patch: Partial<CaseSnapshot> = {},
): TransitionResult {
  // Only a suspended case remembers where it came from; SUSPEND patches the origin in.
  const suspendedFrom = to === "SUSPENDED" ? c.suspendedFrom : null;
  return {
    ok: true,
    next: { ...c, state: to, suspendedFrom, ...patch },
    audit: { action, from: c.state, to, data },
  };
}

/** Event types the case's state accepts; the event's payload may still fail validation. */
export function allowedEvents(c: CaseSnapshot): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((t) => SOURCES[t].includes(c.state));
}

export function transition(c: CaseSnapshot, e: CaseEvent): TransitionResult {
  const sources: readonly CaseState[] | undefined = Object.hasOwn(SOURCES, e.type)
    ? SOURCES[e.type]
    : undefined;
  if (!sources) {
    return failed("Thao tác không hợp lệ.");
  }
  if (c.state === "CLOSED") {
    return invalid("Hồ sơ đã đóng, không thể thay đổi.");
  }
  if (c.state === "MERGED") {
    return invalid("Hồ sơ đã được gộp vào hồ sơ khác, không thể thay đổi.");
  }
  if (!sources.includes(c.state)) {
    return invalid(`Không thể ${EVENT_LABEL[e.type]} khi hồ sơ đang ở trạng thái "${STATE_LABEL[c.state]}".`);
  }
  switch (e.type) {
    case "ACKNOWLEDGE":
      return done(c, "ACKNOWLEDGED", "case.acknowledged", {});
    case "START_VERIFICATION":
      return done(c, "VERIFYING", "case.verification_started", {});
    case "FORWARD":
      if (blank(e.agency)) {
        return failed("Cần ghi rõ cơ quan có thẩm quyền nhận hồ sơ chuyển đến.");
      }
      return done(c, "FORWARDED", "case.forwarded", { agency: e.agency.trim() });
    case "HANDLE_IN_COMMUNE":
      // The investigator is recorded, not made the assignee: changing the assignee is REASSIGN's job.
      if (blank(e.investigatorUserId)) {
        return failed("Cần chọn điều tra viên được phân công giải quyết tại xã.");
      }
      return done(c, "HANDLED_IN_COMMUNE", "case.handled_in_commune", {
        investigatorUserId: e.investigatorUserId.trim(),
      });
    case "MARK_NOT_POLICE_MATTER":
      if (blank(e.reason)) {
        return failed("Cần ghi lý do hồ sơ không thuộc thẩm quyền Công an.");
      }
      return done(c, "NOT_POLICE_MATTER", "case.marked_not_police_matter", { reason: e.reason.trim() });
    case "SUSPEND":
      return suspend(c, e);
    case "RESUME":
      return resume(c);
    case "RECORD_OUTCOME":
      return recordOutcome(c, e.outcome);
    case "CLOSE":
      return close(c, e.reporterNotified);
    case "MERGE_INTO":
      if (blank(e.targetCaseId)) {
        return failed("Cần chỉ rõ hồ sơ được gộp vào.");
      }
      return done(c, "MERGED", "case.merged", { targetCaseId: e.targetCaseId.trim() });
    case "REASSIGN":
      return reassign(c, e);
    case "CHANGE_KIND":
      return changeKind(c, e);
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

function suspend(c: CaseSnapshot, e: Extract<CaseEvent, { type: "SUSPEND" }>): TransitionResult {
  if (!SUSPENSION_GROUNDS.includes(e.ground)) {
    return failed(
      "Cần chọn một căn cứ tạm đình chỉ theo Điều 148 BLTTHS: chờ kết quả giám định, định giá tài sản hoặc " +
        "tương trợ tư pháp; chờ tài liệu, đồ vật đã yêu cầu; hoặc do thiên tai, dịch bệnh.",
    );
  }
  const note = typeof e.note === "string" ? e.note.trim() : "";
  const data = note === "" ? { ground: e.ground } : { ground: e.ground, note };
  return done(c, "SUSPENDED", "case.suspended", data, { suspendedFrom: c.state });
}

function resume(c: CaseSnapshot): TransitionResult {
  const back = c.suspendedFrom;
  // Art. 149: resolution continues where it stopped. A snapshot without a valid origin is corrupt.
  if (back === null || !SOURCES.SUSPEND.includes(back)) {
    return invalid("Không xác định được trạng thái trước khi tạm đình chỉ, không thể phục hồi giải quyết.");
  }
  return done(c, back, "case.resumed", {});
}

function recordOutcome(c: CaseSnapshot, outcome: Outcome): TransitionResult {
  if (!OUTCOME_CODES.includes(outcome?.code)) {
    return failed("Cần chọn kết quả giải quyết trong danh mục.");
  }
  if (typeof outcome.valuable !== "boolean") {
    return failed("Cần đánh giá tin có giá trị hay không.");
  }
  if (blank(outcome.summary)) {
    return failed("Cần ghi tóm tắt kết quả giải quyết.");
  }
  const next: Outcome = { code: outcome.code, valuable: outcome.valuable, summary: outcome.summary.trim() };
  // The summary is report content (sensitive, req. 15): it stays on the case, not in the audit log.
  return done(
    c,
    "OUTCOME_RECORDED",
    "case.outcome_recorded",
    { code: next.code, valuable: next.valuable },
    { outcome: next },
  );
}

function close(c: CaseSnapshot, notified: { at: Date; channel: string } | null): TransitionResult {
  if (c.outcome === null) {
    return failed("Chưa ghi nhận kết quả giải quyết, không thể đóng hồ sơ.");
  }
  if (notified === null || notified === undefined) {
    if (!c.anonymous) {
      return failed(
        "Chưa thông báo kết quả giải quyết cho người báo tin (Điều 56 BLTTHS). " +
          "Hãy ghi ngày và kênh đã thông báo trước khi đóng hồ sơ.",
      );
    }
    return done(c, "CLOSED", "case.closed", { outcomeCode: c.outcome.code, reporterNotified: null });
  }
  if (!(notified.at instanceof Date) || Number.isNaN(notified.at.getTime())) {
    return failed("Ngày thông báo kết quả cho người báo tin không hợp lệ.");
  }
  if (blank(notified.channel)) {
    return failed("Cần ghi kênh đã dùng để thông báo kết quả cho người báo tin.");
  }
  return done(c, "CLOSED", "case.closed", {
    outcomeCode: c.outcome.code,
    reporterNotified: { at: notified.at.toISOString(), channel: notified.channel.trim() },
  });
}

function reassign(c: CaseSnapshot, e: Extract<CaseEvent, { type: "REASSIGN" }>): TransitionResult {
  if (blank(e.toUserId)) {
    return failed("Cần chọn cán bộ nhận hồ sơ.");
  }
  if (blank(e.reason)) {
    return failed("Cần ghi lý do giao lại hồ sơ.");
  }
  const toUserId = e.toUserId.trim();
  if (toUserId === c.assigneeUserId) {
    return failed("Hồ sơ đang được giao cho cán bộ này.");
  }
  return done(
    c,
    c.state,
    "case.reassigned",
    { fromUserId: c.assigneeUserId, toUserId, reason: e.reason.trim() },
    { assigneeUserId: toUserId },
  );
}

function changeKind(c: CaseSnapshot, e: Extract<CaseEvent, { type: "CHANGE_KIND" }>): TransitionResult {
  if (!REPORT_KINDS.includes(e.to)) {
    return failed("Loại tin không hợp lệ.");
  }
  // Req. 1 / CPC art. 144: a tố giác needs an identified individual, so an anonymous report never is one.
  if (c.anonymous && e.to === "TO_GIAC") {
    return failed(
      "Tin nặc danh không thể là tố giác về tội phạm: tố giác phải do cá nhân xác định được danh tính " +
        "gửi (Điều 144 BLTTHS).",
    );
  }
  if (e.to === c.kind) {
    return failed("Hồ sơ đã thuộc loại tin này.");
  }
  if (blank(e.reason)) {
    return failed("Cần ghi lý do đổi loại tin.");
  }
  return done(
    c,
    c.state,
    "case.kind_changed",
    { fromKind: c.kind, toKind: e.to, reason: e.reason.trim() },
    { kind: e.to },
  );
}
