import {
  type POLICY_ACTIONS,
  POSTING_MODES,
  type TPolicyRuleCode,
  type TPostingMode,
} from "@binhyen/contracts";
import type { Translate } from "../../i18n/i18n-context";

/*
 * Vietnamese (or English) names of the content policy's codes. A code this version does not know,
 * from a newer server, is shown as it is.
 */

export type TPolicyAction = (typeof POLICY_ACTIONS)[number];

/*
 * The codes are listed here, checked against the contracts' unions by these records, rather than
 * imported: the contracts' moderation module would bring zod into a member's bundle.
 */
const RULES: Record<TPolicyRuleCode, true> = {
  SECRECY: true,
  SECRET_KEYWORD: true,
  PERSONAL_DATA: true,
  LINK: true,
  PROFANITY: true,
  FLOODING: true,
};
const ACTIONS: Record<TPolicyAction, true> = { block: true, hold: true, flag: true, off: true };

export const RULE_CODES = Object.keys(RULES) as TPolicyRuleCode[];
export const POLICY_ACTION_LIST = Object.keys(ACTIONS) as TPolicyAction[];

export function isRuleCode(code: string): code is TPolicyRuleCode {
  return Object.hasOwn(RULES, code);
}

export function ruleLabel(code: string, t: Translate): string {
  return isRuleCode(code) ? t(`policyRule.${code}`) : code;
}

export function policyActionLabel(action: TPolicyAction, t: Translate): string {
  return t(`policyAction.${action}`);
}

const SANCTIONS = ["warn", "mute", "remove"] as const;

export function sanctionLabel(kind: string, t: Translate): string {
  return (SANCTIONS as readonly string[]).includes(kind)
    ? t(`sanction.${kind as (typeof SANCTIONS)[number]}`)
    : kind;
}

/** Choices for "Tạm khóa đăng bài", in minutes. */
export const MUTE_CHOICES = [
  { minutes: 60, key: "sanction.mute1h" },
  { minutes: 60 * 24, key: "sanction.mute1d" },
  { minutes: 60 * 24 * 7, key: "sanction.mute7d" },
] as const;

export function postingModeLabel(mode: string, t: Translate): string {
  return (POSTING_MODES as readonly string[]).includes(mode)
    ? t(`postingMode.${mode as TPostingMode}`)
    : mode;
}
