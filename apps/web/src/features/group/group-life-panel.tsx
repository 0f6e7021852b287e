import type { TGroupDetail } from "@binhyen/contracts";
import { useCallback, useState } from "react";
import { Link } from "wouter";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n-context";
import { canHandOverGroup, canReadGroupLife, isGroupMember, isGroupOfficer } from "../../lib/roles";
import { useMe } from "../../lib/session";
import { useQuery } from "../../lib/use-query";
import { RulesSection } from "../consultation/rules-section";
import { usePostEvents } from "../feed/feed-live";
import { HandoverDialog } from "../handover/handover-dialog";
import { LeaderHistory } from "../handover/leader-history";
import { getModerationQueue } from "../moderation/moderation-api";
import { ProfileProtection } from "./profile-protection";

/** "Kiểm duyệt" with the number of posts waiting, kept current by the live stream. */
function ModerationLink({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const queue = useQuery(`moderation-badge:${groupId}`, (signal) => getModerationQueue(groupId, signal));
  const reload = queue.reload;
  usePostEvents(
    groupId,
    useCallback(() => reload(), [reload]),
  );
  const held = queue.data?.held.length ?? 0;
  return (
    <Link
      href={`/groups/${groupId}/moderation`}
      className="btn btn--secondary"
      data-testid="group-moderation-link"
    >
      {t("moderation.link")}
      {held > 0 ? (
        <span className="nav-badge" data-testid="group-moderation-held">
          <span aria-hidden="true">{formatNumber(held, locale)}</span>
          <span className="visually-hidden">{t("moderation.heldCount", { count: held })}</span>
        </span>
      ) : null}
    </Link>
  );
}

/** The group page's links to "Thảo luận", "Bình chọn" and, for its officers, the moderation queue. */
export function GroupLifeLinks({ group }: { group: TGroupDetail }) {
  const { t } = useI18n();
  const me = useMe();
  if (!canReadGroupLife(me, group)) {
    return null;
  }
  return (
    <>
      <Link href={`/groups/${group.id}/posts`} className="btn btn--secondary" data-testid="group-posts-link">
        {t("groupTabs.posts")}
      </Link>
      <Link href={`/groups/${group.id}/polls`} className="btn btn--secondary" data-testid="group-polls-link">
        {t("groupTabs.polls")}
      </Link>
      {isGroupOfficer(me, group) ? <ModerationLink groupId={group.id} /> : null}
    </>
  );
}

/**
 * The group page's part of group life (issue #6), loaded on first use: the rules (quy chế) to read
 * and acknowledge, and for the group's officers the profile protection, the leaders' history and,
 * for the commune's chief and deputies, the handover.
 */
export function GroupLifeSections({
  group,
  onGroupChanged,
}: {
  group: TGroupDetail;
  onGroupChanged: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const [handingOver, setHandingOver] = useState(false);
  if (!canReadGroupLife(me, group)) {
    return null;
  }
  const officer = isGroupOfficer(me, group);
  const handover = canHandOverGroup(me, group.communeId);

  return (
    <>
      <RulesSection
        groupId={group.id}
        fallbackText={group.rules}
        officer={officer}
        member={isGroupMember(me, group.id)}
        onPublished={onGroupChanged}
      />

      {officer ? (
        <section className="card group-tools" data-testid="group-tools">
          <h2 className="card__title">{t("groupTools.title")}</h2>
          <ProfileProtection groupId={group.id} onRestored={onGroupChanged} />
          <section className="group-tools__block" data-testid="group-leaders">
            <h3 className="section-label">{t("leaders.title")}</h3>
            <LeaderHistory groupId={group.id} />
            {handover ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => setHandingOver(true)}
                  data-testid="handover-button"
                >
                  {t("handover.button")}
                </button>
              </div>
            ) : null}
          </section>
        </section>
      ) : null}

      {handingOver ? (
        <HandoverDialog
          communeId={group.communeId}
          group={{
            id: group.id,
            name: group.name,
            leaderUserId: group.leader?.userId ?? null,
            leaderName: group.leader?.name ?? null,
          }}
          onClose={() => setHandingOver(false)}
        />
      ) : null}
    </>
  );
}
