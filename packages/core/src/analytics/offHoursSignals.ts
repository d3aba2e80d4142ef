import type { SecuritySignal } from '@activitykit/schema';
import { isBusinessTime, offHoursSignals as offHoursRule, offsetSpans } from '@activitykit/schema';
import { QUARTER_MS } from '../internal/document.ts';
import type { SignalSettings } from './securitySignal.ts';
import { signalEvent } from './shared.ts';
import type { SignalSource } from './signalReads.ts';

/**
 * Activity by people (`user` actors; jobs, API keys and anonymous attempts are left out) outside
 * business hours in the zone, one signal per actor (and tenant) over the range. The day counters
 * say which UTC hours hold events in quarters outside business hours; only those hours are read
 * (a day with many of them is read whole), and each event is checked by schema's rule. Low; medium
 * when it includes deletes.
 *
 * @example
 * ```ts
 * const signals = await offHoursSignals(source, signalSettings({ match, range, timeZone: 'Europe/Moscow' }));
 * ```
 */
export async function offHoursSignals(
  source: SignalSource,
  settings: SignalSettings,
): Promise<SecuritySignal[]> {
  const { range, businessHours: hours, limitEvents } = settings;
  const spans = offsetSpans(
    range.from.getTime() - QUARTER_MS,
    range.to.getTime(),
    settings.timeZone,
  );
  const actors = await source.offHoursActors(
    (quarter) => !isBusinessTime(quarter * QUARTER_MS, { spans, hours }),
    limitEvents,
  );
  return offHoursRule(
    actors.map((actor) => ({
      ...actor,
      first: actor.first.map(signalEvent),
      last: signalEvent(actor.last),
    })),
    settings,
  );
}
