import { describe, expect, it } from 'vitest';
import { createLineChunker, EXPORT_CHUNK_BYTES } from './chunks.ts';

function chunk(lines: string[]): Buffer[] {
  const chunker = createLineChunker();
  return [...lines.flatMap((line) => chunker.push(line)), ...chunker.end()];
}

describe('createLineChunker', () => {
  it('encodes every line as UTF-8, in order, in chunks of at most 64 KiB', () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      i % 3 === 0
        ? `row ${i}, plain\r\n`
        : i % 3 === 1
          ? `строка ${i} «№»\r\n`
          : `😀 ${i} 中文\r\n`,
    );
    const chunks = chunk(lines);
    expect(Buffer.concat(chunks).equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(EXPORT_CHUNK_BYTES);
  });

  it('passes a line longer than a chunk through whole, between its neighbours', () => {
    const huge = `${'ж'.repeat(EXPORT_CHUNK_BYTES)}\n`;
    const lines = ['a\n', huge, 'b\n'];
    const chunks = chunk(lines);
    expect(chunks.map((chunk) => chunk.toString('utf8'))).toEqual(lines);
  });

  it('gives nothing for no lines', () => {
    expect(chunk([])).toEqual([]);
  });
});
