import type { ActivityEvent } from '@activitykit/schema';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { FIXTURE_NOW, storyErrors } from '../test/fixtures.ts';
import { PreloadedList } from '../test/PreloadedList.tsx';
import { generateActivityEvents, withBatch } from './fixtures.ts';
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

/** Nothing logged yet (no filter set): the kit's empty state, not "no match". */
export const Empty: Story = {
  parameters: storySource([]),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No activity yet')).toBeVisible();
    expect(within(canvasElement).queryByText('No events match these filters.')).toBeNull();
  },
};

/** A filter that matches nothing: says so, and how to widen it. */
export const NoMatches: Story = {
  parameters: storySource(STORY_EVENTS.filter((event) => event.kind !== 'delete')),
  args: { defaultFilters: { kinds: ['delete'] } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('No events match these filters.'),
    ).toBeVisible();
  },
};

export const ErrorState: Story = {
  name: 'Error',
  parameters: storySource(STORY_EVENTS, { error: storyErrors.unavailable }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // Server errors are retried twice with back-off before the error shows.
    const title = await canvas.findByText('The activity log could not be loaded.', undefined, {
      timeout: 10_000,
    });
    await expect(title).toBeVisible();
    await expect(canvas.getByRole('button', { name: /try again/i })).toBeVisible();
    // Product copy, not the memory source's own wording.
    await expect(canvasElement.textContent).not.toMatch(/memory source/);
  },
};

export const PermissionDenied: Story = {
  parameters: storySource(STORY_EVENTS, { error: storyErrors.forbidden }),
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
    expect(within(canvasElement).getByLabelText('Period')).not.toBeVisible();
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

/** People, records and descriptions written right to left (Hebrew), as an RTL app's data reads. */
const HEBREW = ['דנה לוי', 'יוסי כהן', 'מיכל אברהם', 'אבי מזרחי', 'נועה פרץ', 'רון ביטון'];
const RTL_SOURCE = STORY_EVENTS.slice(0, 40);
const hebrewNames = new Map(
  [...new Set(RTL_SOURCE.map((event) => event.actor.id))].map((id, i) => [
    id,
    HEBREW[i % HEBREW.length] as string,
  ]),
);
const RTL_EVENTS: readonly ActivityEvent[] = RTL_SOURCE.map((event) => {
  const name = hebrewNames.get(event.actor.id) as string;
  return {
    ...event,
    actor: { ...event.actor, name },
    description: event.subject
      ? `${name} עדכן/ה את הרשומה ${event.subject.id}`
      : `${name} נכנס/ה למערכת`,
    ...(event.subject ? { subject: { ...event.subject, label: `לקוח ${event.subject.id}` } } : {}),
  };
});

export const RightToLeftText: Story = {
  globals: { dir: 'rtl' },
  parameters: storySource(RTL_EVENTS),
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    const first = await within(table).findAllByText(
      /^(דנה לוי|יוסי כהן|מיכל אברהם|אבי מזרחי|נועה פרץ|רון ביטון)$/,
    );
    await expect(first[0]).toBeVisible();
    // The row reads right to left: its start edge is the right one.
    await expect(getComputedStyle(first[0] as HTMLElement).direction).toBe('rtl');
  },
};

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
    // Ends here: the pill shows, the rows stay where the reader left them.
    await expect(await canvas.findByRole('button', { name: 'Show 2 new events' })).toBeVisible();
    expect(table.querySelector('tbody tr')?.getAttribute('data-event-id')).toBe(firstShown);
    expect(canvas.getByText('2 new events', { selector: '[role="status"]' })).toBeInTheDocument();
  },
};

const UPDATED = fixtureOf('update', 'customer.updated');

/** The detail drawer of an update: path-level before / after, actor, IP, related records. */
export const DetailOpen: Story = {
  args: { defaultOpenEventId: UPDATED.id },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: UPDATED.action });
    await expect(dialog).toBeVisible();
    const detail = within(dialog);
    expect(detail.getByText(`Event ${UPDATED.id}`)).toBeVisible();
    await expect(detail.getByRole('columnheader', { name: 'Before' })).toBeVisible();
    expect(detail.getByRole('rowheader', { name: 'email' })).toBeVisible();
    expect(detail.getByRole('button', { name: 'Close' })).toHaveFocus();
  },
};

/** A deleted customer with its snapshot: the drawer offers "Restore". */
const DELETED = STORY_EVENTS.find(
  (event) =>
    event.kind === 'delete' &&
    event.outcome === 'success' &&
    event.snapshot !== undefined &&
    event.subject?.type !== 'order',
) as ActivityEvent;

/** The drawer of a deleted record that may be restored: "Restore" waits next to Close. */
export const RestoreOffered: Story = {
  args: { defaultOpenEventId: DELETED.id },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: DELETED.action });
    await expect(await within(dialog).findByRole('button', { name: 'Restore' })).toBeEnabled();
    expect(within(dialog).getByText(`Event ${DELETED.id}`)).toBeVisible();
  },
};

/** "Restore" asks first: a dialog names the record, its focus on Cancel. */
export const RestoreConfirmOpen: Story = {
  args: { defaultOpenEventId: DELETED.id },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: DELETED.action });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Restore' }));
    const confirm = await within(canvasElement).findByRole('alertdialog', {
      name: `Restore ${DELETED.subject?.label}?`,
    });
    await expect(confirm).toBeVisible();
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(within(confirm).getByRole('button', { name: 'Restore' })).toBeEnabled();
  },
};

/** After "Restore" and its confirmation: the drawer stays open, the button reads "Restored" (off). */
export const Restored: Story = {
  args: { defaultOpenEventId: DELETED.id },
  play: async ({ canvasElement }) => {
    const dialog = await within(canvasElement).findByRole('dialog', { name: DELETED.action });
    await userEvent.click(await within(dialog).findByRole('button', { name: 'Restore' }));
    const confirm = await within(canvasElement).findByRole('alertdialog');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Restore' }));
    await expect(await within(dialog).findByRole('button', { name: 'Restored' })).toBeDisabled();
    expect(within(dialog).getByRole('status')).toHaveTextContent('');
  },
};

/** Three rows selected: the bulk bar counts them and offers export and delete. */
export const BulkSelection: Story = {
  args: { defaultSelection: STORY_EVENTS.slice(0, 3).map((event) => event.id), onExport: fn() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const bar = within(await canvas.findByRole('group', { name: 'Bulk actions' }));
    await expect(await bar.findByText('3 selected')).toBeVisible();
    expect(bar.getByRole('button', { name: /Export CSV/ })).toBeEnabled();
    expect(bar.getByRole('button', { name: 'Delete 3…' })).toBeEnabled();
    const table = await grid(canvasElement);
    await waitFor(() =>
      expect(table.querySelectorAll('tbody tr[aria-selected="true"]')).toHaveLength(3),
    );
  },
};

/** The delete confirmation, waiting for the reader to type the count. */
export const DeleteConfirmation: Story = {
  args: { defaultSelection: STORY_EVENTS.slice(0, 12).map((event) => event.id) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete 12…' }));
    const confirm = await canvas.findByRole('alertdialog', { name: 'Delete 12 events?' });
    await expect(confirm).toBeVisible();
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

// Interaction tests that go on from a named state above. Tagged `['!dev', '!autodocs', 'test']`
// (static literals: Storybook reads tags without running the file), they run as tests, light and
// dark, but stay out of the sidebar and the docs page, so every story a reader sees ends in the
// state it is named for.

/** From the open drawer: a related record opens through `onOpenRecord`, Esc closes the drawer. */
export const OpenRecordThenEscape: Story = {
  tags: ['!dev', '!autodocs', 'test'],
  args: DetailOpen.args,
  play: async (context) => {
    await DetailOpen.play?.(context);
    const { canvasElement, args } = context;
    const dialog = within(canvasElement).getByRole('dialog');
    await userEvent.click(
      within(dialog).getAllByRole('button', {
        name: /Maria|John|Мария|Li Wei|Fatima|Пётр/,
      })[0] as HTMLElement,
    );
    await expect(args.onOpenRecord).toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(canvasElement).queryByRole('dialog')).toBeNull());
  },
};

/** From three selected rows: export them (a header and three lines), then delete them. */
export const ExportThenDeleteSelection: Story = {
  tags: ['!dev', '!autodocs', 'test'],
  args: { ...BulkSelection.args, onExport: fn() },
  play: async (context) => {
    await BulkSelection.play?.(context);
    const { canvasElement, args } = context;
    const canvas = within(canvasElement);
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

/** Esc on the delete confirmation cancels: the dialog closes and the selection stays. */
export const CancelDelete: Story = {
  tags: ['!dev', '!autodocs', 'test'],
  args: DeleteConfirmation.args,
  play: async (context) => {
    await DeleteConfirmation.play?.(context);
    const canvas = within(context.canvasElement);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull());
    await expect(canvas.getByText('12 selected')).toBeVisible();
    expect(canvas.getByRole('button', { name: 'Delete 12…' })).toHaveFocus();
  },
};

/** The "N new events" pill shows the waiting events at the top. */
export const ShowNewEvents: Story = {
  tags: ['!dev', '!autodocs', 'test'],
  args: LivePausedWhileScrolled.args,
  play: async (context) => {
    await LivePausedWhileScrolled.play?.(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Show 2 new events' }));
    const table = canvas.getByRole('grid');
    await waitFor(() =>
      expect(within(table).getAllByText(/order #P-2|P-2/).length).toBeGreaterThan(0),
    );
    expect(canvas.queryByRole('button', { name: /new events?$/ })).toBeNull();
  },
};

/** On a phone the "Filters" button unfolds the filter bar. */
export const OpenFiltersOnNarrow: Story = {
  tags: ['!dev', '!autodocs', 'test'],
  decorators: NarrowCards.decorators,
  play: async (context) => {
    await NarrowCards.play?.(context);
    const canvas = within(context.canvasElement);
    const toggle = canvas.getByRole('button', { name: 'Filters' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getByLabelText('Period')).toBeVisible();
  },
};

/** One action that changed 12 customers (one `updateMany`) is one row: who, what, how many. */
export const BatchCollapsed: Story = {
  parameters: storySource(withBatch(STORY_EVENTS)),
  play: async ({ canvasElement }) => {
    const table = await grid(canvasElement);
    const batch = await within(table).findByRole('row', { name: /Archived 12 inactive customers/ });
    await expect(batch).toHaveAttribute('data-open', 'false');
    await expect(within(batch).getByText('12 records')).toBeVisible();
  },
};

/** The batch opened (its button, Enter or →): its 13 events follow it, marked at their edge. */
export const BatchExpanded: Story = {
  parameters: BatchCollapsed.parameters,
  play: async (context) => {
    await BatchCollapsed.play?.(context);
    const table = within(context.canvasElement).getByRole('grid');
    await userEvent.click(within(table).getByRole('button', { name: /^Show the 12 records/ }));
    await waitFor(() =>
      expect(table.querySelector('tr.ak-log-batch')).toHaveAttribute('data-open', 'true'),
    );
    await waitFor(() => expect(table.querySelectorAll('tr[data-batch]').length).toBeGreaterThan(5));
  },
};
