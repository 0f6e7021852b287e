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
  // With field details, each field shows its own message; the summary stays a plain sentence.
  if (error.code === "VALIDATION_FAILED" && error.fieldIssues.length > 0) {
    return t("error.VALIDATION_FAILED");
  }
  // "Not found" from the server is terse; ours also says it may be a matter of permission.
  if (locale === "vi" && error.serverMessage && error.code !== "INTERNAL" && error.code !== "NOT_FOUND") {
    return error.serverMessage;
  }
  return t(`error.${error.code}`);
}
