/// <reference lib="dom" />
/**
 * Scroll benchmark of <ActivityLog> (SPEC §10: "scrolls 100k rows without dropping frames").
 * Builds a page rendering the log over a memory source of 100 000 events with every page loaded,
 * opens it in headless Chromium and scrolls it programmatically, one fixed step per animation
 * frame, recording the interval between frames. Two scenarios per run:
 *   traverse — the whole list top to bottom in ~1500 frames (~1.7 viewports per frame: every
 *              visible row is new on every frame, the worst case);
 *   wheel    — 100 px per frame (a brisk wheel / trackpad scroll) for 400 frames at the top, the
 *              middle and the end of the list.
 * Reports p50 / p95 / p99 / max frame interval and frames over 16.7 / 33.4 ms, as medians of the
 * runs. An `idle` scenario (no scrolling) gives the machine's noise floor. Usage (from bench/): pnpm react-scroll [--runs 3] [--events 100000] [--frames 1500] [--no-build]
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumLaunchOptions } from '@activitykit/test-utils/chromium';
import { chromium } from 'playwright-core';
import { buildPage } from './build.ts';
import { type FrameStats, frameStats, medianStats, scrollInPage } from './measure.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    events: { type: 'string', default: '100000' },
    frames: { type: 'string', default: '1500' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const events = Number(values.events);
const traverseFrames = Number(values.frames);
const here = dirname(fileURLToPath(import.meta.url));
const dist = values['no-build'] ? join(here, 'dist') : await buildPage();

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};
const server = createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  try {
    const file = join(dist, path === '/' ? 'index.html' : path);
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

const browser = await chromium.launch(chromiumLaunchOptions());

const scenarios = {
  // No scrolling: the frame intervals of the page at rest — the machine's noise floor.
  idle: [{ startFraction: 0, frames: 300, step: -1 }],
  traverse: [{ startFraction: 0, frames: traverseFrames, step: 0 }],
  wheel: [0, 0.5, 0.995].map((startFraction) => ({ startFraction, frames: 400, step: 100 })),
};
const results: Record<keyof typeof scenarios, FrameStats[]> = { idle: [], traverse: [], wheel: [] };
let maxRows = 0;
let lastRowIndex = 0;

for (let run = 1; run <= runs; run++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${port}/?events=${events}`);
  await page.waitForFunction(
    (count) =>
      document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') ===
        String(count + 1) && (document.querySelector('tbody')?.childElementCount ?? 0) > 5,
    events,
    { timeout: 120_000 },
  );
  const setup = await page.evaluate(
    () => (window as unknown as { __bench?: { generatedMs: number; renderedMs?: number } }).__bench,
  );
  await page.waitForTimeout(1000);
  for (const [name, plans] of Object.entries(scenarios) as [
    keyof typeof scenarios,
    typeof scenarios.traverse,
  ][]) {
    const deltas: number[] = [];
    for (const plan of plans) {
      const step =
        plan.step < 0
          ? 0
          : plan.step ||
            (await page.evaluate((frames) => {
              const scroller = document.querySelector('.ak-log-scroll') as HTMLElement;
              return (scroller.scrollHeight - scroller.clientHeight) / frames;
            }, traverseFrames));
      const sample = await page.evaluate(scrollInPage, { ...plan, step });
      deltas.push(...sample.deltas);
      maxRows = Math.max(maxRows, sample.maxRows);
      if (name === 'traverse') lastRowIndex = Math.max(lastRowIndex, sample.lastRowIndex);
    }
    const stats = frameStats(deltas);
    results[name].push(stats);
    print(`run ${run} ${name}: ${format(stats)}`);
  }
  print(
    `run ${run}: generated ${events} events in ${setup?.generatedMs.toFixed(0)} ms, first render at ${setup?.renderedMs?.toFixed(0)} ms`,
  );
  await page.close();
}
await browser.close();
server.close();

print(
  `\n<ActivityLog> scroll, ${events} loaded rows, ${runs} runs (medians), headless Chromium, 1280×800:`,
);
for (const name of Object.keys(results) as (keyof typeof results)[]) {
  print(`  ${name.padEnd(8)} ${format(medianStats(results[name]))}`);
}
print(`  most <tr> in the DOM at once: ${maxRows}; traverse reached aria-rowindex ${lastRowIndex}`);

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function format(stats: FrameStats): string {
  const ms = (value: number) => value.toFixed(1);
  return (
    `${stats.frames} frames, p50 ${ms(stats.p50)} ms, p95 ${ms(stats.p95)} ms, p99 ${ms(stats.p99)} ms, ` +
    `max ${ms(stats.max)} ms, >16.7 ms: ${stats.over16}, >33.4 ms: ${stats.over33}`
  );
}
