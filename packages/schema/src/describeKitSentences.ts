/**
 * The sentences of the kit's own actions (see `describeKit.ts`), in English and Russian. Internal:
 * used by `describe.ts` only.
 * @internal
 * @module
 */
import type { KitFact } from './describeKit.ts';
import { formatCount, type Locale } from './locale.ts';

const EVENTS = {
  en: { one: 'event', other: 'events' },
  ru: { one: 'событие', few: 'события', many: 'событий', other: 'события' },
} as const;
/** «из 401 события»: the genitive after «из» is singular for 1, 21…, plural otherwise. */
const EVENTS_GENITIVE = { one: 'события', few: 'событий', many: 'событий', other: 'события' };
const LISTED_IDS = 3;

/** The fact as a sentence in the locale. */
export function kitSentence(fact: KitFact, locale: Locale): string {
  return locale === 'en' ? english(fact) : russian(fact);
}

function english(fact: KitFact): string {
  switch (fact.type) {
    case 'otp_requested':
      return `${fact.actor} was sent a one-time sign-in code`;
    case 'otp_verified':
      return `${fact.actor} confirmed the sign-in with a one-time code`;
    case 'otp_failed':
      return fact.identifier ? `Wrong one-time code for ${fact.identifier}` : 'Wrong one-time code';
    case 'log_deleted': {
      const what =
        fact.total === undefined
          ? formatCount(fact.count, EVENTS.en, 'en')
          : fact.part
            ? `${range(fact.part, ['event', 'events'])} of ${fact.total}`
            : `${fact.count} of ${formatCount(fact.total, EVENTS.en, 'en')}`;
      const ids = listIds(fact.ids, 'and', 'more');
      const ip = fact.ip ? ` from IP ${fact.ip}` : '';
      return `${fact.actor} deleted ${what} from the activity log${ids}${ip}`;
    }
    case 'log_swept': {
      const what = fact.count === undefined ? 'events' : formatCount(fact.count, EVENTS.en, 'en');
      const age = fact.days === undefined ? '' : ` older than ${fact.days} days`;
      return `${fact.actor} removed ${what}${age} from the activity log`;
    }
    case 'log_exported': {
      const what =
        fact.count === undefined ? 'the activity log' : formatCount(fact.count, EVENTS.en, 'en');
      const how =
        fact.selection !== undefined
          ? ` (a selection of ${fact.selection})`
          : fact.filters
            ? ` (filters: ${fact.filters})`
            : '';
      const stopped = fact.stopped ? ' — stopped before the end' : '';
      const ip = fact.ip ? `${stopped ? ',' : ''} from IP ${fact.ip}` : '';
      return `${fact.actor} exported ${what}${fact.format ? ` as ${fact.format}` : ''}${how}${stopped}${ip}`;
    }
  }
}

function russian(fact: KitFact): string {
  switch (fact.type) {
    case 'otp_requested':
      return `${fact.actor}: отправлен одноразовый код для входа`;
    case 'otp_verified':
      return `${fact.actor}: вход подтверждён одноразовым кодом`;
    case 'otp_failed':
      return fact.identifier
        ? `Неверный одноразовый код: ${fact.identifier}`
        : 'Неверный одноразовый код';
    case 'log_deleted': {
      const what =
        fact.total === undefined
          ? formatCount(fact.count, EVENTS.ru, 'ru')
          : fact.part
            ? `${range(fact.part, ['событие', 'события'])} из ${fact.total}`
            : `${fact.count} из ${formatCount(fact.total, EVENTS_GENITIVE, 'ru')}`;
      const ids = listIds(fact.ids, 'и ещё', '');
      const ip = fact.ip ? `, IP ${fact.ip}` : '';
      const deleted = fact.part && fact.part.from < fact.part.to ? 'удалены' : 'удалено';
      return `${fact.actor}: ${deleted} ${what} из журнала действий${ids}${ip}`;
    }
    case 'log_swept': {
      const what = fact.count === undefined ? 'события' : formatCount(fact.count, EVENTS.ru, 'ru');
      const age =
        fact.days === undefined
          ? ''
          : ` старше ${formatCount(fact.days, { one: 'дня', other: 'дней' }, 'ru')}`;
      return `${fact.actor}: удалено ${what}${age} из журнала действий`;
    }
    case 'log_exported': {
      const what =
        fact.count === undefined
          ? 'журнала действий'
          : formatCount(fact.count, { one: 'события', other: 'событий' }, 'ru');
      const how =
        fact.selection !== undefined
          ? ` (выборка из ${fact.selection})`
          : fact.filters
            ? ` (фильтры: ${fact.filters})`
            : '';
      const stopped = fact.stopped ? ' — не завершён' : '';
      const ip = fact.ip ? `, IP ${fact.ip}` : '';
      return `${fact.actor}: экспорт ${what}${fact.format ? ` в ${fact.format}` : ''}${how}${stopped}${ip}`;
    }
  }
}

/** ` (id1, id2, id3 and 2 more)`, or nothing. */
function listIds(ids: readonly string[], and: string, more: string): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, LISTED_IDS).join(', ');
  const rest = ids.length - LISTED_IDS;
  return rest > 0 ? ` (${shown} ${and} ${rest}${more ? ` ${more}` : ''})` : ` (${shown})`;
}

/** `events 401–800`, or `event 401` for a part of one. */
function range(part: { from: number; to: number }, [one, many]: [string, string]): string {
  return part.from === part.to ? `${one} ${part.from}` : `${many} ${part.from}–${part.to}`;
}
