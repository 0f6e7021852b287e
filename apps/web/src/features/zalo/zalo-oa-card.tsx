import type { TZaloStatus } from "@binhyen/contracts";
import { ConfirmButton } from "../../components/confirm-button";
import { ErrorNotice } from "../../components/status";
import { formatDate, formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { useSubmit } from "../../lib/use-submit";
import { checkZalo, disconnectZaloOa } from "./zalo-api";
import { ZaloAssetsChart } from "./zalo-assets-chart";
import { expiryText } from "./zalo-format";
import { ZaloStatusChip } from "./zalo-status-chip";

interface ZaloOaCardProps {
  status: TZaloStatus;
  /** The chief connects, re-consents and disconnects; deputies read and check. */
  chief: boolean;
  now: number;
  onStatus: (status: TZaloStatus, message: string) => void;
  /** Opens the keys form again, to go through Zalo's consent page anew. */
  onReconsent: () => void;
}

/** The commune's Official Account: connection health, tokens, package, group packages, last error. */
export function ZaloOaCard({ status, chief, now, onStatus, onReconsent }: ZaloOaCardProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const oa = status.oa;
  const connectedOnce = oa.status !== "disconnected";

  const onCheck = async () => {
    const result = await submit.run(() => checkZalo(status.communeId));
    if (result.ok) {
      onStatus(
        result.value,
        result.value.oa.status === "connected" ? t("zalo.oa.checkedOk") : t("zalo.oa.checkedProblem"),
      );
    }
  };

  const onDisconnect = async () => {
    const result = await submit.run(() => disconnectZaloOa(status.communeId));
    if (result.ok) {
      onStatus(result.value, t("zalo.oa.disconnected"));
    }
  };

  const verified =
    oa.verified === null ? "—" : oa.verified ? t("zalo.oa.verifiedYes") : t("zalo.oa.verifiedNo");
  const packageText = oa.packageName
    ? oa.packageValidThrough
      ? t("zalo.oa.packageUntil", { name: oa.packageName, date: formatDate(oa.packageValidThrough) })
      : oa.packageName
    : "—";

  return (
    <section className="card" aria-labelledby="zalo-oa-title" data-testid="zalo-oa-card">
      <h2 className="card__title" id="zalo-oa-title">
        {t("zalo.oa.title")} <ZaloStatusChip status={oa.status} />
      </h2>

      {oa.status === "needs_consent" ? (
        <div className="notice notice--error" role="alert" data-testid="zalo-needs-consent">
          <p>
            <strong>{t("zalo.oa.needsConsentTitle")}</strong>
          </p>
          <p>{t("zalo.oa.needsConsentBody")}</p>
          {chief ? (
            <button
              type="button"
              className="btn btn--danger"
              onClick={onReconsent}
              data-testid="zalo-reconsent"
            >
              {t("zalo.oa.reconsent")}
            </button>
          ) : (
            <p className="small">{t("zalo.oa.askChief")}</p>
          )}
        </div>
      ) : null}
      {oa.status === "pending_consent" ? (
        <div className="notice notice--warning" data-testid="zalo-pending-consent">
          <p>{t("zalo.oa.pendingBody")}</p>
          {chief ? (
            <button type="button" className="btn btn--secondary btn--small" onClick={onReconsent}>
              {t("zalo.oa.resumeConsent")}
            </button>
          ) : null}
        </div>
      ) : null}
      {oa.status === "disconnected" ? <p className="muted">{t("zalo.oa.disconnectedBody")}</p> : null}

      {connectedOnce ? (
        <dl className="details details--single" data-testid="zalo-oa-details">
          <div>
            <dt>{t("zalo.oa.name")}</dt>
            <dd>{oa.oaName ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.id")}</dt>
            <dd>{oa.oaId ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.appId")}</dt>
            <dd>{oa.appId ?? "—"}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.verified")}</dt>
            <dd>{verified}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.package")}</dt>
            <dd>{packageText}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.accessExpires")}</dt>
            <dd data-testid="zalo-access-expires">{expiryText(oa.accessExpiresAt, now, t)}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.refreshExpires")}</dt>
            <dd data-testid="zalo-refresh-expires">{expiryText(oa.refreshExpiresAt, now, t)}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.lastRefresh")}</dt>
            <dd>{oa.lastRefreshAt ? formatDateTime(oa.lastRefreshAt) : "—"}</dd>
          </div>
          <div>
            <dt>{t("zalo.oa.checkedAt")}</dt>
            <dd>{oa.checkedAt ? formatDateTime(oa.checkedAt) : "—"}</dd>
          </div>
        </dl>
      ) : null}

      {oa.lastError ? (
        <div className="notice notice--error" data-testid="zalo-oa-error">
          <p>
            {oa.lastErrorAt
              ? t("zalo.lastErrorAt", { time: formatDateTime(oa.lastErrorAt) })
              : t("zalo.lastError")}
          </p>
          <p>{oa.lastError}</p>
        </div>
      ) : null}

      {connectedOnce ? (
        <>
          <h3 className="section-label">{t("zalo.assets.title")}</h3>
          <ZaloAssetsChart assets={oa.assets} />
        </>
      ) : null}

      {submit.error ? <ErrorNotice error={submit.error} /> : null}
      {connectedOnce ? (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn--secondary"
            disabled={submit.busy}
            onClick={() => void onCheck()}
            data-testid="zalo-check"
          >
            {t("zalo.oa.check")}
          </button>
          {chief ? (
            <ConfirmButton
              label={t("zalo.oa.disconnect")}
              question={t("zalo.oa.disconnectQuestion")}
              onConfirm={onDisconnect}
              testId="zalo-disconnect"
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
