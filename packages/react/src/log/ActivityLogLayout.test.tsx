import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ActivityProvider } from '../data/ActivityProvider.tsx';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 400, now: FIXTURE_NOW, names: 'en', seed: 21 });
const logouts = events.filter((event) => event.kind === 'logout');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await page.viewport(1280, 800);
});

/** Mounts `node` the way a host page would: in normal flow, below `above` px of other content. */
function mountInPage(node: ReactNode, options: { above?: number; width?: string } = {}) {
  const wrapper = document.createElement('main');
  wrapper.style.padding = '16px';
  if (options.width) wrapper.style.width = options.width;
  const header = document.createElement('header');
  header.style.height = `${options.above ?? 0}px`;
  const container = document.createElement('div');
  wrapper.append(header, container);
  document.body.style.margin = '0';
  document.body.append(wrapper);
  const root = createRoot(container);
  act(() =>
    root.render(
      <ActivityProvider source={memory(events)} timeZone="UTC" now={() => FIXTURE_NOW}>
        {node}
      </ActivityProvider>,
    ),
  );
  cleanups.push(() => {
    act(() => root.unmount());
    wrapper.remove();
  });
  return container;
}

const log = (container: HTMLElement) => container.querySelector('.ak-log') as HTMLElement;
const frame = (container: HTMLElement) => container.querySelector('.ak-log-frame') as HTMLElement;
const visible = (element: Element | null) =>
  !!element &&
  element.getClientRects().length > 0 &&
  getComputedStyle(element).visibility !== 'hidden';

describe('<ActivityLog> layout', () => {
  it('fills the height left in the window below it, and follows a resize', async () => {
    await page.viewport(1280, 800);
    const container = mountInPage(<ActivityLog live={false} />, { above: 120 });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    // 16 px padding + 120 px header above it, 16 px of padding under it: the rest is the log's.
    await settle(() =>
      expect(log(container).getBoundingClientRect().bottom).toBeCloseTo(800 - 16, -1),
    );
    await page.viewport(1280, 1000);
    await settle(() =>
      expect(log(container).getBoundingClientRect().bottom).toBeCloseTo(1000 - 16, -1),
    );
    // Rows fill the frame: more than 12 visible at 1000 px.
    const rows = bodyRows(container).filter(
      (row) =>
        row.getBoundingClientRect().bottom <= frame(container).getBoundingClientRect().bottom,
    );
    expect(rows.length).toBeGreaterThan(10);
  });

  it('takes the height it is given instead (height prop)', async () => {
    const container = mountInPage(<ActivityLog live={false} height={420} />, { above: 40 });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    expect(log(container).getBoundingClientRect().height).toBe(420);
  });

  it('shows how many events match: exact once all are loaded, "N+" while more exist', async () => {
    const container = mountInPage(
      <>
        <ActivityLog live={false} defaultFilters={{ kinds: ['logout'] }} height={500} />
        <ActivityLog live={false} pageSize={50} height={500} />
      </>,
    );
    await settle(() => {
      const counts = [...container.querySelectorAll('.ak-log-total')].map((n) => n.textContent);
      expect(counts[0]).toBe(`${logouts.length} events`);
      expect(counts[1]).toMatch(/^\d+\+ events$/);
    });
    const loaded = Number(
      container.querySelectorAll('.ak-log-total')[1]?.textContent?.match(/\d+/)?.[0],
    );
    expect(loaded).toBeGreaterThanOrEqual(50);
    expect(loaded).toBeLessThan(events.length);
  });

  it('lays rows out as cards in a narrow container (375 px): every field in view, no sideways scroll', async () => {
    await page.viewport(375, 812);
    const container = mountInPage(<ActivityLog live={false} />);
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    await settle(() => expect(log(container).dataset.layout).toBe('cards'));
    const scroller = container.querySelector('.ak-log-scroll') as HTMLElement;
    expect(scroller.scrollWidth).toBeLessThanOrEqual(scroller.clientWidth);
    const row = bodyRows(container)[0] as HTMLElement;
    const box = row.getBoundingClientRect();
    for (const column of ['user', 'description', 'time']) {
      const cell = row.querySelector(`[data-column="${column}"]`) as HTMLElement;
      const rect = cell.getBoundingClientRect();
      expect(rect.width, column).toBeGreaterThan(60);
      expect(rect.left, column).toBeGreaterThanOrEqual(box.left);
      expect(rect.right, column).toBeLessThanOrEqual(box.right + 0.5);
      expect(rect.bottom, column).toBeLessThanOrEqual(box.bottom + 0.5);
    }
    // The filters beyond the search fold away behind a toggle.
    const filterRow = container.querySelector('.ak-log-filter-row');
    expect(visible(filterRow)).toBe(false);
    const toggle = container.querySelector('.ak-log-filters-toggle') as HTMLButtonElement;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(toggle);
    expect(visible(filterRow)).toBe(true);
  });

  it('keeps most of a short window (200 % zoom: 640 × 400) for events', async () => {
    await page.viewport(640, 400);
    const container = mountInPage(<ActivityLog live={false} />);
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    const box = frame(container).getBoundingClientRect();
    expect(box.height).toBeGreaterThanOrEqual(400 * 0.75);
    const shown = bodyRows(container).filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.top >= box.top && rect.bottom <= box.bottom;
    });
    expect(shown.length).toBeGreaterThanOrEqual(4);
  });
});
