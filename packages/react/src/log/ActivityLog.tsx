import { createCategoryRegistry } from '@activitykit/schema';
import { type ReactNode, useCallback, useId, useMemo, useRef, useState } from 'react';
import { useActivityEvent, useActivityList, useActivityPermissions } from '../data/queries.ts';
import { ActivitySourceError, isDeniedError } from '../data/source.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { cx } from '../internal/cx.ts';
import { StatePanel } from '../states/StatePanel.tsx';
import type { ActivityLogProps } from './ActivityLogProps.ts';
import { ActivityTable, type ActivityTableHandle } from './ActivityTable.tsx';
import { BulkBar } from './BulkBar.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { DetailDrawer } from './DetailDrawer.tsx';
import { FilterBar } from './FilterBar.tsx';
import { FiltersToggle } from './FiltersToggle.tsx';
import { buildLogQuery, compactFilters, isEmptyFilters } from './filters.ts';
import { LivePill } from './LivePill.tsx';
import { logTranslator } from './messages.ts';
import { TotalCount } from './TotalCount.tsx';
import { useLiveMerge } from './useLiveMerge.ts';
import { useLogBox } from './useLogBox.ts';
import { useLogIntegrity } from './useLogIntegrity.ts';
import { useLogState, withoutStateProps } from './useLogState.ts';
import { useMatchingEvents } from './useMatchingEvents.ts';
import { useSlashToFocus } from './useSlashToFocus.ts';

export type { ActivityLogIntegrityPanelProps, ActivityLogProps } from './ActivityLogProps.ts';

const defaultCategories = createCategoryRegistry();

/**
 * The activity log (SPEC §7, seeds 000 / 001 / 003 / 004): a virtualised, keyboard-driven table
 * with filters and search syntax, detail drawer with before / after diff, bulk export and delete,
 * restore of deleted records, and live updates. Must be inside `<ActivityProvider>`.
 *
 * @example
 * ```tsx
 * <ActivityProvider source={source} locale="ru" messages={{ ru: ruMessages }}>
 *   <ActivityLog
 *     urlSync={createBrowserUrlAdapter()}
 *     onOpenRecord={(ref) => navigate(`/${ref.type}s/${ref.id}`)}
 *     canRestore={(event) => event.subject?.type !== 'order'}
 *   />
 * </ActivityProvider>
 * ```
 */
export function ActivityLog(props: ActivityLogProps): ReactNode {
  const {
    onOpenRecord,
    canRestore,
    filterOptions,
    categories = defaultCategories,
    pageSize = 100,
    rowHeight = 52,
    live = true,
    onExport,
    label,
    allowDelete = true,
    height = 'fill',
    layout: layoutProp = 'auto',
    integrity: IntegrityView,
    className,
    style,
    ...rest
  } = withoutStateProps(props);
  const box = useLogBox({ height, layout: layoutProp, style, rowHeight });
  const { root, layout, rootStyle } = box;
  const cards = layout === 'cards';
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const i18n = useActivityI18n();
  const t = useMemo(() => logTranslator(i18n), [i18n]);
  const state = useLogState(props);
  const sealed = useLogIntegrity();
  const { filters, sort, selected, columns, openId, setOpenId } = state;
  const query = useMemo(
    () => buildLogQuery(filters, { sort, timeZone: i18n.timeZone, limit: pageSize }),
    [filters, sort, i18n.timeZone, pageSize],
  );
  const list = useActivityList(query);
  const permissions = useActivityPermissions();
  const loaded = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const merge = useLiveMerge({
    query,
    rows: loaded,
    enabled: live && sort === 'desc' && list.isSuccess,
  });
  const events = merge.rows;
  const matching = useMatchingEvents({ active: state.allMatching, list, events });
  const table = useRef<ActivityTableHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashToFocus(searchRef);

  const openEvent = useMemo(
    () => (openId ? events.find((event) => event.id === openId) : undefined),
    [openId, events],
  );
  const fetched = useActivityEvent(openId ?? '', { enabled: !!openId && !openEvent });
  const onOpen = useCallback((id: string) => setOpenId(id), [setOpenId]);

  const { q: _q, ...narrowing } = compactFilters(filters);
  const activeFilters = Object.keys(narrowing).length;

  const error = list.error;
  if (isDeniedError(error) || isDeniedError(permissions.error)) {
    return (
      <div {...rest} ref={root} style={rootStyle} className={cx('ak-root ak-log', className)}>
        <StatePanel
          kind="denied"
          title={t('state.denied')}
          description={t('state.deniedHint')}
          error={error ?? permissions.error}
        />
      </div>
    );
  }
  const searchError =
    error instanceof ActivitySourceError &&
    (error.serverCode === 'INVALID_SEARCH' || error.search !== undefined)
      ? {
          message: error.message,
          position: error.position,
          length: error.length,
          search: error.search,
        }
      : undefined;
  const placeholder = list.isPending ? (
    <StatePanel kind="loading" title={t('state.loading')} />
  ) : error ? (
    <StatePanel
      kind="error"
      title={t('state.error')}
      error={error}
      onRetry={() => void list.refetch()}
    />
  ) : (
    <StatePanel
      kind="empty"
      // With no filter set the log itself is empty: the kit's "No activity yet".
      {...(isEmptyFilters(filters)
        ? {}
        : { title: t('state.empty'), description: t('state.emptyHint') })}
    />
  );

  return (
    <div
      {...rest}
      ref={root}
      style={rootStyle}
      className={cx('ak-root ak-log', className)}
      data-layout={layout}
      data-loading={list.isFetching || undefined}
    >
      <div
        id={filtersId}
        className="ak-log-filters-wrap"
        data-collapsed={(cards && !filtersOpen) || undefined}
      >
        <FilterBar
          filters={filters}
          onChange={state.setFilters}
          options={filterOptions ?? {}}
          categories={categories}
          locale={i18n.locale}
          timeZone={i18n.timeZone}
          t={t}
          searchRef={searchRef}
          searchError={searchError}
        />
      </div>
      <div className="ak-log-toolbar">
        {cards ? (
          <FiltersToggle
            open={filtersOpen}
            onToggle={() => setFiltersOpen((open) => !open)}
            controls={filtersId}
            active={activeFilters}
            t={t}
          />
        ) : null}
        {list.isSuccess ? (
          <TotalCount loaded={events.length} complete={!list.hasNextPage} t={t} />
        ) : null}
        <BulkBar
          selected={selected}
          onClear={() => state.select(new Set())}
          query={query}
          canDelete={allowDelete && permissions.data?.canDelete === true}
          total={{ loaded: events.length, complete: list.isSuccess && !list.hasNextPage }}
          allMatching={state.allMatching}
          onSelectAllMatching={state.selectAllMatching}
          matching={matching}
          locale={i18n.locale}
          t={t}
          onExport={onExport}
        />
        <ColumnChooser columns={columns} onChange={state.setColumns} t={t} />
        {IntegrityView ? (
          // Its "Integrity" button, and the panel on a line of its own below the toolbar.
          <IntegrityView toggle onOpenEvent={onOpen} urlSync={props.urlSync} />
        ) : null}
      </div>
      <div className="ak-log-frame">
        <LivePill
          pending={merge.pending}
          t={t}
          onShow={() => {
            merge.showPending();
            merge.setAtTop(true);
            table.current?.scrollToTop();
          }}
        />
        <ActivityTable
          handle={table}
          events={error && events.length === 0 ? [] : events}
          columns={columns}
          sort={sort}
          onSortChange={state.setSort}
          selected={selected}
          onSelectionChange={state.select}
          onOpen={onOpen}
          onOpenRecord={onOpenRecord}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          loadFailed={list.isFetchNextPageError}
          onLoadMore={() => void list.fetchNextPage()}
          onAtTopChange={merge.setAtTop}
          rowHeight={box.rowHeight}
          label={label ?? t('title')}
          t={t}
          i18n={i18n}
          categories={categories}
          sealed={sealed}
          placeholder={placeholder}
        />
      </div>
      <DetailDrawer
        eventId={openId ?? undefined}
        event={openEvent ?? fetched.data}
        loading={fetched.isPending}
        error={fetched.error}
        onClose={() => setOpenId(null)}
        onOpenRecord={onOpenRecord}
        canRestore={canRestore}
        permissions={permissions.data}
        t={t}
        i18n={i18n}
      />
    </div>
  );
}
