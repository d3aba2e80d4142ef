import { CustomerTimeline } from '@activitykit/react';
import { useQuery } from '@tanstack/react-query';
import type { DemoUser } from '../../server/auth/user.ts';
import { api } from '../api.ts';
import { usePreferences } from '../i18n.tsx';
import { countEvents, fill } from '../messages.ts';
import { recordPath } from '../records.ts';
import { navigate } from '../router.tsx';

/**
 * A record's history (`<CustomerTimeline>`): references open their page, new events arrive live,
 * and when the reader's role hides part of it (staff do not see the owner's or an administrator's
 * changes) the card says so, instead of the kit's "No activity yet".
 */
export function RecordHistory({
  record,
  label,
  tenantId,
  user,
}: {
  /** `type:id` of the record. */
  record: string;
  label: string;
  tenantId?: string | undefined;
  user: DemoUser;
}) {
  const { t, locale } = usePreferences();
  const customer = user.role === 'customer';
  const hidden = useQuery({
    queryKey: ['hidden-history', record],
    queryFn: () =>
      api<{ hidden: number; more: boolean }>(`/history/hidden?ref=${encodeURIComponent(record)}`),
    enabled: !customer,
  });
  const count = hidden.data?.hidden ?? 0;
  return (
    <section
      className={`card timeline-card${count > 0 ? ' history-partly-hidden' : ''}`}
      aria-labelledby="history-title"
    >
      <h2 id="history-title">{t('history')}</h2>
      {count > 0 && (
        <p className="notice hidden-history">
          {fill(t('hiddenHistory'), { events: countEvents(count, locale, hidden.data?.more) })}
        </p>
      )}
      <CustomerTimeline
        record={record}
        recordLabel={label}
        tenantId={tenantId}
        live={!customer}
        onOpenRecord={customer ? undefined : (ref) => navigate(recordPath(ref))}
      />
    </section>
  );
}
