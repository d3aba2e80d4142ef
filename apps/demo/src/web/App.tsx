import { ActivityProvider, type MessageOverrides } from '@activitykit/react';
import { ruIntegrityMessages, ruMessages } from '@activitykit/react/locales/ru';
import { useMemo, useState } from 'react';
import { ACTIVITY_SOURCES, type SourceKind } from './activitySource.ts';
import { Layout } from './components/Layout.tsx';
import { createCustomerSource } from './customerSource.ts';
import { usePreferences } from './i18n.tsx';
import { ActivityPage } from './pages/ActivityPage.tsx';
import { AnalyticsPage } from './pages/AnalyticsPage.tsx';
import { BookingsPage } from './pages/BookingsPage.tsx';
import { CustomerPage } from './pages/CustomerPage.tsx';
import { CustomersPage } from './pages/CustomersPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { OrdersPage } from './pages/OrdersPage.tsx';
import { RecordPage, type RecordPageType } from './pages/RecordPage.tsx';
import { SecurityPage } from './pages/SecurityPage.tsx';
import { StreamsPage } from './pages/StreamsPage.tsx';
import { navigate, usePath } from './router.tsx';
import { useSession } from './session.ts';

/** The kit's Russian (and the integrity panel's): the kit has only English built in. */
const ACTIVITY_MESSAGES: MessageOverrides = { ru: { ...ruMessages, ...ruIntegrityMessages } };

/** The app: the sign-in page, or the signed-in user's pages inside the activity provider. */
export function App() {
  const session = useSession();
  const { t, locale, timeZone } = usePreferences();
  const path = usePath();
  const [source, setSource] = useState<SourceKind>(() =>
    localStorage.getItem('demo.source') === 'trpc' ? 'trpc' : 'rest',
  );
  const user = session.data?.user;
  // A customer reads only her own history: the activity API through a viewer token for her record.
  const customerId = user?.role === 'customer' ? user.customerId : undefined;
  const customerSource = useMemo(
    () => (customerId ? createCustomerSource() : undefined),
    [customerId],
  );
  if (session.isPending) return <p className="page-status">{t('loading')}</p>;
  if (!user) return <LoginPage otpPending={session.data?.otpPending === true} />;

  const home = user.role === 'customer' ? '/profile' : '/customers';
  if (path === '/' || path === '/login') queueMicrotask(() => navigate(home, { replace: true }));
  const customerMatch = /^\/customers\/([^/]+)$/.exec(path);
  const recordMatch = /^\/(order|booking|sale)s\/([^/]+)$/.exec(path);
  let page: React.ReactNode;
  if (user.role === 'customer') {
    page = user.customerId ? <CustomerPage id={user.customerId} user={user} /> : null;
  } else if (customerMatch) {
    page = (
      <CustomerPage key={path} id={decodeURIComponent(customerMatch[1] as string)} user={user} />
    );
  } else if (recordMatch) {
    const [, type, id] = recordMatch as unknown as [string, RecordPageType, string];
    page = <RecordPage key={path} type={type} id={decodeURIComponent(id)} user={user} />;
  } else {
    const pages: Record<string, React.ReactNode> = {
      '/customers': <CustomersPage user={user} />,
      '/orders': <OrdersPage user={user} />,
      '/bookings': <BookingsPage user={user} />,
      '/activity': <ActivityPage user={user} />,
      '/analytics': <AnalyticsPage />,
      '/security': <SecurityPage />,
      // Log streams send a whole business's log out of the app: administrators only.
      ...(user.role === 'admin' ? { '/streams': <StreamsPage /> } : {}),
    };
    page = pages[path] ?? (path === '/' ? null : <p className="page-status">{t('notFound')}</p>);
  }
  return (
    <ActivityProvider
      source={customerSource ?? ACTIVITY_SOURCES[source]}
      locale={locale}
      messages={ACTIVITY_MESSAGES}
      timeZone={timeZone}
    >
      <Layout
        user={user}
        source={source}
        onSourceChange={(next) => {
          localStorage.setItem('demo.source', next);
          setSource(next);
        }}
      >
        {page}
      </Layout>
    </ActivityProvider>
  );
}
