import type { TDeputy, TGroupDetail } from "@binhyen/contracts";
import type { ReactNode } from "react";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { fold } from "../../lib/text";
import { DeputyList } from "../commune/deputy-list";

/** A changed picture keeps its URL on some servers: add the update time so the browser refetches. */
export function freshImageUrl(url: string | null, updatedAt: string): string | null {
  if (!url) {
    return null;
  }
  return url.includes("?") ? url : `${url}?v=${encodeURIComponent(updatedAt)}`;
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((w) => w?.[0] ?? "")
    .join("")
    .toUpperCase();
}

/** A titled free text of the group (description, rules), or a muted line when it is empty. */
function TextSection({
  title,
  text,
  empty,
  testId,
}: {
  title: string;
  text: string;
  empty: string;
  testId: string;
}) {
  return (
    <section className="group-profile__section">
      <h2 className="section-label">{title}</h2>
      {text ? (
        <p className="group-profile__description" data-testid={testId}>
          {text}
        </p>
      ) : (
        <p className="muted" data-testid={testId}>
          {empty}
        </p>
      )}
    </section>
  );
}

interface GroupProfileProps {
  group: TGroupDetail;
  /** Shown beside the title: the edit button for leaders and deputies. */
  actions?: ReactNode;
  /** Shown under the deputies: the add button for those who manage deputies. */
  deputyActions?: ReactNode;
  onRemoveDeputy?: (deputy: TDeputy) => Promise<void>;
  showPhones: boolean;
  /** The rules are shown by their own section (versions and acknowledgements) instead. */
  hideRules?: boolean;
}

export function GroupProfile({
  group,
  actions,
  deputyActions,
  onRemoveDeputy,
  showPhones,
  hideRules = false,
}: GroupProfileProps) {
  const { t, locale } = useI18n();
  const avatar = freshImageUrl(group.avatarUrl, group.updatedAt);
  const background = freshImageUrl(group.backgroundUrl, group.updatedAt);

  return (
    <article className="group-profile" data-testid="group-profile">
      <div className="group-profile__banner">
        {background ? (
          <img
            className="group-profile__banner-img"
            src={background}
            alt={t("group.backgroundAlt", { name: group.name })}
          />
        ) : null}
      </div>
      <div className="group-profile__head">
        <div className="group-profile__avatar">
          {avatar ? (
            <img src={avatar} alt={t("group.avatarAlt", { name: group.name })} width="96" height="96" />
          ) : (
            <span className="group-profile__initials" aria-hidden="true">
              {initials(group.name)}
            </span>
          )}
        </div>
        <div className="group-profile__title">
          <h1 className="group-profile__name" data-testid="group-name">
            {group.name}
          </h1>
          <p className="group-profile__hamlet">
            {fold(group.hamlet.name).startsWith(fold(t(`hamletKind.${group.hamlet.kind}`))) ? null : (
              <span className="badge">{t(`hamletKind.${group.hamlet.kind}`)}</span>
            )}
            <span>{group.hamlet.name}</span>
            <span aria-hidden="true">·</span>
            <span>{t("group.memberCount", { count: formatNumber(group.memberCount, locale) })}</span>
          </p>
        </div>
        {actions ? <div className="group-profile__actions">{actions}</div> : null}
      </div>

      <div className="group-profile__body">
        <TextSection
          title={t("group.description")}
          text={group.description}
          empty={t("group.noDescription")}
          testId="group-description"
        />
        {hideRules ? null : (
          <TextSection
            title={t("group.rules")}
            text={group.rules}
            empty={t("group.noRules")}
            testId="group-rules"
          />
        )}
        <div className="group-profile__grid">
          <section className="group-profile__section">
            <h2 className="section-label">{t("group.postingMode")}</h2>
            <p data-testid="group-posting-mode">{t(`postingMode.${group.postingMode}`)}</p>
          </section>
          <section className="group-profile__section">
            <h2 className="section-label">{t("group.leader")}</h2>
            {group.leader ? (
              <p className="people__main">
                <span className="people__name" data-testid="group-leader">
                  {group.leader.name}
                </span>
                {showPhones && group.leader.phone ? (
                  <span className="people__meta">{group.leader.phone}</span>
                ) : null}
              </p>
            ) : (
              <p className="badge badge--warning">{t("hamlet.noLeader")}</p>
            )}
          </section>
          <section className="group-profile__section group-profile__section--wide">
            <h2 className="section-label">{t("group.deputies")}</h2>
            <DeputyList
              deputies={group.deputies}
              showPhone={showPhones}
              {...(onRemoveDeputy ? { onRemove: onRemoveDeputy } : {})}
            />
            {deputyActions}
          </section>
        </div>
        <p className="group-profile__updated">
          {t("group.updatedAt", { time: formatDateTime(group.updatedAt) })}
        </p>
      </div>
    </article>
  );
}
