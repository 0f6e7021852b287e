import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { AlertsProvider } from "./features/alerts/alerts-live";
import { FeedLiveProvider } from "./features/feed/feed-live";
import { I18nProvider } from "./i18n/i18n-context";
import { SessionProvider } from "./lib/session";
import { CommuneRoute } from "./routes/commune-route";
import { GroupRoute } from "./routes/group-route";
import { HomeRoute } from "./routes/home-route";
import { JoinRoute } from "./routes/join-route";
import { LoginRoute } from "./routes/login-route";
import { MembershipRoute } from "./routes/membership-route";
import { NotFoundRoute } from "./routes/not-found-route";
import { ReportFollowRoute } from "./routes/report-follow-route";
import { ReportRoute } from "./routes/report-route";
import { RequireAuth } from "./routes/require-auth";

// Officers' screens load on first use, so a resident's phone downloads only what it shows.
const AnnouncementComposeRoute = lazy(() =>
  import("./routes/announcement-compose-route").then((m) => ({ default: m.AnnouncementComposeRoute })),
);
const AnnouncementRoute = lazy(() =>
  import("./routes/announcement-route").then((m) => ({ default: m.AnnouncementRoute })),
);
const AnnouncementsRoute = lazy(() =>
  import("./routes/announcements-route").then((m) => ({ default: m.AnnouncementsRoute })),
);
const FeedSourcesRoute = lazy(() =>
  import("./routes/feed-sources-route").then((m) => ({ default: m.FeedSourcesRoute })),
);
// Residents' "Bảng tin" is small, and loads on first use too.
const FeedRoute = lazy(() => import("./routes/feed-route").then((m) => ({ default: m.FeedRoute })));
const GroupFeedRoute = lazy(() =>
  import("./routes/group-feed-route").then((m) => ({ default: m.GroupFeedRoute })),
);
const AccountRoute = lazy(() => import("./routes/account-route").then((m) => ({ default: m.AccountRoute })));
const CaseRoute = lazy(() => import("./routes/case-route").then((m) => ({ default: m.CaseRoute })));
const CasesRoute = lazy(() => import("./routes/cases-route").then((m) => ({ default: m.CasesRoute })));
const CoverageRoute = lazy(() =>
  import("./routes/coverage-route").then((m) => ({ default: m.CoverageRoute })),
);
// Group life (issue #6): discussion, moderation, the management console, handovers and polls.
const GroupPostsRoute = lazy(() =>
  import("./routes/group-posts-route").then((m) => ({ default: m.GroupPostsRoute })),
);
const GroupPollsRoute = lazy(() =>
  import("./routes/group-polls-route").then((m) => ({ default: m.GroupPollsRoute })),
);
const GroupModerationRoute = lazy(() =>
  import("./routes/group-moderation-route").then((m) => ({ default: m.GroupModerationRoute })),
);
const MemberViolationsRoute = lazy(() =>
  import("./routes/member-violations-route").then((m) => ({ default: m.MemberViolationsRoute })),
);
const CommuneModerationRoute = lazy(() =>
  import("./routes/commune-moderation-route").then((m) => ({ default: m.CommuneModerationRoute })),
);
const HandoverRoute = lazy(() =>
  import("./routes/handover-route").then((m) => ({ default: m.HandoverRoute })),
);
const HouseholdsRoute = lazy(() =>
  import("./routes/households-route").then((m) => ({ default: m.HouseholdsRoute })),
);
const ImportRoute = lazy(() => import("./routes/import-route").then((m) => ({ default: m.ImportRoute })));
const JoinRequestsRoute = lazy(() =>
  import("./routes/join-requests-route").then((m) => ({ default: m.JoinRequestsRoute })),
);
const OfficersRoute = lazy(() =>
  import("./routes/officers-route").then((m) => ({ default: m.OfficersRoute })),
);
const ProvinceRoute = lazy(() =>
  import("./routes/province-route").then((m) => ({ default: m.ProvinceRoute })),
);
// The periodic review (issue #8): dashboards, review report documents and commendations.
const ReviewRoute = lazy(() => import("./routes/review-route").then((m) => ({ default: m.ReviewRoute })));
const ProvinceReviewRoute = lazy(() =>
  import("./routes/province-review-route").then((m) => ({ default: m.ProvinceReviewRoute })),
);
const ReviewReportRoute = lazy(() =>
  import("./routes/review-report-route").then((m) => ({ default: m.ReviewReportRoute })),
);
const CommendationsRoute = lazy(() =>
  import("./routes/commendations-route").then((m) => ({ default: m.CommendationsRoute })),
);
// The Zalo channel (issue #7): the commune's OA and Bot, and each group's group on Zalo.
const ZaloSettingsRoute = lazy(() =>
  import("./routes/zalo-settings-route").then((m) => ({ default: m.ZaloSettingsRoute })),
);
const ZaloSettingsRedirect = lazy(() =>
  import("./routes/zalo-settings-route").then((m) => ({ default: m.ZaloSettingsRedirect })),
);
const GroupZaloRoute = lazy(() =>
  import("./routes/group-zalo-route").then((m) => ({ default: m.GroupZaloRoute })),
);

export function App() {
  return (
    <I18nProvider>
      <Switch>
        {/* Residents' pages need no account: they sit outside the session, which never asks /api/me for them. */}
        <Route path="/join/group/:groupId">
          {(params) => <JoinRoute source={{ kind: "group", groupId: params.groupId }} />}
        </Route>
        <Route path="/join/:token">
          {(params) => <JoinRoute source={{ kind: "token", token: params.token }} />}
        </Route>
        <Route path="/membership/:token">{(params) => <MembershipRoute token={params.token} />}</Route>
        <Route path="/report/follow" component={ReportFollowRoute} />
        <Route>
          <SessionProvider>
            <FeedLiveProvider>
              <AlertsProvider>
                <Switch>
                  <Route path="/login" component={LoginRoute} />
                  {/* Public too, but a signed-in member keeps their navigation and their role gives the place. */}
                  <Route path="/report" component={ReportRoute} />
                  <Route>
                    <RequireAuth>
                      <Suspense fallback={<p className="page-loading" aria-busy="true" />}>
                        <Switch>
                          <Route path="/" component={HomeRoute} />
                          <Route path="/provinces/:provinceId/review">
                            {(params) => <ProvinceReviewRoute provinceId={params.provinceId} />}
                          </Route>
                          <Route path="/provinces/:provinceId">
                            {(params) => <ProvinceRoute provinceId={params.provinceId} />}
                          </Route>
                          <Route path="/communes/:communeId/officers">
                            {(params) => <OfficersRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/announcements/new">
                            {(params) => (
                              <AnnouncementComposeRoute
                                target={{ kind: "new", communeId: params.communeId }}
                              />
                            )}
                          </Route>
                          <Route path="/communes/:communeId/announcements">
                            {(params) => <AnnouncementsRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/feeds">
                            {(params) => <FeedSourcesRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/coverage">
                            {(params) => <CoverageRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/review">
                            {(params) => <ReviewRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/commendations">
                            {(params) => <CommendationsRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/moderation">
                            {(params) => <CommuneModerationRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/communes/:communeId/zalo">
                            {(params) => <ZaloSettingsRoute communeId={params.communeId} />}
                          </Route>
                          {/* Where Zalo's consent comes back to: on to the commune's Zalo page. */}
                          <Route path="/settings/zalo" component={ZaloSettingsRedirect} />
                          <Route path="/communes/:communeId">
                            {(params) => <CommuneRoute communeId={params.communeId} />}
                          </Route>
                          <Route path="/hamlets/:hamletId/households">
                            {(params) => <HouseholdsRoute hamletId={params.hamletId} />}
                          </Route>
                          <Route path="/hamlets/:hamletId/import">
                            {(params) => <ImportRoute hamletId={params.hamletId} />}
                          </Route>
                          <Route path="/groups/:groupId/join-requests">
                            {(params) => <JoinRequestsRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/feed">
                            {(params) => <GroupFeedRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/posts">
                            {(params) => <GroupPostsRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/polls">
                            {(params) => <GroupPollsRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/moderation">
                            {(params) => <GroupModerationRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/zalo">
                            {(params) => <GroupZaloRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/groups/:groupId/members/:memberId/violations">
                            {(params) => (
                              <MemberViolationsRoute groupId={params.groupId} memberId={params.memberId} />
                            )}
                          </Route>
                          <Route path="/review-reports/:reportId">
                            {(params) => <ReviewReportRoute reportId={params.reportId} />}
                          </Route>
                          <Route path="/handovers/:handoverId">
                            {(params) => <HandoverRoute handoverId={params.handoverId} />}
                          </Route>
                          <Route path="/groups/:groupId">
                            {(params) => <GroupRoute groupId={params.groupId} />}
                          </Route>
                          <Route path="/feed" component={FeedRoute} />
                          <Route path="/announcements/:announcementId/edit">
                            {(params) => (
                              <AnnouncementComposeRoute
                                target={{ kind: "edit", announcementId: params.announcementId }}
                              />
                            )}
                          </Route>
                          <Route path="/announcements/:announcementId">
                            {(params) => <AnnouncementRoute announcementId={params.announcementId} />}
                          </Route>
                          <Route path="/cases" component={CasesRoute} />
                          <Route path="/cases/:caseId">
                            {(params) => <CaseRoute caseId={params.caseId} />}
                          </Route>
                          <Route path="/account" component={AccountRoute} />
                          <Route component={NotFoundRoute} />
                        </Switch>
                      </Suspense>
                    </RequireAuth>
                  </Route>
                </Switch>
              </AlertsProvider>
            </FeedLiveProvider>
          </SessionProvider>
        </Route>
      </Switch>
    </I18nProvider>
  );
}
