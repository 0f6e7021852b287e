import type { TContactStatus, THousehold, THouseholdStatus } from "@binhyen/contracts";
import { useI18n } from "../../i18n/i18n-context";

const STATUS_CLASS: Record<THouseholdStatus, string> = {
  active: "badge",
  moved: "badge badge--warning",
  dissolved: "badge badge--muted",
};

const CONTACT_CLASS: Record<TContactStatus, string> = {
  not_contacted: "badge",
  invited: "badge badge--info",
  declined: "badge badge--danger",
  unreachable: "badge badge--warning",
};

export function HouseholdStatusBadge({ status }: { status: THouseholdStatus }) {
  const { t } = useI18n();
  return (
    <span className={STATUS_CLASS[status]} data-testid="household-status">
      {t(`householdStatus.${status}`)}
    </span>
  );
}

export function ContactStatusBadge({ status }: { status: TContactStatus }) {
  const { t } = useI18n();
  return (
    <span className={CONTACT_CLASS[status]} data-testid="contact-status">
      {t(`contactStatus.${status}`)}
    </span>
  );
}

/** Residence status, then either "reached" or where the outreach stands. */
export function HouseholdBadges({ household }: { household: THousehold }) {
  const { t } = useI18n();
  return (
    <span className="badges">
      <HouseholdStatusBadge status={household.status} />
      {household.covered ? (
        <span className="badge badge--success" data-testid="covered-badge">
          {t("households.covered")}
        </span>
      ) : household.status === "active" ? (
        <ContactStatusBadge status={household.contactStatus} />
      ) : null}
    </span>
  );
}
