import type { TConsentPurpose, TContactStatus, THouseholdStatus } from "@binhyen/contracts";

/*
 * Code lists of the households contract, kept as exhaustive records of its types. Importing the
 * lists themselves from @binhyen/contracts would bring in households.ts, whose top-level zod
 * schemas then ship with the app (about 190 kB); a type import costs nothing, and a Record fails
 * to compile as soon as a code is added to or removed from the contract.
 */
const householdStatuses: Record<THouseholdStatus, true> = { active: true, moved: true, dissolved: true };
const contactStatuses: Record<TContactStatus, true> = {
  not_contacted: true,
  invited: true,
  declined: true,
  unreachable: true,
};
const consentPurposes: Record<TConsentPurpose, true> = {
  GROUP_MEMBERSHIP: true,
  HOUSEHOLD_REPRESENTATIVE: true,
  OFFICER_CONTACT: true,
};

export const HOUSEHOLD_STATUS_LIST = Object.keys(householdStatuses) as THouseholdStatus[];
export const CONTACT_STATUS_LIST = Object.keys(contactStatuses) as TContactStatus[];

export function isConsentPurpose(code: string): code is TConsentPurpose {
  return Object.hasOwn(consentPurposes, code);
}
