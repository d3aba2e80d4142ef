import type { ActivityEvent, ActivityEventInput } from '@activitykit/schema';
import type { ActivityStore } from '../../createActivityStore.ts';

/**
 * Records every input through the store's real writer (tenant `acme` unless given) and waits until
 * all are stored; returns the stored events in input order.
 *
 * @example
 * ```ts
 * const [event] = await recordAll(store, [{ action: 'auth.login', actor: user('u1') }]);
 * ```
 */
export async function recordAll(
  store: ActivityStore,
  inputs: ActivityEventInput[],
): Promise<ActivityEvent[]> {
  const events = inputs.map((input) => {
    const event = store.record({ tenantId: 'acme', ...input });
    if (!event) throw new Error(`capture is off for ${input.action}`);
    return event;
  });
  await store.flush();
  return events;
}

/**
 * A user actor with a readable name.
 *
 * @example
 * ```ts
 * user('u-bob', { role: 'staff' }); // { id: 'u-bob', type: 'user', name: 'u-bob', role: 'staff' }
 * ```
 */
export function user(id: string, extra: { name?: string; role?: string } = {}) {
  return {
    id,
    type: 'user' as const,
    name: extra.name ?? id,
    ...(extra.role ? { role: extra.role } : {}),
  };
}

/**
 * `base` plus `minutes` minutes.
 *
 * @example
 * ```ts
 * plusMinutes('2026-11-02T10:00:00Z', 1.5); // 2026-11-02T10:01:30.000Z
 * ```
 */
export function plusMinutes(base: Date | string, minutes: number): Date {
  return new Date(new Date(base).getTime() + minutes * 60_000);
}
