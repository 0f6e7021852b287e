import type { TDeputy, THamlet } from "@binhyen/contracts";
import { Link } from "wouter";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { fold } from "../../lib/text";
import { DeputyList } from "./deputy-list";

interface HamletCardProps {
  hamlet: THamlet;
  canManage: boolean;
  onChangeLeader: () => void;
  onAddDeputy: () => void;
  onRemoveDeputy: (deputy: TDeputy) => Promise<void>;
}

export function HamletCard({
  hamlet,
  canManage,
  onChangeLeader,
  onAddDeputy,
  onRemoveDeputy,
}: HamletCardProps) {
  const { t, locale } = useI18n();
  const { group } = hamlet;
  // "Ấp Tân Phú" already says it is an ấp; show the kind only when the name does not.
  const kindLabel = t(`hamletKind.${hamlet.kind}`);
  const showKind = !fold(hamlet.name).startsWith(fold(kindLabel));
  return (
    <article className="card hamlet" data-testid="hamlet-row" aria-labelledby={`hamlet-${hamlet.id}`}>
      <header className="hamlet__header">
        <div>
          <h3 className="hamlet__name" id={`hamlet-${hamlet.id}`}>
            {hamlet.name}
          </h3>
          <p className="hamlet__group">
            {showKind ? <span className="badge">{kindLabel}</span> : null}
            {hamlet.remote ? <span className="badge badge--info">{t("hamlet.remote")}</span> : null}
            <span className="hamlet__group-name">{group.name}</span>
          </p>
        </div>
        <p className="hamlet__count">
          <span className="hamlet__count-value">{formatNumber(group.memberCount, locale)}</span>
          <span className="hamlet__count-label">{t("hamlet.members")}</span>
        </p>
      </header>
      <dl className="hamlet__details">
        <div className="hamlet__row">
          <dt>{t("hamlet.leader")}</dt>
          <dd>
            {group.leader ? (
              <span className="people__main">
                <span className="people__name" data-testid="hamlet-leader">
                  {group.leader.name}
                </span>
                {group.leader.phone ? <span className="people__meta">{group.leader.phone}</span> : null}
              </span>
            ) : (
              <span className="badge badge--warning">{t("hamlet.noLeader")}</span>
            )}
          </dd>
        </div>
        <div className="hamlet__row">
          <dt>{t("hamlet.deputies")}</dt>
          <dd>
            <DeputyList
              deputies={group.deputies}
              showPhone={canManage}
              {...(canManage ? { onRemove: onRemoveDeputy } : {})}
            />
          </dd>
        </div>
      </dl>
      <footer className="hamlet__actions">
        <Link href={`/groups/${group.id}`} className="btn btn--secondary btn--small" data-testid="open-group">
          {t("hamlet.openGroup")}
        </Link>
        {canManage ? (
          <>
            <Link
              href={`/hamlets/${hamlet.id}/households`}
              className="btn btn--secondary btn--small"
              data-testid="open-households"
            >
              {t("hamlet.households")}
            </Link>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={onChangeLeader}
              data-testid="change-leader"
            >
              {t("hamlet.changeLeader")}
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={onAddDeputy}
              data-testid="add-deputy"
            >
              {t("hamlet.addDeputy")}
            </button>
          </>
        ) : null}
      </footer>
    </article>
  );
}
