import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));

async function stylesheets(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) found.push(...(await stylesheets(path)));
    else if (item.name.endsWith('.css')) found.push(path);
  }
  return found;
}

describe('the stylesheets', () => {
  // An app's bundler (Vite's lightningcss, postcss-preset-env) lowers light-dark() for older
  // browsers into `var(--lightningcss-light, a) var(--lightningcss-dark, b)`; in a token declared
  // on :root that is resolved on :root, where no theme is set, and every colour of the kit came
  // out invalid (black text, no borders) in Storybook's production build.
  it('use no light-dark(), which bundlers lower into values resolved on :root', async () => {
    const offenders: string[] = [];
    for (const file of await stylesheets(src)) {
      const css = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '');
      if (css.includes('light-dark(')) offenders.push(file.slice(src.length));
    }
    expect(offenders).toEqual([]);
  });
});
