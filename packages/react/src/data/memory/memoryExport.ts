import { type ActivityEvent, csvHeader, formatCsvLine, toCsvRow } from '@activitykit/schema';
import { ActivitySourceError, type ExportRequest, type ExportResult } from '../source.ts';

/**
 * The file of an export over events in memory, as the server writes it: CSV (with a byte-order mark
 * for spreadsheets, the store's columns and headers in the locale) or NDJSON. PDF needs a server.
 *
 * @example
 * ```ts
 * exportFile(events, { format: 'csv', now: new Date() }).filename; // 'activity-2026-11-23.csv'
 * ```
 */
export function exportFile(
  rows: readonly ActivityEvent[],
  request: Pick<ExportRequest, 'format' | 'locale'> & { now: Date },
): ExportResult {
  if (request.format === 'pdf') {
    throw new ActivitySourceError(
      'INVALID_INPUT',
      'The memory source exports CSV and NDJSON; PDF needs a server source.',
      { status: 400 },
    );
  }
  const locale = request.locale ?? 'en';
  const text =
    request.format === 'csv'
      ? `\uFEFF${formatCsvLine(csvHeader({ locale }))}${rows.map((e) => formatCsvLine(toCsvRow(e, { locale }))).join('')}`
      : rows.map((e) => `${JSON.stringify(e)}\n`).join('');
  const blob = new Blob([text], {
    type: request.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
  });
  const date = request.now.toISOString().slice(0, 10);
  return { blob, filename: `activity-${date}.${request.format}` };
}
