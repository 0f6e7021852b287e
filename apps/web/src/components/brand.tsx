import { useI18n } from "../i18n/i18n-context";

export function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <img className="brand__logo" src="/icon.svg" alt="" width="32" height="32" />
      <span className="brand__text">
        <span className="brand__name">{t("app.name")}</span>
        <span className="brand__tagline">{t("app.tagline")}</span>
      </span>
    </span>
  );
}
