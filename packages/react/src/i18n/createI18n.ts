import { type Locale, type PluralForms, pluralForm } from '@activitykit/schema';
import { en, type Message, type MessageKey, type MessageOverrides } from './messages.ts';

/** Placeholder values of a message; `count` also picks the plural form. */
export type MessageParams = Record<string, string | number>;

/** Options of {@link createI18n}. */
export interface I18nOptions {
  /** Defaults to `'en'`. */
  locale?: Locale;
  /** IANA time zone of dates and day groups. Defaults to the browser's zone. */
  timeZone?: string;
  /**
   * Messages per locale: a language's catalog (`{ ru: ruMessages }` from
   * `@activitykit/react/locales/ru`) and overrides of any key. English is built in. Defaults to none.
   */
  messages?: MessageOverrides;
  /** The clock for "Today" and relative times. Defaults to `() => new Date()`. */
  now?: () => Date;
}

/**
 * How a time is shown: `absolute` (`Nov 23, 2026, 2:03:27 PM GMT+3`: date, time to the second and
 * the zone), `relative` (`5 minutes ago`), or `full` (`Monday, November 23, 2026 at 2:03:27 PM
 * Moscow Standard Time`, for a tooltip).
 */
export type TimeStyle = 'absolute' | 'relative' | 'full';

/** What {@link useActivityI18n} returns: the locale, time zone and formatters. */
export interface ActivityI18n {
  locale: Locale;
  timeZone: string;
  /** A shared message with `{name}` placeholders filled; plural messages use `params.count`. */
  t(key: MessageKey, params?: MessageParams): string;
  /**
   * A message of a component's own catalog (`{ en: {...} }`, other locales optional), same rules
   * as `t`: the app's message for the key (`messages` of the provider) wins over the catalog.
   */
  format<TKey extends string>(
    catalog: { en: Record<TKey, Message> } & Partial<
      Record<Locale, Partial<Record<TKey, Message>>>
    >,
    key: TKey,
    params?: MessageParams,
  ): string;
  /** The word form for a count: `plural(5, { one: 'поле', few: 'поля', many: 'полей', other: 'поля' })`. */
  plural(count: number, forms: PluralForms): string;
  /** A time in the time zone, in one of the {@link TimeStyle}s. Defaults to `'absolute'`. */
  formatTime(date: Date, style?: TimeStyle): string;
  /** The time of day to the second, with the zone: `14:05:09 GMT+3`, `2:05:09 PM EST`. */
  formatClock(date: Date): string;
  /** `Today`, `Yesterday`, or the date (`Friday, 20 November`); «Сегодня», «Вчера». */
  formatDay(date: Date): string;
  /** The calendar day of an instant in the time zone, `YYYY-MM-DD`: the key of day groups. */
  dayKey(date: Date): string;
  /** A date with custom `Intl.DateTimeFormat` options, in the time zone. */
  formatDate(date: Date, options: Intl.DateTimeFormatOptions): string;
  /** A number in the locale: `12 345`. */
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  /** The clock in use. */
  now(): Date;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** The browser's (or server's) IANA time zone. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Builds the formatters of one locale and time zone. `<ActivityProvider>` calls it once per
 * locale/zone change; use it directly outside React (tests, server rendering of labels).
 *
 * @example
 * ```ts
 * import { ruMessages } from '@activitykit/react/locales/ru';
 *
 * const i18n = createI18n({ locale: 'ru', timeZone: 'Europe/Moscow', messages: { ru: ruMessages } });
 * i18n.formatDay(new Date()); // 'Сегодня'
 * i18n.t('event.count', { count: 5 }); // '5 событий'
 * ```
 */
export function createI18n(options: I18nOptions = {}): ActivityI18n {
  const locale = options.locale ?? 'en';
  const timeZone = options.timeZone ?? localTimeZone();
  const now = options.now ?? (() => new Date());
  const overrides: Partial<Record<string, Message>> = options.messages?.[locale] ?? {};
  if (locale !== 'en' && !options.messages?.[locale]) {
    console.warn(
      `ActivityKit: no messages for locale "${locale}": strings stay English. Pass its catalog, e.g. messages={{ ru: ruMessages }} from '@activitykit/react/locales/ru'.`,
    );
  }
  const messages = { ...en, ...overrides };
  const plural = (count: number, forms: PluralForms) => pluralForm(count, forms, locale);

  // Seconds and the zone's short name: two events a few seconds apart, or read by people in
  // different zones, must not look alike.
  const clockParts = {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  } as const;
  const absolute = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...clockParts,
  });
  const clock = new Intl.DateTimeFormat(locale, { timeZone, ...clockParts });
  const full = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'full' });
  const dayParts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const dayThisYear = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  });
  const dayOtherYear = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const numbers = new Intl.NumberFormat(locale);
  // Plural messages pick their form by `params.count`; numbers are written in the locale
  // (`12,345 events`, `1,234 / 5,000`), other values as given.
  const fill = (message: Message, params?: MessageParams): string => {
    const text =
      typeof message === 'string' ? message : plural(Number(params?.count ?? 0), message);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (!Object.hasOwn(params, name)) return match;
      return typeof value === 'number' ? numbers.format(value) : String(value);
    });
  };

  const dayKey = (date: Date) => dayParts.format(date);
  const previousDayKey = (key: string) => {
    const [y, m, d] = key.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
  };

  return {
    locale,
    timeZone,
    now,
    t: (key, params) => fill(messages[key] ?? en[key] ?? key, params),
    format: (catalog, key, params) =>
      fill(overrides[key] ?? catalog[locale]?.[key] ?? catalog.en[key] ?? key, params),
    plural,
    formatTime(date, style = 'absolute') {
      if (style === 'absolute') return absolute.format(date);
      if (style === 'full') return full.format(date);
      let value = (date.getTime() - now().getTime()) / 1000;
      for (const [unit, size] of RELATIVE_UNITS) {
        if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
        value /= size;
      }
      return absolute.format(date);
    },
    formatClock: (date) => clock.format(date),
    dayKey,
    formatDay(date) {
      const key = dayKey(date);
      const today = dayKey(now());
      if (key === today) return fill(messages['day.today']);
      if (key === previousDayKey(today)) {
        return fill(messages['day.yesterday']);
      }
      return (key.slice(0, 4) === today.slice(0, 4) ? dayThisYear : dayOtherYear).format(date);
    },
    formatDate: (date, formatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone, ...formatOptions }).format(date),
    formatNumber: (value, formatOptions) =>
      formatOptions
        ? new Intl.NumberFormat(locale, formatOptions).format(value)
        : numbers.format(value),
  };
}
