import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { IntegrityPanel } from '../integrity.ts';
import {
  ANCHOR_MISSING_REPORT,
  CHECKPOINTS,
  cleanReport,
  DELETED_EVENT,
  integrityMemory,
  integrityStory,
  never,
  SEALED_LOG,
  SEALED_STATUS,
  TAMPERED_REPORT,
  WRONG_KEY_REPORT,
} from './fixtures.ts';

const meta = {
  title: 'Components/IntegrityPanel',
  component: IntegrityPanel,
  args: { onOpenEvent: fn() },
  parameters: integrityStory(),
} satisfies Meta<typeof IntegrityPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Clicks "Verify now" (in the story's language) and waits for the verdict. */
async function verify(canvasElement: HTMLElement, name: RegExp = /verify now/i) {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole('button', { name }));
  return canvas;
}

/** The last checkpoint, the unsealed count, and a verify that finds nothing wrong. */
export const Clean: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await verify(canvasElement);
    await expect(await canvas.findByText(/No tampering found/)).toBeVisible();
    expect(canvas.getByRole('status')).toHaveTextContent('3 checkpoints, 111 events verified');
    expect(canvas.getByText(/#3 ·/)).toBeVisible();
    expect(canvas.getByText('9 events')).toBeVisible();
  },
};

/** Verify takes its time: the tenant is busy, a progress bar runs and the button waits. */
export const Running: Story = {
  parameters: integrityStory({ verify: never }),
  play: async ({ canvasElement }) => {
    const canvas = await verify(canvasElement);
    await expect(await canvas.findByRole('progressbar', { name: /Verifying/ })).toBeVisible();
    expect(canvasElement.querySelector('.ak-integrity-tenant')).toHaveAttribute(
      'aria-busy',
      'true',
    );
    const button = canvas.getByRole('button', { name: /verify now/i });
    // Still focusable (focus is not dropped), but it does not start a second verify.
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
  },
};

/**
 * Someone edited the database: two events modified, one deleted, one inserted, checkpoint 2
 * rewritten (the anchor disagrees); one event stored late from a journal is listed as benign.
 * Ids that still exist open their rows.
 */
export const Tampered: Story = {
  parameters: integrityStory({
    events: SEALED_LOG.filter((event) => event.id !== DELETED_EVENT.id),
    verify: () => TAMPERED_REPORT,
  }),
  play: async ({ canvasElement, args }) => {
    const canvas = await verify(canvasElement);
    await expect(await canvas.findByText('Verify failed.')).toBeVisible();
    const table = canvas.getByRole('table');
    for (const { id } of [...TAMPERED_REPORT.modified, ...TAMPERED_REPORT.inserted]) {
      expect(within(table).getByRole('button', { name: id })).toBeVisible();
    }
    // A deleted event has no row to open.
    expect(within(table).getByText(DELETED_EVENT.id).tagName).toBe('SPAN');
    expect(within(table).getByText('Late (signed, benign)')).toBeVisible();
    expect(canvas.getByText(/the anchor differs in hash, count/)).toBeVisible();
    expect(canvas.getByText(/Checkpoint #2: hash mismatch/)).toBeVisible();
    const first = TAMPERED_REPORT.modified[0]?.id ?? '';
    await userEvent.click(within(table).getByRole('button', { name: first }));
    await expect(args.onOpenEvent).toHaveBeenCalledWith(first);
  },
};

/** The same report in Russian. */
export const TamperedRussian: Story = {
  ...Tampered,
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const canvas = await verify(canvasElement, /проверить/i);
    await expect(await canvas.findByText('Проверка не пройдена.')).toBeVisible();
    expect(canvas.getAllByText('Изменено')).toHaveLength(2);
  },
};

/** Verified with a key that is not the sealing key: every checkpoint's signature fails. */
export const WrongKey: Story = {
  parameters: integrityStory({ verify: () => WRONG_KEY_REPORT }),
  play: async ({ canvasElement }) => {
    const canvas = await verify(canvasElement);
    await expect(await canvas.findByText(/Wrong key/)).toBeVisible();
    expect(canvas.getAllByText(/bad signature/)).toHaveLength(CHECKPOINTS.length);
  },
};

/** The anchor (the copy of the checkpoints outside MongoDB) is gone. */
export const AnchorMissing: Story = {
  parameters: integrityStory({ verify: () => ANCHOR_MISSING_REPORT }),
  play: async ({ canvasElement }) => {
    const canvas = await verify(canvasElement);
    await expect(await canvas.findByText(/anchor\.jsonl does not exist/)).toBeVisible();
    expect(canvasElement.querySelector('.ak-integrity-anchor')).toHaveAttribute(
      'data-status',
      'missing',
    );
  },
};

/** The server seals, but no checkpoint has been written yet. */
export const NothingSealedYet: Story = {
  parameters: integrityStory({
    status: {
      sealing: true,
      canVerify: true,
      tenants: [{ tenantId: 'acme', unsealed: SEALED_LOG.length }],
    },
    checkpoints: [],
    verify: () =>
      cleanReport({
        checkedCheckpoints: 0,
        checkedEvents: 0,
        unsealed: { fromId: '', count: SEALED_LOG.length },
      }),
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Nothing sealed yet')).toBeVisible();
    expect(canvas.getByText('120 events')).toBeVisible();
  },
};

/** The server seals but has no public key to verify with: the button explains why it is off. */
export const VerifyNotConfigured: Story = {
  parameters: integrityStory({
    status: { ...SEALED_STATUS, canVerify: false },
    verify: null,
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: /verify now/i });
    expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/public key/);
  },
};

/** Tamper evidence is off on the server (no sealing key, no public key). */
export const NotSealing: Story = {
  parameters: integrityStory({
    status: { sealing: false, canVerify: false, tenants: [{ tenantId: 'acme', unsealed: 0 }] },
    checkpoints: [],
    verify: null,
  }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This log is not sealed.')).toBeVisible();
  },
};

/** A data source without the integrity reads (a source of your own). */
export const Unsupported: Story = {
  parameters: {
    activity: {
      source: () => {
        const { integrity: _i, checkpointOf: _c, verify: _v, ...plain } = integrityMemory();
        return plain;
      },
    },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('This log is not sealed.')).toBeVisible();
    expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

/** `toggle`: an "Integrity" button that shows and hides the panel after it (as the log's toolbar has it). */
export const Toggle: Story = {
  args: { toggle: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'Integrity' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(canvas.queryByRole('region')).toBeNull();
    await userEvent.click(button);
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const panel = canvas.getByRole('region', { name: 'Integrity' });
    expect(button).toHaveAttribute('aria-controls', panel.id);
    await expect(await canvas.findByRole('button', { name: /verify now/i })).toBeVisible();
  },
};
