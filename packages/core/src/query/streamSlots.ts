import type { ActivityScopeInput } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/**
 * How many live streams one tenant may hold open in one process by default (the Express `GET
 * /live` route and the tRPC `live` subscription each count their own).
 */
export const DEFAULT_MAX_STREAMS_PER_TENANT = 100;

/** Open live streams, counted per tenant of the reader's scope. */
export interface StreamSlots {
  /**
   * Takes a slot in every tenant of the scope (`'*'` counts as one tenant of its own) and returns
   * how to give them back (once is enough; more calls do nothing), or the first tenant whose
   * streams are full — then nothing is taken.
   */
  take(scope: Pick<ActivityScopeInput, 'tenants'>): { release: () => void } | { full: string };
  /** Streams open for a tenant (`'*'` for the scopes of every tenant). */
  open(tenant: string): number;
}

/**
 * Counts open live streams per tenant, so that one tenant's readers cannot hold every connection
 * (and every poll's matching work) of the server.
 *
 * @example
 * ```ts
 * const slots = createStreamSlots({ maxPerTenant: DEFAULT_MAX_STREAMS_PER_TENANT });
 * const slot = slots.take({ tenants: ['acme'] });
 * if ('full' in slot) throw new Error(`Too many live streams for ${slot.full}.`);
 * res.on('close', slot.release);
 * ```
 */
export function createStreamSlots(options: { maxPerTenant: number }): StreamSlots {
  const { maxPerTenant } = options;
  if (!Number.isInteger(maxPerTenant) || maxPerTenant < 1) {
    throw new ActivityError(
      'INVALID_OPTIONS',
      `maxStreamsPerTenant must be a whole number of at least 1, got ${String(maxPerTenant)}.`,
    );
  }
  const open = new Map<string, number>();
  return {
    take(scope) {
      const tenants = scope.tenants === '*' ? ['*'] : [...new Set(scope.tenants)];
      const full = tenants.find((tenant) => (open.get(tenant) ?? 0) >= maxPerTenant);
      if (full !== undefined) return { full };
      for (const tenant of tenants) open.set(tenant, (open.get(tenant) ?? 0) + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          for (const tenant of tenants) {
            const left = (open.get(tenant) ?? 1) - 1;
            if (left > 0) open.set(tenant, left);
            else open.delete(tenant);
          }
        },
      };
    },
    open: (tenant) => open.get(tenant) ?? 0,
  };
}
