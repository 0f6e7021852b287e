import { type Locale, useI18n } from "../i18n/i18n-context";
import { useSession } from "../lib/session";

const OPTIONS: ReadonlyArray<{ locale: Locale; short: string }> = [
  { locale: "vi", short: "VI" },
  { locale: "en", short: "EN" },
];

/** Two buttons, VI and EN, that call `onSelect`; the choice itself is kept by the caller. */
export function LocaleButtons({ onSelect }: { onSelect: (locale: Locale) => void }) {
  const { t, locale } = useI18n();
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t("lang.label")}</legend>
      {OPTIONS.map((option) => (
        <button
          key={option.locale}
          type="button"
          lang={option.locale}
          className={option.locale === locale ? "lang-switch__btn is-active" : "lang-switch__btn"}
          aria-pressed={option.locale === locale}
          aria-label={t(`lang.${option.locale}`)}
          title={t(`lang.${option.locale}`)}
          data-testid={`lang-${option.locale}`}
          onClick={() => onSelect(option.locale)}
        >
          {option.short}
        </button>
      ))}
    </fieldset>
  );
}

/** The language switch of signed-in and sign-in screens: kept on the device and saved to the account. */
export function LanguageSwitch() {
  const { changeLocale } = useSession();
  return <LocaleButtons onSelect={changeLocale} />;
}

/** For public pages (joining, membership), which have no session: kept on the device only. */
export function PublicLanguageSwitch() {
  const { setLocale } = useI18n();
  return <LocaleButtons onSelect={setLocale} />;
}
