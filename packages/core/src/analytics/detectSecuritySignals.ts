import {
  BULK_DELETED,
  bulkDeleteSignals,
  compareSignals,
  failedLoginAccountSignals,
  failedLoginIpSignals,
  permissionChangeSignals,
  type SecuritySignal,
  type SecuritySignalType,
} from '@activitykit/schema';
import type { Collection } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { newIpLoginSignals } from './newIpLoginSignals.ts';
import { offHoursSignals } from './offHoursSignals.ts';
import {
  type SecuritySignalOptions,
  type SignalSettings,
  signalSettings,
} from './securitySignal.ts';
import { signalEvent } from './shared.ts';
import { createSignalSource, type SignalDeps, type SignalSource } from './signalReads.ts';

type Detector = (source: SignalSource, settings: SignalSettings) => Promise<SecuritySignal[]>;

/**
 * What each signal reads (see `createSignalSource`); the rules that make signals of it are
 * schema's, shared with the React kit's memory source.
 */
const DETECTORS: Record<SecuritySignalType, Detector> = {
  failed_login_burst_user: async (source, settings) =>
    failedLoginAccountSignals(
      (await source.bursts('failed_login', settings.failedLogins, 'account')).map(signalEvent),
      settings,
    ),
  failed_login_burst_ip: async (source, settings) =>
    failedLoginIpSignals(
      (await source.bursts('failed_login', settings.failedLogins, 'ip')).map(signalEvent),
      settings,
    ),
  new_ip_login: newIpLoginSignals,
  off_hours_activity: offHoursSignals,
  bulk_delete: async (source, settings) => {
    const [deletes, logDeletes] = await Promise.all([
      source.bursts('delete', settings.bulkDelete),
      source.candidates('bulk_log'),
    ]);
    // Each read holds its own kind of delete (oldest first); the rule tells them apart by action.
    const candidates = [
      ...deletes.filter((doc) => doc.action !== BULK_DELETED),
      ...logDeletes.filter((doc) => doc.action === BULK_DELETED),
    ];
    return bulkDeleteSignals(candidates.map(signalEvent), settings);
  },
  permission_change: async (source, settings) =>
    permissionChangeSignals((await source.candidates('permission')).map(signalEvent), settings),
};

/**
 * Security signals (SPEC §6; seeds 003 and 004) among the events that match `match` within `range`:
 *
 * - `failed_login_burst_user` / `failed_login_burst_ip` — at least `failedLogins.threshold` failed
 *   logins (`login_failed`, or `login` with outcome `failure`) within any `windowMinutes`, per
 *   account (the actor's id for a known user or API key, else `metadata.identifier`) and per IP;
 * - `new_ip_login` — a user's successful login from an IP they never logged in from before (looking
 *   back `newIpLogin.lookbackDays`, across the range's start); a user's very first login is not one;
 * - `off_hours_activity` — a person's events outside `businessHours` in `timeZone`, per actor;
 * - `bulk_delete` — at least `bulkDelete.threshold` deletes by one actor within `windowMinutes`,
 *   and every bulk delete of the activity log (`activity.bulk_deleted`);
 * - `permission_change` — actions or changed fields whose name has the word role(s), permission(s)
 *   or privilege(s), or is `is_admin` / `isAdmin`, per actor.
 *
 * The detectors share one set of reads (see `createSignalSource`): their candidates by top-level
 * equality (`{ tenantId, day, kind: 'login_failed', $and: [match, range] }` and the like) for the
 * UTC days whose counters (`deps.rollups`) hold any; for whole tenants, people's events outside
 * business hours counted from the day's signal counts; earlier successful logins from the day counters
 * (reading the edge days of each look back); windows and groups are worked out here. So FerretDB (which filters only top-level equality in the database) and MongoDB both read
 * from indexes, and a request sends a few queries per day of the range. Signals come most severe
 * first, then newest first.
 *
 * @example
 * ```ts
 * const signals = await detectSecuritySignals(collection, {
 *   match: { tenantId: 'acme' },
 *   range: resolvePeriod('last_7_days', { timeZone: 'Europe/Moscow' }),
 *   timeZone: 'Europe/Moscow',
 *   failedLogins: { threshold: 5, windowMinutes: 15 },
 * });
 * // [{ type: 'failed_login_burst_ip', severity: 'high', key: '203.0.113.9', count: 40, … }, …]
 * ```
 */
export async function detectSecuritySignals(
  collection: Collection<EventDocument>,
  options: SecuritySignalOptions,
  deps: SignalDeps = {},
): Promise<SecuritySignal[]> {
  const settings = signalSettings(options);
  const types = [...new Set(settings.types)];
  const source = createSignalSource(collection, settings, deps);
  const found = await Promise.all(types.map((type) => DETECTORS[type](source, settings)));
  return found.flat().sort(compareSignals);
}
