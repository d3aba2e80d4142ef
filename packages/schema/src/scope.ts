import { z } from 'zod';
import { EVENT_KINDS } from './event.ts';

/**
 * What a reader may see. Every read takes one, and the store enforces it: `tenants` lists the
 * tenants (or `'*'` for all, administrators only); `roles` limits whose events are visible by the
 * actor's role (`'*'` for all); `refs` and `kinds`, when given, keep only events about those
 * records and of those kinds. An
 * empty list sees nothing — the default is deny.
 */
export const activityScopeSchema = z.strictObject({
  tenants: z.union([z.literal('*'), z.array(z.string().min(1).max(200)).max(1000)]),
  roles: z.union([z.literal('*'), z.array(z.string().min(1).max(100)).max(100)]).default('*'),
  /**
   * Only events that touch one of these records (ref keys, `customer:42`), e.g. a customer's own
   * history through a viewer token. Defaults to none: every record of the scope's tenants.
   */
  refs: z.array(z.string().min(3).max(301).includes(':')).max(100).optional(),
  /** Only events of these kinds (a customer's history without staff notes). Defaults to every kind. */
  kinds: z.array(z.enum(EVENT_KINDS)).max(EVENT_KINDS.length).optional(),
  /** May this reader delete events (bulk delete, purge)? */
  canDelete: z.boolean().default(false),
  /** May this reader restore deleted records? */
  canRestore: z.boolean().default(false),
  /** May this reader add notes? */
  canNote: z.boolean().default(false),
});
/** What a reader may see and do; see {@link activityScopeSchema}. */
export type ActivityScope = z.infer<typeof activityScopeSchema>;
/** A scope as a caller writes it. */
export type ActivityScopeInput = z.input<typeof activityScopeSchema>;

/** The scope of an administrator: every tenant, every role, every privilege. */
export const ADMIN_SCOPE: ActivityScope = Object.freeze({
  tenants: '*',
  roles: '*',
  canDelete: true,
  canRestore: true,
  canNote: true,
}) as ActivityScope;
