import type { Readable } from 'node:stream';
import type { ActivityEvent } from '@activitykit/schema';
import { ActivityError } from '../errors.ts';
import { type ExportCsvOptions, exportCsv } from './exportCsv.ts';
import { exportNdjson } from './exportNdjson.ts';
import { EXPORT_CONTENT_TYPES, EXPORT_FILE_EXTENSIONS, type ExportFormat } from './formats.ts';
import { type ExportPdfOptions, exportPdf } from './pdf/exportPdf.ts';

/** The options of each export format. */
export interface ExportOptionsByFormat {
  csv: ExportCsvOptions;
  ndjson: Record<string, never>;
  pdf: ExportPdfOptions;
}

/** What {@link createExport} gives: the bytes, and how to send them. */
export interface ActivityExport {
  format: ExportFormat;
  /** The `Content-Type` of the bytes. */
  contentType: string;
  /** The file extension, without the dot. */
  fileExtension: string;
  /** The bytes, pulled from the events as the reader reads. */
  stream: Readable;
}

/**
 * One entry for every export format, for HTTP adapters that take the format from the request.
 * Throws an `ActivityError` (`INVALID_QUERY`) at once, before any byte, for an unknown format or
 * time zone.
 *
 * @example
 * ```ts
 * const format = req.query.format; // 'csv' | 'ndjson' | 'pdf', checked with isExportFormat
 * const file = createExport(format, iterateEvents(store, { query, scope }), {
 *   title: 'Activity log',
 *   filters: req.query.q,
 *   timeZone: 'Europe/Moscow',
 * });
 * res.setHeader('Content-Type', file.contentType);
 * res.setHeader('Content-Disposition', exportContentDisposition({ format, baseName: 'activity' }));
 * file.stream.pipe(res);
 * ```
 */
export function createExport<TFormat extends ExportFormat>(
  format: TFormat,
  events: AsyncIterable<ActivityEvent>,
  options: ExportOptionsByFormat[TFormat],
): ActivityExport {
  return {
    format,
    contentType: EXPORT_CONTENT_TYPES[format],
    fileExtension: EXPORT_FILE_EXTENSIONS[format],
    stream: streamOf(format, events, options),
  };
}

function streamOf<TFormat extends ExportFormat>(
  format: TFormat,
  events: AsyncIterable<ActivityEvent>,
  options: ExportOptionsByFormat[TFormat],
): Readable {
  switch (format) {
    case 'csv':
      return exportCsv(events, options as ExportCsvOptions);
    case 'ndjson':
      return exportNdjson(events);
    case 'pdf':
      return exportPdf(events, options as ExportPdfOptions);
    default:
      throw new ActivityError(
        'INVALID_QUERY',
        `Unknown export format ${JSON.stringify(format)}: use csv, ndjson or pdf.`,
      );
  }
}
