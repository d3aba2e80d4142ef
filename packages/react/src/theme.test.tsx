import axe from 'axe-core';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { ActivityProvider } from './data/ActivityProvider.tsx';
import { ActivityLog } from './log/ActivityLog.tsx';
import { generateActivityEvents } from './log/fixtures.ts';
import { createMemorySource } from './memory.ts';
import { contrast, luminance, parseColor } from './test/contrast.ts';
import { customerHistory, FIXTURE_NOW } from './test/fixtures.ts';
import { CustomerTimeline } from './timeline/CustomerTimeline.tsx';
import './index.css';

declare module 'vitest/browser' {
  interface BrowserCommands {
    setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  }
}

const TEXT = ['text', 'text-muted', 'accent', 'danger', 'success', 'warning', 'system'];
const BACKGROUNDS = ['bg', 'surface', 'surface-2'];
/** Every text / background pair the skin draws, beyond TEXT × BACKGROUNDS. */
const PAIRS: [string, string][] = [
  ['text', 'hover'],
  ['text', 'selected'],
  ['text-muted', 'hover'],
  ['text-muted', 'selected'],
  ['accent', 'hover'],
  ['accent', 'selected'],
  ['accent', 'accent-soft'],
  ['danger', 'danger-soft'],
  ['success', 'success-soft'],
  ['warning', 'warning-soft'],
  ['system', 'system-soft'],
  ['accent-contrast', 'accent'],
  ['accent-contrast', 'accent-hover'],
];
/** Controls, the focus ring and chart marks: 3:1 (WCAG 1.4.11). */
const NON_TEXT = [
  'border-strong',
  'focus',
  'accent',
  ...[1, 2, 3, 4, 5, 6].map((n) => `chart-${n}`),
];

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await commands.setColorScheme('light');
});

/** The computed value of `--ak-color-<name>` (or `--ak-<name>`) as a colour inside `scope`. */
function tokenColor(scope: HTMLElement, name: string): string {
  const probe = document.createElement('span');
  const property = name.startsWith('chart-') ? `--ak-${name}` : `--ak-color-${name}`;
  probe.style.color = `var(${property})`;
  scope.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  expect(parseColor(color).alpha, property).toBe(1);
  return color;
}

function host(setup: (html: HTMLElement, frame: HTMLElement) => void): HTMLElement {
  const frame = document.createElement('div');
  document.body.append(frame);
  const html = document.documentElement;
  setup(html, frame);
  cleanups.push(() => {
    frame.remove();
    html.removeAttribute('data-ak-theme');
    html.style.colorScheme = '';
    document.body.style.background = '';
    document.body.style.color = '';
  });
  return frame;
}

const events = generateActivityEvents({ count: 120, now: FIXTURE_NOW, names: 'en', seed: 3 });

async function renderKit(frame: HTMLElement) {
  const root = createRoot(frame);
  const source = createMemorySource({
    events: [...events, ...customerHistory()],
    now: () => FIXTURE_NOW,
    permissions: { actor: { id: 'u-anna', name: 'Anna Petrova' } },
  });
  act(() =>
    root.render(
      <ActivityProvider source={source} timeZone="UTC" now={() => FIXTURE_NOW}>
        <ActivityLog style={{ height: '600px' }} live={false} />
        <CustomerTimeline record="customer:42" recordLabel="Olivia Martin" />
      </ActivityProvider>,
    ),
  );
  cleanups.unshift(() => act(() => root.unmount()));
  await expect
    .poll(() => frame.querySelectorAll('tbody tr[data-event-id]').length)
    .toBeGreaterThan(3);
  await expect.poll(() => frame.querySelectorAll('.ak-timeline__event').length).toBeGreaterThan(3);
}

async function axeViolations(frame: HTMLElement) {
  const result = await axe.run(frame, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.failureSummary}`);
}

/** Whether an element paints an opaque dark background of its own. */
function isDark(element: Element): boolean {
  const background = getComputedStyle(element).backgroundColor;
  return parseColor(background).alpha === 1 && luminance(background) < 0.05;
}

describe('theme', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`keeps every text / background pair of the ${theme} theme at 4.5:1 and controls at 3:1`, () => {
      const scope = host((_html, frame) => frame.setAttribute('data-ak-theme', theme));
      const failures: string[] = [];
      const check = (fg: string, bg: string, min: number) => {
        const ratio = contrast(tokenColor(scope, fg), tokenColor(scope, bg));
        if (ratio < min) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
      };
      for (const fg of TEXT) for (const bg of BACKGROUNDS) check(fg, bg, 4.5);
      for (const [fg, bg] of PAIRS) check(fg, bg, 4.5);
      for (const mark of NON_TEXT) for (const bg of ['bg', 'surface']) check(mark, bg, 3);
      expect(failures).toEqual([]);
    });
  }

  it('turns dark when the host sets data-ak-theme="dark" on <html>, and passes axe', async () => {
    const frame = host((html) => html.setAttribute('data-ak-theme', 'dark'));
    await renderKit(frame);
    expect(isDark(frame.querySelector('.ak-log') as Element)).toBe(true);
    expect(isDark(frame.querySelector('.ak-timeline') as Element)).toBe(true);
    expect(await axeViolations(frame)).toEqual([]);
  });

  it('follows prefers-color-scheme with data-ak-theme="system"', async () => {
    await commands.setColorScheme('dark');
    const frame = host((html) => html.setAttribute('data-ak-theme', 'system'));
    await renderKit(frame);
    expect(isDark(frame.querySelector('.ak-log') as Element)).toBe(true);
    expect(await axeViolations(frame)).toEqual([]);
    await commands.setColorScheme('light');
    expect(isDark(frame.querySelector('.ak-log') as Element)).toBe(false);
    expect(
      luminance(getComputedStyle(frame.querySelector('.ak-log') as Element).backgroundColor),
    ).toBe(1);
  });

  it('gives the system theme, when the reader prefers dark, exactly the dark palette', async () => {
    await commands.setColorScheme('dark');
    const dark = host((_html, frame) => frame.setAttribute('data-ak-theme', 'dark'));
    const system = host((_html, frame) => frame.setAttribute('data-ak-theme', 'system'));
    const every = [...new Set([...TEXT, ...BACKGROUNDS, ...PAIRS.flat(), ...NON_TEXT])];
    const palette = (scope: HTMLElement) =>
      every.map((name) => `${name} ${tokenColor(scope, name)}`);
    expect(palette(system)).toEqual(palette(dark));
    await commands.setColorScheme('light');
    expect(palette(system)).not.toEqual(palette(dark));
  });

  it('stays readable on a dark page that declares no colour scheme (it paints its own background)', async () => {
    const frame = host(() => {
      document.body.style.background = '#121418';
      document.body.style.color = '#e8eaed';
    });
    await renderKit(frame);
    expect(
      luminance(getComputedStyle(frame.querySelector('.ak-log') as Element).backgroundColor),
    ).toBe(1);
    expect(await axeViolations(frame)).toEqual([]);
  });
});
