import {
  LOCALES,
  type PeriodRange,
  SECURITY_SIGNAL_TYPES,
  type SecuritySignalType,
  type SignalRules,
  type SignalRulesInput,
  signalRules,
} from '@activitykit/schema';
import { ActivityError } from '../errors.ts';
import { checkInteger, checkRangeAndZone, type EventMatch } from './shared.ts';

/** Options of `detectSecuritySignals`: schema's rules (`SignalRulesInput`), and what to read. */
export interface SecuritySignalOptions extends SignalRulesInput {
  /** The scope and the user's filters, from the store's query builder. */
  match: EventMatch;
  /** The period searched: `from` inclusive, `to` exclusive. */
  range: PeriodRange;
  /** Which signals to look for. Defaults to all of {@link SECURITY_SIGNAL_TYPES}. */
  types?: readonly SecuritySignalType[];
}

/**
 * What `store.securitySignals(query, scope, options)` takes besides the query and the scope, which
 * make the match and the range.
 */
export type StoreSignalOptions = Omit<SecuritySignalOptions, 'match' | 'range'>;

/** Every option, defaults merged in and checked: schema's rules, and what is read. */
export interface SignalSettings extends SignalRules {
  match: EventMatch;
  range: PeriodRange;
  types: readonly SecuritySignalType[];
}

/**
 * Merges the defaults into `options` once and checks every value; throws `INVALID_QUERY`.
 *
 * @example
 * ```ts
 * signalSettings({ match, range }).failedLogins; // { threshold: 5, windowMinutes: 15 }
 * ```
 */
export function signalSettings(options: SecuritySignalOptions): SignalSettings {
  const settings: SignalSettings = {
    ...signalRules(options),
    match: options.match,
    range: options.range,
    types: options.types ?? SECURITY_SIGNAL_TYPES,
  };
  checkRangeAndZone(settings.range, settings.timeZone);
  const { start, end, days } = settings.businessHours;
  checkInteger('businessHours.start', start, [0, 23]);
  checkInteger('businessHours.end', end, [1, 24]);
  if (
    start === end ||
    !Array.isArray(days) ||
    days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)
  ) {
    throw new ActivityError(
      'INVALID_QUERY',
      'businessHours needs start ≠ end and days from 0 (Sunday) to 6, e.g. { start: 9, end: 18, days: [1, 2, 3, 4, 5] }.',
    );
  }
  for (const rule of ['failedLogins', 'bulkDelete'] as const) {
    checkInteger(`${rule}.threshold`, settings[rule].threshold, [2, 100_000]);
    checkInteger(`${rule}.windowMinutes`, settings[rule].windowMinutes, [1, 1440]);
  }
  checkInteger('newIpLogin.lookbackDays', settings.newIpLogin.lookbackDays, [1, 3660]);
  checkInteger('newIpLogin.maxPairs', settings.newIpLogin.maxPairs, [1, 100_000]);
  checkInteger('limitEvents', settings.limitEvents, [1, 1000]);
  const unknown = [...settings.types].filter((type) => !SECURITY_SIGNAL_TYPES.includes(type));
  if (unknown.length > 0) {
    throw new ActivityError(
      'INVALID_QUERY',
      `Unknown signal type ${unknown.map((type) => JSON.stringify(type)).join(', ')}: ` +
        `use ${SECURITY_SIGNAL_TYPES.join(', ')}.`,
    );
  }
  if (!LOCALES.includes(settings.locale)) {
    throw new ActivityError(
      'INVALID_QUERY',
      `Unknown locale ${JSON.stringify(settings.locale)}: use en or ru.`,
    );
  }
  return settings;
}
