import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 400, now: FIXTURE_NOW, names: 'en' });
const deleted = events.find((event) => event.action === 'customer.deleted');
if (!deleted?.subject) throw new Error('the fixtures lack a deleted customer');
const canRestore = () => true;

const drawer = (container: HTMLElement) =>
  container.querySelector('dialog.ak-log-drawer') as HTMLDialogElement;
const confirm = (container: HTMLElement) =>
  drawer(container).querySelector('dialog[role="alertdialog"]') as HTMLDialogElement | null;
const restoredIn = (source: ReturnType<typeof memory>) =>
  source.snapshot().filter((event) => event.action === 'customer.restored');
const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((each) => each.textContent?.trim() === name);

describe('restore asks first', () => {
  it('restores nothing until the reader confirms in a dialog naming the record; Cancel and Escape keep the drawer open', async () => {
    const source = memory(events);
    const { container } = mountLog(
      <ActivityLog defaultOpenEventId={deleted.id} canRestore={canRestore} />,
      { source },
    );
    await settle(() => expect(button(drawer(container), 'Restore')).toBeDefined());
    await userEvent.click(button(drawer(container), 'Restore') as HTMLButtonElement);

    // The dialog is open, named for the record, its focus on Cancel; nothing restored yet.
    await settle(() => expect(confirm(container)?.open).toBe(true));
    const dialog = confirm(container) as HTMLDialogElement;
    const title = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe(`Restore ${deleted.subject?.label ?? ''}?`);
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(restoredIn(source)).toEqual([]);

    // Cancel: the dialog closes, the drawer stays, still nothing restored.
    await userEvent.click(button(dialog, 'Cancel') as HTMLButtonElement);
    await settle(() => expect(dialog.open).toBe(false));
    expect(drawer(container).open).toBe(true);
    // Escape closes only the dialog too.
    await userEvent.click(button(drawer(container), 'Restore') as HTMLButtonElement);
    await settle(() => expect(dialog.open).toBe(true));
    await userEvent.keyboard('{Escape}');
    await settle(() => expect(dialog.open).toBe(false));
    expect(drawer(container).open).toBe(true);
    expect(restoredIn(source)).toEqual([]);

    // Confirmed: restored once, and the drawer's button says so.
    await userEvent.click(button(drawer(container), 'Restore') as HTMLButtonElement);
    await settle(() => expect(dialog.open).toBe(true));
    await userEvent.click(button(dialog, 'Restore') as HTMLButtonElement);
    await settle(() => expect(button(drawer(container), 'Restored')?.disabled).toBe(true));
    expect(dialog.open).toBe(false);
    expect(drawer(container).open).toBe(true);
    expect(restoredIn(source)).toHaveLength(1);
  });
});
