// Builds dist/styles.css (`@activitykit/react/styles.css`): the stylesheets src/index.css imports,
// inlined in its order. Refuses a stylesheet under src/ that index.css does not import.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const entry = join(src, 'index.css');

async function cssFiles(dir) {
  const found = [];
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) found.push(...(await cssFiles(path)));
    else if (item.name.endsWith('.css') && path !== entry) found.push(path);
  }
  return found;
}

const imports = [
  ...(await readFile(entry, 'utf8')).matchAll(/^@import ['"](\.\/[^'"]+\.css)['"];$/gm),
].map((match) => join(src, match[1]));
const forgotten = (await cssFiles(src)).filter((file) => !imports.includes(file));
if (forgotten.length > 0) {
  process.stderr.write(
    `build-css: import these in src/index.css: ${forgotten.map((f) => relative(src, f)).join(', ')}\n`,
  );
  process.exit(1);
}
const parts = await Promise.all(
  imports.map(async (file) => `/* ${relative(src, file)} */\n${await readFile(file, 'utf8')}`),
);
await mkdir(join(root, 'dist'), { recursive: true });
await writeFile(join(root, 'dist', 'styles.css'), parts.join('\n'));
process.stdout.write(`dist/styles.css: ${imports.length} files\n`);
