import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { IntegrityPanel } from '../integrity.ts';
import {
  DELETED_EVENT,
  integrityStory,
  SEALED_LOG,
  TAMPERED_REPORT,
  UNSEALED,
} from './fixtures.ts';

const meta = {
  title: 'Components/ActivityLog/Integrity',
  component: ActivityLog,
  args: { live: false, integrity: IntegrityPanel },
  parameters: integrityStory({
    events: SEALED_LOG.filter((event) => event.id !== DELETED_EVENT.id),
    verify: () => TAMPERED_REPORT,
  }),
} satisfies Meta<typeof ActivityLog>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowOf = (canvasElement: HTMLElement, id: string) =>
  canvasElement.querySelector<HTMLElement>(`tr[data-event-id="${id}"]`);

/** Sealed rows carry a lock; the newest 9, newer than the last checkpoint, an open one. */
export const SealedAndUnsealedRows: Story = {
  play: async ({ canvasElement }) => {
    const grid = await within(canvasElement).findByRole('grid');
    await waitFor(() =>
      expect(within(grid).getAllByRole('img', { name: 'Sealed' }).length).toBeGreaterThan(0),
    );
    const newest = rowOf(canvasElement, SEALED_LOG[0]?.id ?? '') as HTMLElement;
    expect(within(newest).getByRole('img', { name: 'Not sealed yet' })).toBeVisible();
    const oldestUnsealed = rowOf(canvasElement, SEALED_LOG[UNSEALED - 1]?.id ?? '') as HTMLElement;
    expect(within(oldestUnsealed).getByRole('img', { name: 'Not sealed yet' })).toBeVisible();
    const newestSealed = rowOf(canvasElement, SEALED_LOG[UNSEALED]?.id ?? '') as HTMLElement;
    expect(within(newestSealed).getByRole('img', { name: 'Sealed' })).toBeVisible();
  },
};

/**
 * The toolbar's "Integrity" (`integrity={IntegrityPanel}`) opens the panel above the rows; a tampered id opens its event in the
 * detail drawer, which names the checkpoint that sealed it.
 */
export const VerifyFromTheLog: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('button', { name: 'Integrity' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(await canvas.findByRole('button', { name: /verify now/i }));
    const id = TAMPERED_REPORT.modified[0]?.id ?? '';
    await userEvent.click(await canvas.findByRole('button', { name: id }));
    const dialog = await canvas.findByRole('dialog');
    await expect(await within(dialog).findByText(/Sealed by checkpoint #3/)).toBeVisible();
  },
};

/** Without the `integrity` prop the rows keep their locks, and the toolbar offers no panel. */
export const LocksWithoutThePanel: Story = {
  args: { integrity: undefined },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole('grid');
    await waitFor(() =>
      expect(within(grid).getAllByRole('img', { name: 'Sealed' }).length).toBeGreaterThan(0),
    );
    expect(canvas.queryByRole('button', { name: 'Integrity' })).toBeNull();
  },
};
