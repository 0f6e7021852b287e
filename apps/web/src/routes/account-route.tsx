import { PasswordSection } from "../features/account/password-section";
import { ProfileSection } from "../features/account/profile-section";
import { TotpSection } from "../features/account/totp-section";
import { ZaloLinkSection } from "../features/account/zalo-link-section";
import { useI18n } from "../i18n/i18n-context";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";

export function AccountRoute() {
  const { t } = useI18n();
  const me = useMe();
  useDocumentTitle(t("account.title"), t("app.name"));
  const showTotp = me.user.isOfficer || me.user.totpEnabled || me.totpSetupRequired;
  return (
    <section data-testid="account-page">
      <header className="page-header">
        <h1 className="page-header__title">{t("account.title")}</h1>
      </header>
      <div className="account-grid">
        {showTotp && me.totpSetupRequired ? <TotpSection /> : null}
        <ProfileSection />
        <PasswordSection />
        {showTotp && !me.totpSetupRequired ? <TotpSection /> : null}
        {/* Officers only: their Zalo, to be a group deputy on Zalo and get alerts there. */}
        {me.user.isOfficer ? <ZaloLinkSection /> : null}
      </div>
    </section>
  );
}
