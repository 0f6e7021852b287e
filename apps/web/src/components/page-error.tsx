import { Link } from "wouter";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { errorText } from "../lib/error-text";
import { ErrorNotice } from "./status";

/**
 * Why a whole page could not load. "Not found", a malformed address and "not allowed" cannot be
 * fixed by retrying, so they get a way home instead of a retry button.
 */
export function PageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, locale } = useI18n();
  const notFound = isApiError(error, "NOT_FOUND") || isApiError(error, "VALIDATION_FAILED");
  if (notFound || isApiError(error, "FORBIDDEN")) {
    return (
      <section className="not-found" data-testid="page-unavailable">
        <h1>{t("notFound.itemTitle")}</h1>
        <p className="not-found__body">{notFound ? t("error.NOT_FOUND") : errorText(error, t, locale)}</p>
        <Link href="/" className="btn btn--primary">
          {t("notFound.home")}
        </Link>
      </section>
    );
  }
  return <ErrorNotice error={error} onRetry={onRetry} />;
}
