import type { ActorType } from './event.ts';
import type { PeriodRange } from './period.ts';

// What the store's analytics, signals and bulk delete return: plain data, shared by the server
// packages and the React kit.

/** The width of one point of an activity series. */
export type StatsBucket = 'hour' | 'day' | 'week';

/** A value and how many events have it. */
export interface KeyCount {
  key: string;
  count: number;
}

/** Sign-in figures. */
export interface AuthStats {
  /** Successful logins. */
  logins: number;
  /** Failed logins (`login_failed` events and `login` events whose outcome is `failure`). */
  failures: number;
  logouts: number;
  /** `failures / (logins + failures)`, from 0 to 1; `0` when nobody tried. */
  failureRate: number;
  /** Distinct actor ids among successful logins. */
  uniqueUsers: number;
}

/** The analytics dashboard figures of SPEC §6. */
export interface ActivityStats {
  range: PeriodRange;
  timeZone: string;
  /** The bucket used (the one asked for, or the one chosen for the range). */
  bucket: StatsBucket;
  /** Every bucket overlapping the range, empty ones included; the first may start before `from`. */
  series: { start: Date; count: number }[];
  /** Per kind, most frequent first (ties by key). */
  byKind: KeyCount[];
  byCategory: KeyCount[];
  /** The `topActions` most frequent actions. */
  byAction: KeyCount[];
  byOutcome: KeyCount[];
  /** The `topActors` most active actors. */
  topActors: ActorCount[];
  auth: AuthStats;
  /** Events in the range. */
  total: number;
}

/** An actor as the analytics show it: taken from their most recent event in the range. */
export interface ActorSummary {
  id: string;
  type: ActorType;
  name?: string;
  role?: string;
}

/** An actor and how many events they caused. */
export interface ActorCount {
  actor: ActorSummary;
  count: number;
}

/**
 * What `detectSecuritySignals` looks for (SPEC §6, seeds 003 and 004).
 *
 * @example
 * ```ts
 * detectSecuritySignals(collection, { match, range, types: SECURITY_SIGNAL_TYPES.filter((t) => t !== 'off_hours_activity') });
 * ```
 */
export const SECURITY_SIGNAL_TYPES = [
  'failed_login_burst_user',
  'failed_login_burst_ip',
  'new_ip_login',
  'off_hours_activity',
  'bulk_delete',
  'permission_change',
] as const;
/** One of {@link SECURITY_SIGNAL_TYPES}. */
export type SecuritySignalType = (typeof SECURITY_SIGNAL_TYPES)[number];

/**
 * How urgent a signal is, least first.
 *
 * @example
 * ```ts
 * signals.filter((s) => SIGNAL_SEVERITIES.indexOf(s.severity) >= SIGNAL_SEVERITIES.indexOf('medium'));
 * ```
 */
export const SIGNAL_SEVERITIES = ['low', 'medium', 'high'] as const;
/** One of {@link SIGNAL_SEVERITIES}. */
export type SignalSeverity = (typeof SIGNAL_SEVERITIES)[number];

/** Something in the log worth a look. */
export interface SecuritySignal {
  /** Stable for the same finding: `type:[tenantId:]key:window.from` (ms). */
  id: string;
  type: SecuritySignalType;
  severity: SignalSeverity;
  /** Whom or what it is about: a user id or attempted identifier, an IP, an actor id. */
  key: string;
  /**
   * The tenant whose user or actor `key` is (every signal but IP bursts, which may span tenants):
   * the same id in two tenants makes two signals.
   */
  tenantId?: string;
  /** The first and the last event behind it (both inclusive). */
  window: { from: Date; to: Date };
  /** How many events are behind it. */
  count: number;
  /** A plain-language sentence, in the requested locale. */
  description: string;
  /** The ids of the events behind it, oldest first, at most `limitEvents`. */
  eventIds: string[];
}

/** What a bulk delete did. */
export interface BulkDeleteResult {
  deleted: number;
  ids: string[];
}
