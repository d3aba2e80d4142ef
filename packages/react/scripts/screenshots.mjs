// Screenshots of built stories (docs/storybook, `pnpm build-storybook`) in system Chromium, for the README and for
// reviewing the look:
//   node scripts/screenshots.mjs <out-dir> <story-id>[@theme:dark;locale:ru][#390x844][!2] …
// `#WxH` is the window in device pixels (default 1100×900, whole page), `!2` the zoom (200 %: a
// 1280×800 window at zoom 2 lays out in 640×400 CSS px, as a browser zoomed to 200 % does).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@activitykit/test-utils/chromium';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../docs/storybook', import.meta.url));
const [outDir = '/tmp/shots', ...stories] = process.argv.slice(2);
const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const server = createServer(async (req, res) => {
  const path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = (await stat(path).catch(() => null))?.isDirectory()
    ? join(path, 'index.html')
    : path;
  if (!(await stat(file).catch(() => null))) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch(chromiumLaunchOptions());
for (const spec of stories) {
  const match = spec.match(/^([^@#!]+)(?:@([^#!]*))?(?:#(\d+)x(\d+))?(?:!(\d+(?:\.\d+)?))?$/);
  if (!match) throw new Error(`Not a story spec: ${spec}`);
  const [, id, globals = '', width, height, zoom = '1'] = match;
  const scale = Number(zoom);
  const page = await browser.newPage({
    viewport: {
      width: Math.round(Number(width ?? 1100) / scale),
      height: Math.round(Number(height ?? 900) / scale),
    },
    deviceScaleFactor: scale,
  });
  const name = spec.replaceAll(/[@#!;:]+/g, '--');
  await page.goto(
    `http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story${globals ? `&globals=${globals}` : ''}`,
  );
  await page.waitForSelector('#storybook-root > *', { timeout: 15_000 });
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: !width });
  process.stdout.write(`${join(outDir, `${name}.png`)}\n`);
  await page.close();
}
await browser.close();
server.close();
