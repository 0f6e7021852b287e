import type { TDeputy } from "@binhyen/contracts";
import { ConfirmButton } from "../../components/confirm-button";
import { useI18n } from "../../i18n/i18n-context";
import { sortByName } from "../../lib/names";

const TITLE_ORDER: Record<TDeputy["title"], number> = {
  PARTY_SECRETARY: 0,
  HAMLET_HEAD: 1,
  SECURITY_TEAM_HEAD: 2,
  OTHER: 3,
};

interface DeputyListProps {
  deputies: readonly TDeputy[];
  /** When set, each deputy gets a "remove" button. */
  onRemove?: (deputy: TDeputy) => Promise<void>;
  showPhone?: boolean;
}

/** Deputies in the plan's order (party secretary, hamlet head, security team head), then by name. */
export function DeputyList({ deputies, onRemove, showPhone = false }: DeputyListProps) {
  const { t } = useI18n();
  if (deputies.length === 0) {
    return <p className="muted">{t("hamlet.noDeputies")}</p>;
  }
  const sorted = sortByName(deputies, (d) => d.name).sort(
    (a, b) => TITLE_ORDER[a.title] - TITLE_ORDER[b.title],
  );
  return (
    <ul className="people" data-testid="deputy-list">
      {sorted.map((deputy) => (
        <li key={deputy.userId} className="people__item" data-testid="deputy-item">
          <span className="people__main">
            <span className="people__name">{deputy.name}</span>
            <span className="people__meta">
              {t(`deputyTitle.${deputy.title}`)}
              {showPhone && deputy.phone ? ` · ${deputy.phone}` : ""}
            </span>
          </span>
          {onRemove ? (
            <ConfirmButton
              label={t("hamlet.removeDeputy")}
              ariaLabel={t("hamlet.removeDeputyLabel", { name: deputy.name })}
              question={t("hamlet.removeDeputyConfirm", { name: deputy.name })}
              onConfirm={() => onRemove(deputy)}
              testId="remove-deputy"
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
