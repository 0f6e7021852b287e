import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { en } from "./en";
import { type MessageKey, type Messages, vi } from "./vi";

export type Locale = "vi" | "en";
export type TParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: TParams) => string;

const TABLES: Readonly<Record<Locale, Messages>> = { vi, en };
const STORAGE_KEY = "binhyen.locale";

function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

/** The language the person chose on this device, if any (null when never chosen). */
export function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (private mode, disabled cookies): fall back to Vietnamese.
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the choice still applies to this page.
  }
}

export function interpolate(template: string, params?: TParams): string {
  if (!params) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

interface I18nValue {
  locale: Locale;
  /** Changes the language and remembers it on this device. */
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => readStoredLocale() ?? "vi");

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const t = useCallback<Translate>((key, params) => interpolate(TABLES[locale][key], params), [locale]);

  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) {
    throw new Error("useI18n must be used inside <I18nProvider>");
  }
  return value;
}
