import type { ActivityQueryInput, SecuritySignal } from '@activitykit/schema';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { SignalsList, type SignalsListProps, signalQuery, useSecuritySignals } from '../index.ts';
import { createMemorySource } from '../memory.ts';
import { FIXTURE_NOW, venueMonth } from '../test/fixtures.ts';
import type { StoryActivity } from '../test/storyActivity.ts';

const month: StoryActivity = {
  source: () => createMemorySource({ events: venueMonth(), now: () => FIXTURE_NOW }),
};

/** A Security page's list: the signals of the last 30 days, each opening its own events. */
function SecuritySignals(props: Omit<SignalsListProps, 'signals'>) {
  const signals = useSecuritySignals({ preset: 'last_30_days', timeZone: 'UTC' });
  return signals.data ? <SignalsList {...props} signals={signals.data} /> : null;
}

const meta = {
  title: 'Components/SignalsList',
  component: SecuritySignals,
  args: { onOpenEvents: fn() },
  parameters: { activity: month },
} satisfies Meta<typeof SecuritySignals>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const [first] = await canvas.findAllByRole('button', { name: /^View \d+ events?$/ });
    await expect(canvas.getByText('Repeated failed sign-ins to one account')).toBeVisible();
    await userEvent.click(first as HTMLElement);
    const [query, signal] = (args.onOpenEvents as ReturnType<typeof fn>).mock.calls[0] as [
      ActivityQueryInput,
      SecuritySignal,
    ];
    // Exactly its events when it lists them all, else its window and whom it is about.
    await expect(query).toEqual(signalQuery(signal));
    await expect(query).toEqual(
      signal.eventIds.length >= signal.count
        ? { ids: signal.eventIds }
        : expect.objectContaining({ from: signal.window.from, actors: [signal.key] }),
    );
  },
};

export const Russian: Story = {
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect((await canvas.findAllByText(/^Серия неудачных входов/))[0]).toBeVisible();
  },
};

export const AsLinks: Story = {
  args: {
    onOpenEvents: undefined,
    getEventsHref: (query) => `/activity?id=${query.ids?.join('&id=')}`,
  },
  play: async ({ canvasElement }) => {
    const [link] = await within(canvasElement).findAllByRole('link', {
      name: /^View \d+ events?$/,
    });
    await expect(link).toHaveAttribute('href', expect.stringMatching(/^\/activity\?id=/));
  },
};

export const NoSignals: Story = {
  parameters: { activity: { source: () => createMemorySource({ now: () => FIXTURE_NOW }) } },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText('No security signals in this period'),
    ).toBeVisible();
  },
};
