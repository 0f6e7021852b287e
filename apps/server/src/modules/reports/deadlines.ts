import { validation } from "../../core/errors";
import { type Calendar, endOfVnDay, vnDate } from "./deadline-calendar";
import {
  isCriminalTip,
  isSuspensionGround,
  type ReportKind,
  type ResolutionInput,
  type Suspension,
} from "./deadline-extensions";
import {
  type Deadline,
  type DeadlineRules,
  dayLimit,
  finishLimit,
  limitDays,
  workingDayLimit,
} from "./deadline-limits";
import { resolutionDeadline } from "./deadline-resolution";

/**
 * Every legal deadline of a report (domain-vn §1.2–1.4, requirements 2–9). Pure: no database, no I/O,
 * no clock; times are instants and every "day" is a calendar day in Asia/Ho_Chi_Minh.
 */
export {
  addMonthsClamped,
  type Calendar,
  endOfVnDay,
  formatVnInstant,
  HOLIDAY_DATA_YEARS,
  type LocalDate,
  lastDayOf,
  nextWorkingDay,
  nthWorkingDay,
  toVnIso,
  vnCalendar,
  vnDate,
} from "./deadline-calendar";
export {
  type Complexity,
  type Extension,
  type ExtensionCheck,
  type ExtensionRejection,
  isCriminalTip,
  isSuspensionGround,
  type ReportKind,
  type ResolutionInput,
  type Suspension,
  SuspensionGround,
  type TSuspensionGround,
} from "./deadline-extensions";
export {
  DEFAULT_DEADLINE_RULES,
  type Deadline,
  type DeadlineCode,
  type DeadlineRules,
  type DueStatus,
  deadlineRules,
  dueStatus,
} from "./deadline-limits";
export { resolutionDeadline, validateExtension } from "./deadline-resolution";

const HOUR_MS = 3_600_000;
const TTLT = "TTLT 01/2017";

/** Req. 3: a tố giác or tin báo goes to the investigation agency within 24 h, 48 h when remote. */
export function forwardingDeadline(
  kind: ReportKind,
  receivedAt: Date,
  rules: DeadlineRules,
): Deadline | null {
  if (!isCriminalTip(kind)) {
    return null;
  }
  const hours = rules.remote ? 48 : 24;
  const at = new Date(receivedAt.getTime() + hours * HOUR_MS);
  const where = rules.remote ? " (xã vùng sâu, vùng xa, hải đảo)" : "";
  return {
    code: "FORWARDING",
    legal: at,
    internal: at,
    basis: `Chuyển tin trong ${hours} giờ${where} (${TTLT}).`,
  };
}

/** Req. 7: a khiếu nại is accepted (thụ lý) or refused within 10 days of receipt. */
export function acceptanceDeadline(
  kind: ReportKind,
  receivedAt: Date,
  rules: DeadlineRules,
  cal: Calendar,
): Deadline | null {
  if (kind !== "KHIEU_NAI") {
    return null;
  }
  const basis =
    "Thụ lý hoặc từ chối thụ lý khiếu nại trong 10 ngày kể từ ngày nhận (Điều 27 Luật Khiếu nại 2011)";
  return finishLimit("ACCEPTANCE", dayLimit(vnDate(receivedAt), 10, rules), basis, rules, cal);
}

/** Req. 9: tell the resident a phản ánh, kiến nghị was received, in working days (configurable). */
export function acknowledgementDeadline(
  kind: ReportKind,
  receivedAt: Date,
  rules: DeadlineRules,
  cal: Calendar,
): Deadline | null {
  if (kind !== "PHAN_ANH_KIEN_NGHI") {
    return null;
  }
  const n = rules.phanAnhAckWorkingDays;
  const basis = `Báo cho người dân đã nhận phản ánh, kiến nghị trong ${n} ngày làm việc (mức của xã, có thể cấu hình)`;
  return finishLimit(
    "ACKNOWLEDGEMENT",
    workingDayLimit(vnDate(receivedAt), n, rules, cal),
    basis,
    rules,
    cal,
  );
}

/**
 * Every deadline that applies, met or not (the caller knows which steps are done): forwarding,
 * acceptance or acknowledgement, and the running resolution deadline if there is one.
 */
export function reportDeadlines(input: ResolutionInput, rules: DeadlineRules, cal: Calendar): Deadline[] {
  return [
    forwardingDeadline(input.kind, input.receivedAt, rules),
    acceptanceDeadline(input.kind, input.receivedAt, rules, cal),
    acknowledgementDeadline(input.kind, input.receivedAt, rules, cal),
    resolutionDeadline(input, rules, cal),
  ].filter((d): d is Deadline => d !== null);
}

export type TaskCode =
  | "SEND_SUSPENSION_TO_PROCURACY"
  | "NOTIFY_INFORMANT_OF_SUSPENSION"
  | "SEND_DENUNCIATION_SUSPENSION"
  | "SEND_RESUMPTION_DECISION";

export type DeadlineTask = { code: TaskCode; title: string; due: Date; basis: string };

/**
 * Req. 6 and 8. A tip's suspension (art. 148) must name one of the three grounds; the decision goes
 * to the procuracy and to the informant within 24 h. An anonymous tip has nobody to notify (as in
 * req. 10), so it gets the procuracy task only. A tố cáo suspension is sent within 5 working days.
 */
export function suspensionTasks(
  kind: ReportKind,
  suspension: Pick<Suspension, "suspendedAt" | "ground">,
  rules: DeadlineRules,
  cal: Calendar,
): DeadlineTask[] {
  if (isCriminalTip(kind)) {
    if (!isSuspensionGround(suspension.ground)) {
      throw validation(
        "ground",
        "Quyết định tạm đình chỉ phải ghi một trong ba căn cứ của Điều 148 BLTTHS 2015.",
      );
    }
    const due = new Date(suspension.suspendedAt.getTime() + 24 * HOUR_MS);
    const basis = "Trong 24 giờ kể từ khi ra quyết định tạm đình chỉ (Điều 148 BLTTHS 2015).";
    const tasks: DeadlineTask[] = [
      { code: "SEND_SUSPENSION_TO_PROCURACY", title: "Gửi VKS quyết định tạm đình chỉ", due, basis },
      {
        code: "NOTIFY_INFORMANT_OF_SUSPENSION",
        title: "Thông báo người báo tin về quyết định tạm đình chỉ",
        due,
        basis,
      },
    ];
    return kind === "TIN_BAO_NAC_DANH" ? tasks.slice(0, 1) : tasks;
  }
  if (kind === "TO_CAO") {
    const limit = workingDayLimit(vnDate(suspension.suspendedAt), 5, rules, cal);
    return [
      {
        code: "SEND_DENUNCIATION_SUSPENSION",
        title: "Gửi quyết định tạm đình chỉ giải quyết tố cáo",
        due: endOfVnDay(limitDays(limit, rules, cal).legalDay),
        basis: "Trong 05 ngày làm việc kể từ ngày ra quyết định tạm đình chỉ (Luật Tố cáo 2018).",
      },
    ];
  }
  return [];
}

/** Req. 6: a tip's resumption decision (art. 149) is sent to the procuracy and informant within 3 days. */
export function resumptionTasks(
  kind: ReportKind,
  resumedAt: Date,
  rules: DeadlineRules,
  cal: Calendar,
): DeadlineTask[] {
  if (!isCriminalTip(kind)) {
    return [];
  }
  const limit = dayLimit(vnDate(resumedAt), 3, rules);
  const to = kind === "TIN_BAO_NAC_DANH" ? "VKS" : "VKS và người báo tin";
  return [
    {
      code: "SEND_RESUMPTION_DECISION",
      title: `Gửi quyết định phục hồi cho ${to}`,
      due: endOfVnDay(limitDays(limit, rules, cal).legalDay),
      basis: "Trong 03 ngày kể từ ngày ra quyết định phục hồi (Điều 149 BLTTHS 2015).",
    },
  ];
}
