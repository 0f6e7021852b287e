import { Route, Switch } from "wouter";
import { I18nProvider } from "./i18n/i18n-context";
import { SessionProvider } from "./lib/session";
import { AccountRoute } from "./routes/account-route";
import { CommuneRoute } from "./routes/commune-route";
import { GroupRoute } from "./routes/group-route";
import { HomeRoute } from "./routes/home-route";
import { LoginRoute } from "./routes/login-route";
import { NotFoundRoute } from "./routes/not-found-route";
import { OfficersRoute } from "./routes/officers-route";
import { ProvinceRoute } from "./routes/province-route";
import { RequireAuth } from "./routes/require-auth";

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Switch>
          <Route path="/login" component={LoginRoute} />
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
                <Route path="/communes/:communeId">
                  {(params) => <CommuneRoute communeId={params.communeId} />}
                </Route>
                <Route path="/groups/:groupId">{(params) => <GroupRoute groupId={params.groupId} />}</Route>
                <Route path="/account" component={AccountRoute} />
                <Route component={NotFoundRoute} />
              </Switch>
            </RequireAuth>
          </Route>
        </Switch>
      </SessionProvider>
    </I18nProvider>
  );
}
