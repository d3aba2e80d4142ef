/**
 * The formats an activity export comes in.
 *
 * @example
 * ```ts
 * const format = z.enum(EXPORT_FORMATS).parse(req.query.format); // 'csv' | 'ndjson' | 'pdf'
 * ```
 */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'pdf'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The `Content-Type` of each export format, for HTTP responses.
 *
 * @example
 * ```ts
 * res.setHeader('Content-Type', EXPORT_CONTENT_TYPES.csv); // 'text/csv; charset=utf-8'
 * ```
 */
export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  pdf: 'application/pdf',
} as const satisfies Record<ExportFormat, string>;

/**
 * The file extension of each export format, without the dot.
 *
 * @example
 * ```ts
 * `activity-2026-11-23.${EXPORT_FILE_EXTENSIONS.ndjson}`; // 'activity-2026-11-23.ndjson'
 * ```
 */
export const EXPORT_FILE_EXTENSIONS = {
  csv: 'csv',
  ndjson: 'ndjson',
  pdf: 'pdf',
} as const satisfies Record<ExportFormat, string>;

/**
 * Whether a value (a query parameter, a tRPC input) names an export format.
 *
 * @example
 * ```ts
 * isExportFormat(req.query.format) ? createExport(req.query.format, events, options) : res.sendStatus(400);
 * ```
 */
export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Options of {@link exportContentDisposition}. */
export interface ExportContentDispositionOptions {
  format: ExportFormat;
  /** The file name without its extension. Defaults to `'activity'`. */
  baseName?: string;
}

/**
 * A `Content-Disposition: attachment` value for an export: an ASCII `filename` for old clients and
 * an RFC 5987 `filename*` that keeps any other characters.
 *
 * @example
 * ```ts
 * exportContentDisposition({ format: 'csv', baseName: 'журнал 2026-11' });
 * // `attachment; filename="_____ 2026-11.csv"; filename*=UTF-8''%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB%202026-11.csv`
 * ```
 */
export function exportContentDisposition(options: ExportContentDispositionOptions): string {
  const name = `${options.baseName ?? 'activity'}.${EXPORT_FILE_EXTENSIONS[options.format]}`;
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
