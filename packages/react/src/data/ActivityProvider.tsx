import type { Locale } from '@activitykit/schema';
import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { type ReactNode, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createI18n } from '../i18n/createI18n.ts';
import { I18nContext } from '../i18n/I18nContext.tsx';
import type { MessageOverrides } from '../i18n/messages.ts';
import { ActivityContext, type ActivityContextValue } from './ActivityContext.ts';
import { createQueryKeys } from './queryKeys.ts';
import type { ActivitySource } from './source.ts';

/** Props of {@link ActivityProvider}. */
export interface ActivityProviderProps {
  /** Where activity comes from: `createRestSource`, `createTrpcSource` or `createMemorySource`. */
  source: ActivitySource;
  /** Language of the components. Defaults to `'en'`. */
  locale?: Locale;
  /** IANA time zone of dates, day groups and period presets. Defaults to the browser's zone. */
  timeZone?: string;
  /**
   * The TanStack `QueryClient` to cache in. Defaults to the one of an enclosing
   * `<QueryClientProvider>`, else one owned by this provider.
   */
  queryClient?: QueryClient;
  /**
   * Catalogs and overrides of messages, per locale: English is built in; other languages come
   * from their own entries (`ruMessages` and `ruIntegrityMessages` of
   * `@activitykit/react/locales/ru`), and an app's own keys go on top. Defaults to none.
   */
  messages?: MessageOverrides;
  /** The clock of "Today" and relative times (fix it in tests and stories). Defaults to the real one. */
  now?: () => Date;
  children?: ReactNode;
}

/**
 * Gives the kit's components and hooks a data source, a query cache, a locale and a time zone.
 * Query keys are prefixed per provider instance (and per source object), so several providers can
 * share one `QueryClient`. Create the source once (module level or `useMemo`): a new source object
 * is a new cache.
 *
 * @example
 * ```tsx
 * import { ruMessages } from '@activitykit/react/locales/ru';
 *
 * const source = createRestSource({ baseUrl: '/api/activity' });
 * <ActivityProvider source={source} locale="ru" messages={{ ru: ruMessages }} timeZone="Europe/Moscow">
 *   <CustomerTimeline record="customer:42" />
 * </ActivityProvider>;
 * ```
 */
export function ActivityProvider(props: ActivityProviderProps): ReactNode {
  const { source, locale = 'en', timeZone, messages, now, children } = props;
  const outerClient = useContext(QueryClientContext);
  const [ownClient] = useState(() => new QueryClient());
  const queryClient = props.queryClient ?? outerClient ?? ownClient;
  useEffect(() => {
    // Focus and reconnect refetching, as <QueryClientProvider> would set up.
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient]);
  const instanceId = useId();
  // Each source object this provider has seen gets its own serial, so swapping sources never
  // serves the previous source's cache. The map lives (and dies) with this provider instance.
  const [sourceSerials] = useState(() => new WeakMap<ActivitySource, number>());
  const [counter] = useState(() => ({ next: 0 }));
  let serial = sourceSerials.get(source);
  if (serial === undefined) {
    serial = counter.next++;
    sourceSerials.set(source, serial);
  }
  const prefix = `${instanceId}:${serial}`;
  const value = useMemo<ActivityContextValue>(
    () => ({ source, queryClient, keys: createQueryKeys(prefix) }),
    [source, queryClient, prefix],
  );
  // Inline `now` functions and `messages` objects must not rebuild the formatters every render.
  const clock = useRef(now);
  clock.current = now;
  const messagesKey = messages ? JSON.stringify(messages) : '';
  const i18n = useMemo(
    () =>
      createI18n({
        locale,
        ...(timeZone ? { timeZone } : {}),
        ...(messagesKey ? { messages: JSON.parse(messagesKey) } : {}),
        now: () => clock.current?.() ?? new Date(),
      }),
    [locale, timeZone, messagesKey],
  );
  return (
    <ActivityContext.Provider value={value}>
      <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>
    </ActivityContext.Provider>
  );
}
