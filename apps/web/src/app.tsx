import { Route, Switch } from "wouter";
import { I18nProvider } from "./i18n/i18n-context";
import { SessionProvider } from "./lib/session";
import { AccountRoute } from "./routes/account-route";
import { CaseRoute } from "./routes/case-route";
import { CasesRoute } from "./routes/cases-route";
import { CommuneRoute } from "./routes/commune-route";
import { CoverageRoute } from "./routes/coverage-route";
import { GroupRoute } from "./routes/group-route";
import { HomeRoute } from "./routes/home-route";
import { HouseholdsRoute } from "./routes/households-route";
import { ImportRoute } from "./routes/import-route";
import { JoinRequestsRoute } from "./routes/join-requests-route";
import { JoinRoute } from "./routes/join-route";
import { LoginRoute } from "./routes/login-route";
import { MembershipRoute } from "./routes/membership-route";
import { NotFoundRoute } from "./routes/not-found-route";
import { OfficersRoute } from "./routes/officers-route";
import { ProvinceRoute } from "./routes/province-route";
import { ReportFollowRoute } from "./routes/report-follow-route";
import { ReportRoute } from "./routes/report-route";
import { RequireAuth } from "./routes/require-auth";

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
            <Switch>
              <Route path="/login" component={LoginRoute} />
              {/* Public too, but a signed-in member keeps their navigation and their role gives the place. */}
              <Route path="/report" component={ReportRoute} />
              <Route>
                <RequireAuth>
                  <Switch>
                    <Route path="/" component={HomeRoute} />
                    <Route path="/provinces/:provinceId">
                      {(params) => <ProvinceRoute provinceId={params.provinceId} />}
                    </Route>
                    <Route path="/communes/:communeId/officers">
                      {(params) => <OfficersRoute communeId={params.communeId} />}
                    </Route>
                    <Route path="/communes/:communeId/coverage">
                      {(params) => <CoverageRoute communeId={params.communeId} />}
                    </Route>
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
                    <Route path="/groups/:groupId">
                      {(params) => <GroupRoute groupId={params.groupId} />}
                    </Route>
                    <Route path="/cases" component={CasesRoute} />
                    <Route path="/cases/:caseId">{(params) => <CaseRoute caseId={params.caseId} />}</Route>
                    <Route path="/account" component={AccountRoute} />
                    <Route component={NotFoundRoute} />
                  </Switch>
                </RequireAuth>
              </Route>
            </Switch>
          </SessionProvider>
        </Route>
      </Switch>
    </I18nProvider>
  );
}
