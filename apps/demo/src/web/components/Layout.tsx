import { type ReactNode, useEffect } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import type { SourceKind } from '../activitySource.ts';
import { type AppLocale, type AppTheme, TIME_ZONES, usePreferences } from '../i18n.tsx';
import type { MessageKey } from '../messages.ts';
import { Link } from '../router.tsx';
import { useAuthActions } from '../session.ts';

const STAFF_NAV: [href: string, label: MessageKey][] = [
  ['/customers', 'navCustomers'],
  ['/orders', 'navOrders'],
  ['/bookings', 'navBookings'],
  ['/activity', 'navActivity'],
  ['/analytics', 'navAnalytics'],
  ['/security', 'navSecurity'],
];

/** The page frame: navigation by role, language, time zone, theme, data source, and the user. */
export function Layout({
  user,
  source,
  onSourceChange,
  children,
}: {
  user: DemoUser;
  source: SourceKind;
  onSourceChange(source: SourceKind): void;
  children: ReactNode;
}) {
  const { t, locale, setLocale, timeZone, setTimeZone, theme, setTheme } = usePreferences();
  const { signOut } = useAuthActions();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const nav =
    user.role === 'customer'
      ? [['/profile', 'navProfile'] as const]
      : user.role === 'admin'
        ? [...STAFF_NAV, ['/streams', 'navStreams'] as const]
        : STAFF_NAV;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">{t('appName')}</span>
        <nav aria-label="Main">
          <ul>
            {nav.map(([href, label]) => (
              <li key={href}>
                <Link href={href}>{t(label)}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <label>
            <span>{t('language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as AppLocale)}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
            </select>
          </label>
          <label>
            <span>{t('timeZone')}</span>
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {[...new Set([timeZone, ...TIME_ZONES])].map((zone) => (
                <option key={zone}>{zone}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('theme')}</span>
            <select value={theme} onChange={(e) => setTheme(e.target.value as AppTheme)}>
              <option value="system">{t('themeSystem')}</option>
              <option value="light">{t('themeLight')}</option>
              <option value="dark">{t('themeDark')}</option>
            </select>
          </label>
          {user.role !== 'customer' && (
            <label>
              <span>{t('dataSource')}</span>
              <select value={source} onChange={(e) => onSourceChange(e.target.value as SourceKind)}>
                <option value="rest">REST</option>
                <option value="trpc">tRPC</option>
              </select>
            </label>
          )}
          <span className="user" data-testid="current-user">
            {user.name} <small>({user.role})</small>
          </span>
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
