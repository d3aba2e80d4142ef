import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ActivitySourceError, StatePanel } from '../index.ts';

const meta = {
  title: 'Shared/StatePanel',
  component: StatePanel,
  args: { kind: 'loading' },
} satisfies Meta<typeof StatePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = {
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveAttribute('aria-busy', 'true');
    await expect(status).toHaveTextContent('Loading activity…');
  },
};

export const Empty: Story = { args: { kind: 'empty' } };

export const ErrorWithRetry: Story = {
  args: {
    kind: 'error',
    error: new ActivitySourceError('NETWORK', 'Could not reach /api/activity.'),
    onRetry: fn(),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not reach /api/activity.');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};

export const Denied: Story = {
  args: {
    kind: 'denied',
    error: new ActivitySourceError('FORBIDDEN', 'No access', { status: 403 }),
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'You do not have access to this activity',
    );
  },
};

export const DeniedRussianDark: Story = {
  args: { kind: 'denied' },
  globals: { locale: 'ru', theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      'У вас нет доступа к этому журналу',
    );
  },
};

/** The small form (inside a card or a drawer): the empty state, compact. */
export const Compact: Story = {
  args: { kind: 'empty', compact: true },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveTextContent('No activity yet');
    await expect(status).toHaveClass('ak-state--compact');
  },
};
