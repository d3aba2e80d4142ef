import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ActivitySourceError } from '../data/source.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 400, now: FIXTURE_NOW, names: 'en' });

describe('<ActivityLog>', () => {
  it('drives rows from the keyboard: / search, arrows, Space selects, Enter opens, Esc closes', async () => {
    const { container } = mountLog(<ActivityLog />, { source: memory(events) });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await userEvent.keyboard('/');
    expect(document.activeElement).toBe(container.querySelector('input[type="search"]'));

    const first = bodyRows(container)[0] as HTMLElement;
    await userEvent.click(first.querySelector('[data-column="id"]') as HTMLElement);
    expect(document.activeElement).toBe(first);
    await userEvent.keyboard('{ArrowDown}');
    const second = bodyRows(container)[1] as HTMLElement;
    expect(document.activeElement).toBe(second);
    expect(second.tabIndex).toBe(0);
    expect(first.tabIndex).toBe(-1);

    await userEvent.keyboard(' ');
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(container.textContent).toContain('1 selected');

    await userEvent.keyboard('{Enter}');
    const dialog = container.querySelector<HTMLDialogElement>(
      'dialog.ak-log-drawer',
    ) as HTMLDialogElement;
    await settle(() => expect(dialog.open).toBe(true));
    expect(dialog.textContent).toContain(second.getAttribute('data-event-id'));
    await userEvent.keyboard('{Escape}');
    await settle(() => expect(dialog.open).toBe(false));
    expect(document.activeElement).toBe(second);
  });

  it('keeps only the visible rows in the DOM and numbers them for assistive tech', async () => {
    const many = generateActivityEvents({ count: 3000, now: FIXTURE_NOW, seed: 5 });
    const { container } = mountLog(<ActivityLog pageSize={200} live={false} />, {
      source: memory(many),
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    const scroller = container.querySelector('.ak-log-scroll') as HTMLElement;
    // Scrolling to the end loads the next pages as they come into view.
    for (let i = 0; i < 30 && container.querySelector('[aria-rowcount="-1"]'); i++) {
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await settle(() =>
      expect(container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('3001'),
    );
    scroller.scrollTop = scroller.scrollHeight;
    await settle(() => {
      const indexes = bodyRows(container).map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.max(...indexes)).toBe(3001);
    });
    expect(bodyRows(container).length).toBeLessThan(40);
  });

  it('re-renders only the toggled row when the selection changes', async () => {
    let clockCalls = 0;
    const now = () => {
      clockCalls++;
      return FIXTURE_NOW;
    };
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events), now });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = clockCalls;
    const checkbox = bodyRows(container)[3]?.querySelector(
      'input[type="checkbox"]',
    ) as HTMLInputElement;
    await act(async () => checkbox.click());
    expect(checkbox.checked).toBe(true);
    // Each row asks the clock once per render (its relative time): one row re-rendered.
    expect(clockCalls - before).toBeLessThanOrEqual(2);
  });

  it('offers Restore only on deletes the app and the reader allow', async () => {
    const deleted = events.find((event) => event.action === 'customer.deleted');
    const order = events.find((event) => event.action === 'order.deleted');
    if (!deleted || !order) throw new Error('fixtures lack deletes');
    const canRestore = (event: { subject?: { type: string } }) => event.subject?.type !== 'order';
    const source = memory(events);
    const { container, rerender } = mountLog(
      <ActivityLog openEventId={order.id} canRestore={canRestore} />,
      { source },
    );
    await settle(() =>
      expect(container.querySelector<HTMLDialogElement>('dialog.ak-log-drawer')?.open).toBe(true),
    );
    await settle(() =>
      expect(
        container.querySelector<HTMLDialogElement>('dialog.ak-log-drawer')?.textContent,
      ).toContain('Related records'),
    );
    expect(
      container.querySelector<HTMLDialogElement>('dialog.ak-log-drawer')?.textContent,
    ).not.toContain('Restore');
    rerender(<ActivityLog openEventId={deleted.id} canRestore={canRestore} />);
    const restore = await settleButton(container, 'Restore');
    await userEvent.click(restore);
    // It asks first (src/log/RestoreConfirm.test.tsx): confirm in the dialog.
    const confirm = container.querySelector('dialog[role="alertdialog"]') as HTMLDialogElement;
    await settle(() => expect(confirm.open).toBe(true));
    const confirmButton = [...confirm.querySelectorAll('button')].find(
      (button) => button.textContent === 'Restore',
    ) as HTMLButtonElement;
    await userEvent.click(confirmButton);
    await settle(() =>
      expect(
        container.querySelector<HTMLDialogElement>('dialog.ak-log-drawer')?.textContent,
      ).toContain('Restored'),
    );
    expect(source.snapshot().some((event) => event.action === 'customer.restored')).toBe(true);
  });

  it('offers a retry instead of looping when a further page fails', async () => {
    const source = memory(events);
    let failures = 0;
    const flaky = {
      ...source,
      list: (
        query: Parameters<typeof source.list>[0],
        options?: Parameters<typeof source.list>[1],
      ) => {
        if (query.cursor && failures < 1) {
          failures++;
          return Promise.reject(new ActivitySourceError('INVALID_INPUT', 'cursor rejected'));
        }
        return source.list(query, options);
      },
    };
    const { container } = mountLog(<ActivityLog pageSize={50} live={false} />, { source: flaky });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    const scroller = container.querySelector('.ak-log-scroll') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    const retry = await settleButton(container, 'Try again');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(failures).toBe(1);
    await userEvent.click(retry);
    await settle(() =>
      expect(container.querySelector('.ak-log-footer')?.textContent).not.toContain('Try again'),
    );
    await settle(() =>
      expect(Number(bodyRows(container).at(-1)?.getAttribute('aria-rowindex'))).toBeGreaterThan(51),
    );
  });

  it('shows the permission-denied state when the source refuses', async () => {
    const { container } = mountLog(<ActivityLog />, {
      source: memory(events, { error: 'FORBIDDEN' }),
    });
    await settle(() =>
      expect(container.textContent).toContain('You do not have access to the activity log.'),
    );
    expect(container.querySelector('[role="grid"]')).toBeNull();
  });
});

async function settleButton(container: HTMLElement, name: string): Promise<HTMLButtonElement> {
  let found: HTMLButtonElement | undefined;
  await settle(() => {
    found = [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
    expect(found).toBeDefined();
  });
  return found as HTMLButtonElement;
}
