/**
 * Words shared by the descriptions of the store's own audit events (bulk deletes, exports): who,
 * which ids, from where — in English or Russian.
 * @internal
 * @module
 */
import { type Actor, type EventContext, type Locale, pluralForm } from '@activitykit/schema';

/** The most ids a description names; the rest are counted. */
export const DESCRIBED_IDS = 10;

/** The actor by name, e-mail, else type and id. */
export function actorLabel(actor: Actor, locale: Locale): string {
  if (actor.name?.trim()) return actor.name.trim();
  if (actor.email?.trim()) return actor.email.trim();
  if (actor.type === 'system') return locale === 'ru' ? 'Система' : 'System';
  return locale === 'ru' ? `Пользователь ${actor.id}` : `User ${actor.id}`;
}

/** `A, B, C and 7 more` / `A, B, C и ещё 7`. */
export function listIds(ids: readonly string[], locale: Locale): string {
  const shown = ids.slice(0, DESCRIBED_IDS).join(', ');
  const more = ids.length - DESCRIBED_IDS;
  if (more <= 0) return shown;
  return locale === 'ru' ? `${shown} и ещё ${more}` : `${shown} and ${more} more`;
}

/** ` from 10.0.0.7` / `; IP 10.0.0.7`, or nothing without an IP. */
export function fromIp(context: EventContext | undefined, locale: Locale): string {
  if (!context?.ip) return '';
  return locale === 'ru' ? `; IP ${context.ip}` : ` from ${context.ip}`;
}

/** `3 events` / `1 event`. */
export function eventCount(count: number, locale: Locale): string {
  if (locale === 'ru') return String(count);
  return `${count} ${pluralForm(count, { one: 'event', other: 'events' }, 'en')}`;
}

/**
 * Where an operation of the store (a note, a restore, a bulk delete, an export) was asked from:
 * the request's IP, user agent and request id, stamped on the event it records.
 */
export type RequestContext = Pick<
  EventContext,
  'ip' | 'userAgent' | 'requestId' | 'traceId' | 'location'
>;

/** The request facts an operation stamps on its event (and nothing else of `context`). */
export function requestContext(context: RequestContext | undefined): RequestContext | undefined {
  if (!context) return undefined;
  const picked: RequestContext = {};
  if (context.ip) picked.ip = context.ip;
  if (context.userAgent) picked.userAgent = context.userAgent;
  if (context.requestId) picked.requestId = context.requestId;
  if (context.traceId) picked.traceId = context.traceId;
  if (context.location) picked.location = context.location;
  return Object.keys(picked).length > 0 ? picked : undefined;
}
