import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { STORY_EVENTS, storySource } from './storySources.tsx';

const meta = {
  title: 'Components/ActivityLog/Interactions',
  component: ActivityLog,
  args: { onOpenRecord: fn(), live: false },
  parameters: storySource(STORY_EVENTS),
} satisfies Meta<typeof ActivityLog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A search-syntax error is marked under the box at the offending token. */
export const SearchError: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('combobox', { name: 'Search' });
    await userEvent.type(search, 'actor:alice kind:explode');
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('at character 13');
    expect(alert.querySelector('mark')).toHaveTextContent('kind:explode');
    expect(search).toHaveAttribute('aria-invalid', 'true');
  },
};

/** A period preset and a kind narrow the list; "Clear filters" brings everything back. */
export const Filtering: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole('grid');
    await waitFor(() => expect(grid.querySelectorAll('tbody tr').length).toBeGreaterThan(3));
    await userEvent.selectOptions(canvas.getByLabelText('Period'), 'last_7_days');
    await userEvent.click(
      canvas
        .getByText('Kind', { selector: '.ak-label' })
        .parentElement?.querySelector('summary') as HTMLElement,
    );
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Failed login' }));
    await waitFor(() => {
      const kinds = [...grid.querySelectorAll('tbody tr')].map((row) =>
        row.getAttribute('data-kind'),
      );
      expect(new Set(kinds)).toEqual(new Set(['login_failed']));
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(canvas.getByLabelText('Period')).toHaveValue(''));
  },
};

/** `/` focuses the search; arrows move between rows, Space selects, Enter opens, Esc closes. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole('grid');
    await waitFor(() => expect(grid.querySelectorAll('tbody tr').length).toBeGreaterThan(3));
    await userEvent.keyboard('/');
    expect(canvas.getByRole('combobox', { name: 'Search' })).toHaveFocus();
    const rows = () => [...grid.querySelectorAll<HTMLElement>('tbody tr')];
    await userEvent.click(rows()[0]?.querySelector('[data-column="ip"]') as HTMLElement);
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    const third = rows()[2] as HTMLElement;
    expect(third).toHaveFocus();
    await userEvent.keyboard(' ');
    expect(third).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    const dialog = await canvas.findByRole('dialog');
    expect(dialog).toHaveTextContent(third.dataset.eventId ?? '');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(canvas.queryByRole('dialog')).toBeNull());
  },
};
