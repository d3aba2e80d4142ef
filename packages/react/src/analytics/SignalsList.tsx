import type { ActivityQueryInput, SecuritySignal } from '@activitykit/schema';
import { type ReactNode, useContext } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { LogLink, LogNavigationContext } from './LogLink.tsx';

const TONES = { high: 'danger', medium: 'warning', low: 'accent' } as const;

/**
 * The log query of the events behind a signal: exactly its `eventIds` when it lists them all,
 * else its window (inclusive end) and whom or what it is about.
 *
 * @example
 * ```ts
 * navigate(`/activity?${queryToSearchParams(signalQuery(signal))}`); // ?id=…&id=…
 * ```
 */
export function signalQuery(signal: SecuritySignal): ActivityQueryInput {
  if (signal.eventIds.length > 0 && signal.eventIds.length >= signal.count) {
    return { ids: [...signal.eventIds] };
  }
  const window = { from: signal.window.from, to: new Date(signal.window.to.getTime() + 1) };
  switch (signal.type) {
    case 'failed_login_burst_ip':
      return { ...window, ips: [signal.key], outcome: 'failure' };
    case 'failed_login_burst_user':
      return {
        ...window,
        actors: [signal.key],
        kinds: ['login', 'login_failed'],
        outcome: 'failure',
      };
    case 'new_ip_login':
      return { ...window, actors: [signal.key], kinds: ['login'] };
    case 'bulk_delete':
      return { ...window, actors: [signal.key], kinds: ['delete'] };
    default:
      return { ...window, actors: [signal.key] };
  }
}

/** Props of {@link SignalsList}. */
export interface SignalsListProps {
  /** The signals, e.g. `useSecuritySignals(query).data`. */
  signals: readonly SecuritySignal[];
  /**
   * Opens the events behind a signal (SPA navigation), with their log query ({@link signalQuery}).
   * Defaults to the enclosing `<ActivityAnalytics>`'s `onNavigate`, else none.
   */
  onOpenEvents?: ((query: ActivityQueryInput, signal: SecuritySignal) => void) | undefined;
  /**
   * The URL of the log showing a signal's events (real links; clicks still call `onOpenEvents`).
   * Defaults to the enclosing `<ActivityAnalytics>`'s `getLogHref`, else none.
   */
  getEventsHref?: ((query: ActivityQueryInput, signal: SecuritySignal) => string) | undefined;
}

/**
 * Security signals (SPEC §6), most severe first: a title in the reader's language, the server's
 * description (in English; other languages get whom or what it is about and the count), its time
 * window, and a link to exactly the events behind it. Inside
 * `<ActivityAnalytics>` or on its own (a Security page: `useSecuritySignals` + this list).
 *
 * @example
 * ```tsx
 * const signals = useSecuritySignals({ preset: 'last_30_days' });
 * <SignalsList signals={signals.data ?? []} onOpenEvents={(query) => navigate(`/activity?${queryToSearchParams(query)}`)} />;
 * ```
 */
export function SignalsList(props: SignalsListProps): ReactNode {
  const { signals, onOpenEvents, getEventsHref } = props;
  const i18n = useActivityI18n();
  const { t } = i18n;
  const around = useContext(LogNavigationContext);
  if (signals.length === 0) {
    return (
      <p className="ak-signals__none">
        <Icon name="shield" /> {t('analytics.noSignals')}
      </p>
    );
  }
  const own = onOpenEvents || getEventsHref;
  return (
    <ul className="ak-signals">
      {signals.map((signal) => (
        <li
          key={signal.id}
          className="ak-signal"
          data-severity={signal.severity}
          data-signal={signal.type}
        >
          <div className="ak-signal__head">
            <span className={`ak-badge ak-badge--${TONES[signal.severity]}`}>
              <Icon name="alert" /> {t(`severity.${signal.severity}`)}
            </span>
            <strong className="ak-signal__title" dir="auto">
              {t(`signal.${signal.type}`)}
            </strong>
          </div>
          {/* Servers describe signals in English; other locales get a line of their own. */}
          <p className="ak-signal__text" dir="auto">
            {i18n.locale === 'en'
              ? signal.description
              : t('signal.detail', {
                  key: signal.key,
                  events: t('event.count', { count: signal.count }),
                })}
          </p>
          <p className="ak-signal__meta">
            <span dir="auto">
              <time dateTime={signal.window.from.toISOString()}>
                {i18n.formatTime(signal.window.from)}
              </time>
              {signal.window.to.getTime() !== signal.window.from.getTime() ? (
                <>
                  {' – '}
                  <time dateTime={signal.window.to.toISOString()}>
                    {i18n.formatTime(signal.window.to)}
                  </time>
                </>
              ) : null}
            </span>
            <LogNavigationContext.Provider
              value={
                own
                  ? {
                      base: {},
                      onNavigate: onOpenEvents && ((query) => onOpenEvents(query, signal)),
                      getLogHref: getEventsHref && ((query) => getEventsHref(query, signal)),
                    }
                  : around
              }
            >
              <LogLink query={signalQuery(signal)}>
                {t('analytics.viewEvents', { count: signal.count })}
              </LogLink>
            </LogNavigationContext.Provider>
          </p>
        </li>
      ))}
    </ul>
  );
}
