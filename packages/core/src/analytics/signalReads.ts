import { type BurstRule, groupOffHours } from '@activitykit/schema';
import type { Collection } from 'mongodb';
import { type EventDocument, QUARTER_MS } from '../internal/document.ts';
import { type BurstGrouping, type BurstSet, readBursts } from './burstReads.ts';
import { type CandidateSet, readCandidates } from './candidateReads.ts';
import {
  answerLoginQuestions,
  type LoginAnswer,
  type LoginQuestion,
  type PairToScreen,
  screenLoginPairs,
} from './loginHistory.ts';
import { countLoginPairs, type LoginPair, pairsFromEvents } from './loginPairs.ts';
import { countOffHours, type OffHoursActor, type OffHoursTest } from './offHoursCounts.ts';
import { type EventMatch, mapLimit, READS_IN_FLIGHT, sortEvents } from './shared.ts';
import { offHoursOf } from './signalCounters.ts';
import { createSignalProbes, MAX_HOUR_PROBES, type SignalDeps } from './signalProbes.ts';

export type { BurstGrouping, BurstSet } from './burstReads.ts';
export type { CandidateSet } from './candidateReads.ts';
export type { SignalDeps } from './signalProbes.ts';

/** The reads of one request, shared by its detectors. */
export interface SignalSource {
  collection: Collection<EventDocument>;
  /** The events of `match` within `range` in a candidate set, oldest first (read once). */
  candidates(set: CandidateSet): Promise<EventDocument[]>;
  /**
   * The events of `match` within `range` of a burst set that may be part of a burst of `rule`,
   * oldest first: with signal counts only the hours next to enough others of the set are read (a
   * burst's window lies within `ceil(windowMinutes / 60) + 1` consecutive hours holding at least
   * `threshold` of them — of one account or IP address when the rule groups `by` one), so
   * `findBursts` finds the same bursts as over every candidate.
   */
  bursts(set: BurstSet, rule: BurstRule, by?: BurstGrouping): Promise<EventDocument[]>;
  /**
   * People's (`user` actors') events of `match` within `range` in quarter hours for which
   * `offHours` says yes, by tenant and actor, each with its first `limit` events and its last. For
   * whole tenants the day's signal counts count them (see `countOffHours`); otherwise only the UTC hours
   * whose day counters hold such quarters are read.
   */
  offHoursActors(offHours: OffHoursTest, limit: number): Promise<OffHoursActor[]>;
  /**
   * The (tenant, user, IP) pairs of successful logins of `match` within `range`: for whole tenants
   * counted from the day counters (see `countLoginPairs`), else read one by one.
   */
  loginPairs(): Promise<LoginPair[]>;
  /**
   * Whether users logged in successfully within windows, whatever the match (within each user's own
   * tenant): see `answerLoginQuestions`.
   */
  answerLogins(questions: LoginQuestion[]): Promise<LoginAnswer[]>;
  /**
   * What the counters alone tell of pairs whose first login day they counted (`ask` for every pair
   * without counters): see `screenLoginPairs`.
   */
  screenPairs(pairs: PairToScreen[], lookbackDays: number): Promise<('new' | 'known' | 'ask')[]>;
}

/**
 * The reads of the signals for `match` within `range`, in shapes that a server filtering only by
 * top-level equality (FerretDB) serves from its indexes and MongoDB from its compound ones: each
 * probe is `{ tenantId, day | hour, <equality>, $and: [match, range] }` — the whole match still
 * applies — and the counters say which days and hours to probe. Without counters every day of the
 * range is read.
 *
 * @example
 * ```ts
 * const source = createSignalSource(collection, { match, range }, { rollups, tenants: ['acme'] });
 * const deletes = await source.candidates('delete');
 * ```
 */
export function createSignalSource(
  collection: Collection<EventDocument>,
  request: { match: EventMatch; range: { from: Date; to: Date } },
  deps: SignalDeps = {},
): SignalSource {
  const { match, range } = request;
  const probes = createSignalProbes(collection, request, deps);
  const { rollups, tenants, tenantKeys, days, tenantPart } = probes;
  const cache = new Map<CandidateSet, Promise<EventDocument[]>>();
  const burstCache = new Map<string, Promise<EventDocument[]>>();
  const source: SignalSource = {
    collection,
    candidates(set) {
      let found = cache.get(set);
      if (!found) {
        found = readCandidates(probes, set);
        cache.set(set, found);
      }
      return found;
    },
    bursts(set, rule, by) {
      const id = `${set}|${rule.threshold}|${rule.windowMinutes}|${by}`;
      let found = burstCache.get(id);
      if (!found) {
        found = readBursts(probes, { set, rule, by, candidates: source.candidates });
        burstCache.set(id, found);
      }
      return found;
    },
    async offHoursActors(offHours, limit) {
      const signals = deps.wholeTenants ? await probes.signalCounts() : undefined;
      if (signals) {
        return countOffHours(
          { collection, signals, oldDays: await probes.oldDays(), match, range },
          { offHours, limit },
        );
      }
      const known = await probes.dayCounts();
      const buckets: Record<string, unknown>[] = [];
      for (const key of tenantKeys) {
        for (const day of days) {
          if (!known) {
            buckets.push({ ...tenantPart(key), day });
            continue;
          }
          const hours = offHoursOf(known.get(`${key}|${day}`), day, offHours);
          if (hours.length > MAX_HOUR_PROBES) buckets.push({ ...tenantPart(key), day });
          else for (const hour of hours) buckets.push({ ...tenantPart(key), hour });
        }
      }
      const found = await mapLimit(buckets, READS_IN_FLIGHT, (where) =>
        probes.probe(where, [{ 'actor.type': 'user' }]),
      );
      return groupOffHours(
        sortEvents(
          found.flat().filter((doc) => offHours(Math.floor(doc.occurredAt.getTime() / QUARTER_MS))),
        ),
        limit,
      );
    },
    async loginPairs() {
      if (rollups && deps.wholeTenants) {
        return countLoginPairs({ collection, rollups, tenants, match, range });
      }
      return pairsFromEvents(await source.candidates('login_success'));
    },
    answerLogins: (questions) => answerLoginQuestions({ collection, rollups, tenants }, questions),
    screenPairs: async (pairs, lookbackDays) =>
      rollups
        ? screenLoginPairs({ rollups, tenants }, pairs, lookbackDays)
        : pairs.map(() => 'ask' as const),
  };
  return source;
}
