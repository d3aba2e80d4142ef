/// <reference types="vite/client" />
import type { ActivityEvent } from '@activitykit/schema';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, expect } from 'vitest';
import { ActivityProvider } from '../data/ActivityProvider.tsx';
import type { ActivitySource } from '../data/source.ts';
import type { MessageOverrides } from '../i18n/messages.ts';
import { createMemorySource, type MemorySourceOptions } from '../memory.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import type { ActivityLogUrlAdapter } from './urlSync.ts';
import '../styles.css';
import './log.css';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) act(cleanup);
});

/** Renders `node` inside an `<ActivityProvider>` over `source`, unmounted after the test. */
export function mountLog(
  node: ReactNode,
  options: {
    source: ActivitySource;
    locale?: 'en' | 'ru';
    now?: () => Date;
    messages?: MessageOverrides;
  },
) {
  const container = document.createElement('div');
  container.className = 'ak-root';
  container.style.height = '700px';
  document.body.append(container);
  const root = createRoot(container);
  const wrap = (child: ReactNode) => (
    <ActivityProvider
      source={options.source}
      locale={options.locale ?? 'en'}
      timeZone="UTC"
      now={options.now ?? (() => FIXTURE_NOW)}
      {...(options.messages ? { messages: options.messages } : {})}
    >
      {child}
    </ActivityProvider>
  );
  act(() => root.render(wrap(node)));
  cleanups.push(() => {
    root.unmount();
    container.remove();
  });
  return { container, rerender: (next: ReactNode) => act(() => root.render(wrap(next))) };
}

/** A memory source with the stories' clock. */
export const memory = (events: readonly ActivityEvent[], options: MemorySourceOptions = {}) =>
  createMemorySource({ now: () => FIXTURE_NOW, ...options, events: [...events] });

/** Waits until `check` stops throwing. */
export async function settle(check: () => void): Promise<void> {
  await expect
    .poll(
      () => {
        try {
          check();
          return true;
        } catch {
          return false;
        }
      },
      { timeout: 5000 },
    )
    .toBe(true);
}

/** The body rows in the DOM. */
export const bodyRows = (container: HTMLElement) => [
  ...container.querySelectorAll<HTMLTableRowElement>('tbody tr[data-event-id]'),
];

/** An in-memory URL adapter: what a router would give. */
export function memoryUrl(
  initial: string,
): ActivityLogUrlAdapter & { current: string; navigate(search: string): void } {
  const listeners = new Set<() => void>();
  const adapter = {
    current: initial,
    read: () => new URLSearchParams(adapter.current),
    write(params: URLSearchParams) {
      adapter.current = params.toString();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(search: string) {
      adapter.current = search;
      for (const listener of listeners) listener();
    },
  };
  return adapter;
}
