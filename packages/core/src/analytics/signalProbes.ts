import type { Collection, Filter } from 'mongodb';
import { type EventDocument, utcDaysBetween } from '../internal/document.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import type { SignalCountsDocument } from '../rollups/rollupDocument.ts';
import type { EventMatch } from './shared.ts';
import {
  type DayCounts,
  memoizedReader,
  type OldDays,
  oldDaysOf,
  readCounters,
  readSignalCounts,
} from './signalCounters.ts';
import { SIGNAL_MARK } from './signalMarks.ts';

/** What the detectors read besides the events: the store's counters and the scope's tenants. */
export interface SignalDeps {
  /** The write-time counters: days (and hours) without candidates are not read. */
  rollups?: RollupReader | undefined;
  /**
   * The scope's tenants, each read on its own with `tenantId` at the top level. Defaults to the
   * match's own `tenantId` when it is a string, else every tenant (`'*'`).
   */
  tenants?: TenantSet | undefined;
  /**
   * The match is the scope's tenants and nothing else (no filter, every role): counts may then come
   * from the counters instead of the events.
   */
  wholeTenants?: boolean | undefined;
}

/** Fields the detectors never read, left on the server. */
const PROJECTION = { snapshot: 0, refs: 0, refKeys: 0 } as const;

/** Above this many hours to read in one day (outside business hours, or of bursts), it is read whole. */
export const MAX_HOUR_PROBES = 4;

/**
 * What the reads of one signals request share: the match and range, the scope's tenants, the
 * counters (each read once) and the probe every read sends —
 * `{ tenantId, day | hour, <equality>, $and: [match, range] }`, the whole match still applied.
 */
export interface SignalProbes {
  collection: Collection<EventDocument>;
  match: EventMatch;
  range: { from: Date; to: Date };
  /** The counters, memoized per request; `undefined` without counters. */
  rollups: RollupReader | undefined;
  tenants: TenantSet;
  /** The tenants read one by one (`['*']` for every tenant at once). */
  tenantKeys: string[];
  /** The UTC days the range touches. */
  days: string[];
  /** `{ tenantId }` of a tenant key (nothing for `'*'`). */
  tenantPart(key: string): Record<string, string>;
  /** The day counters of the tenants (read once). */
  dayCounts(): Promise<Map<string, DayCounts> | undefined>;
  /** The (tenant, day) pairs to read, by the counters when there are any. */
  bucketsWhere(wanted: (day: DayCounts) => boolean): Promise<{ key: string; day: string }[]>;
  /** The events of the match within the range at `where` (and `more`). */
  probe(where: Record<string, unknown>, more?: EventMatch[]): Promise<EventDocument[]>;
  /** Every writer's signal counts of the range's days (read once). */
  signalCounts(): Promise<SignalCountsDocument[] | undefined>;
  /** The (tenant, day) pairs whose counters are of the first shape: their events are read. */
  oldDays(): Promise<OldDays>;
  /** The events of a tenant's day carrying `mark`, of one read of its marked events for every rule. */
  markedOf(key: string, day: string, mark: string): Promise<EventDocument[]>;
}

/**
 * The shared reads of one signals request (see {@link SignalProbes}).
 *
 * @example
 * ```ts
 * const probes = createSignalProbes(collection, { match, range }, { rollups, tenants: ['acme'] });
 * await probes.probe({ tenantId: 'acme', day: '2026-11-20', kind: 'delete' });
 * ```
 */
export function createSignalProbes(
  collection: Collection<EventDocument>,
  request: { match: EventMatch; range: { from: Date; to: Date } },
  deps: SignalDeps = {},
): SignalProbes {
  const { match, range } = request;
  const rollups = deps.rollups && memoizedReader(deps.rollups);
  const tenants: TenantSet =
    deps.tenants ??
    (typeof (match as { tenantId?: unknown }).tenantId === 'string'
      ? [(match as { tenantId: string }).tenantId]
      : '*');
  const tenantKeys = tenants === '*' ? ['*'] : [...new Set(tenants)];
  const days = utcDaysBetween(range.from, range.to);
  const inRange = { occurredAt: { $gte: range.from, $lt: range.to } };
  const tenantPart = (key: string): Record<string, string> =>
    key === '*' ? {} : { tenantId: key };

  let counters: Promise<Map<string, DayCounts> | undefined> | undefined;
  const dayCounts = () => {
    counters ??= readCounters(rollups, tenants, days);
    return counters;
  };
  /** The (tenant, day) pairs to read, by the counters when there are any. */
  const bucketsWhere = async (wanted: (day: DayCounts) => boolean) => {
    const known = await dayCounts();
    return tenantKeys.flatMap((key) =>
      days
        .filter((day) => {
          if (!known) return true;
          const counts = known.get(`${key}|${day}`);
          return counts !== undefined && wanted(counts);
        })
        .map((day) => ({ key, day })),
    );
  };
  const probe = (where: Record<string, unknown>, more: EventMatch[] = []) =>
    collection
      .find({ ...where, $and: [match, inRange, ...more] } as Filter<EventDocument>, {
        projection: PROJECTION,
      })
      .toArray();

  let signalDocs: Promise<SignalCountsDocument[] | undefined> | undefined;
  const signalCounts = () => {
    signalDocs ??= readSignalCounts(rollups, tenants, range);
    return signalDocs;
  };
  /** The (tenant, day) pairs whose counters are of the first shape: their events are read. */
  const oldDays = async () => oldDaysOf(await dayCounts());

  /** The marked events of a tenant's day (see `signalMarks`), read once for every rule. */
  const markedDays = new Map<string, Promise<EventDocument[]>>();
  const markedOf = async (key: string, day: string, mark: string) => {
    let read = markedDays.get(`${key}|${day}`);
    if (!read) {
      read = probe({ ...tenantPart(key), day, marks: SIGNAL_MARK });
      markedDays.set(`${key}|${day}`, read);
    }
    return (await read).filter((doc) => doc.marks?.includes(mark));
  };
  return {
    collection,
    match,
    range,
    rollups,
    tenants,
    tenantKeys,
    days,
    tenantPart,
    dayCounts,
    bucketsWhere,
    probe,
    signalCounts,
    oldDays,
    markedOf,
  };
}
