// Concatenates the kit's stylesheets into dist/styles.css (`@activitykit/react/styles.css`):
// src/styles.css (tokens and base classes) first, then every component's own CSS in path order.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

async function cssFiles(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await cssFiles(path)));
    else if (entry.name.endsWith('.css')) found.push(path);
  }
  return found;
}

const base = join(src, 'styles.css');
const files = [base, ...(await cssFiles(src)).filter((file) => file !== base).sort()];
const parts = await Promise.all(
  files.map(async (file) => `/* ${relative(src, file)} */\n${await readFile(file, 'utf8')}`),
);
await mkdir(join(root, 'dist'), { recursive: true });
await writeFile(join(root, 'dist', 'styles.css'), parts.join('\n'));
process.stdout.write(`dist/styles.css: ${files.length} files\n`);
