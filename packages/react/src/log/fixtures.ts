import { type ActivityEvent, createCategoryRegistry } from '@activitykit/schema';
import { draft, LOCATIONS, mulberry32, pick, USERS_EN, USERS_RU, ulid } from './fixtureDrafts.ts';

const categories = createCategoryRegistry();

/** Options of {@link generateActivityEvents}. */
export interface FixtureOptions {
  /** How many events. */
  count: number;
  /** Seed of the pseudo-random sequence: the same seed gives the same events. Defaults to `1`. */
  seed?: number;
  /** The newest event's time. Defaults to `2026-11-23T12:00:00Z`. */
  now?: Date;
  /** Days the events spread over, back from `now`. Defaults to `30`. */
  spanDays?: number;
  /** Whose names the users have: English, Russian (long Cyrillic names) or both. Defaults to `'mixed'`. */
  names?: 'en' | 'ru' | 'mixed';
  /** Defaults to `'acme'`. */
  tenantId?: string;
}

/**
 * Realistic activity of a small venue business (seed 000's categories, seed 001's create / update /
 * delete / other with restorable deletes, seed 003's auth events and IPs), newest first and
 * deterministic for a seed. For stories, tests and benchmarks.
 *
 * @example
 * ```ts
 * const source = createMemorySource({ events: generateActivityEvents({ count: 500 }) });
 * ```
 */
export function generateActivityEvents(options: FixtureOptions): ActivityEvent[] {
  const random = mulberry32(options.seed ?? 1);
  const now = (options.now ?? new Date('2026-11-23T12:00:00Z')).getTime();
  const span = (options.spanDays ?? 30) * 86_400_000;
  const names = options.names ?? 'mixed';
  const users = names === 'en' ? USERS_EN : names === 'ru' ? USERS_RU : [...USERS_EN, ...USERS_RU];
  const step = options.count > 0 ? span / options.count : 0;
  const events: ActivityEvent[] = [];
  let time = now;
  for (let i = 0; i < options.count; i++) {
    const user = pick(random, users);
    const made = draft(random, user);
    const actor = made.actor ?? user;
    const subjectType = made.subject?.type;
    const event: ActivityEvent = {
      id: ulid(time, random),
      tenantId: options.tenantId ?? 'acme',
      occurredAt: new Date(time),
      action: made.action,
      kind: made.kind,
      category: categories.categoryFor({ action: made.action, subjectType }),
      outcome: made.outcome ?? 'success',
      actor,
      refs: made.refs ?? (made.subject ? [made.subject] : []),
      context: {
        ip:
          actor.type === 'system'
            ? undefined
            : `${pick(random, ['10.0.0', '192.168.1', '203.0.113'])}.${1 + Math.floor(random() * 250)}`,
        location: pick(random, LOCATIONS),
        method: made.kind === 'access' ? 'GET' : 'POST',
        requestId: `req-${Math.floor(random() * 1e9).toString(36)}`,
        userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0',
      },
    };
    if (made.subject) event.subject = made.subject;
    if (made.changes) event.changes = made.changes;
    if (made.snapshot) event.snapshot = made.snapshot;
    if (made.metadata) event.metadata = made.metadata;
    if (event.context.ip === undefined) delete event.context.ip;
    events.push(event);
    time -= Math.max(1000, Math.round(step * (0.2 + random() * 1.6)));
  }
  return events;
}

/**
 * `events` with one user action that changed `count` customers inserted after the newest event
 * (Olga archiving inactive customers with one `updateMany`), as the data layer records it: an
 * event per customer and the write's `customer.bulk_updated` summary, all of one correlation id.
 * The log shows them as one batch row.
 *
 * @example
 * ```ts
 * const source = createMemorySource({ events: withBatch(generateActivityEvents({ count: 50 })) });
 * ```
 */
export function withBatch(events: readonly ActivityEvent[], count = 12): ActivityEvent[] {
  const [newest, ...rest] = events;
  if (!newest) return [];
  const random = mulberry32(count);
  const start = newest.occurredAt.getTime() - 1;
  const actor = { id: 'u-olga', type: 'user', name: 'Olga Petrova', role: 'admin' } as const;
  const context = { ip: '203.0.113.9', requestId: 'req-archive', correlationId: 'req-archive' };
  const base = { tenantId: newest.tenantId, outcome: 'success', actor, context } as const;
  const summary: ActivityEvent = {
    ...base,
    id: ulid(start, random),
    occurredAt: new Date(start),
    action: 'customer.bulk_updated',
    kind: 'update',
    category: 'customer',
    refs: [],
    description: `Archived ${count} inactive customers`,
    metadata: { operation: 'updateMany', count },
  };
  const records = Array.from({ length: count }, (_, i): ActivityEvent => {
    const subject = { type: 'customer', id: `c-${700 + i}`, label: `Customer ${700 + i}` };
    const time = start - 1 - i;
    return {
      ...base,
      id: ulid(time, random),
      occurredAt: new Date(time),
      action: 'customer.updated',
      kind: 'update',
      category: 'customer',
      subject,
      refs: [subject],
      changes: [{ path: 'status', before: 'inactive', after: 'archived' }],
    };
  });
  return [newest, summary, ...records, ...rest];
}
