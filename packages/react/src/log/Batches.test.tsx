import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents, withBatch } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = withBatch(generateActivityEvents({ count: 60, now: FIXTURE_NOW, names: 'en' }));
const batchRow = (container: HTMLElement) =>
  container.querySelector<HTMLTableRowElement>('tr.ak-log-batch') as HTMLTableRowElement;
const inBatch = (container: HTMLElement) => bodyRows(container).filter((row) => row.dataset.batch);

describe('<ActivityLog> batches', () => {
  it('shows one action that changed 12 records as one row, with who, what and how many', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events) });
    await settle(() => expect(batchRow(container)).toBeTruthy());
    const row = batchRow(container);
    expect(row.textContent).toContain('Olga Petrova: Archived 12 inactive customers');
    expect(row.textContent).toContain('12 records');
    expect(row.getAttribute('data-open')).toBe('false');
    expect(row.getAttribute('aria-rowindex')).toBe('3');
    // 73 events in 61 rows (the batch's 13 are one), and the header row.
    const grid = container.querySelector('[role="grid"]');
    expect(grid?.getAttribute('aria-rowcount')).toBe('62');
    expect(inBatch(container)).toHaveLength(0);
    // Its cell spans the columns after the checkbox's: the row is as tall as the others.
    const other = bodyRows(container)[0] as HTMLElement;
    expect(row.getBoundingClientRect().height).toBe(other.getBoundingClientRect().height);
  });

  it('opens and closes from the keyboard: Enter, → and ←, and ← on an event goes back to its batch', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events) });
    await settle(() => expect(batchRow(container)).toBeTruthy());
    const first = bodyRows(container)[0] as HTMLElement;
    await userEvent.click(first.querySelector('[data-column="id"]') as HTMLElement);
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(batchRow(container));

    await userEvent.keyboard('{Enter}');
    await settle(() => expect(inBatch(container)).toHaveLength(13));
    expect(batchRow(container).getAttribute('data-open')).toBe('true');
    expect(inBatch(container).map((row) => row.getAttribute('aria-rowindex'))).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 4)),
    );
    expect(container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('75');

    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const member = inBatch(container)[1] as HTMLElement;
    expect(document.activeElement).toBe(member);
    // Enter on an event still opens it; Space selects it.
    await userEvent.keyboard(' ');
    expect(member.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(batchRow(container));
    await userEvent.keyboard('{ArrowLeft}');
    await settle(() => expect(inBatch(container)).toHaveLength(0));
    await userEvent.keyboard('{ArrowRight}');
    await settle(() => expect(inBatch(container)).toHaveLength(13));
    expect(document.activeElement).toBe(batchRow(container));
  });

  it('mirrors → and ← right to left', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events) });
    container.dir = 'rtl';
    await settle(() => expect(batchRow(container)).toBeTruthy());
    await userEvent.click(
      batchRow(container).querySelector('.ak-log-batch-summary') as HTMLElement,
    );
    expect(document.activeElement).toBe(batchRow(container));
    await userEvent.keyboard('{ArrowLeft}');
    await settle(() => expect(inBatch(container)).toHaveLength(13));
    await userEvent.keyboard('{ArrowRight}');
    await settle(() => expect(inBatch(container)).toHaveLength(0));
  });

  it('opens by its button, whose name says what it does', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events) });
    await settle(() => expect(batchRow(container)).toBeTruthy());
    const button = batchRow(container).querySelector('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).toBe('Show the 12 records of this action');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(button);
    await settle(() => expect(inBatch(container)).toHaveLength(13));
    expect(button.getAttribute('aria-label')).toBe('Hide the 12 records of this action');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(inBatch(container)[1]?.textContent).toContain('customer.updated');
    await userEvent.click(button);
    await settle(() => expect(inBatch(container)).toHaveLength(0));
  });

  it('keeps the list virtual: an open batch deep in 3000 events scrolls into view with few rows in the DOM', async () => {
    const many = generateActivityEvents({ count: 3000, now: FIXTURE_NOW, seed: 9 });
    const deep = [...many.slice(0, 1500), ...withBatch(many.slice(1500), 200)];
    const { container } = mountLog(<ActivityLog pageSize={200} live={false} />, {
      source: memory(deep),
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    const scroller = container.querySelector('.ak-log-scroll') as HTMLElement;
    const height = (bodyRows(container)[0] as HTMLElement).getBoundingClientRect().height;
    // Pages load as the end comes into view; the batch is row 1500.
    for (let i = 0; i < 40 && !batchRow(container); i++) {
      scroller.scrollTop = Math.min(scroller.scrollHeight, 1495 * height);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await settle(() => expect(batchRow(container)).toBeTruthy());
    const at = Number(batchRow(container).dataset.index);
    scroller.scrollTop = (at - 2) * height;
    await settle(() => expect(batchRow(container)?.getBoundingClientRect().top).toBeGreaterThan(0));
    // A DOM click: rows are re-positioned while further pages load, which a pointer click waits out.
    act(() => (batchRow(container).querySelector('button') as HTMLElement).click());
    await settle(() => expect(inBatch(container).length).toBeGreaterThan(0));
    expect(container.querySelectorAll('tbody tr').length).toBeLessThan(60);
    // Scrolling through the open batch shows its later events, still few rows at a time.
    scroller.scrollTop = (at + 150) * height;
    await settle(() =>
      expect(
        inBatch(container).some((row) => Number(row.getAttribute('aria-rowindex')) > at + 100),
      ).toBe(true),
    );
    expect(container.querySelectorAll('tbody tr').length).toBeLessThan(60);
  });
});
