import { Redirect } from "wouter";
import { EmptyState } from "../components/status";
import { useI18n } from "../i18n/i18n-context";
import { homePath } from "../lib/roles";
import { useMe } from "../lib/session";

export function HomeRoute() {
  const { t } = useI18n();
  const me = useMe();
  const target = homePath(me);
  if (target) {
    return <Redirect to={target} replace />;
  }
  return (
    <section className="page-section" data-testid="home-no-roles">
      <EmptyState>{t("home.noRoles")}</EmptyState>
    </section>
  );
}
