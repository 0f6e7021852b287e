import { Link, Redirect, useLocation, useSearch } from "wouter";
import { Brand } from "../components/brand";
import { LanguageSwitch } from "../components/language-switch";
import { Loading } from "../components/status";
import { LoginForm } from "../features/auth/login-form";
import { useI18n } from "../i18n/i18n-context";
import { useSession } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";

/** Only same-site paths are followed after sign-in ("//evil.example" is not a path). */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginRoute() {
  const { t } = useI18n();
  const { state, completeSignIn } = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  useDocumentTitle(t("login.title"), t("app.name"));

  if (state.status === "loading") {
    return <Loading />;
  }
  if (state.status === "signedIn") {
    return <Redirect to={state.me.totpSetupRequired ? "/account" : safeNext(search)} replace />;
  }

  return (
    <div className="login-page">
      <header className="login-page__header">
        <Brand />
        <LanguageSwitch />
      </header>
      <main id="main" className="login-page__main">
        {state.expired ? (
          <p className="notice notice--warning" role="status">
            {t("error.UNAUTHENTICATED")}
          </p>
        ) : null}
        {/* Residents land here too: reporting needs no account, so it comes first. */}
        <section className="card report-cta" data-testid="report-cta">
          <h2 className="report-cta__title">{t("login.reportTitle")}</h2>
          <p className="report-cta__body">{t("login.reportBody")}</p>
          <Link href="/report" className="btn btn--report btn--block" data-testid="report-cta-button">
            {t("login.reportButton")}
          </Link>
          <Link href="/report/follow" className="link report-cta__follow">
            {t("login.followLink")}
          </Link>
        </section>
        <LoginForm
          onSignedIn={async (response) => {
            const me = await completeSignIn(response);
            if (me) {
              navigate(me.totpSetupRequired || response.totpSetupRequired ? "/account" : safeNext(search), {
                replace: true,
              });
            }
          }}
        />
        <p className="login-page__footer">{t("login.footer")}</p>
      </main>
    </div>
  );
}
