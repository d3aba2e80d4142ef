import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ActivityLog } from '../index.ts';
import { STORY_EVENTS, storySource } from './storySources.tsx';

const meta = {
  title: 'Components/ActivityLog/Search',
  component: ActivityLog,
  args: { onOpenRecord: fn(), style: { height: '40rem' }, live: false },
  parameters: storySource(STORY_EVENTS),
} satisfies Meta<typeof ActivityLog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Typing after `actor:` suggests users; ↓ highlights one (a combobox with a listbox). */
export const ActorSuggestions: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('combobox', { name: 'Search' });
    await userEvent.click(search);
    await userEvent.keyboard('actor:a');
    const list = await canvas.findByRole('listbox', { name: 'Suggested users' });
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(0));
    await userEvent.keyboard('{ArrowDown}');
    const [first] = within(list).getAllByRole('option');
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(search).toHaveAttribute('aria-activedescendant', first?.id);
  },
};

/** The user filter suggests users too, by a word of the name. */
export const UserFilterSuggestions: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('grid');
    // On a narrow page the filter bar is folded behind a "Filters" button.
    const toggle = canvasElement.querySelector<HTMLElement>('.ak-log-filters-toggle');
    if (toggle?.getAttribute('aria-expanded') === 'false' && toggle.offsetParent !== null) {
      await userEvent.click(toggle);
    }
    const user = await canvas.findByRole('combobox', { name: 'User' });
    await userEvent.click(user);
    await userEvent.keyboard('smi');
    const list = await canvas.findByRole('listbox', { name: 'Suggested users' });
    await waitFor(() => expect(within(list).getByRole('option')).toHaveTextContent('Alice Smith'));
  },
};

/** While the search has an error, the results shown are marked as the previous search's. */
export const StaleResults: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const grid = await canvas.findByRole('grid');
    await waitFor(() => expect(grid.querySelectorAll('tbody tr').length).toBeGreaterThan(3));
    const search = canvas.getByRole('combobox', { name: 'Search' });
    await userEvent.type(search, 'kind:explode');
    await expect(await canvas.findByRole('alert')).toHaveTextContent('at character 1');
    await waitFor(() =>
      expect(canvasElement.querySelector('.ak-log-search-stale')).toHaveTextContent(
        'The results below are from the previous search',
      ),
    );
    expect(grid.querySelectorAll('tbody tr').length).toBeGreaterThan(3);
  },
};

/** Search errors are worded in the reader's language. */
export const RussianSearchError: Story = {
  globals: { locale: 'ru' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const search = await canvas.findByRole('combobox', { name: 'Поиск' });
    await userEvent.type(search, 'kind:explode');
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Неизвестное значение kind «explode» (символ 1)');
  },
};
