import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import type { CustomerDoc } from '../../server/domain/model.ts';
import { api } from '../api.ts';
import { ArchiveInactive } from '../components/ArchiveInactive.tsx';
import { CustomerForm } from '../components/CustomerForm.tsx';
import { useAppMutation } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { Link, navigate } from '../router.tsx';

/** Customers: search, the newest hundred, and a form for a new one (REST, captured by Express). */
export function CustomersPage({ user }: { user: DemoUser }) {
  const { t, formatDateTime } = usePreferences();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const customers = useQuery({
    queryKey: ['customers', q],
    queryFn: () => api<{ items: CustomerDoc[] }>(`/customers?q=${encodeURIComponent(q)}`),
  });
  const create = useAppMutation(
    (fields: object) => api<CustomerDoc>('/customers', { method: 'POST', body: fields }),
    { invalidate: [['customers']] },
  );

  return (
    <section aria-labelledby="customers-title">
      <div className="page-head">
        <h1 id="customers-title">{t('navCustomers')}</h1>
        <button
          type="button"
          className="button"
          onClick={() => setCreating(true)}
          disabled={creating}
        >
          {t('newCustomer')}
        </button>
      </div>
      {user.role === 'admin' && <ArchiveInactive />}
      {new URLSearchParams(location.search).has('deleted') && (
        <p className="notice" role="status">
          {t('deleted')}
        </p>
      )}
      {creating && (
        <div className="card">
          <h2>{t('newCustomer')}</h2>
          <CustomerForm
            user={user}
            submitLabel={t('create')}
            onCancel={() => setCreating(false)}
            onSubmit={async (fields) => {
              const customer = await create.mutateAsync(fields);
              navigate(`/customers/${customer._id}`);
            }}
          />
        </div>
      )}
      <label className="field search">
        <span>{t('search')}</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('email')}</th>
              <th scope="col">{t('phone')}</th>
              <th scope="col">{t('location')}</th>
              <th scope="col">{t('created')}</th>
            </tr>
          </thead>
          <tbody>
            {customers.data?.items.map((customer) => (
              <tr key={customer._id}>
                <td>
                  <Link href={`/customers/${customer._id}`}>{customer.name}</Link>
                </td>
                <td>{customer.email}</td>
                <td>{customer.phone}</td>
                <td>{customer.location}</td>
                <td>{formatDateTime(customer.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {customers.data?.items.length === 0 && <p className="page-status">{t('noCustomers')}</p>}
        {customers.isPending && <p className="page-status">{t('loading')}</p>}
      </div>
    </section>
  );
}
