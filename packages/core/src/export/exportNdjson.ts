import type { Readable } from 'node:stream';
import type { ActivityEvent } from '@activitykit/schema';
import { createLineChunker, toReadable } from './chunks.ts';

/**
 * The NDJSON export as byte chunks: one JSON event per line, `\n`-ended, dates in ISO 8601.
 *
 * @example
 * ```ts
 * for await (const chunk of ndjsonChunks(events)) file.write(chunk);
 * ```
 */
export async function* ndjsonChunks(events: AsyncIterable<ActivityEvent>): AsyncGenerator<Buffer> {
  const chunker = createLineChunker();
  for await (const event of events) yield* chunker.push(`${JSON.stringify(event)}\n`);
  yield* chunker.end();
}

/**
 * Streams events as NDJSON (one JSON object per line), with backpressure. Read a line back with
 * `JSON.parse` and `new Date(event.occurredAt)`.
 *
 * @example
 * ```ts
 * exportNdjson(iterateEvents(store, { query, scope })).pipe(createWriteStream('activity.ndjson'));
 * ```
 */
export function exportNdjson(events: AsyncIterable<ActivityEvent>): Readable {
  return toReadable(ndjsonChunks(events));
}
