import { ActivityError } from '../errors.ts';
import type { EventDocument } from '../internal/document.ts';
import { classifyInsertError } from './classify.ts';
import { settle, type WriterContext, type WriterSettings } from './state.ts';

/** Stores a batch with retries and backoff; resolves `false` when the server stayed unreachable. */
export type Insert = (batch: EventDocument[]) => Promise<boolean>;

/**
 * The writer's insert: `insertMany` with retries and backoff, which settles the batch's durable
 * promises, counts what it stored and sends documents MongoDB refuses for good to the dead letter.
 */
export function createInsert(ctx: WriterContext): Insert {
  const { collection, journal, settings, onError, counters, state } = ctx;
  /**
   * Ids of documents an insert that failed may have stored anyway: when a retry finds them there
   * already, this writer stored them, and they are counted as stored now.
   */
  const uncertain = new Set<string>();

  const refuse = async (refused: EventDocument[], reason: string) => {
    await journal.reject(refused, reason);
    counters.failed += refused.length;
    settle(
      ctx,
      refused.map((doc) => doc._id),
      new ActivityError('NOT_STORED', `MongoDB refused the event: ${reason}`),
    );
    onError(
      new ActivityError(
        'NOT_STORED',
        `MongoDB refused ${refused.length} event(s) for good (${reason}); they were kept in ` +
          `${journal.dir}/rejected.ndjson.dead for inspection.`,
      ),
    );
  };

  /**
   * One `insertMany`; returns the documents it stored and throws only what is worth retrying.
   * Documents refused for good go to the dead letter, found one by one if the batch was refused.
   */
  const insertOnce = async (batch: EventDocument[]): Promise<EventDocument[]> => {
    await ctx.connect(); // unreachable: thrown as is, so retried
    try {
      await collection.insertMany(batch, {
        ordered: false,
        timeoutMS: settings.insertTimeoutMs,
      });
      return batch;
    } catch (error) {
      const failure = classifyInsertError(error, batch.length);
      if (failure.kind === 'retryable') {
        for (const doc of batch) uncertain.add(doc._id);
        throw failure.error;
      }
      if (failure.kind === 'invalid') {
        if (batch.length === 1) {
          await refuse(batch, failure.error.message);
          return [];
        }
        const stored: EventDocument[] = [];
        for (const doc of batch) stored.push(...(await insertOnce([doc])));
        return stored;
      }
      const refused = batch.filter((_, index) => failure.refused.has(index));
      if (refused.length > 0)
        await refuse(refused, [...new Set(failure.refused.values())].join('; '));
      return batch.filter(
        (doc, index) =>
          !failure.refused.has(index) && (!failure.duplicates.has(index) || uncertain.has(doc._id)),
      );
    }
  };

  return async (batch) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = await insertOnce(batch);
        counters.written += stored.length;
        for (const doc of batch) uncertain.delete(doc._id);
        if (stored.length > 0 && ctx.afterStored) {
          // Not awaited: the next batch goes in meanwhile (counters coalesce); flush() waits.
          const counting = ctx.afterStored(stored).catch(onError);
          ctx.afterStoring.add(counting);
          void counting.finally(() => ctx.afterStoring.delete(counting));
        }
        settle(
          ctx,
          batch.map((doc) => doc._id),
        );
        return true;
      } catch (error) {
        if (attempt >= settings.maxRetries || state.closed) {
          onError(
            new ActivityError(
              'NOT_STORED',
              `MongoDB did not take ${batch.length} event(s) after ${attempt + 1} attempt(s) ` +
                `(${String(error)}); they go to the journal in ${journal.dir} until it answers.`,
              { cause: error },
            ),
          );
          return false;
        }
        counters.retried += 1;
        await sleep(backoff(attempt, settings));
      }
    }
  };
}

function backoff(attempt: number, settings: WriterSettings): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
