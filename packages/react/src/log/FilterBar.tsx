import {
  type CategoryRegistry,
  EVENT_KINDS,
  type EventKind,
  type Locale,
} from '@activitykit/schema';
import { type Ref, useCallback } from 'react';
import { ActorFilterInput } from './ActorFilterInput.tsx';
import { DebouncedInput } from './DebouncedInput.tsx';
import { type ActivityLogFilters, isEmptyFilters, setFilter } from './filters.ts';
import { roleLabel } from './LogRow.tsx';
import { type Choice, MultiSelect } from './MultiSelect.tsx';
import type { LogTranslate } from './messages.ts';
import { PeriodFilter } from './PeriodFilter.tsx';
import { SearchBox } from './SearchBox.tsx';
import type { SearchError } from './searchError.ts';

/** The values offered by the filter bar's drop-downs. */
export interface ActivityLogFilterOptions {
  /**
   * Users to pick from; without them the user filter is a text box (name, e-mail or id) that
   * suggests users as you type, when the source can (`suggestActors`).
   */
  users?: readonly { id: string; name?: string }[];
  /** User types (actor roles). Defaults to admin, partner, staff and customer. */
  roles?: readonly string[];
  /** Locations (branches, sites). Without them the location filter is hidden. */
  locations?: readonly string[];
  /** Resource (subject) types. Defaults to the subject types of the category registry. */
  resources?: readonly string[];
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  filters: ActivityLogFilters;
  onChange(filters: ActivityLogFilters): void;
  options: ActivityLogFilterOptions;
  categories: CategoryRegistry;
  locale: Locale;
  timeZone: string;
  t: LogTranslate;
  searchRef?: Ref<HTMLInputElement>;
  searchError?: SearchError | undefined;
}

const DEFAULT_ROLES = ['admin', 'partner', 'staff', 'customer'];

/**
 * The filter bar of SPEC §4: period, user, user type, category, kind, resource, location(s), keyword
 * and the search-syntax box. Every control is labelled; each change calls `onChange` with the whole
 * new filter.
 */
export function FilterBar(props: FilterBarProps) {
  const { filters, onChange, options, categories, locale, timeZone, t } = props;
  const set = useCallback(
    <K extends keyof ActivityLogFilters>(key: K, value: ActivityLogFilters[K]) =>
      onChange(setFilter(filters, { key, value })),
    [filters, onChange],
  );
  const onSearch = useCallback((q: string) => set('q', q || undefined), [set]);
  const onUser = useCallback(
    (value: string) => set('actors', value.trim() ? [value.trim()] : undefined),
    [set],
  );
  const onKeyword = useCallback((value: string) => set('text', value.trim() || undefined), [set]);
  const list = (values: string[]) => (values.length ? values : undefined);
  const kinds: Choice[] = EVENT_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }));
  const categoryChoices: Choice[] = categories
    .list()
    .map((category) => ({ value: category.id, label: category.label[locale] }));
  const roles = (options.roles ?? DEFAULT_ROLES).map((role) => ({
    value: role,
    label: roleLabel(role, t),
  }));
  const resources = (
    options.resources ?? [...new Set(categories.list().flatMap((c) => c.subjectTypes ?? []))]
  ).map((type) => ({ value: type, label: categories.nounFor(type, locale) ?? type }));

  return (
    <section className="ak-log-filters" aria-label={t('filters.label')}>
      <SearchBox
        value={filters.q ?? ''}
        onSubmit={onSearch}
        timeZone={timeZone}
        serverError={props.searchError}
        t={t}
        inputRef={props.searchRef}
      />
      <div className="ak-log-filter-row">
        <PeriodFilter
          filters={filters}
          timeZone={timeZone}
          t={t}
          onChange={(period) => onChange({ ...filters, ...period })}
        />
        {options.users ? (
          <MultiSelect
            label={t('filters.user')}
            choices={options.users.map((user) => ({ value: user.id, label: user.name ?? user.id }))}
            value={filters.actors}
            onChange={(values) => set('actors', list(values))}
            t={t}
          />
        ) : (
          <ActorFilterInput
            label={t('filters.user')}
            placeholder={t('filters.userPlaceholder')}
            value={filters.actors?.[0] ?? ''}
            onCommit={onUser}
            roleLabel={(role) => roleLabel(role, t)}
          />
        )}
        <MultiSelect
          label={t('filters.userType')}
          choices={roles}
          value={filters.roles}
          onChange={(values) => set('roles', list(values))}
          t={t}
        />
        <MultiSelect
          label={t('filters.category')}
          choices={categoryChoices}
          value={filters.categories}
          onChange={(values) => set('categories', list(values))}
          t={t}
        />
        <MultiSelect
          label={t('filters.kind')}
          choices={kinds}
          value={filters.kinds}
          onChange={(values) => set('kinds', list(values) as EventKind[] | undefined)}
          t={t}
        />
        <MultiSelect
          label={t('filters.resource')}
          choices={resources}
          value={filters.subjectTypes}
          onChange={(values) => set('subjectTypes', list(values))}
          t={t}
        />
        {options.locations?.length ? (
          <MultiSelect
            label={t('filters.location')}
            choices={options.locations.map((location) => ({ value: location, label: location }))}
            value={filters.locations}
            onChange={(values) => set('locations', list(values))}
            t={t}
          />
        ) : null}
        <DebouncedInput
          label={t('filters.keyword')}
          placeholder={t('filters.keywordPlaceholder')}
          value={filters.text ?? ''}
          onCommit={onKeyword}
        />
        {isEmptyFilters(filters) ? null : (
          <button type="button" className="ak-button ak-log-clear" onClick={() => onChange({})}>
            {t('filters.clear')}
          </button>
        )}
      </div>
    </section>
  );
}
