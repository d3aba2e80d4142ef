/** Options of {@link formatCsvLine}. */
export interface FormatCsvLineOptions {
  /**
   * Prefix cells a spreadsheet would run as a formula with `'` (see {@link neutralizeCsvCell}).
   * Defaults to `true`.
   */
  neutralizeFormulas?: boolean;
}

/** The characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain negative decimal, which a spreadsheet reads as a number, never as a formula. */
const NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;
/** What forces a field into quotes (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Guards one cell against spreadsheet formula injection (CSV injection, OWASP): a cell starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so `=HYPERLINK(…)`,
 * `+1` or `@SUM(…)` shows as text instead of running. A plain negative number such as `-5` or
 * `-0.25` is left as it is: spreadsheets read it as a number, and nothing in it can run. To read
 * such a file back, drop a leading `'` when the next character is one of those six.
 *
 * @example
 * ```ts
 * neutralizeCsvCell('=HYPERLINK("http://x.test","click")'); // `'=HYPERLINK("http://x.test","click")`
 * neutralizeCsvCell('@SUM(A1:A2)'); // "'@SUM(A1:A2)"
 * neutralizeCsvCell('-5'); // '-5'
 * neutralizeCsvCell('Alice'); // 'Alice'
 * ```
 */
export function neutralizeCsvCell(cell: string): string {
  return FORMULA_START.test(cell) && !NEGATIVE_NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * One CSV record as RFC 4180 has it: cells joined by commas, ended by CRLF; a cell holding a comma,
 * a double quote, a CR or an LF is put in double quotes with its quotes doubled. Formula-like cells
 * are neutralised first (see {@link neutralizeCsvCell}) unless `neutralizeFormulas` is `false`.
 *
 * @example
 * ```ts
 * formatCsvLine(['42', 'Smith, Bob', 'said "hi"', '=1+1']);
 * // '42,"Smith, Bob","said ""hi""",\'=1+1\r\n'
 * ```
 */
export function formatCsvLine(
  cells: readonly string[],
  options: FormatCsvLineOptions = {},
): string {
  const neutralize = options.neutralizeFormulas !== false;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    let cell = cells[i] ?? '';
    if (neutralize) cell = neutralizeCsvCell(cell);
    if (NEEDS_QUOTES.test(cell)) cell = `"${cell.replaceAll('"', '""')}"`;
    line += i === 0 ? cell : `,${cell}`;
  }
  return `${line}\r\n`;
}
