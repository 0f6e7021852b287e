import { Link } from "wouter";
import { useI18n } from "../../i18n/i18n-context";
import { readsFeedAsMember } from "../../lib/roles";
import { useMe } from "../../lib/session";

export type GroupTab = "feed" | "posts" | "polls" | "zalo";

interface GroupTabsProps {
  groupId: string;
  /** The group's leader or deputy, or the commune's chief or deputy: they read the board as officers. */
  officer: boolean;
  current: GroupTab;
}

/** "Bảng tin · Thảo luận · Bình chọn" (and "Zalo" for officers): a group's boards, side by side. */
export function GroupTabs({ groupId, officer, current }: GroupTabsProps) {
  const { t } = useI18n();
  const me = useMe();
  const tabs: GroupTab[] = [
    ...(readsFeedAsMember(me, groupId) || officer ? (["feed"] as const) : []),
    "posts",
    "polls",
    // The group on Zalo (issue #7): for its officers, who run it there.
    ...(officer ? (["zalo"] as const) : []),
  ];
  const href: Record<GroupTab, string> = {
    feed: `/groups/${groupId}/feed`,
    posts: `/groups/${groupId}/posts`,
    polls: `/groups/${groupId}/polls`,
    zalo: `/groups/${groupId}/zalo`,
  };
  return (
    <nav className="group-tabs" aria-label={t("groupTabs.label")} data-testid="group-tabs">
      {tabs.map((tab) => (
        <Link
          key={tab}
          href={href[tab]}
          className={tab === current ? "group-tabs__link is-active" : "group-tabs__link"}
          aria-current={tab === current ? "page" : undefined}
          data-testid={`group-tab-${tab}`}
        >
          {t(`groupTabs.${tab}`)}
        </Link>
      ))}
    </nav>
  );
}
