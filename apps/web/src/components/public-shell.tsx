import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n-context";
import { Brand } from "./brand";
import { PublicLanguageSwitch } from "./language-switch";

/**
 * Frame of the pages residents open without an account (joining, their membership). It needs no
 * session: nothing here asks /api/me.
 */
export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="login-page public-page">
      <header className="login-page__header public-page__header">
        <Brand />
        <PublicLanguageSwitch />
      </header>
      <main id="main" className="public-page__main">
        {children}
        <p className="login-page__footer">{t("login.footer")}</p>
      </main>
    </div>
  );
}
