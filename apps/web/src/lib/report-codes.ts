import type { TReportCategory, TReportKind } from "@binhyen/contracts";

/*
 * Code lists of the reports contract, as exhaustive records of its types (see household-codes.ts
 * for why the lists are not imported from @binhyen/contracts). Case states, workflow events,
 * suspension grounds and outcome codes are plain strings in the contract; their lists live here,
 * and an unknown code from a newer server is shown as it is rather than breaking the screen.
 */
const categories: Record<TReportCategory, true> = {
  NATIONAL_SECURITY: true,
  CRIME: true,
  SOCIAL_EVIL: true,
  LAW_VIOLATION: true,
  TRAFFIC_ACCIDENT: true,
  FIRE_EXPLOSION: true,
  RESIDENT_DISPUTE: true,
  POLICE_CONDUCT: true,
  OTHER: true,
};
const kinds: Record<TReportKind, true> = {
  TO_GIAC: true,
  TIN_BAO: true,
  TIN_BAO_NAC_DANH: true,
  PHAN_ANH_KIEN_NGHI: true,
  KHIEU_NAI: true,
  TO_CAO: true,
  OTHER: true,
};

/** In the order the report form lists them. */
export const REPORT_CATEGORY_LIST = Object.keys(categories) as TReportCategory[];
export const REPORT_KIND_LIST = Object.keys(kinds) as TReportKind[];

export const CASE_STATE_LIST = [
  "RECEIVED",
  "ACKNOWLEDGED",
  "VERIFYING",
  "FORWARDED",
  "HANDLED_IN_COMMUNE",
  "NOT_POLICE_MATTER",
  "SUSPENDED",
  "OUTCOME_RECORDED",
  "CLOSED",
  "MERGED",
] as const;
export type CaseState = (typeof CASE_STATE_LIST)[number];
/** A case in one of these states is finished: nothing more can happen to it. */
export const TERMINAL_STATES: readonly string[] = ["CLOSED", "MERGED"];

export const CASE_EVENT_LIST = [
  "ACKNOWLEDGE",
  "START_VERIFICATION",
  "FORWARD",
  "HANDLE_IN_COMMUNE",
  "MARK_NOT_POLICE_MATTER",
  "SUSPEND",
  "RESUME",
  "RECORD_OUTCOME",
  "CLOSE",
  "MERGE_INTO",
  "REASSIGN",
  "CHANGE_KIND",
] as const;
export type CaseEventType = (typeof CASE_EVENT_LIST)[number];
/** Events that move the case forward; the others (reassign, change kind, merge…) are side actions. */
export const MAIN_EVENTS: readonly CaseEventType[] = [
  "ACKNOWLEDGE",
  "START_VERIFICATION",
  "FORWARD",
  "HANDLE_IN_COMMUNE",
  "RESUME",
  "RECORD_OUTCOME",
  "CLOSE",
];

export const SUSPENSION_GROUND_LIST = [
  "EXPERT_OR_VALUATION_OR_LEGAL_ASSISTANCE_PENDING",
  "DOCUMENTS_PENDING",
  "DISASTER_OR_EPIDEMIC",
] as const;
export type SuspensionGround = (typeof SUSPENSION_GROUND_LIST)[number];

export const OUTCOME_CODE_LIST = [
  "KHOI_TO",
  "XU_PHAT_HANH_CHINH",
  "BAT_GIU",
  "TRUY_NA_FOUND",
  "TAI_SAN_TRA_LAI",
  "NGAN_CHAN_LUA_DAO",
  "KHONG_CO_CAN_CU",
  "CHUYEN_CO_QUAN_KHAC",
  "KHAC",
] as const;
export type OutcomeCode = (typeof OUTCOME_CODE_LIST)[number];

export const DEADLINE_CODE_LIST = ["FORWARDING", "ACCEPTANCE", "ACKNOWLEDGEMENT", "RESOLUTION"] as const;
export type DeadlineCode = (typeof DEADLINE_CODE_LIST)[number];

/** What the case history names (audit actions of reports and cases). */
export const CASE_ACTION_LIST = [
  "report.submitted",
  "report.reporter_message",
  "report.evidence_added",
  "report.officer_message",
  "report.internal_note",
  "report.identity_revealed",
  "report.identity_granted",
  "report.rated",
  "case.acknowledged",
  "case.verification_started",
  "case.forwarded",
  "case.handled_in_commune",
  "case.marked_not_police_matter",
  "case.suspended",
  "case.resumed",
  "case.outcome_recorded",
  "case.closed",
  "case.merged",
  "case.reassigned",
  "case.kind_changed",
] as const;
export type CaseAction = (typeof CASE_ACTION_LIST)[number];

const isIn =
  <T extends string>(list: readonly T[]) =>
  (code: string): code is T =>
    (list as readonly string[]).includes(code);

export const isReportCategory = isIn(REPORT_CATEGORY_LIST);
export const isReportKind = isIn(REPORT_KIND_LIST);
export const isCaseState = isIn(CASE_STATE_LIST);
export const isCaseEvent = isIn(CASE_EVENT_LIST);
export const isSuspensionGround = isIn(SUSPENSION_GROUND_LIST);
export const isOutcomeCode = isIn(OUTCOME_CODE_LIST);
export const isDeadlineCode = isIn(DEADLINE_CODE_LIST);
export const isCaseAction = isIn(CASE_ACTION_LIST);
