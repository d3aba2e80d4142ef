import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { NoteComposer } from '../index.ts';
import { createMemorySource } from '../memory.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';

const meta = {
  title: 'Components/NoteComposer',
  component: NoteComposer,
  args: {
    record: 'customer:42',
    author: { id: 'u-anna', name: 'Anna Petrova', role: 'staff' },
  },
  parameters: {
    activity: { source: () => createMemorySource({ now: () => FIXTURE_NOW }) },
  },
} satisfies Meta<typeof NoteComposer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Empty, stamped with the author; Add note waits for text. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Signed as Anna Petrova')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add note' })).toBeDisabled();
  },
};

/** Over the limit (here 40 characters): the counter and the message say so, Add note is off. */
export const TooLong: Story = {
  args: { maxLength: 40 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByRole('textbox', { name: 'Add a note' }),
      'Called back about the party on Saturday evening.',
    );
    await expect(canvas.getByText('A note is at most 40 characters')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add note' })).toBeDisabled();
  },
};

/** Saved: the box is empty again and says "Note added". */
export const Saved: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Add a note' }), 'Prefers mornings.');
    await userEvent.click(canvas.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(canvas.getByText('Note added')).toBeVisible());
    await expect(canvas.getByRole('textbox', { name: 'Add a note' })).toHaveValue('');
  },
};
