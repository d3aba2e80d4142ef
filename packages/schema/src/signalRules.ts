/**
 * The settings and the shape of the security signals, the same for the store (which reads the
 * candidates from MongoDB) and the React kit's memory source (which holds them): the rules and their
 * defaults, what a signal is made of, business hours, and the order signals are listed in.
 */
import { SIGNAL_DEFAULTS } from './burstRules.ts';
import type { Actor, Change, RecordRef } from './event.ts';
import type { Locale } from './locale.ts';
import type { WeekDay } from './period.ts';
import { type SecuritySignal, SIGNAL_SEVERITIES } from './results.ts';
import { DAY_MS, HOUR_MS, localTime, mod, type OffsetSpan } from './zone.ts';

/**
 * Working hours in the viewer's time zone; holidays are not modelled. The day of an event is its
 * local date, also for the early hours of a night shift.
 */
export interface BusinessHours {
  /** First working hour, 0–23. Defaults to `9`. */
  start: number;
  /** Hour at which work ends, 1–24 (exclusive; less than `start` for a night shift). Defaults to `18`. */
  end: number;
  /** Working days, `0` for Sunday. Defaults to `[1, 2, 3, 4, 5]`. */
  days: WeekDay[];
}

/** "At least `threshold` events within any `windowMinutes`." */
export interface BurstRule {
  threshold: number;
  windowMinutes: number;
}

/** Every rule of the signals, defaults merged in (see {@link signalRules}). */
export interface SignalRules {
  /** IANA zone of the business hours and of times in descriptions. */
  timeZone: string;
  businessHours: BusinessHours;
  /** Failed-login bursts, per account and per IP. */
  failedLogins: BurstRule;
  /** Deletes by one actor. */
  bulkDelete: BurstRule;
  /** How far back a login IP counts as known, and how many (user, IP) pairs are checked. */
  newIpLogin: { lookbackDays: number; maxPairs: number };
  /** The most event ids one signal lists. */
  limitEvents: number;
  /** Language of descriptions. */
  locale: Locale;
}

/** What {@link signalRules} takes: any rule, the others default. */
export interface SignalRulesInput {
  /** IANA zone of the business hours and of times in descriptions. Defaults to `'UTC'`. */
  timeZone?: string;
  /** Defaults to `{ start: 9, end: 18, days: [1, 2, 3, 4, 5] }`. */
  businessHours?: Partial<BusinessHours>;
  /** Failed-login bursts, per user and per IP. Defaults to `{ threshold: 5, windowMinutes: 15 }`. */
  failedLogins?: Partial<BurstRule>;
  /** Deletes by one actor. Defaults to `{ threshold: 20, windowMinutes: 10 }`. */
  bulkDelete?: Partial<BurstRule>;
  /**
   * How far back a login IP counts as known, and how many (user, IP) pairs of the range are checked
   * (the rarest first). Defaults to `{ lookbackDays: 365, maxPairs: 1000 }`.
   */
  newIpLogin?: { lookbackDays?: number; maxPairs?: number };
  /** The most event ids one signal lists (1–1000). Defaults to `20`. */
  limitEvents?: number;
  /** Language of descriptions. Defaults to `'en'`. */
  locale?: Locale;
}

/**
 * The rules with the store's defaults (`SIGNAL_DEFAULTS`, UTC, English) merged in. Values are not
 * checked here: the store refuses bad ones with `INVALID_QUERY`.
 *
 * @example
 * ```ts
 * signalRules({ failedLogins: { threshold: 3 } }).failedLogins; // { threshold: 3, windowMinutes: 15 }
 * ```
 */
export function signalRules(input: SignalRulesInput = {}): SignalRules {
  return {
    timeZone: input.timeZone ?? 'UTC',
    businessHours: {
      ...SIGNAL_DEFAULTS.businessHours,
      days: [...SIGNAL_DEFAULTS.businessHours.days] as WeekDay[],
      ...input.businessHours,
    },
    failedLogins: { ...SIGNAL_DEFAULTS.failedLogins, ...input.failedLogins },
    bulkDelete: { ...SIGNAL_DEFAULTS.bulkDelete, ...input.bulkDelete },
    newIpLogin: { ...SIGNAL_DEFAULTS.newIpLogin, ...input.newIpLogin },
    limitEvents: input.limitEvents ?? SIGNAL_DEFAULTS.limitEvents,
    locale: input.locale ?? 'en',
  };
}

/**
 * The fields of an event the signal rules read: an {@link ActivityEvent} has them all, and the
 * store maps its documents (`_id`) to them.
 */
export interface SignalEvent {
  id: string;
  tenantId: string;
  occurredAt: Date;
  action: string;
  kind?: string;
  outcome?: string;
  actor: Pick<Actor, 'id' | 'type'> & Partial<Actor>;
  subject?: RecordRef;
  changes?: Change[];
  context?: { ip?: string };
  metadata?: Record<string, unknown>;
}

/**
 * A signal from its parts: the id (`type:[tenantId:]key:window.from`) and the ids of `events`,
 * capped at `limit`.
 *
 * @example
 * ```ts
 * makeSignal({ type: 'new_ip_login', severity: 'medium', key: 'u1', window, count: 1, description, events: [event] }, 20);
 * ```
 */
export function makeSignal(
  parts: Omit<SecuritySignal, 'id' | 'eventIds'> & { events: readonly { id: string }[] },
  limit: number,
): SecuritySignal {
  const { events, ...rest } = parts;
  return {
    id: [rest.type, rest.tenantId, rest.key, rest.window.from.getTime()]
      .filter((part) => part !== undefined)
      .join(':'),
    ...rest,
    eventIds: events.slice(0, limit).map((event) => event.id),
  };
}

/**
 * The order signals are listed in: most severe first, then the newest, then by id.
 *
 * @example
 * ```ts
 * signals.sort(compareSignals);
 * ```
 */
export function compareSignals(a: SecuritySignal, b: SecuritySignal): number {
  return (
    SIGNAL_SEVERITIES.indexOf(b.severity) - SIGNAL_SEVERITIES.indexOf(a.severity) ||
    b.window.to.getTime() - a.window.to.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Whether an instant lies within business hours on the clocks of the zone whose offsets `spans`
 * hold (see `offsetSpans`). Business hours are whole hours and every offset a multiple of 15
 * minutes, so a quarter hour is wholly inside or outside.
 *
 * @example
 * ```ts
 * const spans = offsetSpans(from, to, 'Europe/Moscow');
 * isBusinessTime(Date.UTC(2026, 10, 2, 7), { spans, hours: { start: 9, end: 18, days: [1, 2, 3, 4, 5] } });
 * // true: Monday 10:00 in Moscow
 * ```
 */
export function isBusinessTime(
  instant: number,
  options: { spans: OffsetSpan[]; hours: BusinessHours },
): boolean {
  const { start, end, days } = options.hours;
  const local = localTime(instant, options.spans);
  const hour = mod(Math.floor(local / HOUR_MS), 24);
  const day = mod(Math.floor(local / DAY_MS) + 4, 7); // 1 January 1970 was a Thursday
  const inHours = start < end ? hour >= start && hour < end : hour >= start || hour < end;
  return inHours && (days as number[]).includes(day);
}
