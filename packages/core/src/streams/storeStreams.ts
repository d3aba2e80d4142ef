import type { WeekDay } from '@activitykit/schema';
import type { Collection, Db } from 'mongodb';
import type { EventDocument } from '../internal/document.ts';
import { serverProfileSource } from '../query/server.ts';
import { type ActivityStreams, createStreams, type StreamsDeps } from './createStreams.ts';
import type { DeliverDeps } from './deliverStream.ts';
import { parseStreamKey } from './secrets.ts';
import { type StreamDelivery, startStreamDelivery } from './streamDelivery.ts';
import { streamCollections } from './streamDocuments.ts';
import { DEFAULT_STREAM_SETTINGS, type StreamsOptions } from './streamSettings.ts';

/** What a store needs to set its streams up. */
export interface StoreStreamsDeps
  extends Pick<StreamsDeps, 'record' | 'makeEvent'>,
    Pick<DeliverDeps, 'unstoredFrom'> {
  database: Db;
  events: Collection<EventDocument>;
  options: StreamsOptions | undefined;
  clock: () => Date;
  weekStartsOn: WeekDay;
  ready: () => Promise<boolean>;
  onError: (error: unknown) => void;
}

/**
 * `store.streams` and, unless `streams.deliver` is `false`, the background delivery of this
 * process (only with a `streams` option: a store without one delivers nothing).
 */
export function storeStreams(deps: StoreStreamsDeps): {
  api: ActivityStreams;
  delivery: StreamDelivery | undefined;
} {
  const { options } = deps;
  const settings = { ...DEFAULT_STREAM_SETTINGS, ...definedOnly(options ?? {}) };
  const key = options?.secretKey === undefined ? undefined : parseStreamKey(options.secretKey);
  const collections = streamCollections(deps.database, deps.events.collectionName);
  const common = { key, settings, clock: deps.clock, collections };
  const api = createStreams({ ...common, record: deps.record, makeEvent: deps.makeEvent });
  const delivery =
    options && settings.deliver
      ? startStreamDelivery({
          ...common,
          events: deps.events,
          reads: { profile: serverProfileSource(deps.database), readWhole: new Set() },
          weekStartsOn: deps.weekStartsOn,
          ready: deps.ready,
          onError: deps.onError,
          unstoredFrom: deps.unstoredFrom,
        })
      : undefined;
  return { api, delivery };
}

function definedOnly(options: StreamsOptions): Partial<StreamsOptions> {
  const { secretKey: _key, ...rest } = options;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
}
