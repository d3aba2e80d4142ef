import type { KeyObject } from 'node:crypto';
import type { Collection } from 'mongodb';
import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import type { Journal } from './journal.ts';
import { createMetrics } from './metrics.ts';

/** How the writer batches, retries and spills. */
export interface WriterSettings {
  /** Events per `insertMany`. */
  batchSize: number;
  /** A partial batch is written after this long. */
  flushIntervalMs: number;
  /** Events held in memory at most; past it, the newest spill to the journal. */
  maxQueue: number;
  /** Retries of a failing batch before it is spilled to the journal. */
  maxRetries: number;
  /** First retry delay; it doubles each time (with jitter) up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** While the server is unreachable, how often it is pinged to resume. */
  probeIntervalMs: number;
  /** Time limit of one `insertMany`. */
  insertTimeoutMs: number;
}

export interface WriterDeps {
  collection: Collection<EventDocument>;
  journal: Journal;
  settings: WriterSettings;
  /** Store failures go here, never to the caller of `record()`. */
  onError: (error: unknown) => void;
  /**
   * Connects the collection's client if it is not (see `createConnection`); rejects while MongoDB
   * does not answer. Defaults to none: the client is connected already.
   */
  connect?: () => Promise<void>;
  /**
   * Called with the documents each insert stored (not those there already, nor those refused): the
   * store counts them into its rollups. Not awaited before the next insert; `flush()` waits for it.
   * A failure goes to `onError`; the events stay stored.
   */
  afterStored?: (docs: EventDocument[]) => Promise<void>;
  /** The sealing key: events stored late from the journal are signed with it. Defaults to none. */
  privateKey?: KeyObject | undefined;
}

/** The writer's mutable state: its queue and every flag that steers it, in one place. */
export interface WriterState {
  /** Events in memory, waiting for their batch. */
  queue: EventDocument[];
  /** A pump is storing (or spilling) the queue. */
  pumping: boolean;
  /** Memory relief under way: the newest events are going to the journal. */
  overflowing: Promise<void> | undefined;
  /** The pump due for a partial batch. */
  timer: NodeJS.Timeout | undefined;
  /** MongoDB is unreachable: batches go to the journal while `probe` pings it. */
  degraded: boolean;
  probe: NodeJS.Timeout | undefined;
  /** A ping of the probe is under way. */
  probing: boolean;
  /** The journal being stored in the background (see `drainJournal`). */
  resuming: Promise<void> | undefined;
  /** Memory pressure sent events to the journal while MongoDB was reachable: drain it soon. */
  spilledWhileHealthy: boolean;
  /** `close()` has begun: events recorded now go straight to the journal. */
  closed: boolean;
  /** The first (oldest) id of the batch an insert is storing now. */
  inFlightFrom: string | undefined;
  /**
   * The oldest id sent to the journal since it was last found empty; `''` while the journal may
   * hold events of an earlier process (until the first replay has emptied it).
   */
  journalFrom: string | undefined;
}

type Waiter = { resolve: () => void; reject: (error: Error) => void };

/** What the queue, insert and outage parts of one writer share. */
export interface WriterContext extends Omit<WriterDeps, 'connect'> {
  /** Connects first if need be, within the time limit of an insert. */
  connect: () => Promise<void>;
  counters: ReturnType<typeof createMetrics>;
  state: WriterState;
  /** The promises of durable `enqueue` calls, by event id. */
  durableWaiters: Map<string, Waiter>;
  /** `flush()` calls waiting for the queue to empty. */
  idleWaiters: (() => void)[];
  /** Counting of stored documents under way (see `afterStored`). */
  afterStoring: Set<Promise<void>>;
}

/** A new writer's shared context: empty queue, healthy, nothing under way. */
export function createWriterContext(deps: WriterDeps): WriterContext {
  const { connect: connecting, ...rest } = deps;
  return {
    ...rest,
    connect: () =>
      connecting ? within(connecting(), deps.settings.insertTimeoutMs) : Promise.resolve(),
    counters: createMetrics(),
    state: {
      queue: [],
      pumping: false,
      overflowing: undefined,
      timer: undefined,
      degraded: false,
      probe: undefined,
      probing: false,
      resuming: undefined,
      spilledWhileHealthy: false,
      closed: false,
      inFlightFrom: undefined,
      journalFrom: '',
    },
    durableWaiters: new Map(),
    idleWaiters: [],
    afterStoring: new Set(),
  };
}

/** Resolves the durable promises of `ids` — or rejects them with `error`. */
export function settle(ctx: WriterContext, ids: Iterable<string>, error?: Error): void {
  for (const id of ids) {
    const waiter = ctx.durableWaiters.get(id);
    if (!waiter) continue;
    ctx.durableWaiters.delete(id);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ActivityError('NOT_STORED', `MongoDB did not answer within ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
