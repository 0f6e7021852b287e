import { Role, type TZaloStatus } from "@binhyen/contracts";
import { useState } from "react";
import { Link, Redirect, useLocation, useSearch } from "wouter";
import { PageError } from "../components/page-error";
import { FlashToast, Loading, SuccessNotice } from "../components/status";
import { canConnectZalo } from "../features/zalo/zalo-access";
import { ZaloActivityCard } from "../features/zalo/zalo-activity-card";
import { getZaloStatus } from "../features/zalo/zalo-api";
import { ZaloBotCard } from "../features/zalo/zalo-bot-card";
import { ZaloConnectForm } from "../features/zalo/zalo-connect-form";
import { ZaloHowTo } from "../features/zalo/zalo-howto";
import { ZaloInventory } from "../features/zalo/zalo-inventory";
import { ZaloOaCard } from "../features/zalo/zalo-oa-card";
import { ZaloWebhooksCard } from "../features/zalo/zalo-webhooks-card";
import { useI18n } from "../i18n/i18n-context";
import { useMe } from "../lib/session";
import { useDocumentTitle } from "../lib/use-document-title";
import { useFlash } from "../lib/use-flash";
import { useQuery } from "../lib/use-query";

/** What Zalo's consent said, as it came back in the address (?oa=connected|failed&reason=…). */
function consentResult(search: string): { ok: boolean; reason: string } | null {
  const params = new URLSearchParams(search);
  const oa = params.get("oa");
  if (oa !== "connected" && oa !== "failed") {
    return null;
  }
  return { ok: oa === "connected", reason: params.get("reason")?.trim() ?? "" };
}

/**
 * The commune's Zalo connection (issue #7): the Official Account, the Bot, the addresses to paste
 * in the Zalo console, what arrived lately, and the groups and packages on Zalo. The chief
 * connects and disconnects; the commune's deputies read and check.
 */
export function ZaloSettingsRoute({ communeId }: { communeId: string }) {
  const { t } = useI18n();
  const me = useMe();
  const chief = canConnectZalo(me, communeId);
  const search = useSearch();
  const [location, navigate] = useLocation();
  const status = useQuery(`zalo-status:${communeId}`, (signal) => getZaloStatus(communeId, signal));
  const [reconsent, setReconsent] = useState(false);
  const flash = useFlash();
  // Read once per render: the token expiries say "còn 20 giờ" from now.
  const [now] = useState(() => Date.now());
  useDocumentTitle(t("zalo.settings.title"), t("app.name"));

  const result = consentResult(search);
  const dismissResult = () => navigate(location, { replace: true });

  const onStatus = (next: TZaloStatus, message: string) => {
    status.setData(next);
    setReconsent(false);
    flash.show(message);
  };

  const header = (
    <>
      <p className="breadcrumb">
        <Link href={`/communes/${communeId}`} className="link">
          ← {t("zalo.settings.back")}
        </Link>
      </p>
      <header className="page-header">
        <div className="page-header__text">
          <h1 className="page-header__title">{t("zalo.settings.title")}</h1>
          <p className="page-header__subtitle">{t("zalo.settings.subtitle")}</p>
        </div>
      </header>
      {result?.ok ? (
        <SuccessNotice>
          <p data-testid="zalo-consent-ok">{t("zalo.settings.consentOk")}</p>
          <button type="button" className="btn btn--ghost btn--small" onClick={dismissResult}>
            {t("common.close")}
          </button>
        </SuccessNotice>
      ) : null}
      {result && !result.ok ? (
        <div className="notice notice--error" role="alert" data-testid="zalo-consent-failed">
          <p>
            {result.reason
              ? t("zalo.settings.consentFailedReason", { reason: result.reason })
              : t("zalo.settings.consentFailed")}
          </p>
          <button type="button" className="btn btn--ghost btn--small" onClick={dismissResult}>
            {t("common.close")}
          </button>
        </div>
      ) : null}
    </>
  );

  if (status.status === "error" && !status.data) {
    return (
      <section data-testid="zalo-settings-page">
        {header}
        <PageError error={status.error} onRetry={status.reload} />
      </section>
    );
  }
  if (!status.data) {
    return (
      <section data-testid="zalo-settings-page">
        {header}
        <Loading />
      </section>
    );
  }
  const data = status.data;
  const showForm = chief && (data.oa.status === "disconnected" || reconsent);

  return (
    <section data-testid="zalo-settings-page" data-oa-status={data.oa.status}>
      {header}
      {!chief ? <p className="muted">{t("zalo.settings.deputyNote")}</p> : null}
      <div className="account-grid">
        <div>
          <ZaloOaCard
            status={data}
            chief={chief}
            now={now}
            onStatus={onStatus}
            onReconsent={() => setReconsent(true)}
          />
          {showForm ? (
            <ZaloConnectForm
              communeId={communeId}
              appId={data.oa.appId}
              reconsent={data.oa.status !== "disconnected"}
              {...(reconsent ? { onCancel: () => setReconsent(false) } : {})}
            />
          ) : null}
          <ZaloBotCard status={data} chief={chief} onStatus={onStatus} />
          <ZaloActivityCard status={data} />
        </div>
        <div>
          <ZaloWebhooksCard status={data} />
          <ZaloHowTo />
        </div>
      </div>
      <ZaloInventory communeId={communeId} connected={data.oa.status === "connected"} />
      <FlashToast flash={flash} />
    </section>
  );
}

/**
 * Zalo's consent comes back to /settings/zalo?oa=… (contracts/zalo.ts): send the person on to
 * their commune's Zalo page, keeping the result.
 */
export function ZaloSettingsRedirect() {
  const me = useMe();
  const search = useSearch();
  const staff = me.roles.find(
    (r) => (r.role === Role.COMMUNE_CHIEF || r.role === Role.COMMUNE_DEPUTY) && r.communeId,
  );
  const chiefOf = me.roles.find((r) => r.role === Role.COMMUNE_CHIEF && r.communeId) ?? staff;
  if (!chiefOf?.communeId) {
    return <Redirect to="/" replace />;
  }
  return <Redirect to={`/communes/${chiefOf.communeId}/zalo${search ? `?${search}` : ""}`} replace />;
}
