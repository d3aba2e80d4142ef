import { z } from 'zod';
import { eventIdSchema } from './ids.ts';

/**
 * The event classes: the four of a CRM log (create, update, delete, other) plus authentication,
 * reads and notes.
 */
export const EVENT_KINDS = [
  'create',
  'update',
  'delete',
  'login',
  'logout',
  'login_failed',
  'access',
  'note',
  'other',
] as const;
/** One of {@link EVENT_KINDS}. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** How an action ended. */
export const OUTCOMES = ['success', 'failure'] as const;
/** One of {@link OUTCOMES}. */
export type Outcome = (typeof OUTCOMES)[number];

/** Who can act: a person, the system itself (jobs, triggers), an API key, or nobody signed in. */
export const ACTOR_TYPES = ['user', 'system', 'api_key', 'anonymous'] as const;
/** One of {@link ACTOR_TYPES}. */
export type ActorType = (typeof ACTOR_TYPES)[number];

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** An action name: dotted words, e.g. `customer.created`, `order.status_changed`. */
export const actionSchema = z
  .string()
  .max(120)
  .regex(
    /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/i,
    'an action is dotted words of letters, digits, _ and -, e.g. "customer.created"',
  );

/** Who did it. `system` marks changes no person made. */
export const actorSchema = z.object({
  id: shortText(200),
  type: z.enum(ACTOR_TYPES),
  /** The user type: admin, partner, staff, customer… */
  role: shortText(100).optional(),
  name: shortText(200).optional(),
  email: shortText(320).optional(),
});
/** Who did it. */
export type Actor = z.infer<typeof actorSchema>;

/** A record: the subject of an event, or one it touches. */
export const recordRefSchema = z.object({
  type: shortText(100).regex(/^[^:\s]+$/, 'a record type has no spaces or colons'),
  id: shortText(200),
  label: z.string().max(500).optional(),
});
/** A record: `{ type: 'customer', id: '42', label: 'Alice Smith' }`. */
export type RecordRef = z.infer<typeof recordRefSchema>;

/** One field that changed. A redacted change keeps its path but hides both values. */
export const changeSchema = z.object({
  path: z.string().min(1).max(500),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** The values were secrets and were replaced by the redaction marker. */
  redacted: z.boolean().optional(),
});
/** One field that changed. */
export type Change = z.infer<typeof changeSchema>;

/** Where and how the action happened. */
export const eventContextSchema = z.object({
  ip: z.string().max(100).optional(),
  userAgent: z.string().max(1000).optional(),
  requestId: z.string().max(200).optional(),
  traceId: z.string().max(200).optional(),
  /** Shared by every event of one user action (a cascade, a job run). */
  correlationId: z.string().max(200).optional(),
  /** Branch or site. */
  location: z.string().max(200).optional(),
  method: z.string().max(20).optional(),
  route: z.string().max(500).optional(),
  status: z.number().int().min(100).max(599).optional(),
});
/** Where and how the action happened. */
export type EventContext = z.infer<typeof eventContextSchema>;

/** A stored activity event (SPEC §2). */
export const activityEventSchema = z.object({
  /** ULID made by the writer; also the idempotency key. */
  id: eventIdSchema,
  tenantId: shortText(200),
  occurredAt: z.date(),
  action: actionSchema,
  kind: z.enum(EVENT_KINDS),
  category: shortText(100),
  outcome: z.enum(OUTCOMES),
  actor: actorSchema,
  subject: recordRefSchema.optional(),
  /** Every record the event touches, the subject included. */
  refs: z.array(recordRefSchema).max(50),
  changes: z.array(changeSchema).max(500).optional(),
  /** For deletes: the record as it was (redacted), so it can be restored. */
  snapshot: z.record(z.string(), z.unknown()).optional(),
  description: z.string().max(2000).optional(),
  context: eventContextSchema,
  metadata: z.record(z.string(), z.unknown()).optional(),
});
/** A stored activity event. */
export type ActivityEvent = z.infer<typeof activityEventSchema>;

/**
 * What an app records: the writer fills in `id`, `occurredAt`, `tenantId` and `actor` (from the
 * activity context), `kind` (from the action's verb), `category` (from the subject type) and
 * `outcome` (`success`).
 */
export const activityEventInputSchema = activityEventSchema
  .omit({ id: true })
  .partial({
    tenantId: true,
    occurredAt: true,
    kind: true,
    category: true,
    outcome: true,
    actor: true,
    refs: true,
    context: true,
  })
  .extend({
    occurredAt: z.coerce.date().optional(),
  });
/** What an app records; see {@link activityEventInputSchema}. */
export type ActivityEventInput = z.input<typeof activityEventInputSchema>;

/** `type:id`, the key of a record in `refs`. */
export function refKey(ref: Pick<RecordRef, 'type' | 'id'>): string {
  return `${ref.type}:${ref.id}`;
}

/** Parses `type:id` (the id may itself contain colons). */
export function parseRefKey(key: string): Pick<RecordRef, 'type' | 'id'> | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return undefined;
  return { type: key.slice(0, colon), id: key.slice(colon + 1) };
}

/**
 * The refs an event stores: the subject first, then the other refs, each record once (a later
 * label fills a missing one).
 *
 * @example
 * ```ts
 * mergeRefs({ type: 'order', id: '7' }, [{ type: 'customer', id: '42' }, { type: 'order', id: '7', label: '#7' }]);
 * // [{ type: 'order', id: '7', label: '#7' }, { type: 'customer', id: '42' }]
 * ```
 */
export function mergeRefs(subject: RecordRef | undefined, refs: RecordRef[]): RecordRef[] {
  const byKey = new Map<string, RecordRef>();
  for (const ref of subject ? [subject, ...refs] : refs) {
    const key = refKey(ref);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, ref);
    else if (!seen.label && ref.label) byKey.set(key, { ...seen, label: ref.label });
  }
  return [...byKey.values()];
}
