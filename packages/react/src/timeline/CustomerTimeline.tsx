import type { ActivityQueryInput, RecordRef } from '@activitykit/schema';
import { type HTMLAttributes, type ReactNode, useId, useMemo } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { useActivityPermissions, useTimeline } from '../data/queries.ts';
import { useLiveActivity } from '../data/useLiveActivity.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';
import { batchItems } from '../log/batches.ts';
import { StatePanel, stateOfError } from '../states/StatePanel.tsx';
import { groupByDay } from './groupByDay.ts';
import { NoteComposer } from './NoteComposer.tsx';
import { TimelineBatch } from './TimelineBatch.tsx';
import { TimelineEvent } from './TimelineEvent.tsx';
import { useLoadOnScroll } from './useLoadOnScroll.ts';

/** The parts of {@link CustomerTimeline} that take their own class names. */
export type CustomerTimelineSlot =
  | 'header'
  | 'composer'
  | 'day'
  | 'dayHeading'
  | 'event'
  | 'footer';

/** Props of {@link CustomerTimeline}. */
export interface CustomerTimelineProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /**
   * The record whose history to show, as `type:id` (`customer:42`). (Named `record` because `ref`
   * is reserved by React for element refs.)
   */
  record: string;
  /** How to name the record in the heading and labels. Defaults to the record key. */
  recordLabel?: string;
  /** A heading above the timeline; `null` for none. Defaults to none. */
  heading?: ReactNode;
  /** Extra filters ANDed with the record (e.g. `{ categories: ['order'] }`). Defaults to none. */
  query?: ActivityQueryInput;
  /** Events per page. Defaults to `30`. */
  pageSize?: number;
  /** Show the note composer when the reader may add notes. Defaults to `true`. */
  composer?: boolean;
  /** Longest note. Defaults to `2000`. */
  maxNoteLength?: number;
  /** The record's tenant, sent with new notes when the reader's scope spans several. Defaults to none. */
  tenantId?: string;
  /** Follow new events live. Defaults to `false`. */
  live?: boolean;
  /** Load older events when the end scrolls into view (a button always works too). Defaults to `true`. */
  loadOnScroll?: boolean;
  /** Called when a related record (an order, a booking) is chosen; without it they are plain text. */
  onOpenRecord?: (ref: RecordRef) => void;
  /** Class names of inner parts. Defaults to none. */
  classNames?: Partial<Record<CustomerTimelineSlot, string>>;
}

/**
 * One record's history, newest first and grouped by day ("Today", "Yesterday", then dates, in the
 * viewer's time zone), with an icon per category, status notes and system-made changes marked as
 * such, one user action that changed several records (one correlation id) as one entry that opens
 * to show them, older pages loaded as the end scrolls into view, and a note composer stamped with
 * the author (notes are read-only once saved). Semantics: an `<ol>` of days, each an `<ol>` of
 * events.
 *
 * @example
 * ```tsx
 * <ActivityProvider source={createRestSource({ baseUrl: '/api/activity' })}>
 *   <CustomerTimeline record="customer:42" recordLabel="Olivia Martin" onOpenRecord={(r) => navigate(`/${r.type}s/${r.id}`)} />
 * </ActivityProvider>
 * ```
 */
export function CustomerTimeline(props: CustomerTimelineProps): ReactNode {
  const {
    record,
    recordLabel,
    heading,
    query,
    pageSize = 30,
    composer = true,
    maxNoteLength,
    tenantId,
    live = false,
    loadOnScroll = true,
    onOpenRecord,
    classNames = {},
    className,
    ...rest
  } = props;
  const i18n = useActivityI18n();
  const { t } = i18n;
  const id = useId();
  const { queryClient, keys } = useActivityContext();
  const timelineQuery = useMemo(() => ({ ...query, limit: pageSize }), [query, pageSize]);
  const timeline = useTimeline(record, timelineQuery);
  const permissions = useActivityPermissions();
  const liveQuery = useMemo(() => ({ ...query, refs: [record] }), [query, record]);
  useLiveActivity(liveQuery, {
    enabled: live,
    onEvent: () => void queryClient.invalidateQueries({ queryKey: keys.timelines() }),
  });

  const events = useMemo(
    () => timeline.data?.pages.flatMap((page) => page.items) ?? [],
    [timeline.data],
  );
  const days = useMemo(() => groupByDay(events, i18n.dayKey), [events, i18n]);
  const canLoadMore = timeline.hasNextPage && !timeline.isFetchingNextPage;
  const sentinel = useLoadOnScroll(
    () => void timeline.fetchNextPage(),
    loadOnScroll && Boolean(canLoadMore) && !timeline.isFetchNextPageError,
  );
  const name = recordLabel ?? record;
  const label = t('timeline.label', { record: name });

  let body: ReactNode;
  if (timeline.isPending) {
    body = <StatePanel kind="loading" />;
  } else if (timeline.isError && events.length === 0) {
    body = (
      <StatePanel
        kind={stateOfError(timeline.error)}
        error={timeline.error}
        onRetry={() => void timeline.refetch()}
      />
    );
  } else if (events.length === 0) {
    body = <StatePanel kind="empty" />;
  } else {
    body = (
      <ol className="ak-timeline__days" aria-label={label}>
        {days.map((day) => (
          <li key={day.key} className={cx('ak-timeline__day', classNames.day)}>
            <h3
              id={`${id}-${day.key}`}
              className={cx('ak-timeline__day-heading', classNames.dayHeading)}
            >
              <time dateTime={day.key}>{i18n.formatDay(day.date)}</time>
            </h3>
            <ol className="ak-timeline__events" aria-labelledby={`${id}-${day.key}`}>
              {batchItems(day.events).map((item) =>
                item.event ? (
                  <TimelineEvent
                    key={item.key}
                    event={item.event}
                    record={record}
                    onOpenRecord={onOpenRecord}
                    className={classNames.event}
                  />
                ) : (
                  <TimelineBatch
                    key={item.key}
                    batch={item.batch}
                    record={record}
                    onOpenRecord={onOpenRecord}
                    className={classNames.event}
                  />
                ),
              )}
            </ol>
          </li>
        ))}
      </ol>
    );
  }

  const footer =
    events.length === 0 ? null : timeline.isFetchNextPageError ? (
      <StatePanel
        compact
        kind={stateOfError(timeline.error)}
        error={timeline.error}
        onRetry={() => void timeline.fetchNextPage()}
      />
    ) : timeline.isFetchingNextPage ? (
      <StatePanel compact kind="loading" title={t('timeline.loadingOlder')} />
    ) : timeline.hasNextPage ? (
      <button type="button" className="ak-button" onClick={() => void timeline.fetchNextPage()}>
        <Icon name="clock" /> {t('action.loadOlder')}
      </button>
    ) : (
      <p className="ak-timeline__end ak-muted">{t('timeline.end')}</p>
    );

  return (
    <section
      {...rest}
      className={cx('ak-root ak-timeline', className)}
      aria-label={heading ? undefined : label}
      aria-labelledby={heading ? `${id}-heading` : undefined}
      aria-busy={timeline.isFetching || undefined}
    >
      {heading ? (
        <h2 id={`${id}-heading`} className={cx('ak-timeline__heading', classNames.header)}>
          {heading}
        </h2>
      ) : null}
      {composer && permissions.data?.canNote ? (
        <NoteComposer
          record={record}
          author={permissions.data.actor}
          className={classNames.composer}
          tenantId={tenantId}
          {...(maxNoteLength ? { maxLength: maxNoteLength } : {})}
        />
      ) : null}
      {body}
      <div className={cx('ak-timeline__footer', classNames.footer)}>
        {footer}
        <div ref={sentinel} className="ak-timeline__sentinel" aria-hidden="true" />
      </div>
    </section>
  );
}
