import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import { errorMessage, trpc } from '../api.ts';
import { CustomerSelect } from '../components/CustomerSelect.tsx';
import { useAppMutation, useCatalog } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { Link } from '../router.tsx';

const tomorrowAtTen = () => {
  const date = new Date(Date.now() + 86_400_000);
  date.setHours(10, 0, 0, 0);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Bookings (tRPC): create, reschedule, cancel; the background job moves them along as "System". */
export function BookingsPage({ user }: { user: DemoUser }) {
  const { t, formatDateTime } = usePreferences();
  const catalog = useCatalog();
  const bookings = useQuery({ queryKey: ['bookings'], queryFn: () => trpc.bookings.list.query() });
  const tenant = catalog.data?.find((entry) => user.role === 'admin' || entry.id === user.tenantId);
  const [draft, setDraft] = useState({
    customerId: '',
    resource: 0,
    startsAt: tomorrowAtTen(),
    guests: '8',
  });
  const [moving, setMoving] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const invalidate = { invalidate: [['bookings']] };
  const create = useAppMutation(
    (input: Parameters<typeof trpc.bookings.create.mutate>[0]) =>
      trpc.bookings.create.mutate(input),
    invalidate,
  );
  const reschedule = useAppMutation(
    (input: { id: string; startsAt: Date }) => trpc.bookings.reschedule.mutate(input),
    invalidate,
  );
  const cancel = useAppMutation((id: string) => trpc.bookings.cancel.mutate({ id }), invalidate);
  const act = (action: () => Promise<unknown>) => () =>
    void action().catch((failure: unknown) => setError(errorMessage(failure)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const resource = tenant?.resources[draft.resource];
    const location = user.location ?? tenant?.locations[0]?.id;
    if (!resource || !location) return;
    act(() =>
      create.mutateAsync({
        customerId: draft.customerId,
        resource,
        location,
        startsAt: new Date(draft.startsAt),
        durationMin: 90,
        guests: Number(draft.guests),
      }),
    )();
  }

  return (
    <section aria-labelledby="bookings-title">
      <h1 id="bookings-title">{t('navBookings')}</h1>
      <form className="card form-grid" onSubmit={submit} aria-label={t('newBooking')}>
        <h2>{t('newBooking')}</h2>
        <CustomerSelect
          value={draft.customerId}
          onChange={(customerId) => setDraft({ ...draft, customerId })}
        />
        <label className="field">
          <span>{t('resource')}</span>
          <select
            value={draft.resource}
            onChange={(e) => setDraft({ ...draft, resource: Number(e.target.value) })}
          >
            {tenant?.resources.map((name, index) => (
              <option key={name} value={index}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('startsAt')}</span>
          <input
            type="datetime-local"
            required
            value={draft.startsAt}
            onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
          />
        </label>
        <label className="field narrow">
          <span>{t('guests')}</span>
          <input
            type="number"
            min={1}
            max={200}
            value={draft.guests}
            onChange={(e) => setDraft({ ...draft, guests: e.target.value })}
          />
        </label>
        <button type="submit" className="button">
          {t('create')}
        </button>
      </form>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('startsAt')}</th>
              <th scope="col">{t('resource')}</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('guests')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('reschedule')}</th>
            </tr>
          </thead>
          <tbody>
            {bookings.data?.map((booking) => {
              const open = booking.status === 'pending' || booking.status === 'confirmed';
              return (
                <tr key={booking._id}>
                  <td>
                    <Link href={`/bookings/${booking._id}`}>
                      {formatDateTime(booking.startsAt)}
                    </Link>
                  </td>
                  <td>{booking.resource}</td>
                  <td>
                    <Link href={`/customers/${booking.customerId}`}>{booking.customerName}</Link>
                  </td>
                  <td>{booking.guests}</td>
                  <td>
                    <span className={`status status-${booking.status}`}>{booking.status}</span>
                  </td>
                  <td>
                    {open && (
                      <div className="row-actions">
                        <input
                          type="datetime-local"
                          aria-label={`${t('reschedule')} ${booking._id}`}
                          value={moving[booking._id] ?? ''}
                          onChange={(e) => setMoving({ ...moving, [booking._id]: e.target.value })}
                        />
                        <button
                          type="button"
                          className="button small secondary"
                          disabled={!moving[booking._id]}
                          onClick={act(() =>
                            reschedule.mutateAsync({
                              id: booking._id,
                              startsAt: new Date(moving[booking._id] as string),
                            }),
                          )}
                        >
                          {t('reschedule')}
                        </button>
                        <button
                          type="button"
                          className="button small danger"
                          onClick={act(() => cancel.mutateAsync(booking._id))}
                        >
                          {t('cancel')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
