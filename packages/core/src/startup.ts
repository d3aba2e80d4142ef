import type { Collection } from 'mongodb';
import { ActivityError } from './errors.ts';
import type { EventDocument } from './internal/document.ts';
import {
  ensureEventIndexes,
  ensureIndexes,
  type IndexReport,
  rollupIndexes,
} from './internal/indexes.ts';
import type { ServerProfile } from './query/server.ts';
import { backfillRollups } from './rollups/backfill.ts';
import type { RollupCollectionDocument } from './rollups/rollupDocument.ts';

/**
 * `store.ensureIndexes()`: creates the rollup and event indexes that are missing, once per store —
 * calls meanwhile share the run, and a run that failed is tried again on the next call.
 */
export function indexesOnce(deps: {
  events: Collection<EventDocument>;
  rollups: Collection<RollupCollectionDocument>;
  profile: () => Promise<ServerProfile>;
}): () => Promise<IndexReport> {
  let indexes: Promise<IndexReport> | undefined;
  return () => {
    indexes ??= (async () => {
      const server = await deps.profile();
      await ensureIndexes(deps.rollups, rollupIndexes(server));
      return ensureEventIndexes(deps.events, server);
    })().catch((error: unknown) => {
      indexes = undefined;
      throw error;
    });
    return indexes;
  };
}

/** What a store does once MongoDB first answers. */
export interface StartupDeps {
  /** Resolves `true` once MongoDB first answers, `false` if the store stopped trying first. */
  ready: () => Promise<boolean>;
  ensureIndexes: () => Promise<IndexReport>;
  /** Stores what an earlier process left in the journal. */
  replayJournal: () => Promise<number>;
  /** Counts the events stored before the rollups existed into them. */
  backfill: Parameters<typeof backfillRollups>[0];
  onError: (error: unknown) => void;
}

/**
 * Start-up: indexes (retried: processes starting together on a fresh FerretDB may collide), then
 * whatever an earlier process left in the journal, which must not wait on the indexes, then the
 * rollup backfill. All once MongoDB first answers, however late that is; failures go to `onError`.
 */
export function startUp(deps: StartupDeps): Promise<void> {
  return (async () => {
    if (!(await deps.ready())) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.ensureIndexes();
        break;
      } catch (error) {
        if (attempt === 3) {
          deps.onError(
            new ActivityError(
              'NOT_STORED',
              `Creating the activity indexes failed: ${String(error)}`,
              { cause: error },
            ),
          );
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
    await deps.replayJournal();
    await backfillRollups(deps.backfill);
  })().catch(deps.onError);
}

/**
 * Runs `task` every `ms` in the background without keeping the process alive, its failures to
 * `onError`; nothing when `ms` is not a positive number. Stop it with `clearInterval`.
 */
export function runEvery(
  ms: number | false | undefined,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): NodeJS.Timeout | undefined {
  if (!(typeof ms === 'number' && ms > 0)) return undefined;
  const timer = setInterval(() => void task().catch(onError), ms);
  timer.unref();
  return timer;
}
