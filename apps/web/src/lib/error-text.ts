import type { Locale, Translate } from "../i18n/i18n-context";
import { isApiError } from "./api-client";

/**
 * The sentence to show for a failure. Server messages are Vietnamese, so they are shown as they
 * are in Vietnamese; in English the code's own translation is shown instead.
 */
export function errorText(error: unknown, t: Translate, locale: Locale): string {
  if (!isApiError(error)) {
    return t("error.generic");
  }
  if (locale === "vi" && error.serverMessage && error.code !== "INTERNAL") {
    return error.serverMessage;
  }
  return t(`error.${error.code}`);
}
