import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import type { ActivityLogFilters } from './filters.ts';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, memoryUrl, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 300, now: FIXTURE_NOW, names: 'en', seed: 11 });
const kindsShown = (container: HTMLElement) =>
  new Set(bodyRows(container).map((row) => row.getAttribute('data-kind')));

/** A parent that controls the filters and refuses any filter on logins. */
function ControlledHost({ changes }: { changes: ActivityLogFilters[] }) {
  const [filters, setFilters] = useState<ActivityLogFilters>({ kinds: ['delete'] });
  return (
    <ActivityLog
      filters={filters}
      onFiltersChange={(next) => {
        changes.push(next);
        if (!next.kinds?.includes('login')) setFilters(next);
      }}
    />
  );
}

describe('<ActivityLog> state', () => {
  it('says the log is empty, not that filters match nothing, when no filter is set', async () => {
    const { container } = mountLog(<ActivityLog />, { source: memory([]) });
    await settle(() =>
      expect(container.querySelector('.ak-state__title')?.textContent).toBe('No activity yet'),
    );
    expect(container.querySelector('.ak-state__detail')).toBeNull();
  });

  it('says no event matches when a filter is set and nothing matches', async () => {
    const { container } = mountLog(<ActivityLog defaultFilters={{ kinds: ['delete'] }} />, {
      source: memory(events.filter((event) => event.kind !== 'delete')),
    });
    await settle(() =>
      expect(container.querySelector('.ak-state__title')?.textContent).toBe(
        'No events match these filters.',
      ),
    );
  });

  it('follows controlled filters and reports changes without applying them itself', async () => {
    const changes: ActivityLogFilters[] = [];
    const { container } = mountLog(<ControlledHost changes={changes} />, {
      source: memory(events),
    });
    await settle(() => expect(kindsShown(container)).toEqual(new Set(['delete'])));
    const kind = [...container.querySelectorAll('summary')].find((s) =>
      s.getAttribute('aria-labelledby')?.includes('label'),
    );
    expect(kind).toBeDefined();
    const loginBox = [...container.querySelectorAll('label')]
      .find((label) => label.textContent === 'Login')
      ?.querySelector('input') as HTMLInputElement;
    await act(async () => loginBox.click());
    expect(changes.at(-1)).toEqual({ kinds: ['delete', 'login'] });
    // The parent refused the change: the log still shows deletes only.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(kindsShown(container)).toEqual(new Set(['delete']));
  });

  it('reads its state from the URL and writes changes back, keeping other parameters', async () => {
    const url = memoryUrl('tab=activity&kind=login&cols=time,user,action');
    const { container } = mountLog(<ActivityLog urlSync={url} />, { source: memory(events) });
    await settle(() => expect(kindsShown(container)).toEqual(new Set(['login'])));
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toEqual(
      ['', 'Time, Newest first', 'User', 'Action'],
    );
    await userEvent.click(container.querySelector('.ak-log-sort') as HTMLElement);
    await settle(() =>
      expect(url.current).toBe('tab=activity&kind=login&sort=asc&cols=time%2Cuser%2Caction'),
    );
    act(() => url.navigate('tab=activity&kind=logout'));
    await settle(() => expect(kindsShown(container)).toEqual(new Set(['logout'])));
    expect(container.querySelector('[aria-sort]')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('marks a search-syntax error at its position and applies a valid search', async () => {
    const { container } = mountLog(<ActivityLog />, { source: memory(events) });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    const input = container.querySelector('input[type="search"]') as HTMLInputElement;
    await userEvent.fill(input, 'actor:alice kind:explode');
    await settle(() =>
      expect(container.querySelector('.ak-log-search-echo mark')?.textContent).toBe('kind:explode'),
    );
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.ak-log-search-error')?.textContent).toContain(
      'at character 13',
    );
    await userEvent.fill(input, 'kind:logout');
    await userEvent.keyboard('{Enter}');
    await settle(() => expect(kindsShown(container)).toEqual(new Set(['logout'])));
    expect(container.querySelector('.ak-log-search-error')).toBeNull();
  });

  it('exports everything the filters match when nothing is selected', async () => {
    const files: { blob: Blob; filename: string }[] = [];
    const { container } = mountLog(
      <ActivityLog defaultFilters={{ kinds: ['logout'] }} onExport={(file) => files.push(file)} />,
      { source: memory(events) },
    );
    await settle(() => expect(kindsShown(container)).toEqual(new Set(['logout'])));
    const csv = [...container.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Export CSV'),
    );
    await userEvent.click(csv as HTMLElement);
    await settle(() => expect(files).toHaveLength(1));
    const lines = (await files[0]?.blob.text())?.trim().split('\n') ?? [];
    expect(lines.length - 1).toBe(events.filter((event) => event.kind === 'logout').length);
    expect(container.textContent).toContain(`Exported ${files[0]?.filename}`);
  });

  it('lets the columns be hidden and reordered, uncontrolled', async () => {
    const { container } = mountLog(<ActivityLog defaultColumns={['time', 'user', 'ip']} />, {
      source: memory(events),
    });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(3));
    await userEvent.click(container.querySelector('.ak-log-columns summary') as HTMLElement);
    await userEvent.click(
      container.querySelector('button[aria-label="Move IP address up"]') as HTMLElement,
    );
    const header = () =>
      [...container.querySelectorAll('thead th')].map((th) => th.getAttribute('data-column'));
    expect(header()).toEqual([null, 'time', 'ip', 'user']);
    const time = [...container.querySelectorAll('.ak-log-columns label')].find(
      (l) => l.textContent === 'Time',
    );
    await userEvent.click(time?.querySelector('input') as HTMLElement);
    expect(header()).toEqual([null, 'ip', 'user']);
    expect(bodyRows(container)[0]?.querySelectorAll('td')).toHaveLength(3);
  });
});
