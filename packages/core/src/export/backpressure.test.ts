import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActivityEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { EXPORT_CHUNK_BYTES } from './chunks.ts';
import { csvChunks, exportCsv } from './exportCsv.ts';
import { syntheticEvent } from './exportFixture.ts';
import { exportNdjson } from './exportNdjson.ts';
import { exportPdf } from './pdf/exportPdf.ts';

/** A large source that counts how far the exporter has pulled it, and whether it was closed. */
function countingSource(limit: number) {
  const state = { pulled: 0, closed: false };
  async function* events(): AsyncGenerator<ActivityEvent> {
    try {
      for (let i = 0; i < limit; i++) {
        state.pulled += 1;
        yield syntheticEvent(i);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, events: events() };
}

/** Waits until the producer has made no progress for 150 ms (or has run out), then says how far it got. */
async function settle(state: { pulled: number }): Promise<number> {
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    await sleep(50);
    quiet = state.pulled === last ? quiet + 1 : 0;
    last = state.pulled;
  }
  return last;
}

/** Reads `count` chunks from a paused stream, as a slow client would. */
async function readChunks(stream: Readable, count: number): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  while (chunks.length < count) {
    const chunk = stream.read() as Buffer | null;
    if (chunk) chunks.push(chunk);
    else await new Promise((resolve) => stream.once('readable', resolve));
  }
  return chunks;
}

const LIMIT = 200_000;
const cases = [
  ['csv', (events: AsyncIterable<ActivityEvent>) => exportCsv(events)],
  ['ndjson', (events: AsyncIterable<ActivityEvent>) => exportNdjson(events)],
  [
    'pdf',
    (events: AsyncIterable<ActivityEvent>) => exportPdf(events, { title: 'x', maxRows: LIMIT }),
  ],
] as const;

describe('export backpressure', () => {
  it.each(cases)(
    '%s: a slow reader holds the producer back, and hanging up closes the source',
    async (_, make) => {
      const { state, events } = countingSource(LIMIT);
      const stream = make(events);
      const [first] = await readChunks(stream, 1);
      const pulled = await settle(state);
      // Stalled far from the end: a chunk handed out, about a chunk buffered, one being built.
      expect(pulled).toBeLessThan(LIMIT / 20);
      expect(stream.readableLength).toBeLessThanOrEqual(4 * EXPORT_CHUNK_BYTES);
      expect(first?.length).toBeGreaterThan(0);

      // Reading on lets it go on (two more chunks show it: a PDF's cost a busy machine for each).
      await readChunks(stream, 2);
      expect(await settle(state)).toBeGreaterThan(pulled);
      expect(state.pulled).toBeLessThan(LIMIT / 4);

      stream.destroy();
      await sleep(20);
      expect(state.closed).toBe(true);
      expect(state.pulled).toBeLessThan(LIMIT / 4);
    },
  );

  it('csv: hands out chunks of up to 64 KiB, never one per row', async () => {
    const { state, events } = countingSource(5_000);
    const sizes: number[] = [];
    for await (const chunk of csvChunks(events, { bom: false })) sizes.push(chunk.length);
    expect(state.pulled).toBe(5_000);
    expect(sizes.length).toBeLessThan(40);
    for (const size of sizes.slice(0, -1)) {
      expect(size).toBeGreaterThan(0.95 * EXPORT_CHUNK_BYTES);
      expect(size).toBeLessThanOrEqual(EXPORT_CHUNK_BYTES);
    }
  });
});
