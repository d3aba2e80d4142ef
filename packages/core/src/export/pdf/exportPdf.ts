import type { Readable } from 'node:stream';
import { type ActivityEvent, formatCsvTime, type Locale, toCsvRow } from '@activitykit/schema';
import PDFDocument from 'pdfkit';
import { toReadable } from '../chunks.ts';
import { assertExportTimeZone } from '../timeZone.ts';
import { bundledPdfFonts, type PdfFonts } from './pdfFonts.ts';
import { PDF_LABELS } from './pdfLabels.ts';
import { createPdfLayout, type PdfRow } from './pdfLayout.ts';

/** Options of {@link exportPdf}. */
export interface ExportPdfOptions {
  /** The document's title, e.g. `Activity log — Acme`. */
  title: string;
  /**
   * The filters of the export in the search syntax (`kind:delete after:2026-11-01`), printed under
   * the title. Defaults to `''`, printed as "none".
   */
  filters?: string;
  /**
   * How many events a selection holds (the ids a reader ticked): the header then reads
   * "Selection: 3 selected events" instead of a filter line. Defaults to none (a filtered export).
   */
  selection?: number;
  /** The IANA zone times are shown in. Defaults to `'UTC'`. */
  timeZone?: string;
  /** The language of labels and generated descriptions. Defaults to `'en'`. */
  locale?: Locale;
  /** When the export was made. Defaults to `new Date()`. */
  generatedAt?: Date;
  /**
   * The most rows the PDF holds; past it, a line says the export was truncated and points to CSV
   * or NDJSON. A PDF is for people to read — tens of thousands of rows are for a spreadsheet.
   * Defaults to `10_000` (about 300 pages).
   */
  maxRows?: number;
  /** Fonts with the scripts your data needs (e.g. CJK). Defaults to DejaVu Sans Condensed. */
  fonts?: PdfFonts;
}

/**
 * The default of {@link ExportPdfOptions.maxRows}.
 *
 * @example
 * ```ts
 * exportPdf(events, { title: 'Everything', maxRows: 5 * DEFAULT_PDF_MAX_ROWS });
 * ```
 */
export const DEFAULT_PDF_MAX_ROWS = 10_000;
const COLUMNS = ['time', 'user', 'role', 'action', 'description', 'ip'] as const;

/**
 * The PDF export as byte chunks. Each page is handed on as soon as it is full, and nothing of it is
 * kept: memory stays flat whatever the row count, and "Page N of M" is still exact (see
 * `pdfPageTotal.ts`).
 *
 * @example
 * ```ts
 * for await (const chunk of pdfChunks(events, { title: 'Deletes', filters: 'kind:delete' })) file.write(chunk);
 * ```
 */
export async function* pdfChunks(
  events: AsyncIterable<ActivityEvent>,
  options: ExportPdfOptions,
): AsyncGenerator<Buffer> {
  const { timeZone = 'UTC', locale = 'en', maxRows = DEFAULT_PDF_MAX_ROWS } = options;
  const generatedAt = options.generatedAt ?? new Date();
  const generated = `${formatCsvTime(generatedAt, timeZone)} (${timeZone})`;
  const labels = PDF_LABELS[locale];
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: false,
    displayTitle: true,
    lang: locale,
    info: { Title: options.title, Creator: 'ActivityKit', CreationDate: generatedAt },
  });
  const fonts = options.fonts ?? bundledPdfFonts();
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const layout = createPdfLayout(doc, {
    title: options.title,
    filters: (options.filters ?? '').slice(0, 2000),
    ...(options.selection === undefined ? {} : { selection: options.selection }),
    timeZone,
    generated,
    labels,
  });
  const drain = function* (): Generator<Buffer> {
    for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read()) yield chunk;
  };

  const iterator = events[Symbol.asyncIterator]();
  let rows = 0;
  let truncated = false;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (rows === maxRows) {
        truncated = true;
        break;
      }
      const [time = '', user = '', role = '', action = '', description = '', ip = ''] = toCsvRow(
        next.value,
        { columns: COLUMNS, timeZone, locale },
      );
      const row: PdfRow = [time, role ? `${user} (${role})` : user, action, description, ip];
      layout.addRow(row);
      rows += 1;
      yield* drain();
    }
  } finally {
    await iterator.return?.();
  }
  if (truncated) layout.addNote(labels.truncated(maxRows));
  else layout.addNote(rows === 0 ? labels.empty : labels.count(rows));
  layout.finish();
  doc.end();
  yield* drain();
}

/**
 * Streams events as a PDF table (time, user, action, description, IP) with the title, the filters,
 * the time zone and the generation time on top, the table header on every page and "Page N of M"
 * in the footer. Cyrillic renders with the bundled DejaVu font. At most `maxRows` rows. Throws an
 * `ActivityError` (`INVALID_QUERY`) at once for an unknown zone.
 *
 * @example
 * ```ts
 * res.setHeader('Content-Type', EXPORT_CONTENT_TYPES.pdf);
 * exportPdf(iterateEvents(store, { query, scope }), {
 *   title: 'Журнал действий',
 *   filters: 'kind:delete after:2026-11-01',
 *   timeZone: 'Europe/Moscow',
 *   locale: 'ru',
 * }).pipe(res);
 * ```
 */
export function exportPdf(
  events: AsyncIterable<ActivityEvent>,
  options: ExportPdfOptions,
): Readable {
  assertExportTimeZone(options.timeZone);
  return toReadable(pdfChunks(events, options));
}
