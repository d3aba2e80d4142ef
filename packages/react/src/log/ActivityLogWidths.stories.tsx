import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { STORY_EVENTS, storySource } from './storySources.tsx';

// The log at the viewport toolbar's phone and tablet sizes (`.storybook/viewports.ts`); the test
// runner opens each story at that size too. Below 45rem the log is a list of cards, above it the
// table. (A TSDoc comment on `meta` would make Storybook's csf-plugin replace `parameters` — the
// story source — with its own docs description.)
const meta = {
  title: 'Components/ActivityLog/Widths',
  component: ActivityLog,
  tags: ['!autodocs'],
  args: {
    onOpenRecord: fn(),
    canRestore: (event) => event.subject?.type !== 'order',
    live: false,
  },
  parameters: storySource(STORY_EVENTS),
} satisfies Meta<typeof ActivityLog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The log in `layout`, rows loaded, and the page itself never wider than the window. */
async function loaded(canvasElement: HTMLElement, layout: 'cards' | 'table') {
  const table = await within(canvasElement).findByRole('grid');
  await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(3));
  await expect(canvasElement.querySelector('.ak-log')).toHaveAttribute('data-layout', layout);
  const page = document.scrollingElement as HTMLElement;
  expect(page.scrollWidth).toBeLessThanOrEqual(page.clientWidth);
  return { table, scroller: table.closest('.ak-log-scroll') as HTMLElement };
}

/** A phone (390 × 844): one card per event, as wide as the screen; the filters behind a toggle. */
export const Phone: Story = {
  globals: { viewport: { value: 'phone', isRotated: false } },
  play: async ({ canvasElement }) => {
    const { table, scroller } = await loaded(canvasElement, 'cards');
    expect(scroller.scrollWidth).toBeLessThanOrEqual(scroller.clientWidth + 1);
    const card = table.querySelector('tbody tr[data-event-id]') as HTMLElement;
    expect(card.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
    await expect(within(canvasElement).getByRole('button', { name: 'Filters' })).toBeVisible();
  },
};

/**
 * A tablet in portrait (768 × 1024): the table (the log is over 45rem wide) with the filter bar
 * open. The default columns need about 71rem, so the table scrolls sideways inside its box (the
 * header with it) while the page does not; Time, User and Action show first.
 */
export const Tablet: Story = {
  globals: { viewport: { value: 'tablet', isRotated: false } },
  play: async ({ canvasElement }) => {
    const { table, scroller } = await loaded(canvasElement, 'table');
    await expect(within(canvasElement).getByLabelText('Period')).toBeVisible();
    for (const name of ['Time', 'User', 'Action']) {
      const header = within(table).getByRole('columnheader', { name: new RegExp(name) });
      await expect(header).toBeVisible();
    }
    expect(scroller.getBoundingClientRect().right).toBeLessThanOrEqual(window.innerWidth);
    expect(scroller.scrollWidth).toBeGreaterThan(scroller.clientWidth);
  },
};
