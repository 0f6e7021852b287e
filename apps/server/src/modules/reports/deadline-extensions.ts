// A report's resolution record (kinds, suspensions, extensions) and the art. 147 / Luật Tố cáo 2018
// rules for extending its deadline.
import { SuspensionGround, type TReportKind, type TSuspensionGround } from "@binhyen/contracts";
import {
  addDays,
  addMonthsClamped,
  type Calendar,
  formatVnInstant,
  type LocalDate,
} from "./deadline-calendar";
import { type Deadline, type DeadlineRules, finishLimit, type Limit } from "./deadline-limits";

export type ReportKind = TReportKind;

/** Tố giác and tin báo (named or anonymous): forwarded, then resolved under CPC arts. 147–149. */
export const isCriminalTip = (kind: ReportKind): boolean =>
  kind === "TO_GIAC" || kind === "TIN_BAO" || kind === "TIN_BAO_NAC_DANH";

export { SuspensionGround, type TSuspensionGround };

export const isSuspensionGround = (value: unknown): value is TSuspensionGround =>
  typeof value === "string" && Object.hasOwn(SuspensionGround, value);

/** `ground` is required for tips (art. 148); a tố cáo or khiếu nại suspension has its own grounds. */
export type Suspension = { suspendedAt: Date; resumedAt?: Date; ground?: TSuspensionGround };

/** Khiếu nại: COMPLEX and VERY_COMPLEX both take the longer limit. Tố cáo: one or two extensions. */
export type Complexity = "NORMAL" | "COMPLEX" | "VERY_COMPLEX";

/**
 * - INVESTIGATION_BODY (art. 147): the period *becomes* `totalMonths` months from receipt, at most 2.
 * - PROCURACY (art. 147): once, *adds* at most 2 months; the whole period stays within 4 months.
 * - DENUNCIATION_RESOLVER (Luật Tố cáo 2018): adds at most 30 days; once if complex, twice if very.
 */
export type Extension =
  | { authority: "INVESTIGATION_BODY"; decidedAt: Date; reason: string; totalMonths: number }
  | { authority: "PROCURACY"; decidedAt: Date; reason: string; months: number; days?: number }
  | { authority: "DENUNCIATION_RESOLVER"; decidedAt: Date; reason: string; days: number };

export type ResolutionInput = {
  kind: ReportKind;
  receivedAt: Date;
  /** Thụ lý: where khiếu nại and tố cáo limits start. */
  acceptedAt?: Date;
  complexity?: Complexity;
  extensions?: readonly Extension[];
  suspensions?: readonly Suspension[];
};

export type ExtensionRejection =
  | "NOT_EXTENDABLE"
  | "REASON_REQUIRED"
  | "NOT_ACCEPTED"
  | "BEFORE_START"
  | "SUSPENDED"
  | "EXPIRED"
  | "SECOND_PROCURACY_EXTENSION"
  | "AFTER_PROCURACY"
  | "BEYOND_CAP"
  | "INVALID_LENGTH"
  | "NOT_COMPLEX"
  | "TOO_MANY";

export type ExtensionCheck =
  | { ok: true; deadline: Deadline | null }
  | { ok: false; code: ExtensionRejection; reason: string };

export const CPC = "BLTTHS 2015";
export const BASE_TIP_DAYS = 20;
const INVESTIGATION_MAX_MONTHS = 2;
const PROCURACY_MAX_MONTHS = 2;
const TIP_CAP_MONTHS = 4;
export const DENUNCIATION_DAYS = 30;
const DENUNCIATION_EXTENSION_MAX_DAYS = 30;
export const RESUMED_MONTHS = 1;

export type State = {
  limit: Limit;
  notes: string[];
  /** Suspended days added so far (req. 6); tips use art. 149 instead. */
  shiftDays: number;
  /** Months from receipt once the investigation body extended, so the procuracy adds on the same anchor. */
  investigationMonths: number | null;
  procuracyExtended: boolean;
  resolverExtensions: number;
};

export const isComplex = (c: Complexity | undefined) => c === "COMPLEX" || c === "VERY_COMPLEX";

export type Ctx = { input: ResolutionInput; rules: DeadlineRules; cal: Calendar; receiptDay: LocalDate };
export type Rejection = { code: ExtensionRejection; reason: string };

/** Vietnamese legal texts write counts with two digits: "02 tháng", "30 ngày". */
const pad2 = (n: number) => String(n).padStart(2, "0");

const describeLength = (months: number, days: number) =>
  [months > 0 ? `${months} tháng` : "", days > 0 ? `${days} ngày` : ""].filter(Boolean).join(" ");

const positiveInt = (n: number) => Number.isInteger(n) && n > 0;
const naturalInt = (n: number) => Number.isInteger(n) && n >= 0;

/** The unshifted last day an extension would give; null when its length is not a valid number. */
export function extendedLastDay(state: State, ext: Extension, receiptDay: LocalDate): LocalDate | null {
  if (ext.authority === "INVESTIGATION_BODY") {
    return positiveInt(ext.totalMonths) ? addMonthsClamped(receiptDay, ext.totalMonths) : null;
  }
  if (ext.authority === "PROCURACY") {
    const days = ext.days ?? 0;
    if (!naturalInt(ext.months) || !naturalInt(days) || ext.months + days === 0) {
      return null;
    }
    // After "kéo dài đến 2 tháng", add on the receipt day so 31/12 + 2 + 2 months ends on 30/4, not 28/4.
    const months = state.investigationMonths;
    const byMonths =
      months === null
        ? addMonthsClamped(state.limit.lastDay, ext.months)
        : addMonthsClamped(receiptDay, months + ext.months);
    return addDays(byMonths, days);
  }
  return positiveInt(ext.days) ? addDays(state.limit.lastDay, ext.days) : null;
}

export function rejectExtension(
  state: State,
  ext: Extension,
  ctx: Ctx,
  suspensions: Suspension[],
): Rejection | null {
  const { input, rules, cal, receiptDay } = ctx;
  const criminalAuthority = ext.authority !== "DENUNCIATION_RESOLVER";
  if (criminalAuthority ? !isCriminalTip(input.kind) : input.kind !== "TO_CAO") {
    return { code: "NOT_EXTENDABLE", reason: "Loại tin này không được gia hạn theo cách này." };
  }
  if (ext.reason.trim() === "") {
    return { code: "REASON_REQUIRED", reason: "Quyết định gia hạn phải ghi rõ lý do." };
  }
  if (ext.authority === "PROCURACY" && state.procuracyExtended) {
    return {
      code: "SECOND_PROCURACY_EXTENSION",
      reason: `Viện kiểm sát chỉ được gia hạn một lần (Điều 147 ${CPC}).`,
    };
  }
  const start = criminalAuthority ? input.receivedAt : input.acceptedAt;
  if (!start) {
    return { code: "NOT_ACCEPTED", reason: "Chưa thụ lý tố cáo nên chưa có thời hạn để gia hạn." };
  }
  if (ext.decidedAt < start) {
    return { code: "BEFORE_START", reason: "Ngày quyết định gia hạn trước ngày bắt đầu tính thời hạn." };
  }
  const inSuspension = suspensions.some(
    (s) =>
      ext.decidedAt >= s.suspendedAt && (criminalAuthority || !s.resumedAt || ext.decidedAt < s.resumedAt),
  );
  if (inSuspension) {
    return {
      code: "SUSPENDED",
      reason: criminalAuthority
        ? `Đã tạm đình chỉ: sau khi phục hồi, thời hạn không quá 01 tháng và không gia hạn (Điều 149 ${CPC}).`
        : "Đang tạm đình chỉ giải quyết; không gia hạn trong thời gian tạm đình chỉ.",
    };
  }
  const current = finishLimit("RESOLUTION", state.limit, "", rules, cal, state.shiftDays);
  if (ext.decidedAt >= current.legal) {
    return {
      code: "EXPIRED",
      reason: `Thời hạn đã hết lúc ${formatVnInstant(current.legal)}; không gia hạn sau khi đã hết hạn.`,
    };
  }
  if (ext.authority === "INVESTIGATION_BODY" && state.procuracyExtended) {
    return {
      code: "AFTER_PROCURACY",
      reason: `Viện kiểm sát đã gia hạn; Cơ quan điều tra không kéo dài thêm (Điều 147 ${CPC}).`,
    };
  }
  const last = extendedLastDay(state, ext, receiptDay);
  if (last === null) {
    return { code: "INVALID_LENGTH", reason: "Thời gian gia hạn phải là số nguyên dương." };
  }
  if (criminalAuthority && last > addMonthsClamped(receiptDay, TIP_CAP_MONTHS)) {
    return {
      code: "BEYOND_CAP",
      reason: `Vượt quá thời hạn tối đa ${pad2(TIP_CAP_MONTHS)} tháng kể từ ngày tiếp nhận (Điều 147 ${CPC}).`,
    };
  }
  if (last <= state.limit.lastDay) {
    return { code: "INVALID_LENGTH", reason: "Thời hạn sau gia hạn phải dài hơn thời hạn hiện tại." };
  }
  if (ext.authority === "INVESTIGATION_BODY" && ext.totalMonths > INVESTIGATION_MAX_MONTHS) {
    return {
      code: "INVALID_LENGTH",
      reason: `Cơ quan điều tra chỉ kéo dài đến tối đa ${pad2(INVESTIGATION_MAX_MONTHS)} tháng kể từ ngày tiếp nhận (Điều 147 ${CPC}).`,
    };
  }
  if (ext.authority === "PROCURACY") {
    const bound = extendedLastDay(state, { ...ext, months: PROCURACY_MAX_MONTHS, days: 0 }, receiptDay);
    if (bound !== null && last > bound) {
      return {
        code: "INVALID_LENGTH",
        reason: `Viện kiểm sát gia hạn không quá ${pad2(PROCURACY_MAX_MONTHS)} tháng (Điều 147 ${CPC}).`,
      };
    }
  }
  if (ext.authority === "DENUNCIATION_RESOLVER") {
    return rejectDenunciationExtension(state, ext, input.complexity);
  }
  return null;
}

function rejectDenunciationExtension(
  state: State,
  ext: Extract<Extension, { authority: "DENUNCIATION_RESOLVER" }>,
  complexity: Complexity | undefined,
): Rejection | null {
  if (!isComplex(complexity)) {
    return {
      code: "NOT_COMPLEX",
      reason: "Chỉ gia hạn giải quyết tố cáo khi vụ việc phức tạp hoặc đặc biệt phức tạp (Luật Tố cáo 2018).",
    };
  }
  const allowed = complexity === "VERY_COMPLEX" ? 2 : 1;
  if (state.resolverExtensions >= allowed) {
    return {
      code: "TOO_MANY",
      reason:
        allowed === 2
          ? "Vụ việc đặc biệt phức tạp chỉ được gia hạn hai lần (Luật Tố cáo 2018)."
          : "Vụ việc phức tạp chỉ được gia hạn một lần (Luật Tố cáo 2018).",
    };
  }
  if (ext.days > DENUNCIATION_EXTENSION_MAX_DAYS) {
    return {
      code: "INVALID_LENGTH",
      reason: `Mỗi lần gia hạn giải quyết tố cáo không quá ${pad2(DENUNCIATION_EXTENSION_MAX_DAYS)} ngày (Luật Tố cáo 2018).`,
    };
  }
  return null;
}

export function applyExtension(state: State, ext: Extension, last: LocalDate): State {
  if (ext.authority === "INVESTIGATION_BODY") {
    return {
      ...state,
      limit: { unit: "months", lastDay: last },
      investigationMonths: ext.totalMonths,
      notes: [
        ...state.notes,
        `Cơ quan điều tra kéo dài thời hạn đến ${ext.totalMonths} tháng kể từ ngày tiếp nhận (Điều 147 ${CPC})`,
      ],
    };
  }
  if (ext.authority === "PROCURACY") {
    const days = ext.days ?? 0;
    return {
      ...state,
      limit: { unit: days > 0 ? "days" : "months", lastDay: last },
      procuracyExtended: true,
      notes: [
        ...state.notes,
        `Viện kiểm sát gia hạn thêm ${describeLength(ext.months, days)} (Điều 147 ${CPC})`,
      ],
    };
  }
  const n = state.resolverExtensions + 1;
  return {
    ...state,
    limit: { unit: "days", lastDay: last },
    resolverExtensions: n,
    notes: [...state.notes, `Gia hạn lần ${n} thêm ${ext.days} ngày (Luật Tố cáo 2018)`],
  };
}
