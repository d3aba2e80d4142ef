import axe from 'axe-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ruMessages } from '../locales/ru.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';
import './search.css';

const events = generateActivityEvents({ count: 300, now: FIXTURE_NOW, names: 'en', seed: 5 });
const actorsShown = (container: HTMLElement) =>
  new Set(
    bodyRows(container).map(
      (row) => row.querySelector('[data-column="user"] .ak-log-ellipsis')?.textContent,
    ),
  );
const searchBox = (container: HTMLElement) =>
  container.querySelector('input[type="search"]') as HTMLInputElement;
const listOf = (input: HTMLInputElement) =>
  document.getElementById(input.getAttribute('aria-controls') ?? '') as HTMLElement;
const options = (input: HTMLInputElement) => [
  ...listOf(input).querySelectorAll<HTMLElement>('[role="option"]'),
];

// A desktop-wide page: the whole filter bar shows (narrow screens fold it behind "Filters").
beforeEach(() => page.viewport(1280, 800));

async function mounted(locale: 'en' | 'ru' = 'en') {
  const view = mountLog(<ActivityLog live={false} />, {
    source: memory(events),
    locale,
    messages: { ru: ruMessages },
  });
  await settle(() => expect(bodyRows(view.container).length).toBeGreaterThan(3));
  return view;
}

describe('actor suggestions in the search box', () => {
  it('suggests users after actor:, chosen with the arrow keys and Enter (combobox pattern)', async () => {
    const { container } = await mounted();
    const input = searchBox(container);
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(input);
    await userEvent.keyboard('kind:delete actor:bo');
    // Under load the list may still show the suggestions for "actor:b" when the last key lands.
    await settle(() =>
      expect(options(input).map((option) => option.textContent)).toEqual([
        'Bob Jonesbob@example.com · Staff',
      ]),
    );
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(listOf(input).getAttribute('role')).toBe('listbox');
    expect(input.getAttribute('aria-autocomplete')).toBe('list');
    await userEvent.keyboard('{ArrowDown}');
    const [first] = options(input);
    expect(input.getAttribute('aria-activedescendant')).toBe(first?.id);
    expect(first?.getAttribute('aria-selected')).toBe('true');
    expect(input).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(input.value).toBe('kind:delete actor:bob@example.com ');
    expect(input.selectionStart).toBe(input.value.length);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await settle(() => expect(actorsShown(container)).toEqual(new Set(['Bob Jones'])));
    expect(bodyRows(container).every((row) => row.getAttribute('data-kind') === 'delete')).toBe(
      true,
    );
  });

  it('closes the list with Escape, then a second Escape restores the applied search', async () => {
    const { container } = await mounted();
    const input = searchBox(container);
    await userEvent.click(input);
    await userEvent.keyboard('actor:"Alice S');
    await settle(() => expect(options(input)).toHaveLength(1));
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.value).toBe('actor:"Alice S');
    await userEvent.keyboard('{Escape}');
    expect(input.value).toBe('');
  });

  it('picks a suggestion with the mouse without losing the focus', async () => {
    const { container } = await mounted();
    const input = searchBox(container);
    await userEvent.click(input);
    await userEvent.keyboard('actor:car');
    await settle(() => expect(options(input)).toHaveLength(1));
    await userEvent.click(options(input)[0] as HTMLElement);
    expect(input.value).toBe('actor:carol@example.com ');
    expect(input).toHaveFocus();
  });
});

describe('actor suggestions in the user filter', () => {
  it('suggests by a word of the name and filters to the user picked', async () => {
    const { container } = await mounted();
    const user = [...container.querySelectorAll<HTMLInputElement>('input[role="combobox"]')].find(
      (input) => input.type === 'text',
    ) as HTMLInputElement;
    await userEvent.click(user);
    await userEvent.keyboard('whi');
    await settle(() => expect(options(user).map((o) => o.id)).toHaveLength(1));
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(user.value).toBe('carol@example.com');
    await settle(() => expect(actorsShown(container)).toEqual(new Set(['Carol White'])));
  });
});

describe('a search with an error', () => {
  it('marks the results still shown as those of the previous search', async () => {
    const { container } = await mounted();
    const input = searchBox(container);
    await userEvent.fill(input, 'kind:logout');
    await userEvent.keyboard('{Enter}');
    await settle(() =>
      expect(new Set(bodyRows(container).map((r) => r.getAttribute('data-kind')))).toEqual(
        new Set(['logout']),
      ),
    );
    const frame = container.querySelector('.ak-log-frame') as HTMLElement;
    expect(getComputedStyle(frame).filter).toBe('none');
    await userEvent.fill(input, 'kind:logout kind:explode');
    const note = container.querySelector('.ak-log-search-stale') as HTMLElement;
    await settle(() =>
      expect(note.textContent).toBe(
        'The results below are from the previous search: fix the search to update them.',
      ),
    );
    expect(note.getAttribute('role')).toBe('status');
    expect(input.getAttribute('aria-describedby')).toContain(note.id);
    expect(getComputedStyle(frame).filter).toBe('grayscale(1)');
    expect(bodyRows(container).length).toBeGreaterThan(0);
    await userEvent.fill(input, 'kind:logout');
    await settle(() => expect(note.textContent).toBe(''));
    expect(getComputedStyle(frame).filter).toBe('none');
  });

  it('words the error in the reader’s language, its place counted in characters', async () => {
    const en = await mounted('en');
    await userEvent.fill(searchBox(en.container), 'actor:alice kind:explode');
    const alertEn = () => en.container.querySelector('.ak-log-search-error span')?.textContent;
    await settle(() =>
      expect(alertEn()).toBe(
        'Unknown kind “explode” at character 13: use one of create, update, delete, login, ' +
          'logout, login_failed, access, note, other',
      ),
    );
    const ru = await mounted('ru');
    await userEvent.fill(searchBox(ru.container), 'actor:alice after:2026-02-30');
    const alertRu = () => ru.container.querySelector('.ak-log-search-error span')?.textContent;
    await settle(() =>
      expect(alertRu()).toBe(
        'Неверная дата «2026-02-30» (символ 13): используйте ГГГГ-ММ-ДД или дату со временем, ' +
          'например 2026-11-01T09:30:00Z',
      ),
    );
    expect(ru.container.querySelector('.ak-log-search-stale')?.textContent).toMatch(
      /^Ниже — результаты предыдущего поиска/,
    );
  });
});

async function axeViolations(root: HTMLElement) {
  const result = await axe.run(root, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
  return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
}
