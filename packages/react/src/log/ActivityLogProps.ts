import type {
  ActivityEvent,
  CategoryRegistry,
  RecordRef,
  SortDirection,
} from '@activitykit/schema';
import type { ComponentType, HTMLAttributes } from 'react';
import type { ActivityLogColumnId } from './columns.ts';
import type { ActivityLogFilterOptions } from './FilterBar.tsx';
import type { ActivityLogFilters } from './filters.ts';
import type { ActivityLogUrlAdapter } from './urlSync.ts';
import type { UseExportOptions } from './useExport.ts';
import type { ActivityLogLayout } from './useLogLayout.ts';

/**
 * What `<ActivityLog>` passes to its `integrity` component, which it renders at the end of its
 * toolbar (`IntegrityPanel` of `@activitykit/react/integrity` takes these among its own props).
 */
export interface ActivityLogIntegrityPanelProps {
  /** Render as a toolbar button that shows and hides the panel below the toolbar. */
  toggle: true;
  /** Opens an event the panel names in the log's detail drawer. */
  onOpenEvent: (id: string) => void;
  /** The log's URL adapter, if any: the panel's event ids then link to `?event=<id>`. */
  urlSync: ActivityLogUrlAdapter | undefined;
}

/**
 * Props of `<ActivityLog>`: each state slice — filters, sort, selection, columns, open event — is
 * controlled (`x` + `onXChange`) or uncontrolled (`defaultX`), and optionally synced to the URL.
 */
export interface ActivityLogProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'onChange' | 'defaultValue' | 'children'> {
  /** Controlled filters. */
  filters?: ActivityLogFilters;
  /** Initial filters when uncontrolled. Defaults to `{}` (everything). */
  defaultFilters?: ActivityLogFilters;
  /** Called with the new filters when the reader changes them (search, drop-downs, period). */
  onFiltersChange?: (filters: ActivityLogFilters) => void;
  /** Controlled sort by time. */
  sort?: SortDirection;
  /** Defaults to `'desc'` (newest first). */
  defaultSort?: SortDirection;
  /** Called with the new sort when the reader flips the Time column. */
  onSortChange?: (sort: SortDirection) => void;
  /** Controlled selection (event ids). */
  selection?: readonly string[];
  /** Defaults to `[]`. */
  defaultSelection?: readonly string[];
  /** Called with the selected event ids when rows are checked or unchecked. */
  onSelectionChange?: (selection: string[]) => void;
  /** Controlled columns, in order. */
  columns?: readonly ActivityLogColumnId[];
  /** Defaults to {@link DEFAULT_ACTIVITY_LOG_COLUMNS} (seed 004's table). */
  defaultColumns?: readonly ActivityLogColumnId[];
  /** Called with the columns, in order, when the reader shows, hides or moves one. */
  onColumnsChange?: (columns: ActivityLogColumnId[]) => void;
  /** Controlled id of the event whose detail view is open (`null` = closed). */
  openEventId?: string | null;
  /** Defaults to `null`. */
  defaultOpenEventId?: string | null;
  /** Called with the event id when the detail drawer opens, `null` when it closes. */
  onOpenEventChange?: (id: string | null) => void;
  /** Mirrors filters, sort, columns and the open event in the URL. Defaults to none. */
  urlSync?: ActivityLogUrlAdapter;
  /** Makes subjects and related records clickable (seed 001's references). Defaults to plain text. */
  onOpenRecord?: (ref: RecordRef, event: ActivityEvent) => void;
  /** Which delete events the app can restore; also needs `permissions.canRestore`. Defaults to none. */
  canRestore?: (event: ActivityEvent) => boolean;
  /** Choices of the filter bar's drop-downs. Defaults to roles admin/partner/staff/customer. */
  filterOptions?: ActivityLogFilterOptions;
  /** Category labels and resource nouns. Defaults to the schema's default categories. */
  categories?: CategoryRegistry;
  /** Rows per request. Defaults to `100` (the server caps it at 200). */
  pageSize?: number;
  /** Row height in px. Defaults to `52`. */
  rowHeight?: number;
  /** Follow new events live (newest-first sort only). Defaults to `true`. */
  live?: boolean;
  /** Receives exported files instead of the browser download. Defaults to a download. */
  onExport?: UseExportOptions['onExport'];
  /** The grid's accessible name. Defaults to "Activity log". */
  label?: string;
  /**
   * Offer Delete for selected events (shown only when the reader's `permissions.canDelete` allows
   * it too). Pass `false` for read-only views such as a list of sign-ins. Defaults to `true`.
   */
  allowDelete?: boolean;
  /**
   * The log's height: `'fill'` takes the rest of the window below the log's top (measured again
   * on resize; never so little that the rows get squeezed — the page scrolls instead), a number is
   * px, a string any CSS length (`'100%'` in a sized flex or grid cell, `'60vh'`). A
   * `--ak-log-height` set in CSS, or `style.height`, wins over `'fill'`. Defaults to `'fill'`.
   */
  height?: 'fill' | number | string;
  /**
   * `'table'`, `'cards'` (one three-line card per event, for narrow screens), or `'auto'`: cards
   * while the log itself is narrower than 45rem (a ResizeObserver watches it). Defaults to `'auto'`.
   */
  layout?: ActivityLogLayout | 'auto';
  /**
   * The integrity panel: pass `IntegrityPanel` of the separate entry `@activitykit/react/integrity`
   * (only apps that show it ship it). The log renders it at the end of its toolbar as an
   * "Integrity" button (shown when the source reports that the server seals or can verify) that
   * opens the panel below the toolbar; event ids the panel names open the detail drawer (with
   * `urlSync`, they are links to `?event=<id>`). Without it there is no button; the rows' seal locks
   * and the drawer's checkpoint line show either way when the source reports integrity. To open
   * the panel from the start or control it, pass a component defined once (not inline in JSX):
   * `const OpenPanel = (props) => <IntegrityPanel {...props} defaultOpen />`. Defaults to none.
   *
   * @example
   * ```tsx
   * import { IntegrityPanel } from '@activitykit/react/integrity';
   * <ActivityLog urlSync={url} integrity={IntegrityPanel} />;
   * ```
   */
  integrity?: ComponentType<ActivityLogIntegrityPanelProps>;
}
