import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivitySourceError, CustomerTimeline } from '../index.ts';
import { createMemorySource, type MemorySource } from '../memory.ts';
import {
  customer42,
  customerCyrillic,
  customerHistory,
  FIXTURE_NOW,
  longHistory,
  staff,
  storyErrors,
} from '../test/fixtures.ts';
import type { StoryActivity } from '../test/storyActivity.ts';

const now = () => FIXTURE_NOW;
const history = (options: Parameters<typeof createMemorySource>[0] = {}): StoryActivity => ({
  source: () =>
    createMemorySource({
      events: customerHistory(),
      now,
      permissions: { actor: { id: 'u-anna', name: 'Anna Petrova' } },
      ...options,
    }),
});

const meta = {
  title: 'Components/CustomerTimeline',
  component: CustomerTimeline,
  args: { record: 'customer:42', recordLabel: 'Olivia Martin', onOpenRecord: fn() },
  parameters: { activity: history() },
} satisfies Meta<typeof CustomerTimeline>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const days = await canvas.findByRole('list', { name: 'History of Olivia Martin' });
    await expect(within(days).getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(within(days).getByRole('heading', { name: 'Yesterday' })).toBeVisible();
    // Status notes and system changes are marked as such.
    await expect(canvas.getAllByText('Status change').length).toBeGreaterThan(0);
    await expect(canvas.getAllByText('Made by the system').length).toBeGreaterThan(0);
    // A label added to the customer is not the customer being added.
    await expect(days).toHaveTextContent(/added a profile label to customer “Olivia Martin”/);
    await expect(days).not.toHaveTextContent(/added customer “Olivia Martin”/);
    await userEvent.click(
      canvas.getAllByRole('button', { name: 'Open Order #1043' })[0] as HTMLElement,
    );
    await expect(args.onOpenRecord).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'order', id: '1043' }),
    );
  },
};

export const AddNote: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = await canvas.findByRole('textbox', { name: 'Add a note' });
    await expect(canvas.getByText('Signed as Anna Petrova')).toBeVisible();
    await userEvent.type(box, 'Prefers morning slots.');
    await userEvent.click(canvas.getByRole('button', { name: 'Add note' }));
    await waitFor(() => expect(box).toHaveValue(''));
    const note = await canvas.findByText('Prefers morning slots.');
    const item = note.closest('li') as HTMLElement;
    await expect(within(item).getByText('Anna Petrova')).toBeVisible();
    // Saved notes are read-only: no editing controls on the entry.
    await expect(within(item).queryByRole('textbox')).toBeNull();
    await expect(within(item).queryByRole('button', { name: /edit/i })).toBeNull();
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Сегодня' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Вчера' })).toBeVisible();
    await expect(canvas.getAllByText('Изменено системой').length).toBeGreaterThan(0);
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const DarkRussian: Story = { globals: { theme: 'dark', locale: 'ru' } };

export const RightToLeft: Story = {
  globals: { dir: 'rtl' },
  play: async ({ canvasElement }) => {
    const list = await within(canvasElement).findByRole('list', {
      name: 'History of Olivia Martin',
    });
    await expect(getComputedStyle(list).direction).toBe('rtl');
  },
};

export const Loading: Story = {
  parameters: { activity: history({ delay: Number.POSITIVE_INFINITY }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading activity…')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { activity: history({ events: [] }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('No activity yet')).toBeVisible();
    // A first note can still be written.
    await expect(canvas.getByRole('textbox', { name: 'Add a note' })).toBeVisible();
  },
};

export const ErrorState: Story = {
  parameters: { activity: history({ error: storyErrors.unavailable }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Server errors are retried twice (1 s, 2 s) before the error shows.
    const alert = await canvas.findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('Could not load activity');
    // The service's own words, not a test fixture's.
    await expect(alert).toHaveTextContent('The activity service is not answering.');
    await expect(alert).not.toHaveTextContent('memory source');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
  },
};

export const PermissionDenied: Story = {
  parameters: { activity: history({ error: storyErrors.forbidden }) },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('You do not have access to this activity'),
    ).toBeVisible();
  },
};

export const ReadOnlyReader: Story = {
  parameters: { activity: history({ permissions: { canNote: false } }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('list', { name: 'History of Olivia Martin' });
    await expect(canvas.queryByRole('textbox')).toBeNull();
  },
};

export const OneEvent: Story = {
  parameters: { activity: history({ events: customerHistory().slice(0, 1) }) },
  play: async ({ canvasElement }) => {
    const days = await within(canvasElement).findByRole('list', {
      name: 'History of Olivia Martin',
    });
    await expect(within(days).getAllByRole('listitem')).toHaveLength(2); // one day, one event
    await expect(within(canvasElement).getByText('Beginning of history')).toBeVisible();
  },
};

export const LongCyrillicNames: Story = {
  args: { record: 'customer:77', recordLabel: customerCyrillic.label },
  globals: { locale: 'ru' },
  parameters: {
    activity: history({
      events: customerHistory({ customer: customerCyrillic }).map((event) => ({
        ...event,
        actor: event.actor.type === 'system' ? event.actor : staff.dmitry,
      })),
      permissions: { actor: { id: staff.dmitry.id, name: staff.dmitry.name } },
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Сегодня' });
    const root = canvasElement.querySelector('.ak-timeline') as HTMLElement;
    // Long names wrap instead of overflowing.
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth + 1);
  },
};

export const LoadOlder: Story = {
  args: { pageSize: 10, loadOnScroll: false },
  parameters: { activity: history({ events: longHistory({ days: 6, perDay: 5 }) }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'History of Olivia Martin' });
    await expect(list.querySelectorAll('.ak-timeline__event')).toHaveLength(10);
    await userEvent.click(canvas.getByRole('button', { name: 'Load older' }));
    await waitFor(() => expect(list.querySelectorAll('.ak-timeline__event')).toHaveLength(20));
  },
};

export const LoadOlderOnScroll: Story = {
  args: { pageSize: 8 },
  parameters: { activity: history({ events: longHistory({ days: 4, perDay: 4 }) }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: 'History of Olivia Martin' });
    (canvasElement.querySelector('.ak-timeline__sentinel') as HTMLElement).scrollIntoView();
    await waitFor(() => expect(list.querySelectorAll('.ak-timeline__event')).toHaveLength(16));
    await expect(await canvas.findByText('Beginning of history')).toBeVisible();
  },
};

let liveSource: MemorySource | undefined;
export const LiveEventsArriving: Story = {
  args: { live: true },
  parameters: {
    activity: {
      source: () => {
        liveSource = createMemorySource({ events: customerHistory(), now });
        return liveSource;
      },
    } satisfies StoryActivity,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: 'Today' });
    liveSource?.record({
      action: 'order.status_changed',
      kind: 'update',
      category: 'order',
      occurredAt: new Date(FIXTURE_NOW.getTime() - 60_000),
      actor: staff.claire,
      subject: { type: 'order', id: '1044', label: 'Order #1044' },
      refs: [{ type: 'order', id: '1044', label: 'Order #1044' }, customer42],
      changes: [{ path: 'status', before: 'new', after: 'refunded' }],
    });
    await expect(await canvas.findByText('refunded')).toBeVisible();
  },
};

export const NoteTooLong: Story = {
  args: { maxNoteLength: 20 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = await canvas.findByRole('textbox', { name: 'Add a note' });
    await userEvent.type(box, 'This note is far too long.');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByText('A note is at most 20 characters')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add note' })).toBeDisabled();
  },
};

export const NoteSaveFails: Story = {
  parameters: {
    activity: {
      source: () => ({
        ...createMemorySource({ events: customerHistory(), now }),
        addNote: () =>
          Promise.reject(new ActivitySourceError('SERVER', 'The database is unavailable.')),
      }),
    } satisfies StoryActivity,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = await canvas.findByRole('textbox', { name: 'Add a note' });
    await userEvent.type(box, 'Call back tomorrow.');
    await userEvent.click(canvas.getByRole('button', { name: 'Add note' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      'Could not save the note: The database is unavailable.',
    );
    // The text is kept so nothing is lost.
    await expect(box).toHaveValue('Call back tomorrow.');
  },
};

/** A tablet in portrait (768 × 1024): one column, nothing wider than the window. */
export const Tablet: Story = {
  globals: { viewport: { value: 'tablet', isRotated: false } },
  play: async ({ canvasElement }) => {
    const days = await within(canvasElement).findByRole('list', {
      name: 'History of Olivia Martin',
    });
    await expect(within(days).getByRole('heading', { name: 'Today' })).toBeVisible();
    const page = document.scrollingElement as HTMLElement;
    expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth);
    expect(days.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
  },
};
