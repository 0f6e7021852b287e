import {
  addDays,
  addMonthsClamped,
  type Calendar,
  endOfVnDay,
  type LocalDate,
  nextWorkingDay,
  nthWorkingDay,
} from "./deadline-calendar";

export type DeadlineCode = "FORWARDING" | "ACCEPTANCE" | "ACKNOWLEDGEMENT" | "RESOLUTION";

/**
 * `legal` is the instant the law's limit runs out, after moving off a day off where that rule applies.
 * `internal` is the unshifted end that warnings are raised against (requirement 5); it equals `legal`
 * unless the last day fell on a day off. A limit in days ends at 24:00 of its last day, which is the
 * instant 00:00 (+07:00) of the next day; `lastDayOf(deadline.legal)` gives the day to display.
 */
export type Deadline = {
  code: DeadlineCode;
  legal: Date;
  internal: Date;
  /** Vietnamese, with the legal basis, for the case screen. */
  basis: string;
};

export type DeadlineRules = {
  /**
   * The day of the triggering event (receipt, acceptance, decision) is day 1 of a limit in days or
   * working days. Art. 134 is silent; counting it is the earlier, conservative end (req. 5, U).
   */
  receiptDayCounts: boolean;
  /** The hamlet or commune is flagged remote/island: 48 h forwarding, 45/60-day complaints. */
  remote: boolean;
  /**
   * Art. 134 states the day-off rule with month limits; whether it also moves a limit in days is
   * ambiguous. Default false: day limits end on their last day even when it is a day off.
   */
  dayOffShiftsDayLimits: boolean;
  /** Phản ánh, kiến nghị: answer within this many working days (req. 9, U). */
  phanAnhWorkingDays: number;
  /** Phản ánh, kiến nghị: acknowledge receipt within this many working days (req. 9, U). */
  phanAnhAckWorkingDays: number;
};

export const DEFAULT_DEADLINE_RULES: Readonly<DeadlineRules> = Object.freeze({
  receiptDayCounts: true,
  remote: false,
  dayOffShiftsDayLimits: false,
  phanAnhWorkingDays: 10,
  phanAnhAckWorkingDays: 1,
});

/** Defaults plus a commune's settings; throws on a non-positive or fractional working-day count. */
export function deadlineRules(overrides: Partial<DeadlineRules> = {}): DeadlineRules {
  // `??` rather than a spread: an explicit undefined must not switch off a conservative default.
  const d = DEFAULT_DEADLINE_RULES;
  const rules: DeadlineRules = {
    receiptDayCounts: overrides.receiptDayCounts ?? d.receiptDayCounts,
    remote: overrides.remote ?? d.remote,
    dayOffShiftsDayLimits: overrides.dayOffShiftsDayLimits ?? d.dayOffShiftsDayLimits,
    phanAnhWorkingDays: overrides.phanAnhWorkingDays ?? d.phanAnhWorkingDays,
    phanAnhAckWorkingDays: overrides.phanAnhAckWorkingDays ?? d.phanAnhAckWorkingDays,
  };
  for (const key of ["phanAnhWorkingDays", "phanAnhAckWorkingDays"] as const) {
    if (!Number.isInteger(rules[key]) || rules[key] < 1) {
      throw new RangeError(`${key} must be a positive integer, got ${rules[key]}`);
    }
  }
  return rules;
}

/**
 * A limit before its end instant is fixed: the unshifted last day and the unit it was counted in,
 * which decides whether a day off moves the legal end.
 */
export type Limit = { unit: "days" | "months" | "working_days"; lastDay: LocalDate };

/** `days` days from `start`, the start day being day 1 when `receiptDayCounts`. */
export const dayLimit = (start: LocalDate, days: number, rules: DeadlineRules): Limit => ({
  unit: "days",
  lastDay: addDays(start, rules.receiptDayCounts ? days - 1 : days),
});

export const monthLimit = (anchor: LocalDate, months: number): Limit => ({
  unit: "months",
  lastDay: addMonthsClamped(anchor, months),
});

export const workingDayLimit = (
  start: LocalDate,
  days: number,
  rules: DeadlineRules,
  cal: Calendar,
): Limit => ({ unit: "working_days", lastDay: nthWorkingDay(start, days, rules.receiptDayCounts, cal) });

const SHIFT_NOTE = "Ngày cuối của thời hạn là ngày nghỉ nên hạn chuyển sang ngày làm việc tiếp theo";

/**
 * Fixes a limit's end. Month limits always move off a day off (art. 134); day limits only when
 * `dayOffShiftsDayLimits`; a working-day limit already ends on a working day unless suspended days
 * pushed it onto a day off. `shiftDays` adds suspended days, which do not count (req. 6).
 */
/**
 * The last day of a limit for the law and for internal warnings. Month limits always move off a day
 * off (art. 134); day limits only when `dayOffShiftsDayLimits`; a working-day limit already ends on a
 * working day unless suspended days pushed it onto a day off. `shiftDays` adds suspended days (req. 6).
 */
export function limitDays(
  limit: Limit,
  rules: DeadlineRules,
  cal: Calendar,
  shiftDays = 0,
): { legalDay: LocalDate; internalDay: LocalDate } {
  const last = addDays(limit.lastDay, shiftDays);
  const movesOffDayOff =
    limit.unit === "months" || limit.unit === "working_days" || rules.dayOffShiftsDayLimits;
  const legalDay = movesOffDayOff ? nextWorkingDay(last, cal) : last;
  // A working-day limit never ends on a day off, so its internal end follows the legal one.
  return { legalDay, internalDay: limit.unit === "working_days" ? legalDay : last };
}

/** Fixes a limit's end instants (24:00 of the last day) and explains them in `basis`. */
export function finishLimit(
  code: DeadlineCode,
  limit: Limit,
  basis: string,
  rules: DeadlineRules,
  cal: Calendar,
  shiftDays = 0,
): Deadline {
  const { legalDay, internalDay } = limitDays(limit, rules, cal, shiftDays);
  const notes = [basis];
  if (shiftDays > 0) {
    notes.push(`Cộng ${shiftDays} ngày tạm đình chỉ (thời gian tạm đình chỉ không tính vào thời hạn)`);
  }
  if (legalDay !== internalDay) {
    notes.push(limit.unit === "months" ? `${SHIFT_NOTE} (Điều 134 BLTTHS 2015)` : SHIFT_NOTE);
  }
  return {
    code,
    legal: endOfVnDay(legalDay),
    internal: endOfVnDay(internalDay),
    basis: `${notes.join(". ")}.`,
  };
}

export type DueStatus = "ok" | "due_soon" | "overdue";

/**
 * For lists: "quá hạn" once the legal end has passed; "sắp đến hạn" from `warnBeforeMs` before the
 * internal (unshifted) end, and between the internal and the legal end (req. 5: warnings run against
 * the unshifted date).
 */
export function dueStatus(
  deadline: Pick<Deadline, "legal" | "internal">,
  now: Date,
  warnBeforeMs: number,
): DueStatus {
  const t = now.getTime();
  if (t >= deadline.legal.getTime()) {
    return "overdue";
  }
  return t >= deadline.internal.getTime() - warnBeforeMs ? "due_soon" : "ok";
}
