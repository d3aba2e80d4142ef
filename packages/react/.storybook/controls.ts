import { type ActivityQueryInput, SORT_DIRECTIONS, type StatsBucket } from '@activitykit/schema';
import type { InputType } from 'storybook/internal/types';
import {
  ACTIVITY_LOG_COLUMN_IDS,
  type ActivityLogFilterOptions,
  type ActivityLogFilters,
  type AnalyticsSection,
} from '../src/index.ts';
import { IntegrityPanel } from '../src/integrity.ts';

/** Every member of a string union, checked complete by the compiler (`Record<T, true>`). */
const membersOf = <T extends string>(all: Record<T, true>): T[] => Object.keys(all) as T[];

const BUCKETS = membersOf<StatsBucket>({ hour: true, day: true, week: true });
const SECTIONS = membersOf<AnalyticsSection>({
  summary: true,
  auth: true,
  kinds: true,
  trend: true,
  categories: true,
  actors: true,
  actions: true,
  signals: true,
});

/** A select over named values (Storybook's `mapping`): an object prop picked by name, not typed as JSON. */
const choose = <T>(values: Record<string, T>): InputType => ({
  control: { type: 'select' },
  options: Object.keys(values),
  mapping: values,
});

const FILTERS: Record<string, ActivityLogFilters> = {
  'none (everything)': {},
  'deletes, any time': { kinds: ['delete'] },
  'failed sign-ins, last 7 days': { kinds: ['login_failed'], preset: 'last_7_days' },
  'failures, today': { outcome: 'failure', preset: 'today' },
  'admins, this month': { actorTypes: ['admin'], preset: 'this_month' },
  'search: kind:update "email"': { q: 'kind:update "email"' },
};

const QUERIES: Record<string, ActivityQueryInput> = {
  'last 30 days': { preset: 'last_30_days' },
  'last 7 days': { preset: 'last_7_days' },
  today: { preset: 'today' },
  'this month': { preset: 'this_month' },
  'sign-ins, last 30 days': { preset: 'last_30_days', kinds: ['login', 'login_failed'] },
  'changes only': { kinds: ['create', 'update', 'delete'] },
};

const FILTER_OPTIONS: Record<string, ActivityLogFilterOptions> = {
  'defaults (user box with suggestions)': {},
  'with locations': { locations: ['North branch', 'South branch', 'Online'] },
  'a list of users': {
    users: [
      { id: 'u-anna', name: 'Anna Petrova' },
      { id: 'u-bob', name: 'Bob Jones' },
    ],
  },
  'custom roles': { roles: ['owner', 'manager', 'cashier'] },
};

/**
 * Controls (in the normalized `{ type }` form: argTypes enhancers run after Storybook normalizes
 * the shorthand `control: 'select'`) for props whose type react-docgen cannot see into, by prop name: lists of literals
 * (`readonly ActivityLogColumnId[]` reads as `unknown`) become checkboxes, types from
 * `@activitykit/schema` (`SortDirection`, `StatsBucket`) radios, and object props a select of
 * named values instead of raw JSON. Props that hold functions or components (`urlSync`,
 * `categories`) get no control: JSON cannot edit them.
 */
export const PROP_CONTROLS: Record<string, InputType> = {
  columns: { control: { type: 'check' }, options: [...ACTIVITY_LOG_COLUMN_IDS] },
  defaultColumns: { control: { type: 'check' }, options: [...ACTIVITY_LOG_COLUMN_IDS] },
  sections: { control: { type: 'check' }, options: SECTIONS },
  sort: { control: { type: 'inline-radio' }, options: [...SORT_DIRECTIONS] },
  defaultSort: { control: { type: 'inline-radio' }, options: [...SORT_DIRECTIONS] },
  bucket: { control: { type: 'inline-radio' }, options: BUCKETS },
  filters: choose(FILTERS),
  defaultFilters: choose(FILTERS),
  query: choose(QUERIES),
  filterOptions: choose(FILTER_OPTIONS),
  integrity: choose({ none: undefined, IntegrityPanel }),
  height: choose({ 'fill the window': 'fill', '30rem': '30rem', '480 px': 480 }),
  urlSync: { control: { disable: true } },
  onExport: { control: { disable: true } },
  categories: { control: { disable: true } },
};

/** The types react-docgen reads as `unknown` (`readonly X[]`), for the props table. */
export const PROP_TYPES: Record<string, string> = {
  columns: 'readonly ActivityLogColumnId[]',
  defaultColumns: 'readonly ActivityLogColumnId[]',
  selection: 'readonly string[]',
  defaultSelection: 'readonly string[]',
  sections: 'readonly AnalyticsSection[]',
  signals: 'readonly SecuritySignal[]',
};
