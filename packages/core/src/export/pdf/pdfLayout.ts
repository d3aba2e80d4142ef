/**
 * The page layout of a PDF export: a title block, a table whose header repeats on every page, and
 * a "Page N of M" footer. Rows are measured before they are drawn, so a row never splits across
 * pages, and a row taller than a page is cut with `…`.
 * @internal
 * @module
 */
import type PDFDocument from 'pdfkit';
import type { PdfLabels } from './pdfLabels.ts';
import { clearFontLayoutCaches, createPageTotal, type PageTotal } from './pdfPageTotal.ts';

type Doc = typeof PDFDocument.prototype;

/** One table row: time, user, action, description, IP. */
export type PdfRow = [time: string, user: string, action: string, description: string, ip: string];

/** What is printed above the table and in the footers. */
export interface PdfHeading {
  title: string;
  filters: string;
  /** The number of events of a selection; printed instead of the filters. */
  selection?: number;
  timeZone: string;
  /** When the export was made, as shown (in the export's zone). */
  generated: string;
  labels: PdfLabels;
}

const MARGIN = { top: 36, bottom: 42, left: 36, right: 36 };
const PAGE = { size: 'A4', layout: 'landscape', margins: MARGIN } as const;
const TEXT = { size: 8, lineGap: 1 };
const PAD = { x: 4, y: 3 };
const COLOR = {
  text: '#1f2933',
  muted: '#52606d',
  rule: '#9aa5b1',
  header: '#e4e7eb',
  zebra: '#f5f7fa',
};
/** Column widths in points; the description takes what is left. */
const FIXED = { user: 118, action: 122, ip: 84 };
/** The widest a `YYYY-MM-DD HH:mm:ss` time is. */
const TIME_SAMPLE = '0000-00-00 00:00:00';

/** A table in the document: `addRow` starts pages as needed; call `finish` before `doc.end()`. */
export interface PdfLayout {
  addRow(row: PdfRow): void;
  /** A line of text after the table (a count, a truncation notice). */
  addNote(text: string): void;
  finish(): void;
}

/** Lays out an export in `doc`, which has fonts registered as `regular` and `bold`. */
export function createPdfLayout(doc: Doc, heading: PdfHeading): PdfLayout {
  let pageNumber = 0;
  let y = 0;
  let rowIndex = 0;
  let rowsOnPage = 0;
  let total: PageTotal | undefined;
  let pageWidth = 0;
  let bottom = 0;
  let widths: number[] = [];

  function startPage(): void {
    doc.addPage(PAGE);
    clearFontLayoutCaches(doc);
    pageNumber += 1;
    rowsOnPage = 0;
    pageWidth = doc.page.width - MARGIN.left - MARGIN.right;
    bottom = doc.page.height - MARGIN.bottom;
    doc.font('regular').fontSize(TEXT.size);
    const time = Math.ceil(doc.widthOfString(TIME_SAMPLE)) + 2 * PAD.x + 2;
    widths = [
      time,
      FIXED.user,
      FIXED.action,
      pageWidth - time - FIXED.user - FIXED.action - FIXED.ip,
      FIXED.ip,
    ];
    drawFooter();
    y = MARGIN.top;
    if (pageNumber === 1) drawTitleBlock();
    else {
      doc.font('bold').fontSize(9).fillColor(COLOR.muted);
      doc.text(heading.title, MARGIN.left, y, { width: pageWidth, height: 11, ellipsis: true });
      y += 16;
    }
    drawHeaderRow();
  }

  function drawFooter(): void {
    const footerY = doc.page.height - MARGIN.bottom + 16;
    doc.font('regular').fontSize(7.5).fillColor(COLOR.muted);
    total ??= createPageTotal(doc);
    const pageText = heading.labels.pageOf(pageNumber);
    doc.text(pageText, MARGIN.left, footerY, { lineBreak: false });
    total.place({ x: MARGIN.left + doc.widthOfString(pageText), y: footerY });
    const right = `${heading.title} · ${heading.generated}`;
    const rightWidth = Math.min(doc.widthOfString(right), pageWidth * 0.7);
    doc.text(right, MARGIN.left + pageWidth - rightWidth, footerY, {
      width: rightWidth + 1,
      height: 9,
      ellipsis: true,
    });
  }

  function drawTitleBlock(): void {
    doc.font('bold').fontSize(16).fillColor(COLOR.text);
    doc.text(heading.title, MARGIN.left, y, { width: pageWidth });
    y = doc.y + 6;
    const { labels } = heading;
    const lines: [string, string][] = [
      heading.selection === undefined
        ? [labels.filters, heading.filters.trim() || labels.noFilters]
        : [labels.selection, labels.selected(heading.selection)],
      [labels.timeZone, heading.timeZone],
      [labels.generated, heading.generated],
    ];
    for (const [label, value] of lines) {
      doc.font('bold').fontSize(9).fillColor(COLOR.muted);
      doc.text(`${label}: `, MARGIN.left, y, { continued: true });
      doc.font('regular').fillColor(COLOR.text).text(value, { width: pageWidth });
      y = doc.y + 2;
    }
    y += 8;
  }

  function drawHeaderRow(): void {
    const { columns } = heading.labels;
    const cells = [columns.time, columns.user, columns.action, columns.description, columns.ip];
    doc.font('bold').fontSize(TEXT.size);
    const height = rowHeight(cells);
    doc.rect(MARGIN.left, y, pageWidth, height).fill(COLOR.header);
    drawCells(cells, height);
    doc.moveTo(MARGIN.left, y + height).lineTo(MARGIN.left + pageWidth, y + height);
    doc.lineWidth(0.6).strokeColor(COLOR.rule).stroke();
    y += height;
    doc.font('regular');
  }

  function rowHeight(cells: readonly string[]): number {
    let tallest = 0;
    cells.forEach((cell, i) => {
      const width = (widths[i] ?? 0) - 2 * PAD.x;
      tallest = Math.max(
        tallest,
        doc.heightOfString(cell || ' ', { width, lineGap: TEXT.lineGap }),
      );
    });
    return tallest + 2 * PAD.y;
  }

  function drawCells(cells: readonly string[], height: number): void {
    doc.fillColor(COLOR.text);
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      if (cell) {
        doc.text(cell, x + PAD.x, y + PAD.y, {
          width: width - 2 * PAD.x,
          height: height - 2 * PAD.y,
          lineGap: TEXT.lineGap,
          ellipsis: true,
        });
      }
      x += width;
    });
  }

  return {
    addRow(row) {
      if (pageNumber === 0) startPage();
      doc.font('regular').fontSize(TEXT.size);
      let height = rowHeight(row);
      if (y + height > bottom && rowsOnPage > 0) {
        startPage();
        doc.font('regular').fontSize(TEXT.size);
      }
      // A row taller than a whole page is cut (with …) rather than split or left hanging.
      height = Math.min(height, bottom - y);
      if (rowIndex % 2 === 1) doc.rect(MARGIN.left, y, pageWidth, height).fill(COLOR.zebra);
      drawCells(row, height);
      y += height;
      rowIndex += 1;
      rowsOnPage += 1;
    },
    addNote(text) {
      if (pageNumber === 0) startPage();
      doc.font('regular').fontSize(9);
      const height = doc.heightOfString(text, { width: pageWidth }) + 8;
      if (y + height > bottom) startPage();
      doc.fillColor(COLOR.text).text(text, MARGIN.left, y + 8, { width: pageWidth });
      y += height;
    },
    finish() {
      if (pageNumber === 0) startPage();
      total?.end(pageNumber);
    },
  };
}
