import { ActivityLog, createBrowserUrlAdapter } from '@activitykit/react';
import { IntegrityPanel } from '@activitykit/react/integrity';
import type { DemoUser } from '../../server/auth/user.ts';
import { ACCOUNTS } from '../../server/domain/accounts.ts';
import { mayVerify } from '../../server/domain/roles.ts';
import { TENANTS } from '../../server/domain/tenants.ts';
import { usePreferences } from '../i18n.tsx';
import { recordPath } from '../records.ts';
import { navigate } from '../router.tsx';

const urlSync = createBrowserUrlAdapter();
const LOCATIONS = TENANTS.flatMap((tenant) => tenant.locations.map((location) => location.id));

/**
 * The activity log with everything the role allows: filters synced to the URL, live updates,
 * export, restore of deleted customers (orders cannot be restored), bulk delete for admins, a lock
 * on every sealed row (every role), the toolbar's Integrity panel with "Verify now" for those who
 * may verify (administrators, see {@link mayVerify}), and references that each open their page
 * (see {@link recordPath}).
 */
export function ActivityPage({ user }: { user: DemoUser }) {
  const { t } = usePreferences();
  const mine = (tenantId: string) => user.role === 'admin' || tenantId === user.tenantId;
  return (
    <section aria-labelledby="activity-title" className="full-width">
      <h1 id="activity-title">{t('navActivity')}</h1>
      <ActivityLog
        urlSync={urlSync}
        filterOptions={{
          users: ACCOUNTS.filter((account) => mine(account.tenantId)).map(({ id, name }) => ({
            id,
            name,
          })),
          locations: LOCATIONS.filter((id) => mine(id.split('-')[0] as string)),
        }}
        canRestore={(event) => event.subject?.type === 'customer'}
        onOpenRecord={(ref, event) => navigate(recordPath(ref, event))}
        {...(mayVerify(user) && { integrity: IntegrityPanel })}
      />
    </section>
  );
}
