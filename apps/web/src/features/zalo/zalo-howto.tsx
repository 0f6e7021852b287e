import { useI18n } from "../../i18n/i18n-context";

const STEPS = [1, 2, 3, 4, 5] as const;

/** The five steps of connecting a commune to Zalo, in short (the full guide is docs/zalo-setup.md). */
export function ZaloHowTo() {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="zalo-howto-title" data-testid="zalo-howto">
      <h2 className="card__title" id="zalo-howto-title">
        {t("zalo.howto.title")}
      </h2>
      <ol className="steps">
        {STEPS.map((step) => (
          <li key={step}>{t(`zalo.howto.step${step}`)}</li>
        ))}
      </ol>
      <p className="muted small">{t("zalo.howto.note")}</p>
    </section>
  );
}
