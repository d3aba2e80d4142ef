import { describe, expect, it } from 'vitest';
import { formatCsvLine, neutralizeCsvCell } from './csvLine.ts';

describe('formatCsvLine', () => {
  it('joins plain cells with commas and ends the record with CRLF', () => {
    expect(formatCsvLine(['a', 'b c', ''])).toBe('a,b c,\r\n');
  });

  it('quotes cells with a comma, a quote, a CR or an LF and doubles their quotes', () => {
    expect(formatCsvLine(['Smith, Bob', 'said "hi"', 'two\nlines', 'cr\rhere', 'crlf\r\n'])).toBe(
      '"Smith, Bob","said ""hi""","two\nlines","cr\rhere","crlf\r\n"\r\n',
    );
  });

  it('keeps Cyrillic and other non-ASCII text as it is', () => {
    expect(formatCsvLine(['Алиса Смирнова', 'заказ №42', '→'])).toBe(
      'Алиса Смирнова,заказ №42,→\r\n',
    );
  });

  it('neutralises formula-like cells, then quotes them when needed', () => {
    expect(formatCsvLine(['=HYPERLINK("http://evil.test","x")', '+1', '@SUM(A1)', '=1,2'])).toBe(
      `"'=HYPERLINK(""http://evil.test"",""x"")",'+1,'@SUM(A1),"'=1,2"\r\n`,
    );
  });

  it('leaves formula-like cells alone when asked to', () => {
    expect(formatCsvLine(['=1+1', '@x'], { neutralizeFormulas: false })).toBe('=1+1,@x\r\n');
  });
});

describe('neutralizeCsvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1+1', "'-1+1"],
    ['-A1', "'-A1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', "'-"],
  ])('prefixes %j with a quote', (cell, safe) => {
    expect(neutralizeCsvCell(cell)).toBe(safe);
  });

  it.each(['-5', '-0.25', '-1234567', 'Alice', '10.0.0.7', '', ' =1', 'a=b'])(
    'keeps %j as it is',
    (cell) => {
      expect(neutralizeCsvCell(cell)).toBe(cell);
    },
  );
});
