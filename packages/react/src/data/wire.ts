import {
  type ActivityStats,
  eventFromWire,
  pageFromWire,
  type SecuritySignal,
  type WireActivityEvent,
} from '@activitykit/schema';
import { type ActivityPermissions, ActivitySourceError } from './source.ts';

// JSON answers of both server adapters back into the schema's types (ISO strings → Dates).

/** A JSON object, read loosely. */
export type Json = Record<string, unknown>;

/** Whether a JSON value is an object (not an array, not `null`). */
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The error of an answer that is not `what`. */
export function unreadable(what: string): ActivitySourceError {
  return new ActivitySourceError(
    'SERVER',
    `The server answered something that is not ${what}; check that the source points at an ActivityKit API.`,
  );
}

/** A date from JSON (an ISO string) or from a transformer (a `Date`); `unreadable` otherwise. */
export const toDate = (value: unknown, what: string): Date => {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw unreadable(what);
  return date;
};

/** An event from JSON. */
export function readEvent(value: unknown) {
  if (!isObject(value) || typeof value.id !== 'string') throw unreadable('an event');
  return eventFromWire(value as unknown as WireActivityEvent);
}

/** A page from JSON. */
export function readPage(value: unknown) {
  if (!isObject(value) || !Array.isArray(value.items)) throw unreadable('a page of events');
  for (const item of value.items) readEvent(item);
  return pageFromWire(value as { items: WireActivityEvent[]; nextCursor?: string });
}

/** Stats from JSON. */
export function readStats(value: unknown): ActivityStats {
  if (!isObject(value) || !isObject(value.range) || !Array.isArray(value.series)) {
    throw unreadable('activity statistics');
  }
  const stats = value as unknown as ActivityStats;
  return {
    ...stats,
    range: { from: toDate(value.range.from, 'a date'), to: toDate(value.range.to, 'a date') },
    series: (value.series as Json[]).map((point) => ({
      start: toDate(point.start, 'a date'),
      count: Number(point.count),
    })),
  };
}

/** Security signals from JSON (a list, or `{ items }`). */
export function readSignals(value: unknown): SecuritySignal[] {
  const items = Array.isArray(value) ? value : isObject(value) ? value.items : undefined;
  if (!Array.isArray(items)) throw unreadable('a list of security signals');
  return items.map((item: unknown) => {
    if (!isObject(item) || !isObject(item.window)) throw unreadable('a security signal');
    return {
      ...(item as unknown as SecuritySignal),
      window: { from: toDate(item.window.from, 'a date'), to: toDate(item.window.to, 'a date') },
    };
  });
}

/** The reader's permissions from `GET /scope` or the `scope` procedure. */
export function readPermissions(value: unknown): ActivityPermissions {
  if (!isObject(value)) throw unreadable('a scope');
  const actor =
    isObject(value.actor) && typeof value.actor.id === 'string' ? value.actor : undefined;
  return {
    canDelete: value.canDelete === true,
    canRestore: value.canRestore === true,
    canNote: value.canNote === true,
    ...(actor
      ? {
          actor: {
            id: actor.id as string,
            ...(typeof actor.name === 'string' ? { name: actor.name } : {}),
            ...(typeof actor.role === 'string' ? { role: actor.role } : {}),
          },
        }
      : {}),
  };
}
