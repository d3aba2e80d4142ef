import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const PEERS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/*',
  '@activitykit/schema',
  'zod',
];

/** An entry as an app's bundler ships it: minified, every export kept, dependencies external. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [new URL(`../${entry}`, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@activitykit/source'],
    external: PEERS,
    write: false,
    // Letters as they are (esbuild escapes them as \uXXXX by default).
    charset: 'utf8',
    logLevel: 'silent',
    loader: { '.css': 'empty' },
  });
  return result.outputFiles[0]?.text ?? '';
}

const CYRILLIC = /[\u0400-\u04ff]/;

describe('languages as entries', () => {
  it('ships no Russian in the main entry or the integrity entry: it is all in locales/ru', async () => {
    const [main, integrity, ru] = await Promise.all([
      bundle('index.ts'),
      bundle('integrity.ts'),
      bundle('locales/ru.ts'),
    ]);
    expect(main.match(new RegExp(CYRILLIC, 'g')) ?? []).toEqual([]);
    expect(integrity.match(new RegExp(CYRILLIC, 'g')) ?? []).toEqual([]);
    expect(ru).toContain('Журнал событий');
    expect(ru).toContain('Последняя контрольная точка');
  });
});
