import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 400, now: FIXTURE_NOW, names: 'en', seed: 21 });
const updates = events.filter((event) => event.kind === 'update');

/** Buttons the reader can see (a closed dialog's are not). */
const buttons = (root: ParentNode) =>
  [...root.querySelectorAll('button')].filter((b) => !b.closest('dialog:not([open])'));
const button = (root: ParentNode, name: RegExp) =>
  buttons(root).find((b) => name.test(b.textContent?.trim() ?? ''));
const tick = (container: HTMLElement, row: number) => {
  const box = bodyRows(container)[row]?.querySelector<HTMLInputElement>('input[type="checkbox"]');
  if (!box) throw new Error(`no row ${row}`);
  return act(async () => box.click());
};
const confirmDialog = (container: HTMLElement) =>
  container.querySelector<HTMLDialogElement>('dialog[role="alertdialog"]') as HTMLDialogElement;

describe('<ActivityLog> bulk delete', () => {
  it('offers no Delete while nothing is selected, even to a reader who may delete', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory(events) });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await settle(() => expect(button(container, /Export CSV/)).toBeDefined());
    expect(button(container, /Delete/)).toBeUndefined();
  });

  it('clears the selection when the filters change (no "1 selected" for a row no longer shown)', async () => {
    const changes: string[][] = [];
    const { container } = mountLog(
      <ActivityLog live={false} onSelectionChange={(ids) => changes.push(ids)} />,
      { source: memory(events) },
    );
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await tick(container, 0);
    expect(container.querySelector('.ak-log-bulk')?.textContent).toContain('1 selected');
    const keyword = container.querySelector<HTMLInputElement>(
      'input[placeholder="Search descriptions and names"]',
    ) as HTMLInputElement;
    await userEvent.fill(keyword, 'signed out');
    await userEvent.keyboard('{Enter}');
    await settle(() =>
      expect(container.querySelector('.ak-log-bulk')?.textContent).not.toContain('selected'),
    );
    expect(changes.at(-1)).toEqual([]);
  });

  it('deletes a selection only after its count is typed, and says how many went', async () => {
    const source = memory(events);
    const { container } = mountLog(<ActivityLog live={false} />, { source });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    const chosen = [0, 1, 2].map((i) => bodyRows(container)[i]?.getAttribute('data-event-id'));
    for (const i of [0, 1, 2]) await tick(container, i);
    await userEvent.click(button(container, /^Delete 3/) as HTMLElement);
    const dialog = confirmDialog(container);
    await settle(() => expect(dialog.open).toBe(true));
    expect(dialog.textContent).toContain('Delete 3 events?');
    const confirm = button(dialog, /^Delete 3 events$/) as HTMLButtonElement;
    const typed = dialog.querySelector('input') as HTMLInputElement;
    expect(typed.labels?.[0]?.textContent).toBe('Type 3 to confirm');
    expect(confirm.disabled).toBe(true);
    await userEvent.fill(typed, '4');
    expect(confirm.disabled).toBe(true);
    await userEvent.fill(typed, '3');
    expect(confirm.disabled).toBe(false);
    await userEvent.click(confirm);
    await settle(() => expect(container.textContent).toContain('3 events deleted'));
    const left = new Set(source.snapshot().map((event) => event.id));
    for (const id of chosen) expect(left.has(id as string)).toBe(false);
    expect(source.snapshot().filter((e) => e.action !== 'activity.bulk_deleted')).toHaveLength(397);
  });

  it('deletes everything the filters match only after an explicit "all N matching" choice', async () => {
    const source = memory(events);
    const { container } = mountLog(
      <ActivityLog live={false} pageSize={10} defaultFilters={{ kinds: ['update'] }} />,
      { source },
    );
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    // More pages exist: the log does not know how many match yet.
    expect(container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe('-1');
    await tick(container, 0);
    expect(button(container, /^Delete 1…/)).toBeDefined();
    await userEvent.click(button(container, /^Select all matching events$/) as HTMLElement);
    await settle(() =>
      expect(container.querySelector('.ak-log-bulk')?.textContent).toContain(
        `All ${updates.length} matching events are selected`,
      ),
    );
    await userEvent.click(
      button(container, new RegExp(`^Delete ${updates.length}…`)) as HTMLElement,
    );
    const dialog = confirmDialog(container);
    await settle(() => expect(dialog.open).toBe(true));
    await userEvent.fill(dialog.querySelector('input') as HTMLInputElement, String(updates.length));
    await userEvent.click(button(dialog, /^Delete \d+ events$/) as HTMLElement);
    await settle(() => expect(container.textContent).toContain(`${updates.length} events deleted`));
    const kinds = source.snapshot().map((event) => event.kind);
    expect(kinds).not.toContain('update');
    expect(kinds.length).toBe(events.length - updates.length + 1);
  });

  it('refuses "all matching" above 1,000 events instead of deleting blind', async () => {
    const many = generateActivityEvents({ count: 1200, now: FIXTURE_NOW, seed: 4 });
    const { container } = mountLog(<ActivityLog live={false} pageSize={200} />, {
      source: memory(many),
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await tick(container, 0);
    await userEvent.click(button(container, /^Select all matching events$/) as HTMLElement);
    await settle(() =>
      expect(container.querySelector('.ak-log-bulk')?.textContent).toContain(
        'More than 1,000 events match',
      ),
    );
    expect(button(container, /^Delete/)).toBeUndefined();
  });

  it('hides Delete for a read-only view (allowDelete={false})', async () => {
    const { container } = mountLog(<ActivityLog live={false} allowDelete={false} />, {
      source: memory(events),
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    await tick(container, 0);
    expect(container.querySelector('.ak-log-bulk')?.textContent).toContain('1 selected');
    expect(button(container, /Delete/)).toBeUndefined();
  });
});
