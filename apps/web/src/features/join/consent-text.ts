import type { Translate } from "../../i18n/i18n-context";
import { isConsentPurpose } from "../../lib/household-codes";

export { isConsentPurpose };

/** The sentence a resident agrees to; an unknown code (a newer consent version) is shown as is. */
export function consentText(code: string, t: Translate): string {
  return isConsentPurpose(code) ? t(`consent.${code}`) : code;
}
