import type { ActivityQueryInput, StatsBucket } from '@activitykit/schema';
import { type HTMLAttributes, type ReactNode, useId, useMemo } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { useActivityStats, useSecuritySignals } from '../data/queries.ts';
import { useLiveActivity } from '../data/useLiveActivity.ts';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { en, type MessageKey } from '../i18n/messages.ts';
import { cx } from '../internal/cx.ts';
import { actorName, categoryInfo } from '../internal/eventText.ts';
import { roleLabel } from '../log/LogRow.tsx';
import { logTranslator } from '../log/messages.ts';
import { StatePanel, stateOfError } from '../states/StatePanel.tsx';
import { AuthSummary } from './AuthSummary.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import { LogLink, LogNavigationContext } from './LogLink.tsx';
import { SignalsList } from './SignalsList.tsx';
import { TrendChart } from './TrendChart.tsx';

/** A part of the dashboard. */
export type AnalyticsSection =
  | 'summary'
  | 'trend'
  | 'kinds'
  | 'categories'
  | 'actions'
  | 'actors'
  | 'auth'
  | 'signals';

const ALL_SECTIONS: readonly AnalyticsSection[] = [
  'summary',
  'auth',
  'kinds',
  'trend',
  'categories',
  'actors',
  'actions',
  'signals',
];

/** Props of {@link ActivityAnalytics}. */
export interface ActivityAnalyticsProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** The filter and period. Defaults to `{ preset: 'last_30_days' }` in the viewer's time zone. */
  query?: ActivityQueryInput;
  /** Width of a trend bar. Defaults to the server's choice (hours ≤ 2 days, days ≤ 90 days, else weeks). */
  bucket?: StatsBucket;
  /** Follows a drill-down link (SPA navigation) with the log's query. Defaults to none. */
  onNavigate?: (query: ActivityQueryInput) => void;
  /** The log's URL for a query; links become real `<a href>`s. Defaults to none. */
  getLogHref?: (query: ActivityQueryInput) => string;
  /** Which parts to show, in this order. Defaults to all. */
  sections?: readonly AnalyticsSection[];
  /** A heading above the dashboard. Defaults to none (the region is labelled "Activity analytics"). */
  heading?: ReactNode;
  /** Refresh the figures as new events arrive (live stream). Defaults to `false`. */
  live?: boolean;
  /** Class names of the cards. Defaults to none. */
  classNames?: Partial<Record<'card' | 'grid', string>>;
}

const known = (key: string): key is MessageKey => key in en;

/**
 * The analytics dashboard of SPEC §6 for a filter: activity over time, distribution by kind and
 * category, top actions, most active users, sign-in statistics and security signals. Charts are
 * light hand-written SVG, each with a text alternative (a description, or the table it is drawn
 * in); every figure links to the log filtered to it through `onNavigate` / `getLogHref`.
 *
 * @example
 * ```tsx
 * <ActivityAnalytics
 *   query={{ preset: 'last_30_days' }}
 *   getLogHref={(query) => `/activity?${queryToSearchParams(query)}`}
 *   onNavigate={(query) => navigate(`/activity?${queryToSearchParams(query)}`)}
 * />
 * ```
 */
export function ActivityAnalytics(props: ActivityAnalyticsProps): ReactNode {
  const {
    query,
    bucket,
    onNavigate,
    getLogHref,
    sections = ALL_SECTIONS,
    heading,
    live = false,
    classNames = {},
    className,
    ...rest
  } = props;
  const i18n = useActivityI18n();
  const { t, locale } = i18n;
  const id = useId();
  const base = useMemo<ActivityQueryInput>(
    () => ({
      ...(query ?? { preset: 'last_30_days' }),
      timeZone: query?.timeZone ?? i18n.timeZone,
    }),
    [query, i18n.timeZone],
  );
  const stats = useActivityStats(base, bucket ? { bucket } : {});
  const signals = useSecuritySignals(base, { enabled: sections.includes('signals') });
  const { queryClient, keys } = useActivityContext();
  useLiveActivity(base, {
    enabled: live,
    max: 1,
    onEvent: () => {
      void queryClient.invalidateQueries({ queryKey: keys.stats(base, bucket) });
      void queryClient.invalidateQueries({ queryKey: keys.signals(base) });
    },
  });
  const navigation = useMemo(
    () => ({ base, onNavigate, getLogHref }),
    [base, onNavigate, getLogHref],
  );
  const card = cx('ak-card', classNames.card);
  // Column headers name what a row is ("Kind"), not the card ("By kind"): the log's words.
  const log = logTranslator(i18n);
  const labelOf = (prefix: 'kind' | 'actorType') => (key: string) => {
    const messageKey = `${prefix}.${key}`;
    return known(messageKey) ? t(messageKey) : key;
  };

  let content: ReactNode;
  if (stats.isPending) content = <StatePanel kind="loading" />;
  else if (stats.isError) {
    content = (
      <StatePanel
        kind={stateOfError(stats.error)}
        error={stats.error}
        onRetry={() => void stats.refetch()}
      />
    );
  } else {
    const data = stats.data;
    const parts: Record<AnalyticsSection, ReactNode> = {
      summary: (
        <section
          key="summary"
          className={cx(card, 'ak-analytics__summary')}
          aria-labelledby={`${id}-total`}
        >
          <h3 id={`${id}-total`} className="ak-card__title">
            {t('analytics.total')}
          </h3>
          <p className="ak-analytics__total">
            <LogLink query={{}} label={`${t('analytics.total')}: ${i18n.formatNumber(data.total)}`}>
              {i18n.formatNumber(data.total)}
            </LogLink>
          </p>
          <p className="ak-muted">
            {i18n.formatDate(data.range.from, { dateStyle: 'medium' })} –{' '}
            {i18n.formatDate(new Date(data.range.to.getTime() - 1), { dateStyle: 'medium' })}
          </p>
        </section>
      ),
      trend: (
        <section key="trend" className={cx(card, 'ak-analytics__trend')}>
          <TrendChart stats={data} />
        </section>
      ),
      auth: <AuthSummary key="auth" auth={data.auth} />,
      kinds: (
        <section key="kinds" className={card}>
          <BreakdownTable
            title={t('analytics.byKind')}
            keyHeader={log('filters.kind')}
            rows={data.byKind}
            total={data.total}
            labelOf={labelOf('kind')}
            queryOf={(key) => ({ kinds: [key as 'create'] })}
          />
        </section>
      ),
      categories: (
        <section key="categories" className={card}>
          <BreakdownTable
            title={t('analytics.byCategory')}
            keyHeader={log('filters.category')}
            rows={data.byCategory}
            total={data.total}
            labelOf={(key) => categoryInfo(key, locale).label}
            queryOf={(key) => ({ categories: [key] })}
            tone={2}
          />
        </section>
      ),
      actions: (
        <section key="actions" className={card}>
          <BreakdownTable
            title={t('analytics.byAction')}
            keyHeader={log('column.action')}
            rows={data.byAction}
            total={data.total}
            labelOf={(key) => <code>{key}</code>}
            queryOf={(key) => ({ actions: [key] })}
            tone={3}
          />
        </section>
      ),
      actors: (
        <section key="actors" className={card}>
          <BreakdownTable
            title={t('analytics.topActors')}
            keyHeader={log('column.user')}
            rows={data.topActors.map(({ actor, count }) => ({ key: actor.id, count }))}
            total={data.total}
            labelOf={(key) => {
              const actor = data.topActors.find((entry) => entry.actor.id === key)?.actor;
              if (!actor) return key;
              return (
                <>
                  {actorName({ ...actor }, t('actor.anonymous'))}
                  {actor.role ? (
                    <span className="ak-muted"> · {roleLabel(actor.role, log)}</span>
                  ) : null}
                </>
              );
            }}
            queryOf={(key) => ({ actors: [key] })}
            tone={4}
          />
        </section>
      ),
      signals: (
        <section
          key="signals"
          className={cx(card, 'ak-analytics__signals')}
          aria-labelledby={`${id}-signals`}
        >
          <h3 id={`${id}-signals`} className="ak-card__title">
            {t('analytics.signals')}
          </h3>
          {signals.isPending ? (
            <StatePanel compact kind="loading" />
          ) : signals.isError ? (
            <StatePanel
              compact
              kind={stateOfError(signals.error)}
              error={signals.error}
              onRetry={() => void signals.refetch()}
            />
          ) : (
            <SignalsList signals={signals.data} />
          )}
        </section>
      ),
    };
    content =
      data.total === 0 ? (
        <StatePanel kind="empty" />
      ) : (
        <div className={cx('ak-analytics__grid', classNames.grid)}>
          {sections.map((section) => parts[section])}
        </div>
      );
  }

  return (
    <LogNavigationContext.Provider value={navigation}>
      <section
        {...rest}
        className={cx('ak-root ak-analytics', className)}
        aria-label={heading ? undefined : t('analytics.label')}
        aria-labelledby={heading ? `${id}-heading` : undefined}
        aria-busy={stats.isFetching || undefined}
      >
        {heading ? (
          <h2 id={`${id}-heading`} className="ak-analytics__heading">
            {heading}
          </h2>
        ) : null}
        {content}
      </section>
    </LogNavigationContext.Provider>
  );
}
