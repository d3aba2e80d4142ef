import type { ActivityQueryInput, AuthStats } from '@activitykit/schema';
import { type ReactNode, useId } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { LogLink } from './LogLink.tsx';

/**
 * Sign-in figures: logins, failures, failure rate, unique users, logouts, and a success/failure
 * bar. A zero is plain text (no link to an empty log), and without attempts there is no bar.
 */
export function AuthSummary({ auth }: { auth: AuthStats }): ReactNode {
  const i18n = useActivityI18n();
  const { t } = i18n;
  const id = useId();
  const attempts = auth.logins + auth.failures;
  const rate = i18n.formatNumber(auth.failureRate, { style: 'percent', minimumFractionDigits: 1 });
  const kpi = (key: MessageKey, value: number | string, query?: ActivityQueryInput) => {
    const shown = typeof value === 'number' ? i18n.formatNumber(value) : value;
    return (
      <div
        className="ak-kpi"
        data-tone={key === 'analytics.failures' && value ? 'danger' : undefined}
      >
        <dt>{t(key)}</dt>
        <dd>
          {query && value ? (
            <LogLink query={query} label={`${t(key)}: ${shown}`}>
              {shown}
            </LogLink>
          ) : (
            shown
          )}
        </dd>
      </div>
    );
  };
  return (
    <section className="ak-card ak-analytics__auth" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="ak-card__title">
        {t('analytics.auth')}
      </h3>
      <dl className="ak-kpis">
        {kpi('analytics.logins', auth.logins, { kinds: ['login'], outcome: 'success' })}
        {kpi('analytics.failures', auth.failures, {
          kinds: ['login', 'login_failed'],
          outcome: 'failure',
        })}
        {kpi('analytics.failureRate', rate)}
        {kpi('analytics.uniqueUsers', auth.uniqueUsers)}
        {kpi('analytics.logouts', auth.logouts, { kinds: ['logout'] })}
      </dl>
      {attempts > 0 ? (
        <svg
          className="ak-auth-bar"
          viewBox="0 0 100 6"
          preserveAspectRatio="none"
          role="img"
          aria-label={`${t('analytics.logins')}: ${i18n.formatNumber(auth.logins)}; ${t('analytics.failures')}: ${i18n.formatNumber(auth.failures)} (${rate})`}
        >
          <rect className="ak-auth-bar__fail" x="0" y="0" width="100" height="6" />
          <rect
            className="ak-auth-bar__ok"
            x="0"
            y="0"
            width={(auth.logins / attempts) * 100}
            height="6"
          />
        </svg>
      ) : null}
    </section>
  );
}
