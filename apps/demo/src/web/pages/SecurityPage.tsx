import { ActivityLog, SignalsList, useSecuritySignals } from '@activitykit/react';
import { queryToSearchParams } from '@activitykit/schema';
import { useMemo } from 'react';
import { usePreferences } from '../i18n.tsx';
import { navigate } from '../router.tsx';

/**
 * Security: the signals (failed-login bursts, new IPs, off-hours activity, bulk deletes,
 * permission changes) and every sign-in and failure of the last 30 days.
 */
export function SecurityPage() {
  const { t, timeZone } = usePreferences();
  // Business hours and days are the chosen zone's, as on the Analytics page (which shares the answer).
  const query = useMemo(() => ({ preset: 'last_30_days' as const, timeZone }), [timeZone]);
  const signals = useSecuritySignals(query);
  return (
    <section aria-labelledby="security-title" className="full-width">
      <h1 id="security-title">{t('navSecurity')}</h1>
      <section className="card" aria-labelledby="signals-title">
        <h2 id="signals-title">{t('signals')}</h2>
        {signals.isPending && <p>{t('loading')}</p>}
        {signals.isError && (
          <p className="alert" role="alert">
            {signals.error.message}
          </p>
        )}
        {signals.data && (
          <SignalsList
            signals={signals.data}
            getEventsHref={(query) => `/activity?${queryToSearchParams(query)}`}
            onOpenEvents={(query) => navigate(`/activity?${queryToSearchParams(query)}`)}
          />
        )}
      </section>
      <section className="card" aria-labelledby="logins-title">
        <h2 id="logins-title">{t('failedSignIns')}</h2>
        {/* A read-only list of sign-ins: export, but no bulk delete of the audit trail from here. */}
        <ActivityLog
          defaultFilters={{ categories: ['logins'] }}
          label={t('failedSignIns')}
          allowDelete={false}
        />
      </section>
    </section>
  );
}
