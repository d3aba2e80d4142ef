import type { SortDirection } from '@activitykit/schema';
import { memo, type Ref, useEffect, useRef } from 'react';
import { Icon } from '../icons/Icon.tsx';
import { ACTIVITY_LOG_COLUMNS, type ActivityLogColumnId } from './columns.ts';
import type { LogTranslate } from './messages.ts';
import type { AllState } from './useRowSelection.ts';

/** Props of {@link TableHeader}. */
export interface TableHeaderProps {
  headerRef: Ref<HTMLTableSectionElement>;
  columns: readonly ActivityLogColumnId[];
  sort: SortDirection;
  onSortChange(sort: SortDirection): void;
  allState: AllState;
  onSelectAll(all: boolean): void;
  t: LogTranslate;
}

/**
 * The grid's sticky header row: select-all, column labels and the sortable time column. Memoized:
 * scrolling re-renders the body, not the header.
 */
export const TableHeader = memo(function TableHeader(props: TableHeaderProps) {
  const { columns, sort, onSortChange, allState, onSelectAll, t } = props;
  const checkbox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (checkbox.current) checkbox.current.indeterminate = allState === 'some';
  }, [allState]);
  return (
    <thead className="ak-log-head" ref={props.headerRef}>
      <tr aria-rowindex={1} className="ak-log-row ak-log-head-row">
        <th scope="col" className="ak-log-cell ak-log-select">
          <input
            ref={checkbox}
            type="checkbox"
            checked={allState === 'all'}
            aria-label={t('row.selectAll')}
            onChange={() => onSelectAll(allState !== 'all')}
          />
        </th>
        {columns.map((id) => {
          const column = ACTIVITY_LOG_COLUMNS[id];
          const label = t(column.label);
          if (!column.sortable) {
            return (
              <th key={id} scope="col" className="ak-log-cell" data-column={id}>
                {id === 'view' ? <span className="ak-visually-hidden">{label}</span> : label}
              </th>
            );
          }
          const order = sort === 'desc' ? t('sort.desc') : t('sort.asc');
          return (
            <th
              key={id}
              scope="col"
              className="ak-log-cell"
              data-column={id}
              aria-sort={sort === 'desc' ? 'descending' : 'ascending'}
            >
              <button
                type="button"
                className="ak-log-sort"
                title={t('sort.toggle', { order })}
                onClick={() => onSortChange(sort === 'desc' ? 'asc' : 'desc')}
              >
                {label}
                <Icon name="chevron" className="ak-log-sort-icon" data-direction={sort} />
                <span className="ak-visually-hidden">, {order}</span>
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
});
