import type { ReactNode } from "react";
import { Redirect, useLocation } from "wouter";
import { AppShell } from "../components/app-shell";
import { Loading } from "../components/status";
import { useSession } from "../lib/session";

/**
 * Signed-in screens: anonymous visitors go to the sign-in page (and come back afterwards); an
 * officer whose commune requires two-factor sign-in is held on the account page until it is on.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const [location] = useLocation();
  if (state.status === "loading") {
    return <Loading />;
  }
  if (state.status === "anonymous") {
    const next = location && location !== "/" ? `?next=${encodeURIComponent(location)}` : "";
    return <Redirect to={`/login${next}`} replace />;
  }
  if (state.me.totpSetupRequired && location !== "/account") {
    return <Redirect to="/account" replace />;
  }
  return <AppShell>{children}</AppShell>;
}
