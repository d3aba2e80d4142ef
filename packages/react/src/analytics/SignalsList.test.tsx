import type { ActivityQueryInput, SecuritySignal } from '@activitykit/schema';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ActivityProvider } from '../data/ActivityProvider.tsx';
import { ruMessages } from '../locales/ru.ts';
import { createMemorySource } from '../memory.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { SignalsList, signalQuery } from './SignalsList.tsx';
import '../index.css';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const burst: SecuritySignal = {
  id: 'failed_login_burst_user:acme:alice@example.com:1',
  type: 'failed_login_burst_user',
  severity: 'high',
  key: 'alice@example.com',
  tenantId: 'acme',
  window: { from: new Date('2026-11-23T10:00:00Z'), to: new Date('2026-11-23T10:04:00Z') },
  count: 3,
  description: '3 failed logins for alice@example.com within minutes',
  eventIds: [
    '01KMD2V0000000000000000001',
    '01KMD2V0000000000000000002',
    '01KMD2V0000000000000000003',
  ],
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function mount(node: React.ReactNode, locale: 'en' | 'ru') {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() =>
    root.render(
      <ActivityProvider
        source={createMemorySource({ now: () => FIXTURE_NOW })}
        locale={locale}
        messages={{ ru: ruMessages }}
        timeZone="UTC"
        now={() => FIXTURE_NOW}
      >
        {node}
      </ActivityProvider>,
    ),
  );
  cleanups.push(() => {
    act(() => root.unmount());
    container.remove();
  });
  return container;
}

describe('<SignalsList>', () => {
  it('titles each signal in the reader’s language (no raw type names) and opens exactly its events', async () => {
    const opened: [ActivityQueryInput, SecuritySignal][] = [];
    const container = mount(
      <SignalsList
        signals={[burst]}
        onOpenEvents={(query, signal) => opened.push([query, signal])}
      />,
      'ru',
    );
    expect(container.querySelector('.ak-signal__title')?.textContent).toBe(
      'Серия неудачных входов в одну учётную запись',
    );
    expect(container.querySelector('.ak-signal__text')?.textContent).toBe(
      'alice@example.com: 3 события',
    );
    expect(container.textContent).not.toContain('failed_login_burst_user');
    await userEvent.click(
      [...container.querySelectorAll('button')].find(
        (b) => b.textContent === 'Показать 3 события',
      ) as HTMLElement,
    );
    expect(opened).toEqual([[{ ids: burst.eventIds }, burst]]);
  });

  it('links to the log with getEventsHref, in English', () => {
    const container = mount(
      <SignalsList
        signals={[burst]}
        getEventsHref={(query) => `/activity?id=${query.ids?.join('&id=')}`}
      />,
      'en',
    );
    expect(container.querySelector('.ak-signal__title')?.textContent).toBe(
      'Repeated failed sign-ins to one account',
    );
    const link = container.querySelector('a') as HTMLAnchorElement;
    expect(link.textContent).toBe('View 3 events');
    expect(link.getAttribute('href')).toBe(`/activity?id=${burst.eventIds.join('&id=')}`);
  });

  it('falls back to the window and whom it is about when the signal lists fewer ids than events', () => {
    const many = { ...burst, count: 40 };
    expect(signalQuery(many)).toEqual({
      from: many.window.from,
      to: new Date(many.window.to.getTime() + 1),
      actors: ['alice@example.com'],
      kinds: ['login', 'login_failed'],
      outcome: 'failure',
    });
  });

  it('aligns an English description to the start edge of a right-to-left page', () => {
    const container = mount(
      <div dir="rtl" style={{ width: '40rem' }}>
        <SignalsList signals={[burst]} />
      </div>,
      'en',
    );
    const text = container.querySelector('.ak-signal__text') as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(text);
    const words = range.getBoundingClientRect();
    expect(text.getBoundingClientRect().right - words.right).toBeLessThan(2);
  });
});
