import {
  type ActivityEvent,
  accountOf,
  findBursts,
  inTenant,
  type PeriodRange,
  permissionChange,
  type SecuritySignal,
  type SecuritySignalType,
  SIGNAL_DEFAULTS,
  type SignalSeverity,
  timeZoneOffset,
} from '@activitykit/schema';

const MINUTE = 60_000;
// The store's default rules (schema's `SIGNAL_DEFAULTS`), and its bursts (`findBursts`).
const { failedLogins, bulkDelete, businessHours } = SIGNAL_DEFAULTS;
const FAILED_LOGINS = {
  threshold: failedLogins.threshold,
  windowMs: failedLogins.windowMinutes * MINUTE,
};
const BULK_DELETES = {
  threshold: bulkDelete.threshold,
  windowMs: bulkDelete.windowMinutes * MINUTE,
};
const BUSINESS_HOURS = { ...businessHours, days: new Set<number>(businessHours.days) };
const LIMIT_EVENTS = SIGNAL_DEFAULTS.limitEvents;
/** Whose account a failed login was against, within its tenant, as the store groups them. */
const accountKey = (event: ActivityEvent) =>
  inTenant(
    event.tenantId,
    accountOf({
      actorId: event.actor.id,
      actorType: event.actor.type,
      identifier: event.metadata?.identifier,
    }),
  );
const isFailedLogin = (event: ActivityEvent) =>
  event.kind === 'login_failed' || (event.kind === 'login' && event.outcome === 'failure');

interface SignalInput {
  type: SecuritySignalType;
  severity: SignalSeverity;
  key: string;
  events: ActivityEvent[];
  description: string;
}

function signal({ type, severity, key, events, description }: SignalInput): SecuritySignal {
  const first = events[0] as ActivityEvent;
  const last = events.at(-1) as ActivityEvent;
  const tenantId = type === 'failed_login_burst_ip' ? undefined : first.tenantId;
  return {
    id: `${type}:${tenantId ? `${tenantId}:` : ''}${key}:${first.occurredAt.getTime()}`,
    type,
    severity,
    key,
    ...(tenantId ? { tenantId } : {}),
    window: { from: first.occurredAt, to: last.occurredAt },
    count: events.length,
    description,
    eventIds: events.slice(0, LIMIT_EVENTS).map((event) => event.id),
  };
}

/** Groups events (oldest first) by a key; `undefined` keys are skipped. */
function groupBy(events: ActivityEvent[], key: (event: ActivityEvent) => string | undefined) {
  const groups = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    const k = key(event);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), event]);
  }
  return groups;
}

function localHourAndDay(date: Date, timeZone: string) {
  const wall = new Date(date.getTime() + timeZoneOffset(date.getTime(), timeZone));
  return { hour: wall.getUTCHours(), day: wall.getUTCDay() };
}

/**
 * The security signals of SPEC §6 over filtered events, by the store's default rules: 5 failed
 * logins in 15 minutes per account or IP, a successful login from an IP new for that user, people
 * acting outside 9:00–18:00 Monday–Friday in the zone, 20 deletes in 10 minutes or a recorded bulk
 * delete, and role or permission changes. Descriptions are in English.
 */
export function detectSignals(
  all: ActivityEvent[],
  options: { range: PeriodRange; timeZone: string },
): SecuritySignal[] {
  const oldestFirst = [...all].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const from = options.range.from.getTime();
  const to = options.range.to.getTime();
  const inRange = oldestFirst.filter(
    (e) => e.occurredAt.getTime() >= from && e.occurredAt.getTime() < to,
  );
  const out: SecuritySignal[] = [];

  const failed = inRange.filter(isFailedLogin);
  for (const { key: who, events: run } of findBursts(failed, {
    keyOf: accountKey,
    ...FAILED_LOGINS,
  })) {
    out.push(
      signal({
        type: 'failed_login_burst_user',
        severity: run.length >= 2 * FAILED_LOGINS.threshold ? 'high' : 'medium',
        key: who,
        events: run,
        description: `${run.length} failed logins for ${who} within minutes`,
      }),
    );
  }
  const byIp = (e: ActivityEvent) =>
    e.context.ip ? { id: e.context.ip, key: e.context.ip } : undefined;
  for (const { key: ip, events: run } of findBursts(failed, { keyOf: byIp, ...FAILED_LOGINS })) {
    const accounts = new Set(run.map((e) => accountKey(e)?.id ?? '?')).size;
    out.push(
      signal({
        type: 'failed_login_burst_ip',
        severity: run.length >= 2 * FAILED_LOGINS.threshold || accounts >= 3 ? 'high' : 'medium',
        key: ip,
        events: run,
        description: `${run.length} failed logins from ${ip} (${accounts} ${accounts === 1 ? 'account' : 'accounts'})`,
      }),
    );
  }

  const seenIps = new Map<string, Set<string>>();
  for (const event of oldestFirst) {
    if (event.kind !== 'login' || event.outcome !== 'success' || !event.context.ip) continue;
    const user = `${event.tenantId}\u0000${event.actor.id}`;
    const ips = seenIps.get(user);
    const at = event.occurredAt.getTime();
    if (ips && !ips.has(event.context.ip) && at >= from && at < to) {
      out.push(
        signal({
          type: 'new_ip_login',
          severity: 'medium',
          key: event.actor.id,
          events: [event],
          description: `${event.actor.name ?? event.actor.id} logged in from a new IP address ${event.context.ip}`,
        }),
      );
    }
    seenIps.set(user, (ips ?? new Set()).add(event.context.ip));
  }

  const offHours = inRange.filter((e) => {
    if (e.actor.type !== 'user') return false;
    const { hour, day } = localHourAndDay(e.occurredAt, options.timeZone);
    return (
      !BUSINESS_HOURS.days.has(day) || hour < BUSINESS_HOURS.start || hour >= BUSINESS_HOURS.end
    );
  });
  for (const [, events] of groupBy(offHours, (e) => `${e.tenantId}\u0000${e.actor.id}`)) {
    const actor = (events[0] as ActivityEvent).actor;
    out.push(
      signal({
        type: 'off_hours_activity',
        severity: 'low',
        key: actor.id,
        events: events,
        description: `${actor.name ?? actor.id}: ${events.length} actions outside business hours`,
      }),
    );
  }

  for (const event of inRange.filter((e) => e.action === 'activity.bulk_deleted')) {
    out.push(
      signal({
        type: 'bulk_delete',
        severity: 'high',
        key: event.actor.id,
        events: [event],
        description: `${event.actor.name ?? event.actor.id} bulk-deleted activity log entries`,
      }),
    );
  }
  const deletes = inRange.filter(
    (e) => e.kind === 'delete' && e.action !== 'activity.bulk_deleted',
  );
  const byActor = (e: ActivityEvent) => inTenant(e.tenantId, { id: e.actor.id, key: e.actor.id });
  for (const { events: run } of findBursts(deletes, { keyOf: byActor, ...BULK_DELETES })) {
    const actor = (run[0] as ActivityEvent).actor;
    out.push(
      signal({
        type: 'bulk_delete',
        severity: 'high',
        key: actor.id,
        events: run,
        description: `${actor.name ?? actor.id} made ${run.length} deletions within minutes`,
      }),
    );
  }

  for (const event of inRange) {
    const found = permissionChange(event);
    if (!found) continue;
    out.push(
      signal({
        type: 'permission_change',
        severity: found.grantsAdmin ? 'high' : 'medium',
        key: event.actor.id,
        events: [event],
        description: `${event.actor.name ?? event.actor.id} changed roles or permissions${event.subject ? ` of ${event.subject.label ?? `${event.subject.type} ${event.subject.id}`}` : ''}`,
      }),
    );
  }

  const order = { high: 0, medium: 1, low: 2 } as const;
  return out.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] || b.window.to.getTime() - a.window.to.getTime(),
  );
}
