import { type FormEvent, useState } from 'react';
import type { BookingDoc, CustomerDoc, OrderDoc, WaiverDoc } from '../../server/domain/model.ts';
import { api, errorMessage } from '../api.ts';
import { useAppMutation } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { Link } from '../router.tsx';

/** A customer's dependents and waivers (with forms), orders and bookings. */
export function CustomerRecords({
  details,
  canEdit,
}: {
  details: {
    customer: CustomerDoc;
    orders: OrderDoc[];
    bookings: BookingDoc[];
    waivers: WaiverDoc[];
  };
  canEdit: boolean;
}) {
  const { t, formatDateTime } = usePreferences();
  const { customer, orders, bookings, waivers } = details;
  const [dependent, setDependent] = useState({ name: '', birthYear: '2018' });
  const [participant, setParticipant] = useState('');
  const [error, setError] = useState<string>();
  const invalidate = { invalidate: [['customer', customer._id]] };
  const addDependent = useAppMutation(
    (body: object) => api(`/customers/${customer._id}/dependents`, { method: 'POST', body }),
    invalidate,
  );
  const signWaiver = useAppMutation(
    (body: object) => api(`/customers/${customer._id}/waivers`, { method: 'POST', body }),
    invalidate,
  );
  const run = (action: () => Promise<unknown>) => async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    await action().catch((failure: unknown) => setError(errorMessage(failure)));
  };

  return (
    <div className="records">
      <section className="card" aria-labelledby="dependents-title">
        <h2 id="dependents-title">{t('dependents')}</h2>
        <ul className="plain-list">
          {customer.dependents.map((entry) => (
            <li key={entry.id}>
              {entry.name} ({entry.birthYear})
            </li>
          ))}
        </ul>
        {canEdit && (
          <form
            className="inline-form"
            onSubmit={run(async () => {
              await addDependent.mutateAsync({
                name: dependent.name,
                birthYear: Number(dependent.birthYear),
              });
              setDependent({ name: '', birthYear: '2018' });
            })}
          >
            <label className="field">
              <span>{t('name')}</span>
              <input
                required
                value={dependent.name}
                onChange={(e) => setDependent({ ...dependent, name: e.target.value })}
              />
            </label>
            <label className="field narrow">
              <span>{t('birthYear')}</span>
              <input
                type="number"
                min={1900}
                max={2100}
                value={dependent.birthYear}
                onChange={(e) => setDependent({ ...dependent, birthYear: e.target.value })}
              />
            </label>
            <button type="submit" className="button secondary">
              {t('addDependent')}
            </button>
          </form>
        )}
        <h2>{t('waivers')}</h2>
        <ul className="plain-list">
          {waivers.map((waiver) => (
            <li key={waiver._id}>
              {waiver.participant} — {formatDateTime(waiver.signedAt)}
            </li>
          ))}
        </ul>
        {canEdit && (
          <form
            className="inline-form"
            onSubmit={run(async () => {
              await signWaiver.mutateAsync({ participant });
              setParticipant('');
            })}
          >
            <label className="field">
              <span>{t('participant')}</span>
              <input
                required
                value={participant}
                onChange={(e) => setParticipant(e.target.value)}
              />
            </label>
            <button type="submit" className="button secondary">
              {t('signWaiver')}
            </button>
          </form>
        )}
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="customer-orders-title">
        <h2 id="customer-orders-title">{t('orders')}</h2>
        <ul className="plain-list">
          {orders.map((order) => (
            <li key={order._id}>
              {canEdit ? (
                <Link href={`/orders/${order._id}`}>
                  <code>{order._id}</code>
                </Link>
              ) : (
                <code>{order._id}</code>
              )}{' '}
              {order.total} ·{' '}
              <span className={`status status-${order.status}`}>{order.status}</span> ·{' '}
              {formatDateTime(order.createdAt)}
            </li>
          ))}
        </ul>
        <h2>{t('bookings')}</h2>
        <ul className="plain-list">
          {bookings.map((booking) => (
            <li key={booking._id}>
              {canEdit ? (
                <Link href={`/bookings/${booking._id}`}>{booking.resource}</Link>
              ) : (
                booking.resource
              )}{' '}
              · {formatDateTime(booking.startsAt)} ·{' '}
              <span className={`status status-${booking.status}`}>{booking.status}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
