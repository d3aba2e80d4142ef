import type { ActivityQueryInput, SecuritySignal } from '@activitykit/schema';
import type { ReactNode } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { LogLink } from './LogLink.tsx';

const TONES = { high: 'danger', medium: 'warning', low: 'accent' } as const;

/** The log query behind a signal: its window (inclusive end) and who or what it is about. */
export function signalQuery(signal: SecuritySignal): ActivityQueryInput {
  const window = { from: signal.window.from, to: new Date(signal.window.to.getTime() + 1) };
  switch (signal.type) {
    case 'failed_login_burst_ip':
      return { ...window, ips: [signal.key], outcome: 'failure' };
    case 'failed_login_burst_user':
      return { ...window, kinds: ['login', 'login_failed'], outcome: 'failure' };
    case 'new_ip_login':
      return { ...window, actors: [signal.key], kinds: ['login'] };
    case 'bulk_delete':
      return { ...window, actors: [signal.key], kinds: ['delete'] };
    default:
      return { ...window, actors: [signal.key] };
  }
}

/** Security signals, most severe first, each linking to the events behind it. */
export function SignalsList({ signals }: { signals: readonly SecuritySignal[] }): ReactNode {
  const i18n = useActivityI18n();
  const { t } = i18n;
  if (signals.length === 0) {
    return (
      <p className="ak-signals__none">
        <Icon name="shield" /> {t('analytics.noSignals')}
      </p>
    );
  }
  return (
    <ul className="ak-signals">
      {signals.map((signal) => (
        <li key={signal.id} className="ak-signal" data-severity={signal.severity}>
          <div className="ak-signal__head">
            <span className={`ak-badge ak-badge--${TONES[signal.severity]}`}>
              <Icon name="alert" /> {t(`severity.${signal.severity}`)}
            </span>
            <strong className="ak-signal__title">{t(`signal.${signal.type}`)}</strong>
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
            <LogLink query={signalQuery(signal)}>
              {t('analytics.viewEvents', { count: signal.count })}
            </LogLink>
          </p>
        </li>
      ))}
    </ul>
  );
}
