import type {
  ActivityEvent,
  CategoryRegistry,
  RecordRef,
  SortDirection,
} from '@activitykit/schema';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type CSSProperties,
  type ReactNode,
  type Ref,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { batchKeyActions } from './batchKeys.ts';
import { type ActivityLogColumnId, gridTemplate } from './columns.ts';
import { GridRow } from './GridRow.tsx';
import type { RowContext } from './LogRow.tsx';
import type { LogTranslate } from './messages.ts';
import { TableFooter } from './TableFooter.tsx';
import { TableHeader } from './TableHeader.tsx';
import { useBatchRows } from './useBatchRows.ts';
import { handleGridKey } from './useGridKeyboard.ts';
import { useHeaderHeight } from './useHeaderHeight.ts';
import { useLatest } from './useLatest.ts';
import { useMinute } from './useMinute.ts';
import { useRowSelection } from './useRowSelection.ts';

/** Imperative handle of {@link ActivityTable}. */
export interface ActivityTableHandle {
  scrollToTop(): void;
}

/** Props of {@link ActivityTable}. */
export interface ActivityTableProps {
  events: readonly ActivityEvent[];
  columns: readonly ActivityLogColumnId[];
  sort: SortDirection;
  onSortChange(sort: SortDirection): void;
  selected: ReadonlySet<string>;
  onSelectionChange(selected: ReadonlySet<string>): void;
  onOpen(id: string): void;
  onOpenRecord?: ((ref: RecordRef, event: ActivityEvent) => void) | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  /** The last page request failed: show a retry instead of loading on scroll. */
  loadFailed?: boolean;
  onLoadMore(): void;
  /** Called when the list reaches or leaves its top (live updates pause below it). */
  onAtTopChange?(atTop: boolean): void;
  /** Row height in px (rows have a fixed height). */
  rowHeight: number;
  label: string;
  t: LogTranslate;
  i18n: ActivityI18n;
  categories: CategoryRegistry;
  handle?: Ref<ActivityTableHandle>;
  /** Shown in place of rows (loading, empty, error panels). */
  placeholder?: ReactNode;
  /** Whether an event is sealed; without it rows show no lock. */
  sealed?: RowContext['sealed'];
  /** Rows rendered beyond the viewport on each side. Defaults to `4`. */
  overscan?: number;
}

const LOAD_AHEAD = 40;

/**
 * The log's virtualised ARIA grid: a sticky header, fixed-height rows of which only the visible ones
 * (plus overscan) are in the DOM, `aria-rowcount` / `aria-rowindex`, roving focus, and infinite
 * loading as the end comes into view. Consecutive events of one user action (one correlation id)
 * are one batch row, followed by its events while it is open.
 */
export function ActivityTable(props: ActivityTableProps) {
  const { events, columns, rowHeight, t, i18n, categories, hasMore, loadingMore } = props;
  const loadFailed = props.loadFailed ?? false;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLTableSectionElement>(null);
  const headerHeight = useHeaderHeight(headerRef);
  const [activeId, setActiveId] = useState<string | undefined>();
  const pendingFocus = useRef<string | undefined>(undefined);
  const atTop = useRef(true);
  const minute = useMinute();
  const latest = useLatest(props);
  const selection = useRowSelection({ events, selected: props.selected, latest });

  const { rows, indexByKey, expanded, setOpen } = useBatchRows(events);
  const activeIndex = activeId !== undefined ? (indexByKey.get(activeId) ?? 0) : 0;

  // Stable callbacks: a new getItemKey would make the virtualizer re-measure every row.
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Rows have a fixed height (CSS), so "measuring" one never reads layout.
  const measureElement = useCallback(() => rowHeight, [rowHeight]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    measureElement,
    getItemKey,
    overscan: props.overscan ?? 4,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    directDomUpdates: true,
    directDomUpdatesMode: 'position',
    useFlushSync: false,
    // The virtualizer's cached offset: reading scrollTop here would force a layout per frame.
    onChange: (instance) => {
      const top = (instance.scrollOffset ?? 0) < 4;
      if (top !== atTop.current) {
        atTop.current = top;
        latest.current.onAtTopChange?.(top);
      }
    },
  });
  // Cards and table rows differ in height: re-measure every row when it changes.
  useEffect(() => {
    if (rowHeight) virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    // After a failed page the reader retries by hand: no request loop.
    if (hasMore && !loadingMore && !loadFailed && lastIndex >= rows.length - LOAD_AHEAD) {
      latest.current.onLoadMore();
    }
  }, [hasMore, loadingMore, loadFailed, lastIndex, rows.length, latest]);

  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (id === undefined) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `.ak-log-body > [data-index="${indexByKey.get(id)}"]`,
    );
    if (row) {
      pendingFocus.current = undefined;
      row.focus({ preventScroll: true });
    }
  });

  useImperativeHandle(props.handle, () => ({
    scrollToTop: () => virtualizer.scrollToOffset(0),
  }));

  const context = useMemo<RowContext>(
    () => ({
      t,
      i18n,
      categories,
      onOpenRecord: props.onOpenRecord,
      sealed: props.sealed,
      measure: virtualizer.measureElement,
      onToggle: selection.toggle,
      onOpen: (id) => latest.current.onOpen(id),
      onActivate: (id) => setActiveId(id),
      onToggleBatch: setOpen,
    }),
    [
      t,
      i18n,
      categories,
      props.onOpenRecord,
      props.sealed,
      virtualizer,
      selection.toggle,
      latest,
      setOpen,
    ],
  );

  const move = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveId(row.key);
    pendingFocus.current = row.key;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  return (
    <div
      ref={scrollRef}
      className="ak-log-scroll"
      style={
        {
          '--ak-log-columns': gridTemplate(columns),
          '--ak-log-row-height': `${rowHeight}px`,
        } as CSSProperties
      }
    >
      <table
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA grid (arrow keys, selection) on table markup
        role="grid"
        aria-label={props.label}
        aria-rowcount={hasMore ? -1 : rows.length + 1}
        aria-colcount={columns.length + 1}
        aria-multiselectable="true"
        aria-busy={loadingMore || undefined}
        className="ak-log-grid"
      >
        <TableHeader
          headerRef={headerRef}
          columns={columns}
          sort={props.sort}
          onSortChange={props.onSortChange}
          allState={selection.allState}
          onSelectAll={selection.setAll}
          t={t}
        />
        {events.length === 0 ? (
          <tbody className="ak-log-placeholder">
            <tr aria-rowindex={2}>
              <td colSpan={columns.length + 1}>{props.placeholder}</td>
            </tr>
          </tbody>
        ) : (
          <tbody
            ref={virtualizer.containerRef}
            className="ak-log-body"
            onKeyDown={(key) => {
              // Keys pressed on a row's own controls (checkbox, buttons) keep their native meaning.
              if ((key.target as Element).tagName !== 'TR') return;
              const handled = handleGridKey(key, {
                count: rows.length,
                pageSize: Math.max(
                  1,
                  Math.floor((virtualizer.scrollRect?.height ?? 400) / rowHeight) - 1,
                ),
                activeIndex,
                move,
                selectAll: () => selection.setAll(true),
                ...batchKeyActions(rows, {
                  expanded,
                  indexByKey,
                  setOpen,
                  move,
                  openEvent: props.onOpen,
                  toggleEvent: selection.toggle,
                  rtl: getComputedStyle(key.currentTarget).direction === 'rtl',
                }),
              });
              if (handled) key.preventDefault();
            }}
          >
            {items.map((item) => {
              const row = rows[item.index];
              return row ? (
                <GridRow
                  key={row.key}
                  row={row}
                  index={item.index}
                  columns={columns}
                  selected={props.selected}
                  expanded={expanded}
                  active={item.index === activeIndex}
                  context={context}
                  minute={minute}
                />
              ) : null;
            })}
          </tbody>
        )}
      </table>
      {events.length > 0 ? (
        <TableFooter
          loadFailed={loadFailed}
          loadingMore={loadingMore}
          hasMore={hasMore}
          onRetry={props.onLoadMore}
          t={t}
        />
      ) : null}
    </div>
  );
}
