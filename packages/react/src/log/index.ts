export {
  ActivityLog,
  type ActivityLogIntegrityPanelProps,
  type ActivityLogProps,
} from './ActivityLog.tsx';
export {
  ACTIVITY_LOG_COLUMN_IDS,
  ACTIVITY_LOG_COLUMNS,
  type ActivityLogColumn,
  type ActivityLogColumnId,
  DEFAULT_ACTIVITY_LOG_COLUMNS,
} from './columns.ts';
export type { ActivityLogFilterOptions } from './FilterBar.tsx';
export type { ActivityLogFilters } from './filters.ts';
export {
  type ActivityLogUrlAdapter,
  type ActivityLogUrlState,
  type BrowserUrlAdapterOptions,
  createBrowserUrlAdapter,
  readLogUrlState,
  writeLogUrlState,
} from './urlSync.ts';
export {
  type ControllableStateOptions,
  type SetControllableState,
  useControllableState,
} from './useControllableState.ts';
