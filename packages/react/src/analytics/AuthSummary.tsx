import type { AuthStats } from '@activitykit/schema';
import { type ReactNode, useId } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { LogLink } from './LogLink.tsx';

/** Sign-in figures: logins, failures, failure rate, unique users, logouts, and a success/failure bar. */
export function AuthSummary({ auth }: { auth: AuthStats }): ReactNode {
  const i18n = useActivityI18n();
  const { t } = i18n;
  const id = useId();
  const attempts = auth.logins + auth.failures;
  const rate = i18n.formatNumber(auth.failureRate, { style: 'percent', maximumFractionDigits: 1 });
  const ok = attempts > 0 ? (auth.logins / attempts) * 100 : 0;
  return (
    <section className="ak-card ak-analytics__auth" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="ak-card__title">
        {t('analytics.auth')}
      </h3>
      <dl className="ak-kpis">
        <div className="ak-kpi">
          <dt>{t('analytics.logins')}</dt>
          <dd>
            <LogLink
              query={{ kinds: ['login'], outcome: 'success' }}
              label={`${t('analytics.logins')}: ${i18n.formatNumber(auth.logins)}`}
            >
              {i18n.formatNumber(auth.logins)}
            </LogLink>
          </dd>
        </div>
        <div className="ak-kpi" data-tone={auth.failures > 0 ? 'danger' : undefined}>
          <dt>{t('analytics.failures')}</dt>
          <dd>
            <LogLink
              query={{ kinds: ['login', 'login_failed'], outcome: 'failure' }}
              label={`${t('analytics.failures')}: ${i18n.formatNumber(auth.failures)}`}
            >
              {i18n.formatNumber(auth.failures)}
            </LogLink>
          </dd>
        </div>
        <div className="ak-kpi">
          <dt>{t('analytics.failureRate')}</dt>
          <dd>{rate}</dd>
        </div>
        <div className="ak-kpi">
          <dt>{t('analytics.uniqueUsers')}</dt>
          <dd>{i18n.formatNumber(auth.uniqueUsers)}</dd>
        </div>
        <div className="ak-kpi">
          <dt>{t('analytics.logouts')}</dt>
          <dd>
            <LogLink
              query={{ kinds: ['logout'] }}
              label={`${t('analytics.logouts')}: ${i18n.formatNumber(auth.logouts)}`}
            >
              {i18n.formatNumber(auth.logouts)}
            </LogLink>
          </dd>
        </div>
      </dl>
      <svg
        className="ak-auth-bar"
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${t('analytics.logins')}: ${i18n.formatNumber(auth.logins)}; ${t('analytics.failures')}: ${i18n.formatNumber(auth.failures)} (${rate})`}
      >
        <rect className="ak-auth-bar__fail" x="0" y="0" width="100" height="6" />
        <rect className="ak-auth-bar__ok" x="0" y="0" width={ok} height="6" />
      </svg>
    </section>
  );
}
