import type { ActivityI18n } from '../i18n/createI18n.ts';
import { LOG_MESSAGES_EN, type LogMessageKey } from './messagesEn.ts';

export type { LogMessageKey } from './messagesEn.ts';

/** Translates a key of the log's strings, filling `{name}` parameters. */
export type LogTranslate = (key: LogMessageKey, params?: Record<string, string | number>) => string;

/** The log's English strings under the keys a language's catalog gives them (`log.title`). */
const CATALOG = {
  en: Object.fromEntries(
    Object.entries(LOG_MESSAGES_EN).map(([key, text]) => [`log.${key}`, text]),
  ) as Record<`log.${LogMessageKey}`, string>,
};

/**
 * The translator of the log's own strings (they live beside the component so the log stays
 * self-contained; labels shared by the kit come from `useActivityI18n`). The provider's `messages`
 * give them in another language under `log.<key>` (`ruMessages` has them all); English otherwise.
 */
export function logTranslator(i18n: ActivityI18n): LogTranslate {
  return (key, params) => i18n.format(CATALOG, `log.${key}`, params);
}
