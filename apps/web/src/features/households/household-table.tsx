import type { THousehold } from "@binhyen/contracts";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { HouseholdBadges } from "./household-badges";

interface HouseholdTableProps {
  households: readonly THousehold[];
  canEdit: boolean;
  onInvite: (household: THousehold) => void;
  onManage: (household: THousehold) => void;
}

/**
 * Households as a table on wide screens; below 720px each row becomes a card and every cell shows
 * its column name (from data-label, by CSS), so one markup serves phone and desktop.
 */
export function HouseholdTable({ households, canEdit, onInvite, onManage }: HouseholdTableProps) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap table-wrap--stack">
      <table className="table table--stack" data-testid="households-table">
        <caption className="visually-hidden">{t("households.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("households.head")}</th>
            <th scope="col">{t("households.address")}</th>
            <th scope="col">{t("households.phones")}</th>
            <th scope="col" className="num">
              {t("households.memberCount")}
            </th>
            <th scope="col">{t("households.state")}</th>
            {canEdit ? (
              <th scope="col">
                <span className="visually-hidden">{t("households.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {households.map((household) => (
            <tr
              key={household.id}
              className={household.status === "active" ? undefined : "is-inactive"}
              data-testid="household-row"
            >
              <th scope="row" className="household__head">
                <span className="household__name" data-testid="household-name">
                  {household.headName}
                </span>
                {household.code ? <span className="household__code">{household.code}</span> : null}
                {household.representatives.length > 0 ? (
                  <span className="household__reps">
                    {t("households.representedBy", {
                      names: household.representatives.map((r) => r.name).join(", "),
                    })}
                  </span>
                ) : null}
              </th>
              <td data-label={t("households.address")}>
                {household.address || <span className="muted">{t("households.noAddress")}</span>}
              </td>
              <td data-label={t("households.phones")} className="household__phones">
                {household.phonesHidden ? (
                  <span className="badge" data-testid="phones-hidden">
                    {t("households.phonesHidden")}
                  </span>
                ) : household.phones.length > 0 ? (
                  household.phones.map((phone) => (
                    <span key={phone} className="household__phone">
                      {phone}
                    </span>
                  ))
                ) : (
                  <span className="muted">{t("households.noPhone")}</span>
                )}
              </td>
              <td data-label={t("households.memberCount")} className="num">
                {formatNumber(household.memberCount, locale)}
              </td>
              <td data-label={t("households.state")}>
                <HouseholdBadges household={household} />
              </td>
              {canEdit ? (
                <td className="household__actions">
                  {household.status === "active" && !household.covered ? (
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      aria-label={t("households.inviteLabel", { name: household.headName })}
                      onClick={() => onInvite(household)}
                      data-testid="household-invite"
                    >
                      {t("households.invite")}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    aria-label={t("households.manageLabel", { name: household.headName })}
                    onClick={() => onManage(household)}
                    data-testid="household-manage"
                  >
                    {t("households.manage")}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
