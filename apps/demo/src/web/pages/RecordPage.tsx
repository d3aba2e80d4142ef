import { useQuery } from '@tanstack/react-query';
import type { DemoUser } from '../../server/auth/user.ts';
import { trpc } from '../api.ts';
import { DeletedRecord } from '../components/DeletedRecord.tsx';
import { RecordHistory } from '../components/RecordHistory.tsx';
import { SnapshotDetails } from '../components/SnapshotDetails.tsx';
import { usePreferences } from '../i18n.tsx';

/** A record as the page shows it (dates arrive as ISO strings). */
type PageRecord = Record<string, unknown> & { _id: string; tenantId: string; status?: string };

/** The record types of {@link RecordPage}, and how each is read (tRPC). */
const LOADERS: Record<'order' | 'booking' | 'sale', (id: string) => Promise<PageRecord>> = {
  order: (id) => trpc.orders.get.query({ id }),
  booking: (id) => trpc.bookings.get.query({ id }),
  sale: (id) => trpc.pos.sale.query({ id }),
};

/** A record type with a {@link RecordPage}. */
export type RecordPageType = keyof typeof LOADERS;

const notFound = (error: unknown) =>
  (error as { data?: { code?: string } } | null)?.data?.code === 'NOT_FOUND';

/**
 * One order, booking or sale — where the log's and the timelines' references lead: its fields,
 * its customer, and its history. A deleted one shows its last snapshot from the log instead.
 */
export function RecordPage({
  type,
  id,
  user,
}: {
  type: RecordPageType;
  id: string;
  user: DemoUser;
}) {
  const { t } = usePreferences();
  const record = useQuery({
    queryKey: [type, id],
    queryFn: () => LOADERS[type](id),
    retry: (failures, error) => !notFound(error) && failures < 1,
  });
  const key = `${type}:${id}`;

  if (record.isPending) return <p className="page-status">{t('loading')}</p>;
  if (record.isError && !notFound(record.error)) {
    return (
      <p className="alert" role="alert">
        {record.error.message}
      </p>
    );
  }
  const title = `${t(type)} ${id}`;
  return (
    <div className="record-page">
      {record.data ? (
        <section className="card" aria-labelledby="record-title">
          <div className="page-head">
            <h1 id="record-title">{title}</h1>
          </div>
          <SnapshotDetails record={record.data} />
        </section>
      ) : (
        <DeletedRecord type={type} id={id} onRestored={() => void record.refetch()} />
      )}
      <RecordHistory record={key} label={title} tenantId={record.data?.tenantId} user={user} />
    </div>
  );
}
