import { ActivityAnalytics } from '@activitykit/react';
import { usePreferences } from '../i18n.tsx';

/** The dashboard: activity over time, by kind, category and action, top users, sign-ins. */
export function AnalyticsPage() {
  const { t } = usePreferences();
  return (
    <section aria-labelledby="analytics-title" className="full-width">
      <h1 id="analytics-title">{t('navAnalytics')}</h1>
      <ActivityAnalytics />
    </section>
  );
}
