import type { Readable } from 'node:stream';
import {
  type ActivityEvent,
  type CsvRowOptions,
  csvHeader,
  formatCsvLine,
  toCsvRow,
} from '@activitykit/schema';
import { createLineChunker, toReadable } from './chunks.ts';
import { assertExportTimeZone } from './timeZone.ts';

/** Options of {@link exportCsv}. */
export interface ExportCsvOptions extends CsvRowOptions {
  /**
   * Start the file with a UTF-8 byte order mark, so Excel opens Cyrillic (and any non-ASCII text)
   * correctly on double-click. Defaults to `true`.
   */
  bom?: boolean;
}

/** The UTF-8 byte order mark. */
const BOM = '\uFEFF';

/**
 * The CSV export as byte chunks: a header in `locale`, then one RFC 4180 row per event (CRLF line
 * ends, formula-like cells neutralised), pulled from `events` one at a time.
 *
 * @example
 * ```ts
 * for await (const chunk of csvChunks(events, { timeZone: 'Europe/Moscow' })) file.write(chunk);
 * ```
 */
export async function* csvChunks(
  events: AsyncIterable<ActivityEvent>,
  options: ExportCsvOptions = {},
): AsyncGenerator<Buffer> {
  const { bom = true, ...rowOptions } = options;
  const header = formatCsvLine(csvHeader(rowOptions));
  const chunker = createLineChunker();
  yield* chunker.push(bom ? BOM + header : header);
  for await (const event of events) yield* chunker.push(formatCsvLine(toCsvRow(event, rowOptions)));
  yield* chunker.end();
}

/**
 * Streams events as a CSV file, with backpressure: memory stays flat however many events there
 * are. Throws an `ActivityError` (`INVALID_QUERY`) at once for an unknown zone.
 *
 * @example
 * ```ts
 * res.setHeader('Content-Type', EXPORT_CONTENT_TYPES.csv);
 * exportCsv(iterateEvents(store, { query, scope }), { timeZone: 'Europe/Moscow', locale: 'ru' }).pipe(res);
 * ```
 */
export function exportCsv(
  events: AsyncIterable<ActivityEvent>,
  options: ExportCsvOptions = {},
): Readable {
  assertExportTimeZone(options.timeZone);
  return toReadable(csvChunks(events, options));
}
