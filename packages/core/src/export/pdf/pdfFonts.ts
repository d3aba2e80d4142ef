import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** TrueType (or OpenType) fonts for a PDF export: file paths or the bytes of the files. */
export interface PdfFonts {
  regular: string | Buffer;
  bold: string | Buffer;
}

let bundled: PdfFonts | undefined;

/**
 * DejaVu Sans Condensed from the `dejavu-fonts-ttf` package: it covers Latin, Cyrillic, Greek and
 * the symbols descriptions use (`№`, `«»`, `→`), and its narrow width suits a table. The files are
 * read once per process; pdfkit embeds only the glyphs a document uses.
 * @internal
 */
export function bundledPdfFonts(): PdfFonts {
  if (!bundled) {
    const require = createRequire(import.meta.url);
    const load = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    bundled = {
      regular: load('DejaVuSansCondensed.ttf'),
      bold: load('DejaVuSansCondensed-Bold.ttf'),
    };
  }
  return bundled;
}
