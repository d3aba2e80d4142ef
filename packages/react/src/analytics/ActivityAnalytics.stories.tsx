import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivityAnalytics } from '../index.ts';
import { createMemorySource, type MemorySource } from '../memory.ts';
import { FIXTURE_NOW, staff, storyErrors, venueMonth } from '../test/fixtures.ts';
import type { StoryActivity } from '../test/storyActivity.ts';

const now = () => FIXTURE_NOW;
const month = (options: Parameters<typeof createMemorySource>[0] = {}): StoryActivity => ({
  source: () => createMemorySource({ events: venueMonth(), now, ...options }),
});

const meta = {
  title: 'Components/ActivityAnalytics',
  component: ActivityAnalytics,
  args: { query: { preset: 'last_30_days' }, onNavigate: fn() },
  parameters: { activity: month() },
} satisfies Meta<typeof ActivityAnalytics>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /events from/ });
    await expect(canvas.getByRole('table', { name: 'By kind' })).toBeVisible();
    await expect(canvas.getByRole('table', { name: 'Most active users' })).toBeVisible();
    // Column headers name the rows, not the card; shares all have one decimal.
    const kinds = canvas.getByRole('table', { name: 'By kind' });
    await expect(within(kinds).getAllByRole('columnheader')[0]).toHaveTextContent(/^Kind$/);
    const shares = [...kinds.querySelectorAll('tbody td:last-child')].map((td) => td.textContent);
    await expect(shares.every((share) => /^\d+\.\d%$/.test(share ?? ''))).toBe(true);
    await expect(canvas.getByRole('button', { name: /^Logins: \d+$/ })).toBeVisible();
    await expect(canvas.getByText('Repeated failed sign-ins to one account')).toBeVisible();
    await expect(canvas.getByText('Role or permission change')).toBeVisible();
    // A signal that lists all its events opens exactly those.
    const burst = canvas.getByText('Repeated failed sign-ins to one account').closest('li');
    await userEvent.click(
      within(burst as HTMLElement).getByRole('button', { name: /^View \d+ events?$/ }),
    );
    await expect(args.onNavigate).toHaveBeenLastCalledWith(
      expect.objectContaining({ ids: expect.arrayContaining([expect.any(String)]) }),
    );
    // Every figure drills down into the log.
    await userEvent.click(canvas.getByRole('button', { name: 'Delete' }));
    await expect(args.onNavigate).toHaveBeenCalledWith(
      expect.objectContaining({ preset: 'last_30_days', kinds: ['delete'], timeZone: 'UTC' }),
    );
    await userEvent.click(canvas.getByRole('button', { name: /^Boris Ivanov/ }));
    await expect(args.onNavigate).toHaveBeenLastCalledWith(
      expect.objectContaining({ actors: ['u-boris'] }),
    );
  },
};

export const WithLogLinks: Story = {
  args: {
    onNavigate: undefined,
    getLogHref: (query) =>
      `/activity?kinds=${(query.kinds ?? []).join(',')}&actors=${(query.actors ?? []).join(',')}`,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const link = await canvas.findByRole('link', { name: 'Delete' });
    await expect(link).toHaveAttribute('href', '/activity?kinds=delete&actors=');
  },
};

export const TrendAsTable: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByText('Show as table'));
    const table = canvasElement.querySelector('.ak-chart__details table') as HTMLElement;
    await expect(table).toBeVisible();
    await expect(within(table).getAllByRole('row').length).toBeGreaterThan(28);
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('Самые активные пользователи')).toBeVisible();
    await expect(canvas.getByText('Сигналы безопасности')).toBeVisible();
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };

export const DarkRussian: Story = { globals: { theme: 'dark', locale: 'ru' } };

export const RightToLeft: Story = { globals: { dir: 'rtl' } };

export const Loading: Story = {
  parameters: { activity: month({ delay: Number.POSITIVE_INFINITY }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('Loading activity…')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { activity: month({ events: [] }) },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No activity yet')).toBeVisible();
  },
};

export const ErrorState: Story = {
  parameters: { activity: month({ error: storyErrors.unavailable }) },
  play: async ({ canvasElement }) => {
    // Server errors are retried twice (1 s, 2 s) before the error shows.
    const alert = await within(canvasElement).findByRole('alert', {}, { timeout: 10_000 });
    await expect(alert).toHaveTextContent('Could not load activity');
    await expect(alert).toHaveTextContent('The activity service is not answering.');
    await expect(alert).not.toHaveTextContent('memory source');
  },
};

export const PermissionDenied: Story = {
  parameters: { activity: month({ error: storyErrors.forbidden }) },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('You do not have access to this activity'),
    ).toBeVisible();
  },
};

export const OneEvent: Story = {
  parameters: { activity: month({ events: venueMonth().slice(-1) }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText('No security signals in this period')).toBeVisible();
    // One event, in the singular; no sign-ins: no bar, and zeros are not links to an empty log.
    await expect(canvas.getByRole('img', { name: /^1 event from/ })).toBeVisible();
    await expect(canvasElement.querySelector('.ak-auth-bar')).toBeNull();
    const auth = canvasElement.querySelector('.ak-analytics__auth') as HTMLElement;
    await expect(within(auth).queryAllByRole('button')).toEqual([]);
    await expect(canvas.getByRole('table', { name: 'By kind' })).toHaveTextContent('100.0%');
  },
};

export const LongCyrillicNames: Story = {
  globals: { locale: 'ru' },
  parameters: {
    activity: month({
      events: venueMonth().map((event) =>
        event.actor.id === 'u-anna' ? { ...event, actor: staff.dmitry } : event,
      ),
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Самые активные пользователи');
    const root = canvasElement.querySelector('.ak-analytics') as HTMLElement;
    await expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth + 1);
  },
};

let liveSource: MemorySource | undefined;
export const LiveEventsArriving: Story = {
  args: { live: true, sections: ['summary', 'kinds'] },
  parameters: {
    activity: {
      source: () => {
        liveSource = createMemorySource({ events: venueMonth(), now });
        return liveSource;
      },
    } satisfies StoryActivity,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const total = await canvas.findByRole('button', { name: /^Events: \d+$/ });
    const before = Number(total.textContent);
    liveSource?.record({
      action: 'order.created',
      kind: 'create',
      category: 'order',
      occurredAt: new Date(FIXTURE_NOW.getTime() - 1000),
      actor: staff.claire,
    });
    await waitFor(() =>
      expect(Number(canvasElement.querySelector('.ak-analytics__total')?.textContent)).toBe(
        before + 1,
      ),
    );
  },
};

/** A tablet in portrait (768 × 1024): the cards reflow, nothing wider than the window. */
export const Tablet: Story = {
  globals: { viewport: { value: 'tablet', isRotated: false } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('img', { name: /events from/ });
    await expect(canvas.getByRole('table', { name: 'By kind' })).toBeVisible();
    const page = document.scrollingElement as HTMLElement;
    expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth);
    for (const card of canvasElement.querySelectorAll('.ak-card')) {
      expect(card.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
    }
  },
};
