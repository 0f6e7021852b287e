import type { TOfficer } from "@binhyen/contracts";
import { ConfirmButton } from "../../components/confirm-button";
import { OneTimeSecret } from "../../components/one-time-secret";
import { useI18n } from "../../i18n/i18n-context";

interface OfficerListProps {
  officers: readonly TOfficer[];
  selfId: string;
  /** Temporary passwords just issued, by officer id: shown once, in that officer's card. */
  issuedPasswords: Readonly<Record<string, string>>;
  onSetStatus: (officer: TOfficer, status: TOfficer["status"]) => Promise<void>;
  onResetPassword: (officer: TOfficer) => Promise<void>;
}

export function OfficerList({
  officers,
  selfId,
  issuedPasswords,
  onSetStatus,
  onResetPassword,
}: OfficerListProps) {
  const { t } = useI18n();
  return (
    <ul className="officer-list" data-testid="officer-list">
      {officers.map((officer) => {
        const issued = issuedPasswords[officer.id];
        return (
          <li
            key={officer.id}
            className={officer.status === "disabled" ? "card officer is-disabled" : "card officer"}
            data-testid="officer-row"
          >
            <div className="officer__main">
              <p className="officer__name">{officer.name}</p>
              <p className="officer__phone">{officer.phone}</p>
              <p className="officer__badges">
                <span
                  className={officer.status === "active" ? "badge badge--success" : "badge badge--danger"}
                >
                  {officer.status === "active" ? t("officers.active") : t("officers.disabled")}
                </span>
                <span className={officer.totpEnabled ? "badge badge--info" : "badge"}>
                  {officer.totpEnabled ? t("officers.totpOn") : t("officers.totpOff")}
                </span>
              </p>
              <p className="officer__roles">
                <span className="visually-hidden">{t("officers.roles")}: </span>
                {officer.roles.length === 0
                  ? t("officers.noRoles")
                  : officer.roles
                      .map((r) =>
                        r.hamletName ? `${t(`role.${r.role}`)} · ${r.hamletName}` : t(`role.${r.role}`),
                      )
                      .join("; ")}
              </p>
            </div>
            {officer.id !== selfId ? (
              <div className="officer__actions">
                <ConfirmButton
                  label={t("officers.resetPassword")}
                  question={t("officers.resetConfirm", { name: officer.name })}
                  onConfirm={() => onResetPassword(officer)}
                  variant="secondary"
                  testId="reset-password"
                />
                {officer.status === "active" ? (
                  <ConfirmButton
                    label={t("officers.disable")}
                    question={t("officers.disableConfirm", { name: officer.name })}
                    onConfirm={() => onSetStatus(officer, "disabled")}
                    testId="disable-officer"
                  />
                ) : (
                  <button
                    type="button"
                    className="btn btn--secondary btn--small"
                    onClick={() => void onSetStatus(officer, "active")}
                    data-testid="enable-officer"
                  >
                    {t("officers.enable")}
                  </button>
                )}
              </div>
            ) : null}
            {issued ? (
              <OneTimeSecret
                label={t("officers.resetDone", { name: officer.name })}
                value={issued}
                hint={t("secret.onceHint")}
                testId="temporary-password"
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
