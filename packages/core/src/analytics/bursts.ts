import type { Actor, Burst } from '@activitykit/schema';
import { makeSignal, type SecuritySignal, type SignalSettings } from './securitySignal.ts';
import { type SignalFacts, signalMessage } from './signalMessages.ts';

/** The fields of an event that burst detectors read. */
export interface BurstEvent {
  _id: string;
  tenantId: string;
  occurredAt: Date;
  actor: Actor;
  context?: { ip?: string };
  metadata?: Record<string, unknown>;
}

/**
 * The signal of a burst: its window runs from its first to its last event; medium, or high.
 *
 * @example
 * ```ts
 * burstSignal(burst, settings, {
 *   type: 'bulk_delete',
 *   facts: { type: 'bulk_delete', who: 'Alice', count: burst.events.length, rule: settings.bulkDelete },
 *   high: true,
 * });
 * ```
 */
export function burstSignal(
  burst: Burst<BurstEvent>,
  settings: SignalSettings,
  what: {
    type: SecuritySignal['type'];
    facts: SignalFacts;
    high: boolean;
  },
): SecuritySignal {
  const window = {
    from: (burst.events[0] as BurstEvent).occurredAt,
    to: (burst.events.at(-1) as BurstEvent).occurredAt,
  };
  return makeSignal(
    {
      type: what.type,
      severity: what.high ? 'high' : 'medium',
      key: burst.key,
      ...(burst.tenantId === undefined ? {} : { tenantId: burst.tenantId }),
      window,
      count: burst.events.length,
      description: signalMessage(what.facts, { ...settings, window }),
      events: burst.events,
    },
    settings.limitEvents,
  );
}
