import { Link } from "wouter";
import { useI18n } from "../i18n/i18n-context";

export function NotFoundRoute() {
  const { t } = useI18n();
  return (
    <section className="not-found" data-testid="not-found-page">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.body")}</p>
      <Link href="/" className="btn btn--primary">
        {t("notFound.home")}
      </Link>
    </section>
  );
}
