import type { Translate } from "../../i18n/i18n-context";
import {
  isCaseAction,
  isCaseEvent,
  isCaseState,
  isDeadlineCode,
  isOutcomeCode,
  isReportCategory,
  isReportKind,
  isSuspensionGround,
} from "../../lib/report-codes";

/*
 * Vietnamese (or English) names of the reports' codes. A code this version does not know, from a
 * newer server, is shown as it is.
 */

export function categoryLabel(code: string, t: Translate): string {
  return isReportCategory(code) ? t(`reportCategory.${code}`) : code;
}

export function kindLabel(code: string, t: Translate): string {
  return isReportKind(code) ? t(`reportKind.${code}`) : code;
}

export function stateLabel(code: string, t: Translate): string {
  return isCaseState(code) ? t(`caseState.${code}`) : code;
}

export function eventLabel(code: string, t: Translate): string {
  return isCaseEvent(code) ? t(`caseEvent.${code}`) : code;
}

export function groundLabel(code: string, t: Translate): string {
  return isSuspensionGround(code) ? t(`suspensionGround.${code}`) : code;
}

export function outcomeLabel(code: string, t: Translate): string {
  return isOutcomeCode(code) ? t(`outcomeCode.${code}`) : code;
}

export function deadlineLabel(code: string, t: Translate): string {
  return isDeadlineCode(code) ? t(`deadlineCode.${code}`) : t("deadlineCode.other");
}

export function actionLabel(code: string, t: Translate): string {
  return isCaseAction(code) ? t(`caseAction.${code}`) : t("caseAction.other", { action: code });
}

const CHANNELS = ["web", "zalo-oa", "zalo-bot"] as const;

/** Where the report came in; an unknown channel is shown as the server names it. */
export function channelLabel(code: string, t: Translate): string {
  const known = CHANNELS.find((channel) => channel === code);
  return known ? t(`channel.${known}`) : code;
}

/** Badge colour of a case state: new ones ask for attention, finished ones are muted. */
export function stateBadgeClass(code: string): string {
  switch (code) {
    case "RECEIVED":
      return "badge badge--warning";
    case "CLOSED":
    case "MERGED":
      return "badge badge--muted";
    case "OUTCOME_RECORDED":
      return "badge badge--success";
    case "SUSPENDED":
    case "NOT_POLICE_MATTER":
      return "badge";
    default:
      return "badge badge--info";
  }
}
