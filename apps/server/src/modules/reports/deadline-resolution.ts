import { validation } from "../../core/errors";
import { type Calendar, daysBetween, vnDate } from "./deadline-calendar";
import {
  applyExtension,
  BASE_TIP_DAYS,
  CPC,
  type Ctx,
  DENUNCIATION_DAYS,
  type Extension,
  type ExtensionCheck,
  extendedLastDay,
  isComplex,
  isCriminalTip,
  isSuspensionGround,
  RESUMED_MONTHS,
  type Rejection,
  type ResolutionInput,
  rejectExtension,
  type State,
  type Suspension,
} from "./deadline-extensions";
import {
  type Deadline,
  type DeadlineRules,
  dayLimit,
  finishLimit,
  type Limit,
  monthLimit,
  workingDayLimit,
} from "./deadline-limits";

function khieuNaiDays(complex: boolean, remote: boolean): number {
  if (remote) {
    return complex ? 60 : 45;
  }
  return complex ? 45 : 30;
}

/** The limit with no extension, or null when the kind has none or its start (thụ lý) is unknown. */
function baseState({ input, rules, cal, receiptDay }: Ctx): State | null {
  const state = (limit: Limit, note: string): State => ({
    limit,
    notes: [note],
    shiftDays: 0,
    investigationMonths: null,
    procuracyExtended: false,
    resolverExtensions: 0,
  });
  const accepted = input.acceptedAt && vnDate(input.acceptedAt);
  const complex = isComplex(input.complexity);
  if (isCriminalTip(input.kind)) {
    return state(
      dayLimit(receiptDay, BASE_TIP_DAYS, rules),
      `Kiểm tra, xác minh và ra quyết định trong ${BASE_TIP_DAYS} ngày kể từ ngày tiếp nhận (Điều 147 ${CPC}); thời hạn hết lúc 24 giờ ngày cuối (Điều 134 ${CPC})`,
    );
  }
  if (input.kind === "KHIEU_NAI" && accepted) {
    const days = khieuNaiDays(complex, rules.remote);
    const where = rules.remote ? " ở vùng sâu, vùng xa đi lại khó khăn" : "";
    const what = complex ? "vụ việc phức tạp" : "vụ việc";
    return state(
      dayLimit(accepted, days, rules),
      `Giải quyết khiếu nại lần đầu (${what}${where}) trong ${days} ngày kể từ ngày thụ lý (Điều 28 Luật Khiếu nại 2011)`,
    );
  }
  if (input.kind === "TO_CAO" && accepted) {
    return state(
      dayLimit(accepted, DENUNCIATION_DAYS, rules),
      `Giải quyết tố cáo trong ${DENUNCIATION_DAYS} ngày kể từ ngày thụ lý (Luật Tố cáo 2018)`,
    );
  }
  if (input.kind === "PHAN_ANH_KIEN_NGHI") {
    return state(
      workingDayLimit(receiptDay, rules.phanAnhWorkingDays, rules, cal),
      `Trả lời phản ánh, kiến nghị trong ${rules.phanAnhWorkingDays} ngày làm việc kể từ ngày tiếp nhận (mức của xã, có thể cấu hình)`,
    );
  }
  return null;
}

function checkSuspensions(ctx: Ctx): Suspension[] {
  const list = [...(ctx.input.suspensions ?? [])].sort(
    (a, b) => a.suspendedAt.getTime() - b.suspendedAt.getTime(),
  );
  list.forEach((s, i) => {
    const where = `suspensions[${i}]`;
    if (isCriminalTip(ctx.input.kind) && !isSuspensionGround(s.ground)) {
      throw validation(
        where,
        "Quyết định tạm đình chỉ phải ghi một trong ba căn cứ của Điều 148 BLTTHS 2015.",
      );
    }
    if (s.suspendedAt < ctx.input.receivedAt) {
      throw validation(where, "Ngày tạm đình chỉ trước ngày tiếp nhận.");
    }
    if (s.resumedAt && s.resumedAt <= s.suspendedAt) {
      throw validation(where, "Ngày phục hồi phải sau ngày tạm đình chỉ.");
    }
    const next = list[i + 1];
    if (next && (!s.resumedAt || next.suspendedAt < s.resumedAt)) {
      throw validation(where, "Các lần tạm đình chỉ chồng lên nhau hoặc lần trước chưa phục hồi.");
    }
  });
  return list;
}

type Outcome = { deadline: Deadline | null } | { rejected: Rejection };

/** Replays extensions and suspensions in time order, as they were decided. */
function replay(input: ResolutionInput, rules: DeadlineRules, cal: Calendar): Outcome {
  if (input.acceptedAt && input.acceptedAt < input.receivedAt) {
    throw validation("acceptedAt", "Ngày thụ lý trước ngày tiếp nhận.");
  }
  const ctx: Ctx = { input, rules, cal, receiptDay: vnDate(input.receivedAt) };
  const suspensions = checkSuspensions(ctx);
  const extensions = [...(input.extensions ?? [])].sort(
    (a, b) => a.decidedAt.getTime() - b.decidedAt.getTime(),
  );
  let state = baseState(ctx);
  if (state === null) {
    return extensions[0] ? { rejected: rejectionFor(input) } : { deadline: null };
  }
  const tip = isCriminalTip(input.kind);
  // Tips restart under art. 149 after a resumption; other kinds add the suspended days (req. 6).
  const excluded = tip ? [] : suspensions.filter((s) => s.resumedAt);
  let absorbed = 0;
  for (const ext of extensions) {
    // A suspension resumed before this extension pushes the deadline the extension is checked against.
    for (let s = excluded[absorbed]; s && s.suspendedAt <= ext.decidedAt; s = excluded[absorbed]) {
      state = addSuspension(state, s, rules, cal);
      absorbed += 1;
    }
    const rejected = rejectExtension(state, ext, ctx, suspensions);
    const last = rejected ? null : extendedLastDay(state, ext, ctx.receiptDay);
    if (rejected || last === null) {
      return { rejected: rejected ?? { code: "INVALID_LENGTH", reason: "Thời gian gia hạn không hợp lệ." } };
    }
    state = applyExtension(state, ext, last);
  }
  const latest = suspensions.at(-1);
  if (tip && latest) {
    if (!latest.resumedAt) {
      return { deadline: null };
    }
    const limit = monthLimit(vnDate(latest.resumedAt), RESUMED_MONTHS);
    const note = `Phục hồi giải quyết: không quá 01 tháng kể từ ngày ra quyết định phục hồi (Điều 149 ${CPC})`;
    return { deadline: finishLimit("RESOLUTION", limit, note, rules, cal) };
  }
  for (const s of excluded.slice(absorbed)) {
    state = addSuspension(state, s, rules, cal);
  }
  const running = finishLimit("RESOLUTION", state.limit, state.notes.join(". "), rules, cal, state.shiftDays);
  // The clock stops while suspended, unless the suspension came after the deadline had already run out.
  const stopped = latest && !latest.resumedAt && latest.suspendedAt < running.internal;
  return { deadline: stopped ? null : running };
}

function rejectionFor(input: ResolutionInput): Rejection {
  return input.kind === "TO_CAO"
    ? { code: "NOT_ACCEPTED", reason: "Chưa thụ lý tố cáo nên chưa có thời hạn để gia hạn." }
    : { code: "NOT_EXTENDABLE", reason: "Loại tin này không được gia hạn theo cách này." };
}

/**
 * Suspended calendar days (day of resumption minus day of suspension) do not count (req. 6), but only
 * for a suspension that began before the running deadline: an overdue report stays overdue.
 */
function addSuspension(state: State, s: Suspension, rules: DeadlineRules, cal: Calendar): State {
  const running = finishLimit("RESOLUTION", state.limit, "", rules, cal, state.shiftDays);
  if (!s.resumedAt || s.suspendedAt >= running.internal) {
    return state;
  }
  return { ...state, shiftDays: state.shiftDays + daysBetween(vnDate(s.suspendedAt), vnDate(s.resumedAt)) };
}

/**
 * The resolution deadline (req. 5–9), or null when none is running: kind OTHER, a khiếu nại or tố cáo
 * not yet accepted (thụ lý), or a suspension not yet resumed. Throws VALIDATION_FAILED when the recorded
 * extensions or suspensions break the rules (use validateExtension before recording one).
 */
export function resolutionDeadline(
  input: ResolutionInput,
  rules: DeadlineRules,
  cal: Calendar,
): Deadline | null {
  const outcome = replay(input, rules, cal);
  if ("rejected" in outcome) {
    throw validation("extensions", outcome.rejected.reason);
  }
  return outcome.deadline;
}

/**
 * Checks an extension before it is recorded: a second procuracy extension, anything past 4 months from
 * receipt (art. 147), a tố cáo extension beyond its count or 30 days, or one decided after expiry or
 * while suspended is rejected with a Vietnamese reason. When accepted, returns the new deadline.
 */
export function validateExtension(
  input: ResolutionInput,
  next: Extension,
  rules: DeadlineRules,
  cal: Calendar,
): ExtensionCheck {
  const outcome = replay({ ...input, extensions: [...(input.extensions ?? []), next] }, rules, cal);
  return "rejected" in outcome
    ? { ok: false, ...outcome.rejected }
    : { ok: true, deadline: outcome.deadline };
}
