import { type FormEvent, useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import { errorMessage, trpc } from '../api.ts';
import { useAppMutation, useCatalog } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { TenantOptions } from './TenantOptions.tsx';

/** A sale at the till (POS), through the tRPC `pos.sell` procedure. */
export function TillForm({ user }: { user: DemoUser }) {
  const { t } = usePreferences();
  const catalog = useCatalog();
  const tenants = catalog.data ?? [];
  const [tenantId, setTenantId] = useState(user.role === 'admin' ? 'harbor' : user.tenantId);
  const tenant = tenants.find((entry) => entry.id === tenantId) ?? tenants[0];
  const [product, setProduct] = useState(0);
  const [payment, setPayment] = useState<'card' | 'cash'>('card');
  const [message, setMessage] = useState<string>();
  const sell = useAppMutation(
    (input: Parameters<typeof trpc.pos.sell.mutate>[0]) => trpc.pos.sell.mutate(input),
    { invalidate: [] },
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const item = tenant?.products[product];
    const location = user.location ?? tenant?.locations[0]?.id;
    if (!tenant || !item || !location) return;
    try {
      const sale = await sell.mutateAsync({
        tenantId: tenant.id,
        location,
        items: [{ name: item.name, price: item.price, qty: 1 }],
        payment,
      });
      setMessage(`${sale._id}: ${sale.total}`);
    } catch (failure) {
      setMessage(errorMessage(failure));
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-label={t('pos')}>
      <h2>{t('pos')}</h2>
      {user.role === 'admin' && (
        <label className="field">
          <span>{t('business')}</span>
          <select value={tenant?.id ?? ''} onChange={(e) => setTenantId(e.target.value)}>
            <TenantOptions tenants={tenants} />
          </select>
        </label>
      )}
      <label className="field">
        <span>{t('product')}</span>
        <select value={product} onChange={(e) => setProduct(Number(e.target.value))}>
          {tenant?.products.map((entry, index) => (
            <option key={entry.name} value={index}>
              {entry.name} — {entry.price}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('payment')}</span>
        <select value={payment} onChange={(e) => setPayment(e.target.value as 'card' | 'cash')}>
          <option value="card">card</option>
          <option value="cash">cash</option>
        </select>
      </label>
      <button type="submit" className="button">
        {t('sell')}
      </button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
