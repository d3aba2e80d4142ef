import type { Collection, Filter } from 'mongodb';
import type {
  RollupCollectionDocument,
  RollupDocument,
  SignalCountsDocument,
} from './rollupDocument.ts';

/** The tenants a read covers: a list, or every tenant (`'*'`). */
export type TenantSet = readonly string[] | '*';

/** Reads the counter documents by equality only (tenant, type, month, day), one query per tenant. */
export interface RollupReader {
  /** Every tenant the counters know of (from their month markers: a few documents per tenant). */
  tenants(): Promise<string[]>;
  /** The UTC months (`2026-12`) in which any of the tenants had events, oldest first. */
  months(tenants: TenantSet): Promise<string[]>;
  /** The day documents of the tenants for one UTC month. */
  monthDays(tenants: TenantSet, month: string): Promise<RollupDocument[]>;
  /** The hour documents of the tenants for one UTC day. */
  dayHours(tenants: TenantSet, day: string): Promise<RollupDocument[]>;
  /** The signal counts of the tenants for one UTC month (a document per tenant, day and writer). */
  monthSignals(tenants: TenantSet, month: string): Promise<SignalCountsDocument[]>;
}

export function createRollupReader(rollups: Collection<RollupCollectionDocument>): RollupReader {
  const each = async <T>(tenants: TenantSet, filter: Record<string, unknown>): Promise<T[]> => {
    if (tenants === '*') {
      return (await rollups.find(filter as Filter<RollupCollectionDocument>).toArray()) as T[];
    }
    const found = await Promise.all(
      tenants.map(
        (tenantId) =>
          rollups
            .find({ ...filter, tenantId } as Filter<RollupCollectionDocument>)
            .toArray() as Promise<T[]>,
      ),
    );
    return found.flat();
  };
  return {
    async tenants() {
      const markers = await each<{ tenantId: string }>('*', { type: 'month' });
      return [...new Set(markers.map((marker) => marker.tenantId))].sort();
    },
    async months(tenants) {
      const markers = await each<{ month: string }>(tenants, { type: 'month' });
      return [...new Set(markers.map((marker) => marker.month))].sort();
    },
    monthDays: (tenants, month) => each<RollupDocument>(tenants, { type: 'day', month }),
    dayHours: (tenants, day) => each<RollupDocument>(tenants, { type: 'hour', day }),
    monthSignals: (tenants, month) =>
      each<SignalCountsDocument>(tenants, { type: 'signals', month }),
  };
}
