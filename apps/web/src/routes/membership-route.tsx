import type { ReactNode } from "react";
import { useState } from "react";
import { ConfirmButton } from "../components/confirm-button";
import { CopyField } from "../components/copy-field";
import { PublicShell } from "../components/public-shell";
import { ErrorNotice, Loading, SuccessNotice } from "../components/status";
import { consentText } from "../features/join/consent-text";
import { getMembership, leaveGroup, withdrawConsent } from "../features/join/join-api";
import { managementUrl } from "../features/join/membership-store";
import { formatDate } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { isApiError } from "../lib/api-client";
import { fold } from "../lib/text";
import { useDocumentTitle } from "../lib/use-document-title";
import { useQuery } from "../lib/use-query";
import { useSubmit } from "../lib/use-submit";

const STATUS_CLASS = {
  pending: "badge badge--info",
  active: "badge badge--success",
  left: "badge",
  withdrawn: "badge badge--muted",
  rejected: "badge badge--danger",
} as const;

/** A resident's own page, opened with their personal link: see, leave, or withdraw consent. */
export function MembershipRoute({ token }: { token: string }) {
  const { t } = useI18n();
  const membership = useQuery(`membership:${token}`, (signal) => getMembership(token, signal));
  const action = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  useDocumentTitle(t("membership.title"), t("app.name"));

  let body: ReactNode;
  if (membership.status === "error" && !membership.data) {
    body = isApiError(membership.error, "NOT_FOUND") ? (
      <section className="card" data-testid="membership-invalid">
        <h1 className="public-title">{t("membership.title")}</h1>
        <p className="notice notice--warning">{t("membership.invalid")}</p>
      </section>
    ) : (
      <ErrorNotice error={membership.error} onRetry={membership.reload} />
    );
  } else if (!membership.data) {
    body = <Loading />;
  } else {
    const data = membership.data;
    const canLeave = data.status === "pending" || data.status === "active";
    const canWithdraw = data.status !== "withdrawn";

    const run = async (kind: "leave" | "withdraw") => {
      setDone(null);
      const result = await action.run(() => (kind === "leave" ? leaveGroup(token) : withdrawConsent(token)));
      if (result.ok) {
        membership.setData(result.value);
        setDone(kind === "leave" ? t("membership.leftDone") : t("membership.withdrawnDone"));
      }
    };

    body = (
      <section className="card" data-testid="membership-card" data-status={data.status}>
        <h1 className="public-title">{t("membership.title")}</h1>
        <dl className="details">
          <div>
            <dt>{t("membership.group")}</dt>
            <dd>
              {/* "Zalo kết nối bình yên Ấp Tân Phú" already names the hamlet. */}
              {fold(data.groupName).includes(fold(data.hamletName))
                ? data.groupName
                : `${data.groupName} · ${data.hamletName}`}
            </dd>
          </div>
          {/* After withdrawal the server has erased the name. */}
          {data.name ? (
            <div>
              <dt>{t("membership.name")}</dt>
              <dd>{data.name}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("membership.status")}</dt>
            <dd>
              <span className={STATUS_CLASS[data.status]} data-testid="membership-status">
                {t(`membershipStatus.${data.status}`)}
              </span>
            </dd>
          </div>
          {data.joinedAt ? (
            <div>
              <dt>{t("membership.joinedAt")}</dt>
              <dd>{formatDate(data.joinedAt)}</dd>
            </div>
          ) : null}
          {data.consentVersion ? (
            <div>
              <dt>{t("membership.consentVersion")}</dt>
              <dd>{data.consentVersion}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("membership.purposes")}</dt>
            <dd>
              {data.purposes.length > 0 ? (
                <ul className="plain-list" data-testid="membership-purposes">
                  {data.purposes.map((code) => (
                    <li key={code}>{consentText(code, t)}</li>
                  ))}
                </ul>
              ) : (
                t("membership.noPurposes")
              )}
            </dd>
          </div>
        </dl>
        {done ? <SuccessNotice>{done}</SuccessNotice> : null}
        {action.error ? <ErrorNotice error={action.error} /> : null}
        {canLeave || canWithdraw ? (
          <div className="membership-actions">
            {canLeave ? (
              <ConfirmButton
                label={t("membership.leave")}
                question={t("membership.leaveConfirm")}
                variant="secondary"
                onConfirm={() => run("leave")}
                testId="membership-leave"
              />
            ) : null}
            {canWithdraw ? (
              <ConfirmButton
                label={t("membership.withdraw")}
                question={t("membership.withdrawConfirm")}
                onConfirm={() => run("withdraw")}
                testId="membership-withdraw"
              />
            ) : null}
          </div>
        ) : null}
        {data.status !== "withdrawn" ? (
          <CopyField
            label={t("join.manageLink")}
            value={managementUrl(token)}
            hint={t("membership.keepLink")}
          />
        ) : null}
      </section>
    );
  }

  return (
    <PublicShell>
      <div data-testid="membership-page">{body}</div>
    </PublicShell>
  );
}
