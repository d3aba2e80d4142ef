/**
 * The security-signal rules over candidate events: which events make a signal, how severe it is and
 * how it is described. The store reads the candidates from MongoDB (by day, hour and counters) and
 * the React kit's memory source filters them from its array; both then call these.
 */
import { accountOf, type Burst, findBursts, inTenant, isAccountType } from './burstRules.ts';
import type { Change, RecordRef } from './event.ts';
import { changeValueText, permissionChange } from './permissionChanges.ts';
import type { SecuritySignal, SecuritySignalType } from './results.ts';
import { displayName, type SignalFacts, signalMessage } from './signalMessages.ts';
import { makeSignal, type SignalEvent, type SignalRules } from './signalRules.ts';
import { BULK_DELETED } from './systemEvents.ts';

const MINUTE_MS = 60_000;
/** `activity.bulk_deleted` records of one operation (one per 400 ids) are at most this far apart. */
const SAME_OPERATION_MS = 60_000;
/** The most `activity.bulk_deleted` records one call looks at. */
const MAX_LOG_DELETES = 1000;
/** The most permission-change candidates one call looks at. */
const MAX_PERMISSION_CANDIDATES = 5000;

/**
 * Whether an event is a failed login: a `login_failed` event (whatever its outcome), or a `login`
 * whose outcome is `failure`.
 *
 * @example
 * ```ts
 * isFailedLogin({ kind: 'login', outcome: 'failure' }); // true
 * ```
 */
export function isFailedLogin(event: { kind?: string; outcome?: string }): boolean {
  return event.kind === 'login_failed' || (event.kind === 'login' && event.outcome === 'failure');
}

const accountOfEvent = (event: SignalEvent) =>
  accountOf({
    actorId: event.actor?.id,
    actorType: event.actor?.type,
    identifier: event.metadata?.identifier,
  });

/** A burst's signal: its window runs from its first to its last event; medium, or high. */
function burstSignal(
  burst: Burst<SignalEvent>,
  rules: SignalRules,
  what: { type: SecuritySignalType; facts: SignalFacts; high: boolean },
): SecuritySignal {
  const window = {
    from: (burst.events[0] as SignalEvent).occurredAt,
    to: (burst.events.at(-1) as SignalEvent).occurredAt,
  };
  return makeSignal(
    {
      type: what.type,
      severity: what.high ? 'high' : 'medium',
      key: burst.key,
      ...(burst.tenantId === undefined ? {} : { tenantId: burst.tenantId }),
      window,
      count: burst.events.length,
      description: signalMessage(what.facts, { ...rules, window }),
      events: burst.events,
    },
    rules.limitEvents,
  );
}

/**
 * Failed-login bursts per account (see `accountOf`) and tenant among `failed` (failed logins, oldest
 * first): at least `failedLogins.threshold` within any `failedLogins.windowMinutes`. Medium; high
 * at twice the threshold.
 *
 * @example
 * ```ts
 * failedLoginAccountSignals(events.filter(isFailedLogin), signalRules());
 * ```
 */
export function failedLoginAccountSignals(
  failed: readonly SignalEvent[],
  rules: SignalRules,
): SecuritySignal[] {
  const bursts = findBursts(failed, {
    keyOf: (event) => inTenant(event.tenantId, accountOfEvent(event)),
    threshold: rules.failedLogins.threshold,
    windowMs: rules.failedLogins.windowMinutes * MINUTE_MS,
  });
  return bursts.map((burst) => {
    const first = burst.events[0] as SignalEvent;
    const who = isAccountType(first.actor.type) ? displayName(first.actor) : burst.key;
    const ips = new Set(burst.events.map((event) => event.context?.ip).filter(Boolean)).size;
    const count = burst.events.length;
    return burstSignal(burst, rules, {
      type: 'failed_login_burst_user',
      facts: { type: 'failed_login_burst_user', who, ips, count, rule: rules.failedLogins },
      high: count >= 2 * rules.failedLogins.threshold,
    });
  });
}

/**
 * Failed-login bursts per IP address among `failed` (oldest first), whatever accounts they tried.
 * Medium; high at twice the threshold or when three or more accounts were tried (password spraying).
 *
 * @example
 * ```ts
 * failedLoginIpSignals(events.filter(isFailedLogin), signalRules());
 * ```
 */
export function failedLoginIpSignals(
  failed: readonly SignalEvent[],
  rules: SignalRules,
): SecuritySignal[] {
  const bursts = findBursts(failed, {
    keyOf: ({ context }) =>
      typeof context?.ip === 'string' && context.ip !== ''
        ? { id: context.ip, key: context.ip }
        : undefined,
    threshold: rules.failedLogins.threshold,
    windowMs: rules.failedLogins.windowMinutes * MINUTE_MS,
  });
  return bursts.map((burst) => {
    const accounts = new Set(burst.events.map((event) => accountOfEvent(event)?.id ?? '?')).size;
    const count = burst.events.length;
    return burstSignal(burst, rules, {
      type: 'failed_login_burst_ip',
      facts: {
        type: 'failed_login_burst_ip',
        ip: burst.key,
        accounts,
        count,
        rule: rules.failedLogins,
      },
      high: count >= 2 * rules.failedLogins.threshold || accounts >= 3,
    });
  });
}

/**
 * Bulk deletes, both kinds, high severity, among `deletes` (delete events, oldest first): at least
 * `bulkDelete.threshold` deletes by one actor of one tenant within any `bulkDelete.windowMinutes`,
 * and every bulk delete of the activity log itself (`activity.bulk_deleted`; the records of one
 * operation — same actor, tenant and total, less than a minute apart — make one signal whose count
 * is the number of entries deleted).
 *
 * @example
 * ```ts
 * bulkDeleteSignals(events.filter((event) => event.kind === 'delete'), signalRules());
 * ```
 */
export function bulkDeleteSignals(
  deletes: readonly SignalEvent[],
  rules: SignalRules,
): SecuritySignal[] {
  const bursts = findBursts(
    deletes.filter((event) => event.action !== BULK_DELETED),
    {
      keyOf: ({ tenantId, actor }) =>
        inTenant(
          tenantId,
          typeof actor?.id === 'string' ? { id: actor.id, key: actor.id } : undefined,
        ),
      threshold: rules.bulkDelete.threshold,
      windowMs: rules.bulkDelete.windowMinutes * MINUTE_MS,
    },
  );
  const signals = bursts.map((burst) =>
    burstSignal(burst, rules, {
      type: 'bulk_delete',
      facts: {
        type: 'bulk_delete',
        who: displayName((burst.events[0] as SignalEvent).actor),
        count: burst.events.length,
        rule: rules.bulkDelete,
      },
      high: true,
    }),
  );
  const records = deletes.filter((event) => event.action === BULK_DELETED);
  for (const operation of operations(records.slice(0, MAX_LOG_DELETES))) {
    const first = operation[0] as SignalEvent;
    const window = { from: first.occurredAt, to: (operation.at(-1) ?? first).occurredAt };
    const count = entriesOf(operation.map((event) => event.metadata));
    signals.push(
      makeSignal(
        {
          type: 'bulk_delete',
          severity: 'high',
          key: first.actor.id,
          tenantId: first.tenantId,
          window,
          count,
          description: signalMessage(
            { type: 'bulk_deleted_log', who: displayName(first.actor), count },
            { ...rules, window },
          ),
          events: operation,
        },
        rules.limitEvents,
      ),
    );
  }
  return signals;
}

/** Consecutive `activity.bulk_deleted` records of one operation. */
function operations(records: readonly SignalEvent[]): SignalEvent[][] {
  const found: SignalEvent[][] = [];
  for (const record of records) {
    const operation = found.at(-1);
    const previous = operation?.at(-1);
    const same =
      previous &&
      previous.actor.id === record.actor.id &&
      previous.tenantId === record.tenantId &&
      previous.metadata?.total === record.metadata?.total &&
      record.occurredAt.getTime() - previous.occurredAt.getTime() < SAME_OPERATION_MS;
    if (operation && same) operation.push(record);
    else found.push([record]);
  }
  return found;
}

/**
 * How many entries one operation deleted: the ids its records list, else the `total` (or `count`) in
 * its metadata, else one per record.
 */
function entriesOf(metadata: (Record<string, unknown> | undefined)[]): number {
  const lists = metadata.map((data) => data?.ids);
  if (lists.every((ids) => Array.isArray(ids))) {
    return lists.reduce((sum, ids) => sum + ids.length, 0);
  }
  const total = Number(metadata[0]?.total ?? metadata[0]?.count);
  return Number.isInteger(total) && total > 0 ? total : metadata.length;
}

function changeDetail(event: { subject?: RecordRef; action?: string }, change?: Change): string {
  const subject = event.subject
    ? `${event.subject.type} ${event.subject.label ?? event.subject.id}`
    : event.action;
  if (!change) return `${subject} (${event.action})`;
  const before = change.redacted ? undefined : changeValueText(change.before);
  const after = change.redacted ? undefined : changeValueText(change.after);
  const values =
    before !== undefined || after !== undefined ? `: ${before ?? '—'} → ${after ?? '—'}` : '';
  return `${subject} (${change.path}${values})`;
}

/**
 * Role and permission changes (see `permissionChange`) among `candidates` (oldest first), one signal
 * per actor and tenant, its description naming the first three changes. High when a change makes
 * someone an administrator, medium otherwise (revocations included).
 *
 * @example
 * ```ts
 * permissionChangeSignals(events, signalRules());
 * // [{ type: 'permission_change', key: 'u-alice', description: 'Alice: 1 role or permission change at … user Bob (role: staff → admin)' }]
 * ```
 */
export function permissionChangeSignals(
  candidates: readonly SignalEvent[],
  rules: SignalRules,
): SecuritySignal[] {
  const byActor = new Map<string, { events: SignalEvent[]; details: string[]; high: boolean }>();
  for (const event of candidates.slice(0, MAX_PERMISSION_CANDIDATES)) {
    const found = permissionChange(event);
    if (!found) continue;
    const id = `${event.tenantId}\u0000${event.actor.id}`;
    const entry = byActor.get(id) ?? { events: [], details: [], high: false };
    entry.events.push(event);
    if (entry.details.length < 3) entry.details.push(changeDetail(event, found.changes[0]));
    entry.high ||= found.grantsAdmin;
    byActor.set(id, entry);
  }
  return [...byActor.values()].map((entry) => {
    const first = entry.events[0] as SignalEvent;
    const last = entry.events.at(-1) ?? first;
    const window = { from: first.occurredAt, to: last.occurredAt };
    const count = entry.events.length;
    return makeSignal(
      {
        type: 'permission_change',
        severity: entry.high ? 'high' : 'medium',
        key: first.actor.id,
        tenantId: first.tenantId,
        window,
        count,
        description: signalMessage(
          {
            type: 'permission_change',
            who: displayName(last.actor),
            count,
            details: entry.details,
          },
          { ...rules, window },
        ),
        events: entry.events,
      },
      rules.limitEvents,
    );
  });
}
