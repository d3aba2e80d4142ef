/**
 * Sentences of the actions the kit records on its own — one-time-code steps of a sign-in, bulk
 * deletes, retention sweeps and exports of the activity log — which the generic rules of
 * `describe` would word as machine names (`auth otp verified (an auth record)`). Internal: used by
 * `describe.ts` only.
 * @internal
 * @module
 */
import { formatCount, type Locale } from './locale.ts';

/** What a kit action says, before it is put in words. */
export type KitFact =
  | { type: 'otp_requested' | 'otp_verified'; actor: string }
  | { type: 'otp_failed'; identifier?: string | undefined }
  | {
      type: 'log_deleted';
      actor: string;
      count: number;
      total?: number | undefined;
      ids: string[];
      ip?: string | undefined;
    }
  | { type: 'log_swept'; actor: string; count?: number | undefined; days?: number | undefined }
  | {
      type: 'log_exported';
      actor: string;
      count?: number | undefined;
      format?: string | undefined;
    };

/** What {@link kitFact} reads of an event. */
export interface KitEvent {
  action: string;
  metadata?: Record<string, unknown> | undefined;
  context?: { ip?: string | undefined } | undefined;
}

const EVENTS = {
  en: { one: 'event', other: 'events' },
  ru: { one: 'событие', few: 'события', many: 'событий', other: 'события' },
} as const;
/** «из 401 события»: the genitive after «из» is singular for 1, 21…, plural otherwise. */
const EVENTS_GENITIVE = { one: 'события', few: 'событий', many: 'событий', other: 'события' };
const LISTED_IDS = 3;

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/**
 * The fact of a kit action, or `undefined` for any other action. `actor` is the actor's name as
 * the sentence says it; `identifier` is the attempted sign-in's e-mail or name.
 */
export function kitFact(
  event: KitEvent,
  { actor, identifier }: { actor: string; identifier?: string | undefined },
): KitFact | undefined {
  const metadata = event.metadata ?? {};
  switch (event.action) {
    case 'auth.otp_requested':
      return { type: 'otp_requested', actor };
    case 'auth.otp_verified':
      return { type: 'otp_verified', actor };
    case 'auth.otp_failed':
      return { type: 'otp_failed', identifier };
    case 'activity.bulk_deleted': {
      const ids = Array.isArray(metadata.ids)
        ? metadata.ids.filter((id): id is string => typeof id === 'string')
        : [];
      const total = count(metadata.total);
      return {
        type: 'log_deleted',
        actor,
        count: ids.length || total || 0,
        total: total !== undefined && total > ids.length && ids.length > 0 ? total : undefined,
        ids,
        ip: text(event.context?.ip),
      };
    }
    case 'retention.swept':
      return {
        type: 'log_swept',
        actor,
        count: count(metadata.deleted),
        days: count(metadata.days),
      };
    case 'activity.exported':
      return {
        type: 'log_exported',
        actor,
        count: count(metadata.count ?? metadata.rows ?? metadata.total),
        format: text(metadata.format)?.toUpperCase(),
      };
    default:
      return undefined;
  }
}

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
      return `${fact.actor} exported ${what}${fact.format ? ` as ${fact.format}` : ''}`;
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
          : `${fact.count} из ${formatCount(fact.total, EVENTS_GENITIVE, 'ru')}`;
      const ids = listIds(fact.ids, 'и ещё', '');
      const ip = fact.ip ? `, IP ${fact.ip}` : '';
      return `${fact.actor}: удалено ${what} из журнала действий${ids}${ip}`;
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
      return `${fact.actor}: экспорт ${what}${fact.format ? ` в ${fact.format}` : ''}`;
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
