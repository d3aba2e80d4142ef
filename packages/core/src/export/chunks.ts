import { Readable } from 'node:stream';

/**
 * The size of the byte chunks exporters hand on: large enough that a million rows are not a million
 * stream writes, small enough that memory stays flat. Also the streams' `highWaterMark`.
 *
 * @example
 * ```ts
 * exportCsv(events).readableHighWaterMark === EXPORT_CHUNK_BYTES; // true
 * ```
 */
export const EXPORT_CHUNK_BYTES = 64 * 1024;

/**
 * A Node `Readable` of byte chunks, pulled from `chunks` only as fast as the consumer reads
 * (backpressure): with a slow client, the exporter, and the database cursor behind it, wait.
 * Destroying the stream (a client hanging up) ends the generator, which closes its source.
 *
 * @example
 * ```ts
 * async function* hello() {
 *   yield Buffer.from('hello\n');
 * }
 * toReadable(hello()).pipe(process.stdout);
 * ```
 */
export function toReadable(chunks: AsyncIterable<Uint8Array>): Readable {
  return Readable.from(chunks, { objectMode: false, highWaterMark: EXPORT_CHUNK_BYTES });
}

/**
 * Gathers text lines, encoded as UTF-8, into chunks of at most {@link EXPORT_CHUNK_BYTES} (a longer
 * line is a chunk of its own). Each line is written straight into the chunk's buffer: several
 * times faster than joining a long string and encoding it, which makes V8 flatten a rope of
 * two-byte (e.g. Cyrillic) text. Synchronous, so an exporter is a single async generator.
 * @internal
 */
export interface LineChunker {
  /** Adds a line; returns the chunks it completed (usually none). */
  push(line: string): Buffer[];
  /** The last, partly filled chunk, if any. */
  end(): Buffer[];
}

/** A new {@link LineChunker}. @internal */
export function createLineChunker(): LineChunker {
  let buffer = Buffer.allocUnsafe(EXPORT_CHUNK_BYTES);
  let used = 0;
  const NONE: Buffer[] = [];
  const take = (): Buffer => {
    const chunk = buffer.subarray(0, used);
    buffer = Buffer.allocUnsafe(EXPORT_CHUNK_BYTES);
    used = 0;
    return chunk;
  };
  return {
    push(line) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8.
      if (used + line.length * 3 <= EXPORT_CHUNK_BYTES) {
        used += buffer.write(line, used, 'utf8');
        return NONE;
      }
      const done = used > 0 ? [take()] : [];
      if (line.length * 3 > EXPORT_CHUNK_BYTES) done.push(Buffer.from(line, 'utf8'));
      else used += buffer.write(line, used, 'utf8');
      return done;
    },
    end() {
      return used > 0 ? [take()] : NONE;
    },
  };
}
