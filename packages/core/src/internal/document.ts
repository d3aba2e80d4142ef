import { type ActivityEvent, refKey, ulidTime } from '@activitykit/schema';
import { signalMarks } from '../analytics/signalMarks.ts';

/**
 * An event as stored in MongoDB. `_id` is the event id (so a retried insert is a duplicate-key
 * error, never a second copy); `refKeys` holds `type:id` of every ref so that "everything about
 * customer 42" is one multikey index lookup on any server (FerretDB has no `$elemMatch`).
 */
export interface EventDocument extends Omit<ActivityEvent, 'id'> {
  _id: string;
  refKeys: string[];
  /**
   * `occurredAt` in whole quarter-hours since the epoch, precomputed for analytics: every time zone's
   * offset is a multiple of 15 minutes, so hour, day and week buckets in any zone are unions of
   * quarter-hours, and FerretDB (which has no date operators) can `$group` on it.
   */
  quarter: number;
  /**
   * The UTC day and hour of `occurredAt` (`2026-12-05`, `2026-12-05T14`): buckets a server that
   * filters only by equality in the database (FerretDB) reads one at a time.
   */
  day: string;
  hour: string;
  /**
   * The UTC hour of the id's own time (when the event was recorded, whatever its `occurredAt`): a
   * seal on a server that filters only by equality reads the ids newer than its last checkpoint
   * hour by hour. Absent on events stored by versions before it.
   */
  idHour?: string;
  /**
   * `k:` and, lower-cased, the actor's id, e-mail and every prefix of each word of their name: an
   * actor filter of one value `v` (id, e-mail or the start of a name word — see `actorClause`) can
   * only match events whose `actorKeys` hold `k:<v lower-cased>`, so it is sent as that equality too.
   */
  actorKeys: string[];
  /**
   * Labels for the security signals, from the detectors' own rules (`permission_change`), so that
   * their candidates are a top-level equality; absent on most events.
   */
  marks?: string[];
  /** Set when the event was stored from a writer's journal, after MongoDB had been unreachable. */
  replayedAt?: Date;
  /** The writer's signature of a late event's content, with the sealing key (see `integrity/proofs.ts`). */
  replayProof?: string;
  /** When retention lets the event go; a TTL index deletes it where the server supports one. */
  expiresAt?: Date;
}

/**
 * Field names MongoDB reserves (`$…`) or splits (`.`), escaped in app-supplied values (changes,
 * snapshot, metadata), and arrays nested in arrays, wrapped: both come back as they were.
 */
const ESCAPES: [RegExp, string][] = [
  [/^\$/, '\uFF04'],
  [/\./g, '\uFF0E'],
];
const UNESCAPES: [RegExp, string][] = [
  [/^\uFF04/, '$'],
  [/\uFF0E/g, '.'],
];

/** Fifteen minutes in milliseconds: the unit of {@link EventDocument.quarter}. */
export const QUARTER_MS = 15 * 60 * 1000;

/** The UTC day of an instant: `2026-12-05`. */
export function utcDay(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * The UTC days `[from, to)` touches, oldest first (at least `from`'s day).
 *
 * @example
 * ```ts
 * utcDaysBetween(new Date('2026-12-04T22:00Z'), new Date('2026-12-06T00:00Z')); // ['2026-12-04', '2026-12-05']
 * ```
 */
export function utcDaysBetween(from: Date, to: Date): string[] {
  const days: string[] = [];
  const last = utcDay(Math.max(from.getTime(), to.getTime() - 1));
  for (let at = Date.parse(`${utcDay(from)}T00:00:00Z`); ; at += 86_400_000) {
    const day = utcDay(at);
    days.push(day);
    if (day >= last) return days;
  }
}

/**
 * Orders stored events as `sort({ occurredAt: 1, _id: 1 })` does: oldest first, then by id.
 *
 * @example
 * ```ts
 * docs.sort((a, b) => -compareEvents(a, b)); // newest first
 * ```
 */
export function compareEvents(
  a: { occurredAt: Date; _id: string },
  b: { occurredAt: Date; _id: string },
): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** The UTC hour of an instant: `2026-12-05T14`. */
export function utcHour(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 13);
}

const HOUR_MS = 3_600_000;

/**
 * The UTC hours (`utcHour`) from `from`'s to `to`'s, oldest first: the `idHour` values a read of
 * ids between two times probes. Stops at `max + 1` hours, so a caller sees that the span is too long
 * to probe hour by hour (`hours.length > max`).
 */
export function utcHoursBetween(from: number, to: number, max: number): string[] {
  const hours: string[] = [];
  for (let at = Math.floor(from / HOUR_MS) * HOUR_MS; at <= to; at += HOUR_MS) {
    hours.push(utcHour(at));
    if (hours.length > max) break;
  }
  return hours;
}

/** Longest name-word prefix kept in `actorKeys`. */
export const MAX_ACTOR_KEY_PREFIX = 24;

/** The `actorKeys` of an actor (see {@link EventDocument.actorKeys}). */
export function actorKeys(actor: { id: string; email?: string; name?: string }): string[] {
  const keys = new Set<string>();
  // Lower-cased, and also with the folds case-insensitive regular expressions make to ASCII
  // letters (ſ matches s; the Kelvin sign lower-cases to k), so a one-actor filter in ASCII finds
  // every name the server's regular expression would.
  for (const text of [actor.id, actor.email ?? '']) {
    for (const form of caseForms(text)) if (form) keys.add(`k:${form}`);
  }
  for (const name of caseForms(actor.name ?? '')) {
    for (const word of name.split(/\s+/)) {
      for (let end = 1; end <= Math.min(word.length, MAX_ACTOR_KEY_PREFIX); end++) {
        keys.add(`k:${word.slice(0, end)}`);
      }
    }
  }
  return [...keys];
}

function caseForms(text: string): string[] {
  const lower = text.toLowerCase();
  const folded = lower.replace(/\u017f/g, 's');
  return folded === lower ? [lower] : [lower, folded];
}

/** The document to insert for an event. */
export function toDocument(event: ActivityEvent, expiresAt?: Date): EventDocument {
  const { id, ...rest } = event;
  const doc: EventDocument = {
    _id: id,
    ...rest,
    refKeys: [...new Set(event.refs.map(refKey))],
    quarter: Math.floor(event.occurredAt.getTime() / QUARTER_MS),
    day: utcDay(event.occurredAt),
    hour: utcHour(event.occurredAt),
    idHour: utcHour(ulidTime(id)),
    actorKeys: actorKeys(event.actor),
  };
  const marks = signalMarks(event);
  if (marks.length > 0) doc.marks = marks;
  if (event.changes) {
    doc.changes = event.changes.map((change) => ({
      ...change,
      ...('before' in change ? { before: mapKeys(change.before, ESCAPES) } : {}),
      ...('after' in change ? { after: mapKeys(change.after, ESCAPES) } : {}),
    }));
  }
  if (event.snapshot) doc.snapshot = mapKeys(event.snapshot, ESCAPES) as Record<string, unknown>;
  if (event.metadata) doc.metadata = mapKeys(event.metadata, ESCAPES) as Record<string, unknown>;
  if (expiresAt) doc.expiresAt = expiresAt;
  return doc;
}

/** The event a stored document holds. */
export function fromDocument(doc: EventDocument): ActivityEvent {
  const {
    _id,
    refKeys: _refKeys,
    quarter: _quarter,
    day: _day,
    hour: _hour,
    idHour: _idHour,
    actorKeys: _actorKeys,
    marks: _marks,
    expiresAt: _expiresAt,
    replayedAt: _replayedAt,
    replayProof: _replayProof,
    ...rest
  } = doc;
  const event: ActivityEvent = { id: _id, ...rest };
  if (doc.changes) {
    event.changes = doc.changes.map((change) => ({
      ...change,
      ...('before' in change ? { before: mapKeys(change.before, UNESCAPES) } : {}),
      ...('after' in change ? { after: mapKeys(change.after, UNESCAPES) } : {}),
    }));
  }
  if (doc.snapshot) event.snapshot = mapKeys(doc.snapshot, UNESCAPES) as Record<string, unknown>;
  if (doc.metadata) event.metadata = mapKeys(doc.metadata, UNESCAPES) as Record<string, unknown>;
  return event;
}

/** Wraps an array held directly in an array (FerretDB 1.24 refuses nested arrays). */
const NESTED_ARRAY = '\uFF04array';

function mapKeys(value: unknown, rules: [RegExp, string][], inArray = false): unknown {
  const escaping = rules === ESCAPES;
  if (Array.isArray(value)) {
    const items = value.map((item) => mapKeys(item, rules, true));
    return escaping && inArray ? { [NESTED_ARRAY]: items } : items;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (
    !escaping &&
    keys.length === 1 &&
    keys[0] === NESTED_ARRAY &&
    Array.isArray(value[NESTED_ARRAY])
  ) {
    return mapKeys(value[NESTED_ARRAY], rules);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    let mapped = key;
    for (const [pattern, replacement] of rules) mapped = mapped.replace(pattern, replacement);
    out[mapped] = mapKeys(item, rules);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
