import { type TZaloStatus, ZALO_SIGNATURE_FIRST_TERMS, ZALO_SIGNATURE_SECRETS } from "@binhyen/contracts";
import { CopyField } from "../../components/copy-field";
import { type Translate, useI18n } from "../../i18n/i18n-context";

function secretLabel(value: string, t: Translate): string {
  const known = ZALO_SIGNATURE_SECRETS.find((s) => s === value);
  return known ? t(`zalo.signature.secret.${known}`) : value;
}

function firstTermLabel(value: string, t: Translate): string {
  const known = ZALO_SIGNATURE_FIRST_TERMS.find((s) => s === value);
  return known ? t(`zalo.signature.firstTerm.${known}`) : value;
}

/** The addresses to paste in the Zalo developer console and the bot, and how events are signed. */
export function ZaloWebhooksCard({ status }: { status: TZaloStatus }) {
  const { t } = useI18n();
  const signature = status.oa.signature;
  return (
    <section className="card" aria-labelledby="zalo-webhooks-title" data-testid="zalo-webhooks">
      <h2 className="card__title" id="zalo-webhooks-title">
        {t("zalo.webhooks.title")}
      </h2>
      <p className="section-intro muted">{t("zalo.webhooks.intro")}</p>
      <CopyField
        label={t("zalo.webhooks.oa")}
        value={status.webhooks.oa}
        hint={t("zalo.webhooks.oaHint")}
        testId="zalo-webhook-oa"
      />
      <CopyField
        label={t("zalo.webhooks.bot")}
        value={status.webhooks.bot}
        hint={t("zalo.webhooks.botHint")}
        testId="zalo-webhook-bot"
      />
      <CopyField
        label={t("zalo.webhooks.callback")}
        value={status.webhooks.oauthCallback}
        hint={t("zalo.webhooks.callbackHint")}
        testId="zalo-webhook-callback"
      />
      <h3 className="section-label">{t("zalo.signature.title")}</h3>
      <dl className="details details--single" data-testid="zalo-signature">
        <div>
          <dt>{t("zalo.signature.configured")}</dt>
          <dd>
            {secretLabel(signature.secret, t)} · {firstTermLabel(signature.firstTerm, t)}
          </dd>
        </div>
        <div>
          <dt>{t("zalo.signature.seen")}</dt>
          <dd>{signature.seen ?? t("zalo.signature.notSeen")}</dd>
        </div>
      </dl>
    </section>
  );
}
