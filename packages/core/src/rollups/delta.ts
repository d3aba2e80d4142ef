import { accountOf } from '@activitykit/schema';
import { FAILED_LOGIN_MARK } from '../analytics/signalMarks.ts';
import { actorKeys, type EventDocument, utcDay, utcHour } from '../internal/document.ts';
import { escapeKey, kindOutcomeKey, monthOfDay, pairKey, shortHash } from './keys.ts';
import type { ActorLook } from './rollupDocument.ts';

/** The change one batch makes to one counter document. */
export interface RollupDelta {
  type: 'day' | 'hour' | 'signals';
  tenantId: string;
  month: string;
  day: string;
  hour?: string;
  /** Dotted counter paths (`k.login~success`) and what to add to each. */
  inc: Map<string, number>;
  /** Each actor's newest look in the batch (escaped id → look), only when adding. */
  looks: Map<string, ActorLook>;
  /** Dotted paths to keep the least value of (`$min`), only when adding: see `firstLogin`. */
  min: Map<string, string>;
}

/**
 * The value a day document keeps of a user's first successful login from an IP that day
 * (`lf.<actor>~<ip>`, the least wins): its instant, then its id. Deleting the event does not
 * change it: readers look the id up and read the day when it is gone.
 */
export function firstLogin(doc: { _id: string; occurredAt: Date }): string {
  return `${doc.occurredAt.toISOString()}|${doc._id}`;
}

/** The event id in a {@link firstLogin} value. */
export function firstLoginId(value: string): string {
  return value.slice(value.indexOf('|') + 1);
}

const QUARTER_MS = 15 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * What storing (`sign` 1) or deleting (`sign` -1) `docs` changes in the counters: one delta per
 * tenant and UTC day, one per tenant and UTC hour, and one of the security signals' counts per
 * tenant and UTC day, keyed `d|tenant|day` / `h|tenant|hour` / `s|tenant|day`.
 */
export function rollupDeltas(
  docs: readonly EventDocument[],
  sign: 1 | -1,
): Map<string, RollupDelta> {
  const deltas = new Map<string, RollupDelta>();
  const deltaOf = (key: string, make: () => Omit<RollupDelta, 'inc' | 'looks' | 'min'>) => {
    let delta = deltas.get(key);
    if (!delta) {
      delta = { ...make(), inc: new Map(), looks: new Map(), min: new Map() };
      deltas.set(key, delta);
    }
    return delta;
  };
  for (const doc of docs) {
    const at = doc.occurredAt.getTime();
    // From the instant, not the stored fields: documents stored before they existed count too.
    const day = utcDay(doc.occurredAt);
    const hour = utcHour(doc.occurredAt);
    const dayDelta = deltaOf(`d|${doc.tenantId}|${day}`, () => ({
      type: 'day',
      tenantId: doc.tenantId,
      month: monthOfDay(day),
      day,
    }));
    const hourDelta = deltaOf(`h|${doc.tenantId}|${hour}`, () => ({
      type: 'hour',
      tenantId: doc.tenantId,
      month: monthOfDay(day),
      day,
      hour,
    }));
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const hourStart = Date.parse(`${hour}:00:00Z`);
    const dayQuarter = String(Math.floor((at - dayStart) / QUARTER_MS));
    count(dayDelta, doc, { sign, quarter: dayQuarter });
    const signals = signalCounts(doc, { hour: hour.slice(11), quarter: dayQuarter });
    if (signals.length > 0) {
      const signalDelta = deltaOf(`s|${doc.tenantId}|${day}`, () => ({
        type: 'signals',
        tenantId: doc.tenantId,
        month: monthOfDay(day),
        day,
      }));
      for (const path of signals)
        signalDelta.inc.set(path, (signalDelta.inc.get(path) ?? 0) + sign);
    }
    count(hourDelta, doc, {
      sign,
      quarter: String(Math.floor(((at - hourStart) % HOUR_MS) / QUARTER_MS)),
    });
  }
  return deltas;
}

/**
 * The counter paths an event adds to its day's signal counts: deletes and failed logins per UTC hour
 * (`hb.<HH>~delete`, `hb.<HH>~failed`; the burst rules read only hours where a burst fits), failed
 * logins per hour and account or IP address (`fa.<HH>~<hash>`, `fi.<HH>~<hash>`: the rules group by
 * these, so only hours where one account's or one address's may burst are read), and a person's (`user` actor's) events and deletes per quarter hour of the day (`uq.<actor>~<quarter>`,
 * `ud.…`; the off-hours rule counts these).
 */
function signalCounts(doc: EventDocument, at: { hour: string; quarter: string }): string[] {
  const paths: string[] = [];
  if (doc.kind === 'delete') paths.push(`hb.${at.hour}~delete`);
  if (doc.marks?.includes(FAILED_LOGIN_MARK)) {
    paths.push(`hb.${at.hour}~failed`);
    const account = accountOf({
      actorId: doc.actor.id,
      actorType: doc.actor.type,
      identifier: doc.metadata?.identifier,
    });
    if (account) paths.push(`fa.${at.hour}~${shortHash(account.id)}`);
    const ip = doc.context?.ip;
    if (typeof ip === 'string' && ip !== '') paths.push(`fi.${at.hour}~${shortHash(ip)}`);
  }
  if (doc.actor.type === 'user') {
    paths.push(`uq.${pairKey(doc.actor.id, at.quarter)}`);
    if (doc.kind === 'delete') paths.push(`ud.${pairKey(doc.actor.id, at.quarter)}`);
  }
  return paths;
}

function count(
  delta: RollupDelta,
  doc: EventDocument,
  at: { sign: 1 | -1; quarter: string },
): void {
  const { sign, quarter } = at;
  const add = (path: string) => delta.inc.set(path, (delta.inc.get(path) ?? 0) + sign);
  const actor = escapeKey(doc.actor.id);
  add('n');
  add(`q.${quarter}`);
  add(`k.${escapeKey(kindOutcomeKey(doc.kind, doc.outcome))}`);
  add(`c.${escapeKey(doc.category ?? 'other')}`);
  add(`a.${escapeKey(doc.action)}`);
  add(`u.${actor}`);
  if (doc.kind === 'login' && (doc.outcome ?? 'success') === 'success') add(`l.${actor}`);
  if (delta.type === 'day') {
    // Day documents count events per actor key too, so a walk skips days without the actor.
    for (const key of doc.actorKeys ?? actorKeys(doc.actor)) add(`ak.${escapeKey(key)}`);
    // As stored: the writer marks each event once (`toDocument`), the backfill before counting.
    for (const mark of doc.marks ?? []) add(`m.${escapeKey(mark)}`);
    if (doc.kind === 'login' && doc.outcome === 'success') {
      const pair = pairKey(doc.actor.id, typeof doc.context?.ip === 'string' ? doc.context.ip : '');
      add(`li.${pair}`);
      if (sign === 1) keepLeast(delta.min, `lf.${pair}`, firstLogin(doc));
    }
  }
  if (sign === 1) {
    const seen = delta.looks.get(actor);
    if (!seen || seen.at.getTime() <= doc.occurredAt.getTime()) {
      const look: ActorLook = { type: doc.actor.type ?? 'user', at: doc.occurredAt };
      if (doc.actor.name) look.name = doc.actor.name;
      if (doc.actor.role) look.role = doc.actor.role;
      delta.looks.set(actor, look);
    }
  }
}

/** Keeps `value` at `path` when it is less than what `min` holds. */
export function keepLeast(min: Map<string, string>, path: string, value: string): void {
  const held = min.get(path);
  if (held === undefined || value < held) min.set(path, value);
}
