import { Link } from "wouter";
import { useI18n } from "../i18n/i18n-context";
import { useDocumentTitle } from "../lib/use-document-title";

export function NotFoundRoute() {
  const { t } = useI18n();
  useDocumentTitle(t("notFound.title"), t("app.name"));
  return (
    <section className="not-found" data-testid="not-found-page">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t("notFound.title")}</h1>
      <p className="not-found__body">{t("notFound.body")}</p>
      <Link href="/" className="btn btn--primary">
        {t("notFound.home")}
      </Link>
    </section>
  );
}
