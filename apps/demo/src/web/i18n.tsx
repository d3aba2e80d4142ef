import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { EN, type MessageKey, RU } from './messages.ts';

/** The app's languages. */
export type AppLocale = 'en' | 'ru';
/** The app's colour themes: the system's (prefers-color-scheme), or one chosen. */
export type AppTheme = 'system' | 'light' | 'dark';

interface Preferences {
  locale: AppLocale;
  setLocale(locale: AppLocale): void;
  timeZone: string;
  setTimeZone(timeZone: string): void;
  theme: AppTheme;
  setTheme(theme: AppTheme): void;
  t(key: MessageKey): string;
  /** A date and time in the viewer's language and time zone. */
  formatDateTime(value: string | Date): string;
}

const PreferencesContext = createContext<Preferences | null>(null);
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Time zones offered in the header: the browser's, and those of the two businesses. */
export const TIME_ZONES = [...new Set([browserZone, 'UTC', 'Europe/London', 'Europe/Moscow'])];

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * The theme as `data-ak-theme` on `<html>`: the ActivityKit components take their colours from it,
 * and so do the app's own styles (`light-dark()` in styles.css). `index.html` sets it before the
 * first paint, so a dark page never flashes light.
 */
export function applyTheme(theme: AppTheme): void {
  document.documentElement.dataset.akTheme = theme === 'system' ? 'auto' : theme;
}

/** Language, time zone and theme of the viewer, remembered in `localStorage`. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<AppLocale>(() =>
    stored('demo.locale') === 'ru' ? 'ru' : 'en',
  );
  const [timeZone, setTimeZoneState] = useState(() => stored('demo.timeZone') ?? browserZone);
  const [theme, setThemeState] = useState<AppTheme>(() => {
    const saved = stored('demo.theme');
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  });
  useEffect(() => applyTheme(theme), [theme]);
  const value = useMemo<Preferences>(() => {
    const dictionary = locale === 'ru' ? RU : EN;
    const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    return {
      locale,
      timeZone,
      setLocale(next) {
        localStorage.setItem('demo.locale', next);
        document.documentElement.lang = next;
        setLocaleState(next);
      },
      setTimeZone(next) {
        localStorage.setItem('demo.timeZone', next);
        setTimeZoneState(next);
      },
      theme,
      setTheme(next) {
        localStorage.setItem('demo.theme', next);
        setThemeState(next);
      },
      t: (key) => dictionary[key],
      formatDateTime: (date) => format.format(new Date(date)),
    };
  }, [locale, timeZone, theme]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

/** The viewer's language, time zone, theme and the app's words. */
export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences needs <PreferencesProvider>.');
  return value;
}
