import {
  type ActivityExport,
  createExport,
  EXPORT_FILE_EXTENSIONS,
  type ExportFormat,
  exportTitle,
} from '@activitykit/core';
import type { ActivityEvent, Locale } from '@activitykit/schema';

/** How export files look. */
export interface ExportFileOptions {
  /** The PDF's title. Defaults to core's `exportTitle` of the locale (`'Activity log'`). */
  title?: string;
  /** The file name without its extension. Defaults to `'activity'` plus the date (UTC). */
  baseName?: string;
  /** The IANA zone of times in the file. Defaults to the query's `timeZone`, else `'UTC'`. */
  timeZone?: string;
}

/** Builds an export of `events` in `format`. */
export function buildExport(
  format: ExportFormat,
  events: AsyncIterable<ActivityEvent>,
  options: ExportFileOptions & {
    locale?: Locale | undefined;
    filters?: string | undefined;
    /** The number of ids of a selection: the PDF says "Selection: N selected events". */
    selection?: number | undefined;
  },
): ActivityExport {
  const timeZone = options.timeZone ?? 'UTC';
  const locale = options.locale ?? 'en';
  switch (format) {
    case 'pdf':
      return createExport('pdf', events, {
        title: options.title ?? exportTitle(locale),
        timeZone,
        locale,
        ...(options.selection === undefined ? {} : { selection: options.selection }),
        ...(options.filters ? { filters: options.filters } : {}),
      });
    case 'csv':
      return createExport('csv', events, { timeZone, locale });
    default:
      return createExport('ndjson', events, {});
  }
}

/** The download's file name, e.g. `activity-2026-11-23.csv`. */
export function exportFilename(
  format: ExportFormat,
  baseName: string | undefined,
  now: Date,
): string {
  const base = baseName ?? `activity-${now.toISOString().slice(0, 10)}`;
  return `${base}.${EXPORT_FILE_EXTENSIONS[format]}`;
}
