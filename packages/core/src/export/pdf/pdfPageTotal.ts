/**
 * The two places the PDF export reaches into pdfkit internals (`_font`, `_fontFamilies`,
 * `page.xobjects`, `ref`, `addContent`; all stable since pdfkit 0.8, and read back by the export
 * tests with pdftotext).
 *
 * "Page N of M" on pages written before M is known. Each page shows a form XObject whose content —
 * the total — is written once, at the end (a PDF may define an object after the pages that use
 * it). So pages stream out as they fill, and memory does not grow with their number.
 *
 * @internal
 * @module
 */
import type PDFDocument from 'pdfkit';

interface InternalFont {
  id: string;
  layoutCache?: Record<string, unknown>;
  ascender: number;
  encode(text: string): [string[], unknown[]];
  widthOfString(text: string, size: number): number;
  ref(): unknown;
}
interface InternalReference {
  data: Record<string, unknown>;
  end(chunk?: string): void;
}
interface InternalDocument {
  _font: InternalFont;
  _fontFamilies: Record<string, InternalFont>;
  _fontSize: number;
  page: { xobjects: Record<string, unknown> };
  ref(data: Record<string, unknown>): InternalReference;
  addContent(data: string): unknown;
}

const NAME = 'AKPageTotal';

/** A slot for the page total, shown in the current font and size of where it is placed. */
export interface PageTotal {
  /** Shows the total at `x` on the line of text whose top is `y`. */
  place(position: { x: number; y: number }): void;
  /** Writes the total; call it once, before `doc.end()`. */
  end(total: number): void;
}

/** A page-total slot in the document's current font and size (set them first). */
export function createPageTotal(document: typeof PDFDocument.prototype): PageTotal {
  const doc = document as unknown as InternalDocument;
  const font = doc._font;
  const size = doc._fontSize;
  const form = doc.ref({
    Type: 'XObject',
    Subtype: 'Form',
    Resources: { Font: { [font.id]: font.ref() } },
  });
  return {
    place({ x, y }) {
      doc.page.xobjects[NAME] = form;
      const baseline = y + (font.ascender / 1000) * size;
      document.save();
      document.transform(1, 0, 0, -1, x, baseline);
      doc.addContent(`/${NAME} Do`);
      document.restore();
    },
    end(total) {
      const text = String(total);
      const [glyphs] = font.encode(text);
      const width = font.widthOfString(text, size);
      form.data.BBox = [0, -size, Math.ceil(width) + 1, size * 2];
      form.end(`BT /${font.id} ${size} Tf 0 0 Td <${glyphs.join('')}> Tj ET`);
    },
  };
}

/**
 * Empties the word-layout caches of the document's fonts. pdfkit keeps every distinct word it has
 * laid out (ids, times and IPs are all distinct), so on a long export the cache would grow with
 * the row count; cleared at each page, it still serves the words a page repeats.
 */
export function clearFontLayoutCaches(document: typeof PDFDocument.prototype): void {
  const fonts = (document as unknown as InternalDocument)._fontFamilies ?? {};
  for (const font of Object.values(fonts)) {
    if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
  }
}
