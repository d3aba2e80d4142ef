import { QueryClient } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySource } from '../memory.ts';
import { customerHistory, FIXTURE_NOW, staff, venueMonth } from '../test/fixtures.ts';
import { ActivityProvider } from './ActivityProvider.tsx';
import { useActivityList, useTimeline } from './queries.ts';
import type { ActivitySource } from './source.ts';
import { useLiveActivity } from './useLiveActivity.ts';

const now = () => FIXTURE_NOW;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) act(cleanup);
});

function mount(node: ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  return { container, rerender: (next: ReactNode) => act(() => root.render(next)) };
}

const settle = async (check: () => void) => {
  await expect
    .poll(() => {
      try {
        check();
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
};

function Count({ label }: { label: string }) {
  const list = useActivityList({ limit: 200 });
  const count = list.data?.pages.flatMap((p) => p.items).length;
  return <p data-label={label}>{count === undefined ? 'loading' : String(count)}</p>;
}

function Timeline({ controls, seen }: { controls: { loadMore: () => void }; seen: string[] }) {
  const timeline = useTimeline('customer:42', { limit: 5 });
  controls.loadMore = () => void timeline.fetchNextPage();
  const live = useLiveActivity({ refs: ['customer:42'] }, { onEvent: (e) => seen.push(e.id) });
  const pages = timeline.data?.pages ?? [];
  return (
    <p>
      {pages.length}/{pages.flatMap((p) => p.items).length}/{live.status}/{live.events.length}
    </p>
  );
}

describe('ActivityProvider', () => {
  it('keeps the caches of two providers on one QueryClient apart', async () => {
    const queryClient = new QueryClient();
    const one = createMemorySource({ events: customerHistory(), now });
    const two = createMemorySource({ events: venueMonth().slice(0, 5), now });
    const { container } = mount(
      <>
        <ActivityProvider source={one} queryClient={queryClient}>
          <Count label="one" />
        </ActivityProvider>
        <ActivityProvider source={two} queryClient={queryClient}>
          <Count label="two" />
        </ActivityProvider>
      </>,
    );
    const text = (label: string) => container.querySelector(`[data-label=${label}]`)?.textContent;
    await settle(() => {
      expect(text('one')).toBe(String(customerHistory().length));
      expect(text('two')).toBe('5');
    });
  });

  it('reads from the new source when the source prop changes', async () => {
    const first = createMemorySource({ events: customerHistory(), now });
    const second = createMemorySource({ events: customerHistory().slice(0, 2), now });
    const view = (source: ActivitySource) => (
      <ActivityProvider source={source}>
        <Count label="n" />
      </ActivityProvider>
    );
    const { container, rerender } = mount(view(first));
    await settle(() => expect(container.textContent).toBe(String(customerHistory().length)));
    rerender(view(second));
    await settle(() => expect(container.textContent).toBe('2'));
  });

  it('loads a timeline page by page and delivers live events', async () => {
    const source = createMemorySource({ events: customerHistory(), now });
    const seen: string[] = [];
    const controls = { loadMore: () => {} };
    const { container } = mount(
      <ActivityProvider source={source} now={now}>
        <Timeline controls={controls} seen={seen} />
      </ActivityProvider>,
    );
    await settle(() => expect(container.textContent).toBe('1/5/open/0'));
    act(() => controls.loadMore());
    await settle(() => expect(container.textContent).toBe('2/10/open/0'));
    const event = source.record({
      action: 'note.added',
      kind: 'note',
      actor: staff.anna,
      subject: { type: 'customer', id: '42' },
    });
    await settle(() => expect(container.textContent).toBe('2/10/open/1'));
    expect(seen).toEqual([event.id]);
  });
});
