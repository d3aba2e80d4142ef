import { BatchRow } from './BatchRow.tsx';
import type { BatchItem } from './batches.ts';
import type { ActivityLogColumnId } from './columns.ts';
import { LogRow, type RowContext } from './LogRow.tsx';

/** Props of {@link GridRow}. */
export interface GridRowProps {
  row: BatchItem;
  index: number;
  columns: readonly ActivityLogColumnId[];
  selected: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
  active: boolean;
  context: RowContext;
  minute: number;
}

/** One row of the log's grid: an event's (`LogRow`) or a batch's (`BatchRow`), both memoized. */
export function GridRow({
  row,
  index,
  columns,
  selected,
  expanded,
  active,
  context,
  minute,
}: GridRowProps) {
  if (!row.event) {
    return (
      <BatchRow
        batch={row.batch}
        index={index}
        span={columns.length}
        open={expanded.has(row.key)}
        active={active}
        context={context}
        minute={minute}
      />
    );
  }
  return (
    <LogRow
      event={row.event}
      index={index}
      columns={columns}
      selected={selected.has(row.event.id)}
      active={active}
      context={context}
      minute={minute}
      batch={row.batch?.key}
    />
  );
}
