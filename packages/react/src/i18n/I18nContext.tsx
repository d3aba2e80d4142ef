import { createContext, useContext, useMemo } from 'react';
import { type ActivityI18n, createI18n } from './createI18n.ts';

/** @internal The i18n of the nearest `<ActivityProvider>`. */
export const I18nContext = createContext<ActivityI18n | null>(null);

/**
 * The locale, time zone and formatters of the nearest `<ActivityProvider>` (English and the
 * browser's time zone outside one).
 *
 * @example
 * ```tsx
 * function When({ date }: { date: Date }) {
 *   const { formatDay, formatClock } = useActivityI18n();
 *   return <time dateTime={date.toISOString()}>{formatDay(date)}, {formatClock(date)}</time>;
 * }
 * ```
 */
export function useActivityI18n(): ActivityI18n {
  const i18n = useContext(I18nContext);
  return useMemo(() => i18n ?? createI18n(), [i18n]);
}
