import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import type { BookingDoc, CustomerDoc, OrderDoc, WaiverDoc } from '../../server/domain/model.ts';
import { ApiError, api } from '../api.ts';
import { CustomerForm } from '../components/CustomerForm.tsx';
import { CustomerRecords } from '../components/CustomerRecords.tsx';
import { DeletedRecord } from '../components/DeletedRecord.tsx';
import { RecordHistory } from '../components/RecordHistory.tsx';
import { useAppMutation } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { navigate } from '../router.tsx';

interface CustomerDetails {
  customer: CustomerDoc;
  orders: OrderDoc[];
  bookings: BookingDoc[];
  waivers: WaiverDoc[];
}

const gone = (error: unknown) => error instanceof ApiError && error.status === 404;

/**
 * One customer: details (edit, delete), dependents, waivers, orders, bookings, and the timeline
 * with notes. A deleted customer shows her last snapshot and history, with a restore button.
 */
export function CustomerPage({ id, user }: { id: string; user: DemoUser }) {
  const { t } = usePreferences();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const details = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api<CustomerDetails>(`/customers/${encodeURIComponent(id)}`),
    retry: (failures, error) => !gone(error) && failures < 1,
  });
  const update = useAppMutation(
    (fields: object) => api<CustomerDoc>(`/customers/${id}`, { method: 'PATCH', body: fields }),
    { invalidate: [['customer', id], ['customers']] },
  );
  const remove = useAppMutation(() => api(`/customers/${id}`, { method: 'DELETE' }), {
    invalidate: [['customers']],
  });
  const staff = user.role !== 'customer';

  if (details.isPending) return <p className="page-status">{t('loading')}</p>;
  if (details.isError && gone(details.error) && staff) {
    return (
      <div className="customer-page">
        <DeletedRecord type="customer" id={id} onRestored={() => void details.refetch()} />
        <RecordHistory record={`customer:${id}`} label={id} user={user} />
      </div>
    );
  }
  if (details.isError)
    return (
      <p className="alert" role="alert">
        {details.error.message}
      </p>
    );
  const { customer } = details.data;
  return (
    <div className="customer-page">
      <section className="card" aria-labelledby="customer-title">
        <div className="page-head">
          <h1 id="customer-title">{customer.name}</h1>
          {staff && !editing && (
            <div className="actions">
              <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                {t('edit')}
              </button>
              {confirming ? (
                <button
                  type="button"
                  className="button danger"
                  onClick={async () => {
                    await remove.mutateAsync(undefined);
                    navigate('/customers?deleted=1');
                  }}
                >
                  {t('confirmDelete')}
                </button>
              ) : (
                <button type="button" className="button danger" onClick={() => setConfirming(true)}>
                  {t('delete')}
                </button>
              )}
            </div>
          )}
        </div>
        {editing ? (
          <CustomerForm
            user={user}
            initial={customer}
            submitLabel={t('save')}
            onCancel={() => setEditing(false)}
            onSubmit={async (fields) => {
              await update.mutateAsync(fields);
              setEditing(false);
            }}
          />
        ) : (
          <dl className="details">
            <dt>{t('email')}</dt>
            <dd>{customer.email}</dd>
            <dt>{t('phone')}</dt>
            <dd>{customer.phone}</dd>
            <dt>{t('location')}</dt>
            <dd>{customer.location}</dd>
            <dt>ID</dt>
            <dd>
              <code>{customer._id}</code>
            </dd>
          </dl>
        )}
      </section>
      <CustomerRecords details={details.data} canEdit={staff} />
      <RecordHistory
        record={`customer:${customer._id}`}
        label={customer.name}
        tenantId={customer.tenantId}
        user={user}
      />
    </div>
  );
}
