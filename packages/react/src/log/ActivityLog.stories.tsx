import type { ActivityEvent } from '@activitykit/schema';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { PreloadedList } from '../test/PreloadedList.tsx';
import { generateActivityEvents } from './fixtures.ts';
import {
  CYRILLIC_EVENTS,
  currentStorySource,
  fixtureOf,
  LiveFeed,
  STORY_EVENTS,
  storySource,
} from './storySources.tsx';

const meta = {
  title: 'Components/ActivityLog',
  component: ActivityLog,
  args: {
    onOpenRecord: fn(),
    canRestore: (event) => event.subject?.type !== 'order',
    filterOptions: { locations: ['North branch', 'South branch', 'Online'] },
  },
  parameters: storySource(STORY_EVENTS),
} satisfies Meta<typeof ActivityLog>;

export default meta;
type Story = StoryObj<typeof meta>;

const grid = (canvas: HTMLElement) => within(canvas).findByRole('grid');

/** A few hundred realistic events (seeds 000 / 001 / 003 / 004). */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(5));
    // Only the visible rows (plus overscan) are in the DOM.
    expect(within(table).getAllByRole('row').length).toBeLessThan(60);
    // More pages exist (page size 100 of 300 events), so the total is unknown.
    expect(table).toHaveAttribute('aria-rowcount', '-1');
  },
};

export const Loading: Story = {
  parameters: storySource(STORY_EVENTS, { delay: Number.POSITIVE_INFINITY }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading activity…')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: storySource([]),
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('No events match these filters.'),
    ).toBeVisible();
  },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: storySource(STORY_EVENTS, { error: 'SERVER' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Server errors are retried twice with back-off before the error shows.
    const title = await canvas.findByText('The activity log could not be loaded.', undefined, {
      timeout: 10_000,
    });
    await expect(title).toBeVisible();
    await expect(canvas.getByRole('button', { name: /try again/i })).toBeVisible();
  },
};

export const PermissionDenied: Story = {
  parameters: storySource(STORY_EVENTS, { error: 'FORBIDDEN' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('You do not have access to the activity log.'),
    ).toBeVisible();
    expect(canvas.queryByRole('grid')).toBeNull();
  },
};

export const OneRow: Story = {
  parameters: storySource(STORY_EVENTS.slice(0, 1)),
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    await expect(within(canvasElement).getByText('End of the log')).toBeVisible();
  },
};

let hundredK: readonly ActivityEvent[] | undefined;
const HUNDRED_K = () => {
  hundredK ??= generateActivityEvents({ count: 100_000, now: FIXTURE_NOW, spanDays: 365 });
  return hundredK;
};

/** 100 000 loaded rows (all pages pre-loaded into the cache); only ~30 are in the DOM. */
export const HundredThousandRows: Story = {
  parameters: storySource(HUNDRED_K),
  args: { pageSize: 200, live: false },
  render: (args) => (
    <PreloadedList events={HUNDRED_K()} pageSize={200}>
      <ActivityLog {...args} />
    </PreloadedList>
  ),
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const scroller = canvasElement.querySelector('.ak-log-scroll') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight / 2;
    await waitFor(() => {
      const indexes = within(table)
        .getAllByRole('row')
        .map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.max(...indexes)).toBeGreaterThan(40_000);
    });
    expect(table.querySelectorAll('tbody tr').length).toBeLessThan(60);
  },
};

export const LongCyrillicNames: Story = {
  parameters: storySource(CYRILLIC_EVENTS),
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await expect(await within(table).findAllByText(/Константинопольский/)).not.toHaveLength(0);
    expect(within(canvasElement).getByRole('columnheader', { name: /Пользователь/ })).toBeVisible();
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByLabelText('Период')).toBeVisible();
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

/** In a 375 px column (a phone): one card per event, the filters behind a toggle. */
export const NarrowCards: Story = {
  decorators: [
    (Story) => (
      <div style={{ width: 'min(375px, 100%)' }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(3));
    expect(canvasElement.querySelector('.ak-log')).toHaveAttribute('data-layout', 'cards');
    const toggle = within(canvasElement).getByRole('button', { name: 'Filters' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(within(canvasElement).getByLabelText('Period')).toBeVisible();
  },
};

/** Cards in Russian, dark. */
export const NarrowCardsRussianDark: Story = {
  ...NarrowCards,
  globals: { locale: 'ru', theme: 'dark' },
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(3));
  },
};

/** Right-to-left: the layout uses logical properties only. */
export const RightToLeft: Story = { globals: { dir: 'rtl' } };

/** New events arrive every second: inserted at the top while the list is at its top. */
export const LiveEvents: Story = {
  render: (args) => (
    <LiveFeed everyMs={1000}>
      <ActivityLog {...args} />
    </LiveFeed>
  ),
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByText(/L-1/).length).toBeGreaterThan(0), {
      timeout: 5000,
    });
  },
};

/** Scrolled down, new events wait behind the "N new events" pill; the rows do not move. */
export const LivePausedWhileScrolled: Story = {
  args: { live: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const table = await grid(canvasElement);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(5));
    const scroller = canvasElement.querySelector('.ak-log-scroll') as HTMLElement;
    scroller.scrollTop = 2000;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(table.querySelector('[aria-rowindex="2"]')).toBeNull());
    const firstShown = table.querySelector('tbody tr')?.getAttribute('data-event-id');
    const source = currentStorySource();
    for (const id of ['P-1', 'P-2']) {
      source.record({
        action: 'order.created',
        kind: 'create',
        category: 'order',
        occurredAt: FIXTURE_NOW,
        actor: { id: 'u-live', type: 'user', name: 'Live Operator' },
        subject: { type: 'order', id },
      });
    }
    const pill = await canvas.findByRole('button', { name: 'Show 2 new events' });
    expect(table.querySelector('tbody tr')?.getAttribute('data-event-id')).toBe(firstShown);
    expect(canvas.getByText('2 new events', { selector: '[role="status"]' })).toBeInTheDocument();
    await userEvent.click(pill);
    await waitFor(() =>
      expect(within(table).getAllByText(/order #P-2|P-2/).length).toBeGreaterThan(0),
    );
  },
};

/** The detail drawer of an update: path-level before / after, actor, IP, related records. */
export const DetailOpen: Story = {
  args: { defaultOpenEventId: fixtureOf('update', 'customer.updated').id },
  play: async ({ canvasElement, args }) => {
    const dialog = await within(canvasElement).findByRole('dialog');
    const detail = within(dialog);
    await expect(detail.getByRole('columnheader', { name: 'Before' })).toBeVisible();
    expect(detail.getByRole('rowheader', { name: 'email' })).toBeVisible();
    await userEvent.click(
      detail.getAllByRole('button', {
        name: /Maria|John|Мария|Li Wei|Fatima|Пётр/,
      })[0] as HTMLElement,
    );
    await expect(args.onOpenRecord).toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull());
  },
};

/** The detail drawer left open (for screenshots; the storybook-dark run checks it in dark). */
export const DetailDrawerShown: Story = {
  args: { defaultOpenEventId: fixtureOf('update', 'customer.updated').id },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog');
    await expect(within(dialog).getByRole('columnheader', { name: 'Before' })).toBeVisible();
  },
};

/**
 * Three rows selected: export the selection (CSV), or delete it — the dialog names the count and
 * the reader types it to confirm.
 */
export const BulkSelection: Story = {
  args: { defaultSelection: STORY_EVENTS.slice(0, 3).map((event) => event.id), onExport: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('3 selected')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(args.onExport).toHaveBeenCalledTimes(1));
    const file = (args.onExport as ReturnType<typeof fn>).mock.calls[0]?.[0] as { blob: Blob };
    expect((await file.blob.text()).split('\n').filter(Boolean)).toHaveLength(4);
    await userEvent.click(canvas.getByRole('button', { name: 'Delete 3…' }));
    const confirm = await canvas.findByRole('alertdialog', { name: 'Delete 3 events?' });
    const go = within(confirm).getByRole('button', { name: 'Delete 3 events' });
    await expect(go).toBeDisabled();
    await userEvent.type(within(confirm).getByLabelText('Type 3 to confirm'), '3');
    await userEvent.click(go);
    await expect(await canvas.findByText('3 events deleted')).toBeVisible();
  },
};

/** The delete confirmation, waiting for the reader to type the count. */
export const DeleteConfirmation: Story = {
  args: { defaultSelection: STORY_EVENTS.slice(0, 12).map((event) => event.id) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete 12…' }));
    const confirm = await canvas.findByRole('alertdialog', { name: 'Delete 12 events?' });
    await expect(within(confirm).getByLabelText('Type 12 to confirm')).toHaveFocus();
    await expect(within(confirm).getByRole('button', { name: 'Delete 12 events' })).toBeDisabled();
  },
};

/** Nothing selected: export covers everything the filters match, and there is no Delete. */
export const NothingSelected: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: /Export CSV/ })).toBeVisible();
    expect(canvas.queryByRole('button', { name: /^Delete/ })).toBeNull();
  },
};

/** A read-only view (a list of sign-ins): `allowDelete={false}` hides Delete for any selection. */
export const ReadOnlyView: Story = {
  args: { allowDelete: false, defaultSelection: STORY_EVENTS.slice(0, 2).map((event) => event.id) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('2 selected')).toBeVisible();
    expect(canvas.queryByRole('button', { name: /^Delete/ })).toBeNull();
  },
};
