import { accountOf, findBursts, inTenant, isAccountType } from '@activitykit/schema';
import { type BurstEvent, burstSignal } from './bursts.ts';
import type { SecuritySignal, SignalSettings } from './securitySignal.ts';
import { displayName } from './signalMessages.ts';
import type { BurstGrouping, SignalSource } from './signalReads.ts';

/**
 * The failed logins of the match within the range that may be part of a burst, oldest first:
 * `login_failed` events (whatever their outcome) and `login` events whose outcome is `failure`.
 */
const failedLogins = (
  source: SignalSource,
  settings: SignalSettings,
  by: BurstGrouping,
): Promise<BurstEvent[]> => source.bursts('failed_login', settings.failedLogins, by);

const eventAccount = (event: BurstEvent) =>
  accountOf({
    actorId: event.actor?.id,
    actorType: event.actor?.type,
    identifier: event.metadata?.identifier,
  });

/**
 * Failed-login bursts per account (see {@link accountOf}) and tenant: at least `failedLogins.threshold`
 * failed logins within any `failedLogins.windowMinutes`. Medium; high at twice the threshold.
 *
 * @example
 * ```ts
 * const signals = await failedLoginUserSignals(source, signalSettings({ match, range }));
 * ```
 */
export async function failedLoginUserSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const bursts = findBursts(await failedLogins(source, settings, 'account'), {
    keyOf: (event) => inTenant(event.tenantId, eventAccount(event)),
    threshold: settings.failedLogins.threshold,
    windowMs: settings.failedLogins.windowMinutes * 60_000,
  });
  return bursts.map((burst) => {
    const first = burst.events[0] as BurstEvent;
    const who = isAccountType(first.actor.type) ? displayName(first.actor) : burst.key;
    const ips = new Set(burst.events.map((event) => event.context?.ip).filter(Boolean)).size;
    return burstSignal(burst, settings, {
      type: 'failed_login_burst_user',
      facts: {
        type: 'failed_login_burst_user',
        who,
        ips,
        count: burst.events.length,
        rule: settings.failedLogins,
      },
      high: burst.events.length >= 2 * settings.failedLogins.threshold,
    });
  });
}

/**
 * Failed-login bursts per IP address, whatever accounts they tried. Medium; high at twice the
 * threshold or when three or more accounts were tried (password spraying).
 *
 * @example
 * ```ts
 * const signals = await failedLoginIpSignals(source, signalSettings({ match, range }));
 * ```
 */
export async function failedLoginIpSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const bursts = findBursts(await failedLogins(source, settings, 'ip'), {
    keyOf: ({ context }) =>
      typeof context?.ip === 'string' && context.ip !== ''
        ? { id: context.ip, key: context.ip }
        : undefined,
    threshold: settings.failedLogins.threshold,
    windowMs: settings.failedLogins.windowMinutes * 60_000,
  });
  return bursts.map((burst) => {
    const accounts = new Set(burst.events.map((event) => eventAccount(event)?.id ?? '?')).size;
    const count = burst.events.length;
    return burstSignal(burst, settings, {
      type: 'failed_login_burst_ip',
      facts: {
        type: 'failed_login_burst_ip',
        ip: burst.key,
        accounts,
        count,
        rule: settings.failedLogins,
      },
      high: count >= 2 * settings.failedLogins.threshold || accounts >= 3,
    });
  });
}
