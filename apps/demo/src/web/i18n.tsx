import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { EN, type MessageKey, RU } from './messages.ts';

/** The app's languages. */
export type AppLocale = 'en' | 'ru';

interface Preferences {
  locale: AppLocale;
  setLocale(locale: AppLocale): void;
  timeZone: string;
  setTimeZone(timeZone: string): void;
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

/** Language and time zone of the viewer, remembered in `localStorage`. */
export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<AppLocale>(() =>
    stored('demo.locale') === 'ru' ? 'ru' : 'en',
  );
  const [timeZone, setTimeZoneState] = useState(() => stored('demo.timeZone') ?? browserZone);
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
      t: (key) => dictionary[key],
      formatDateTime: (date) => format.format(new Date(date)),
    };
  }, [locale, timeZone]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

/** The viewer's language, time zone and the app's words. */
export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences needs <PreferencesProvider>.');
  return value;
}
