import type { Collection, Filter } from 'mongodb';
import { compareEvents, type EventDocument } from '../internal/document.ts';
import { escapeKey } from '../rollups/keys.ts';
import type { RollupReader, TenantSet } from '../rollups/readRollups.ts';
import type { RollupDocument } from '../rollups/rollupDocument.ts';

/** One page read bucket by bucket. */
export interface WalkRequest {
  /** The whole filter (scope, query, cursor): every probe applies it. */
  filter: Filter<EventDocument>;
  /** Top-level equalities the filter implies (`kind`, `category`, `outcome`), sent beside it. */
  hoisted: Record<string, string>;
  tenants: TenantSet;
  /** The period, `to` exclusive; with a cursor, `to` is just past the cursor's instant. */
  from?: Date | undefined;
  to?: Date | undefined;
  direction: 1 | -1;
  /** How many events the caller needs (a page and one more). */
  want: number;
  /**
   * A day whose matching events are estimated at most this many is read in one probe, a busier one
   * hour by hour. Defaults to `400`.
   */
  dayProbeMax?: number | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const DAY_PROBE_MAX = 400;
/** Probes in flight at once, at most. */
const PARALLEL = 6;
/** The least share of the estimate a probe is expected to match (filters the counters miss). */
const MIN_HIT_RATE = 0.02;

/**
 * The first `want` events of a filter in `(occurredAt, _id)` order, read as a server that filters
 * only by equality (FerretDB) reads fast: the counters say which UTC days and hours hold events of
 * the tenants, and each probe asks for one day or one hour by equality (`{ tenantId, day }`,
 * `{ tenantId, hour }`, plus the filter's own equalities), newest first for `direction` -1. Each
 * bucket is read whole, so once the buckets read hold `want` events, every later bucket can only
 * hold events that sort after them, and the walk stops.
 */
export async function walkBuckets(
  deps: { collection: Collection<EventDocument>; rollups: RollupReader },
  request: WalkRequest,
): Promise<EventDocument[]> {
  const { direction, want } = request;
  const lo = request.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const hi = request.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const months = (await deps.rollups.months(request.tenants)).filter(
    (month) => monthEnd(month) > lo && monthStart(month) < hi,
  );
  if (direction === -1) months.reverse();
  const found: EventDocument[] = [];
  /** What the counters estimated for the probes read so far; `found` is what they held. */
  let estimated = 0;
  const hits = () => (estimated === 0 ? 1 : Math.max(found.length / estimated, MIN_HIT_RATE));
  let done = false;
  const probe = async ({ where }: Probe) => {
    const docs = await deps.collection
      .find({ ...where, ...request.hoisted, $and: [request.filter] } as Filter<EventDocument>)
      .toArray();
    found.push(...docs);
  };

  for (const month of months) {
    // One read of the month's counters (a day document per tenant, day and writer).
    const counters = groupByDay(await deps.rollups.monthDays(request.tenants, month));
    const days = [...counters.keys()]
      .filter((day) => {
        const start = Date.parse(`${day}T00:00:00Z`);
        return start + DAY_MS > lo && start < hi;
      })
      .sort();
    if (direction === -1) days.reverse();
    // Every probe of the month in walk order, a few at a time, until the events read hold a page
    // that no probe left can change (see `settled`).
    const probes = days.flatMap((day) =>
      probesOfDay({ day, counters: counters.get(day) ?? [] }, request, { lo, hi }),
    );
    for (let p = 0; p < probes.length && !done; ) {
      const batch = nextBatch(probes.slice(p), { want: want - found.length, hitRate: hits() });
      await Promise.all(batch.map(probe));
      estimated += batch.reduce((sum, each) => sum + each.estimate, 0);
      p += batch.length;
      if (found.length >= want) done = settled(found, probes.slice(p), request);
    }
    // Later months hold only events beyond this one's.
    if (found.length >= want) done = true;
    if (done) break;
  }
  return found.sort((a, b) => direction * compareEvents(a, b)).slice(0, want);
}

/** One equality read: a day or an hour (of one tenant), covering `[start, end)`. */
interface Probe {
  start: number;
  end: number;
  where: Record<string, string>;
  /** At most how many matching events the counters say it holds. */
  estimate: number;
}

/**
 * The next probes to send at once, in walk order: enough that, at the share of estimated events the
 * probes read so far turned out to match, they should hold twice the events still wanted — at
 * least one, at most {@link PARALLEL}. A page of today's busy log is one probe, not six; a filter
 * the counters cannot see (a search word) soon reads six at a time.
 */
function nextBatch(left: Probe[], { want, hitRate }: { want: number; hitRate: number }): Probe[] {
  const batch: Probe[] = [];
  let expected = 0;
  for (const probe of left) {
    if (batch.length >= PARALLEL || (batch.length > 0 && expected >= 2 * want)) break;
    batch.push(probe);
    expected += probe.estimate * hitRate;
  }
  return batch;
}

/**
 * Whether the first `want` of the events read are final: every probe left covers only instants
 * strictly beyond the last of them (after it ascending, before it descending).
 */
function settled(found: EventDocument[], left: Probe[], request: WalkRequest): boolean {
  const cutoff = [...found].sort((a, b) => request.direction * compareEvents(a, b))[
    request.want - 1
  ];
  if (!cutoff) return false;
  const at = cutoff.occurredAt.getTime();
  return left.every((probe) => (request.direction === 1 ? probe.start > at : probe.end <= at));
}

/** The probes of one UTC day, in walk order: the whole day when few events match, else its hours. */
function probesOfDay(
  day: { day: string; counters: RollupDocument[] },
  request: WalkRequest,
  bounds: { lo: number; hi: number },
): Probe[] {
  const { counters } = day;
  const byTenant = new Map<string, RollupDocument[]>();
  for (const doc of counters) {
    const key = request.tenants === '*' ? '*' : doc.tenantId;
    byTenant.set(key, [...(byTenant.get(key) ?? []), doc]);
  }
  const dayStart = Date.parse(`${day.day}T00:00:00Z`);
  const whole = dayStart >= bounds.lo && dayStart + DAY_MS <= bounds.hi;
  const probes: Probe[] = [];
  for (const [tenant, docs] of [...byTenant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const tenantPart: Record<string, string> = tenant === '*' ? {} : { tenantId: tenant };
    const hoisted = request.hoisted;
    const dayProbeMax = request.dayProbeMax ?? DAY_PROBE_MAX;
    const estimate = estimateMatches(docs, hoisted);
    if (estimate <= 0) continue;
    const hours = hourTotals(docs);
    // An actor's key is matched by an index in the database: one probe a day, however busy.
    if (
      hoisted.actorKeys !== undefined ||
      estimate <= dayProbeMax ||
      (!whole && estimate <= dayProbeMax * 2)
    ) {
      probes.push({
        start: dayStart,
        end: dayStart + DAY_MS,
        where: { ...tenantPart, day: day.day },
        estimate,
      });
      continue;
    }
    const dayTotal = [...hours.values()].reduce((sum, count) => sum + count, 0);
    for (const [hour, count] of hours) {
      const start = dayStart + hour * HOUR_MS;
      if (count <= 0 || start + HOUR_MS <= bounds.lo || start >= bounds.hi) continue;
      const hourKey = `${day.day}T${String(hour).padStart(2, '0')}`;
      probes.push({
        start,
        end: start + HOUR_MS,
        where: { ...tenantPart, hour: hourKey },
        estimate: dayTotal > 0 ? (estimate * count) / dayTotal : estimate,
      });
    }
  }
  return probes.sort((a, b) =>
    request.direction === 1 ? a.start - b.start : b.end - a.end || b.start - a.start,
  );
}

/** Events per hour of the day (0–23) from the quarter-hour counters of every writer. */
function hourTotals(docs: RollupDocument[]): Map<number, number> {
  const hours = new Map<number, number>();
  for (const doc of docs) {
    for (const [quarter, count] of Object.entries(doc.q ?? {})) {
      const hour = Math.floor(Number(quarter) / 4);
      hours.set(hour, (hours.get(hour) ?? 0) + count);
    }
  }
  return hours;
}

/** At most how many events of these counters match the hoisted equalities. */
function estimateMatches(docs: RollupDocument[], hoisted: Record<string, string>): number {
  let total = 0;
  let kinds = 0;
  let categories = 0;
  let actors = 0;
  for (const doc of docs) {
    total += doc.n ?? 0;
    if (hoisted.kind !== undefined) {
      for (const [key, count] of Object.entries(doc.k ?? {})) {
        const [kind, outcome] = key.split('~');
        if (kind === hoisted.kind && (hoisted.outcome === undefined || outcome === hoisted.outcome))
          kinds += count;
      }
    }
    if (hoisted.category !== undefined) categories += doc.c?.[escapeKey(hoisted.category)] ?? 0;
    if (hoisted.actorKeys !== undefined) actors += doc.ak?.[escapeKey(hoisted.actorKeys)] ?? 0;
  }
  let estimate = total;
  if (hoisted.kind !== undefined) estimate = Math.min(estimate, kinds);
  if (hoisted.category !== undefined) estimate = Math.min(estimate, categories);
  if (hoisted.actorKeys !== undefined) estimate = Math.min(estimate, actors);
  return estimate;
}

function monthStart(month: string): number {
  return Date.parse(`${month}-01T00:00:00Z`);
}

function monthEnd(month: string): number {
  const start = new Date(monthStart(month));
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
}

function groupByDay(docs: RollupDocument[]): Map<string, RollupDocument[]> {
  const days = new Map<string, RollupDocument[]>();
  for (const doc of docs) days.set(doc.day, [...(days.get(doc.day) ?? []), doc]);
  return days;
}
