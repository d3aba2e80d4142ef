import type { Locale } from '@activitykit/schema';
import { LOG_MESSAGES_EN, type LogMessageKey } from './messagesEn.ts';
import { LOG_MESSAGES_RU } from './messagesRu.ts';

export type { LogMessageKey } from './messagesEn.ts';

/** Translates a key of the log's strings, filling `{name}` parameters. */
export type LogTranslate = (key: LogMessageKey, params?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Locale, Record<LogMessageKey, string>> = {
  en: LOG_MESSAGES_EN,
  ru: LOG_MESSAGES_RU,
};

/**
 * The translator of the log's own strings for a locale (they live beside the component so the log
 * stays self-contained; labels shared by the kit come from `useActivityI18n`).
 */
export function logTranslator(locale: Locale): LogTranslate {
  const dictionary = DICTIONARIES[locale] ?? LOG_MESSAGES_EN;
  const numbers = new Intl.NumberFormat(locale);
  return (key, params) => {
    const template = dictionary[key] ?? LOG_MESSAGES_EN[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (value === undefined) return match;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}
