import type { TGroupDetail } from "@binhyen/contracts";
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { AlertsBell, AlertToast } from "../features/alerts/alerts-bell";
import { useFeedLive } from "../features/feed/feed-live";
import { formatNumber } from "../i18n/format";
import { useI18n } from "../i18n/i18n-context";
import { api } from "../lib/api-client";
import { type NavTarget, navTargets, receivesAlerts } from "../lib/roles";
import { useMe, useSession } from "../lib/session";
import { useQuery } from "../lib/use-query";
import { Brand } from "./brand";
import { LanguageSwitch } from "./language-switch";

function GroupHamletName({ groupId, fallback }: { groupId: string; fallback: string }) {
  const group = useQuery(`nav-group:${groupId}`, (signal) =>
    api.get<TGroupDetail>(`/groups/${groupId}`, { signal }),
  );
  // The hamlet's name is short and tells the groups apart ("Ấp Tân Phú").
  return group.data?.hamlet.name ?? fallback;
}

function NavLabel({ target, manyGroups }: { target: NavTarget; manyGroups: boolean }) {
  const { t } = useI18n();
  switch (target.kind) {
    case "province":
      return t("nav.province");
    case "commune":
      return t("nav.commune");
    case "coverage":
      return t("nav.coverage");
    case "officers":
      return t("nav.officers");
    case "cases":
      return t("nav.cases");
    case "report":
      return t("nav.report");
    case "announcements":
      return t("nav.announcements");
    case "review":
      return t("nav.review");
    case "feed":
      return <FeedNavLabel />;
    case "group":
      // With several groups, "My group" is ambiguous: name each one.
      return manyGroups && target.groupId ? (
        <GroupHamletName groupId={target.groupId} fallback={t("nav.group")} />
      ) : (
        t("nav.group")
      );
  }
}

/** "Bảng tin" with the number of unread announcements, read out as part of the link's name. */
function FeedNavLabel() {
  const { t, locale } = useI18n();
  const { unread } = useFeedLive();
  return (
    <>
      {t("nav.feed")}
      {unread ? (
        <span className="nav-badge" data-testid="nav-feed-unread">
          <span aria-hidden="true">{formatNumber(unread, locale)}</span>
          <span className="visually-hidden">{t("nav.feedUnread", { count: unread })}</span>
        </span>
      ) : null}
    </>
  );
}

function isCurrent(location: string, href: string, prefix = false): boolean {
  return location === href || (prefix && location.startsWith(`${href}/`));
}

/**
 * A group's feed (/groups/:id/feed) belongs to "Bảng tin", not to the group's page; its other pages
 * (discussion, polls, moderation) belong to the group.
 */
function isCurrentTarget(location: string, target: NavTarget): boolean {
  const inFeed = /^\/groups\/[^/]+\/feed$/.test(location);
  if (target.kind === "feed") {
    return inFeed || isCurrent(location, target.href, target.prefix);
  }
  if (target.kind === "review") {
    // A review report and the commendations register are parts of the review.
    const commendations = target.href.replace(/\/review$/, "/commendations");
    return (
      isCurrent(location, target.href) ||
      location.startsWith("/review-reports/") ||
      isCurrent(location, commendations)
    );
  }
  if (target.kind === "group") {
    return !inFeed && isCurrent(location, target.href, true);
  }
  return isCurrent(location, target.href, target.prefix);
}

/** Header, navigation and page frame for signed-in screens. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const [location, navigate] = useLocation();
  const targets = me.totpSetupRequired ? [] : navTargets(me);
  const manyGroups = targets.filter((target) => target.kind === "group").length > 1;
  const bell = !me.totpSetupRequired && receivesAlerts(me);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className={bell ? "topbar__inner has-bell" : "topbar__inner"}>
          <Link href="/" className="topbar__brand">
            <Brand />
          </Link>
          <div className="topbar__tools">
            {bell ? <AlertsBell /> : null}
            <LanguageSwitch />
            <Link
              href="/account"
              className="topbar__user"
              aria-current={isCurrent(location, "/account") ? "page" : undefined}
            >
              {me.user.name}
            </Link>
            <button
              type="button"
              className="btn btn--ghost-light btn--small"
              data-testid="logout-button"
              onClick={() => {
                void signOut().then(() => navigate("/login"));
              }}
            >
              {t("nav.logout")}
            </button>
          </div>
        </div>
        <nav className="tabs" aria-label={t("nav.label")}>
          <div className="tabs__inner">
            {targets.map((target) => (
              <Link
                key={target.href}
                href={target.href}
                className={isCurrentTarget(location, target) ? "tabs__link is-active" : "tabs__link"}
                aria-current={isCurrentTarget(location, target) ? "page" : undefined}
                data-testid={`nav-${target.kind}`}
              >
                <NavLabel target={target} manyGroups={manyGroups} />
              </Link>
            ))}
            <Link
              href="/account"
              className={isCurrent(location, "/account") ? "tabs__link is-active" : "tabs__link"}
              aria-current={isCurrent(location, "/account") ? "page" : undefined}
              data-testid="nav-account"
            >
              {t("nav.account")}
            </Link>
          </div>
        </nav>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <AlertToast />
    </div>
  );
}
