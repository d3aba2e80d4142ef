import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import { ORDER_STATUSES, type OrderStatus } from '../../server/domain/model.ts';
import { errorMessage, trpc } from '../api.ts';
import { CustomerSelect } from '../components/CustomerSelect.tsx';
import { TillForm } from '../components/TillForm.tsx';
import { useAppMutation, useCatalog } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { Link } from '../router.tsx';

/** Orders (tRPC, captured by the tRPC middleware): new order, status changes, deletes; and the till. */
export function OrdersPage({ user }: { user: DemoUser }) {
  const { t, formatDateTime } = usePreferences();
  const catalog = useCatalog();
  const orders = useQuery({ queryKey: ['orders'], queryFn: () => trpc.orders.list.query() });
  const [draft, setDraft] = useState({ customerId: '', product: 0, qty: '1' });
  const [error, setError] = useState<string>();
  const invalidate = { invalidate: [['orders']] };
  const create = useAppMutation(
    (input: Parameters<typeof trpc.orders.create.mutate>[0]) => trpc.orders.create.mutate(input),
    invalidate,
  );
  const setStatus = useAppMutation(
    (input: { id: string; status: OrderStatus }) => trpc.orders.setStatus.mutate(input),
    invalidate,
  );
  const remove = useAppMutation((id: string) => trpc.orders.delete.mutate({ id }), invalidate);
  const products =
    catalog.data?.find((tenant) => user.role === 'admin' || tenant.id === user.tenantId)
      ?.products ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const product = products[draft.product];
    if (!product) return;
    setError(undefined);
    await create
      .mutateAsync({
        customerId: draft.customerId,
        items: [{ name: product.name, price: product.price, qty: Number(draft.qty) }],
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }
  const act = (action: () => Promise<unknown>) => () =>
    void action().catch((failure: unknown) => setError(errorMessage(failure)));

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{t('navOrders')}</h1>
      <div className="two-columns">
        <form className="card form-grid" onSubmit={submit} aria-label={t('newOrder')}>
          <h2>{t('newOrder')}</h2>
          <CustomerSelect
            value={draft.customerId}
            onChange={(customerId) => setDraft({ ...draft, customerId })}
          />
          <label className="field">
            <span>{t('product')}</span>
            <select
              value={draft.product}
              onChange={(e) => setDraft({ ...draft, product: Number(e.target.value) })}
            >
              {products.map((product, index) => (
                <option key={product.name} value={index}>
                  {product.name} — {product.price}
                </option>
              ))}
            </select>
          </label>
          <label className="field narrow">
            <span>{t('quantity')}</span>
            <input
              type="number"
              min={1}
              max={99}
              value={draft.qty}
              onChange={(e) => setDraft({ ...draft, qty: e.target.value })}
            />
          </label>
          <button type="submit" className="button">
            {t('create')}
          </button>
        </form>
        <TillForm user={user} />
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">{t('customer')}</th>
              <th scope="col">{t('total')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.data?.map((order) => (
              <tr key={order._id}>
                <td>
                  <Link href={`/orders/${order._id}`}>
                    <code>{order._id}</code>
                  </Link>
                </td>
                <td>
                  <Link href={`/customers/${order.customerId}`}>{order.customerName}</Link>
                </td>
                <td>{order.total}</td>
                <td>
                  <select
                    aria-label={`${t('setStatus')} ${order._id}`}
                    value={order.status}
                    onChange={(e) =>
                      act(() =>
                        setStatus.mutateAsync({
                          id: order._id,
                          status: e.target.value as OrderStatus,
                        }),
                      )()
                    }
                  >
                    {ORDER_STATUSES.map((status) => (
                      <option key={status}>{status}</option>
                    ))}
                  </select>
                </td>
                <td>{formatDateTime(order.createdAt)}</td>
                <td>
                  {(order.status === 'new' || order.status === 'cancelled') && (
                    <button
                      type="button"
                      className="button small danger"
                      onClick={act(() => remove.mutateAsync(order._id))}
                    >
                      {t('delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
