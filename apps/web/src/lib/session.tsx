import type { TLoginResponse, TMeResponse } from "@binhyen/contracts";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type Locale, readStoredLocale, useI18n } from "../i18n/i18n-context";
import { api, isApiError, onForbidden, onUnauthenticated, setCsrfToken } from "./api-client";
import { forgetCachedApi } from "./offline-cache";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; expired: boolean }
  | { status: "signedIn"; me: TMeResponse };

interface SessionValue {
  state: SessionState;
  /** Reloads GET /api/me; answers the new profile, or null when signed out. */
  refresh: () => Promise<TMeResponse | null>;
  /** After POST /api/auth/login succeeded. */
  completeSignIn: (login: TLoginResponse) => Promise<TMeResponse | null>;
  signOut: () => Promise<void>;
  /** Changes the display language and, when signed in, saves it to the account. */
  changeLocale: (locale: Locale) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/*
 * A hint kept on this device that a session cookie probably exists. The cookie itself is
 * httpOnly, so without the hint every visit to the sign-in page would first ask /api/me and get
 * a 401. It is only a hint: the server decides.
 */
const HINT_KEY = "binhyen.session";

function readHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === "1";
  } catch {
    return true;
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) {
      window.localStorage.setItem(HINT_KEY, "1");
    } else {
      window.localStorage.removeItem(HINT_KEY);
    }
  } catch {
    // Without storage we simply always ask the server.
  }
}

async function fetchMe(): Promise<TMeResponse | null> {
  try {
    const me = await api.get<TMeResponse>("/me", { quietUnauthenticated: true });
    setCsrfToken(me.csrfToken);
    writeHint(true);
    return me;
  } catch (error) {
    if (isApiError(error, "UNAUTHENTICATED")) {
      setCsrfToken(null);
      writeHint(false);
      forgetCachedApi();
      return null;
    }
    throw error;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useI18n();
  const [state, setState] = useState<SessionState>(() =>
    readHint() ? { status: "loading" } : { status: "anonymous", expired: false },
  );
  const localeRef = useRef(locale);
  localeRef.current = locale;

  /** The device choice wins when one was made; otherwise the account's language applies. */
  const syncLocale = useCallback(
    (me: TMeResponse) => {
      const stored = readStoredLocale();
      if (stored === null) {
        if (me.user.locale !== localeRef.current) {
          setLocale(me.user.locale);
        }
      } else if (stored !== me.user.locale) {
        api.patch("/me", { locale: stored }).catch(() => {
          // Saving the preference is best effort; the page already shows the chosen language.
        });
      }
    },
    [setLocale],
  );

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState(me ? { status: "signedIn", me } : { status: "anonymous", expired: false });
      return me;
    } catch {
      // The server could not be reached: show the sign-in page rather than spin forever.
      setState({ status: "anonymous", expired: false });
      return null;
    }
  }, []);

  useEffect(() => {
    if (!readHint()) {
      return;
    }
    void fetchMe()
      .then((me) => {
        if (me) {
          syncLocale(me);
          setState({ status: "signedIn", me });
        } else {
          setState({ status: "anonymous", expired: false });
        }
      })
      .catch(() => setState({ status: "anonymous", expired: false }));
  }, [syncLocale]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        writeHint(false);
        forgetCachedApi();
        setState({ status: "anonymous", expired: true });
      }),
    [],
  );

  // A 403 may mean "two-factor sign-in is now required": reload the profile so the guard can act.
  useEffect(
    () =>
      onForbidden(() => {
        void fetchMe()
          .then((me) => {
            if (me?.totpSetupRequired) {
              setState({ status: "signedIn", me });
            }
          })
          .catch(() => {
            // The original request already shows its error.
          });
      }),
    [],
  );

  const completeSignIn = useCallback(
    async (login: TLoginResponse) => {
      setCsrfToken(login.csrfToken);
      writeHint(true);
      const me = await fetchMe();
      if (me) {
        syncLocale(me);
        setState({ status: "signedIn", me });
      } else {
        setState({ status: "anonymous", expired: false });
      }
      return me;
    },
    [syncLocale],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post("/auth/logout", {}, { quietUnauthenticated: true });
    } catch {
      // Even if the server did not answer, forget the session on this device.
    }
    setCsrfToken(null);
    writeHint(false);
    forgetCachedApi();
    setState({ status: "anonymous", expired: false });
  }, []);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (state.status === "signedIn" && state.me.user.locale !== next) {
        const me = state.me;
        api.patch("/me", { locale: next }).then(
          () => setState({ status: "signedIn", me: { ...me, user: { ...me.user, locale: next } } }),
          () => {
            // Best effort: the device keeps the choice even if the account could not be updated.
          },
        );
      }
    },
    [setLocale, state],
  );

  const value = useMemo(
    () => ({ state, refresh, completeSignIn, signOut, changeLocale }),
    [state, refresh, completeSignIn, signOut, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error("useSession must be used inside <SessionProvider>");
  }
  return value;
}

/** The signed-in profile; only for screens rendered behind the sign-in guard. */
export function useMe(): TMeResponse {
  const { state } = useSession();
  if (state.status !== "signedIn") {
    throw new Error("useMe used outside a signed-in screen");
  }
  return state.me;
}
