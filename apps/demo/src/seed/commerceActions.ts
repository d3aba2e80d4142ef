import { newId } from '../server/domain/ids.ts';
import { refs, totalOf } from '../server/domain/labels.ts';
import type { LineItem, OrderDoc, OrderStatus } from '../server/domain/model.ts';
import type { Random } from './random.ts';
import { type SeedAction, staffEvent } from './seedEvent.ts';
import type { TenantState } from './tenantState.ts';

function lineItems(random: Random, state: TenantState, max: number): LineItem[] {
  const count = random.int(1, max);
  return Array.from({ length: count }, () => {
    const product = random.pick(state.catalog.products);
    return { name: product.name, qty: random.int(1, 3), price: product.price };
  });
}

/** `order.created` through the tRPC `orders.create` procedure. */
export const createOrder: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  const items = lineItems(step.random, step.state, 3);
  const order: OrderDoc = {
    _id: newId('O'),
    tenantId: customer.tenantId,
    customerId: customer._id,
    customerName: customer.name,
    location: step.staff.location,
    items,
    total: totalOf(items),
    status: 'new',
    createdAt: step.time,
  };
  step.state.orders.set(order._id, order);
  step.state.openOrders.add(order);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: 'orders.create' }),
      action: 'order.created',
      subject: refs.order(order),
      refs: [refs.customer(customer)],
      changes: [
        { path: 'total', after: order.total },
        { path: 'status', after: 'new' },
      ],
      metadata: { items: items.length },
    },
  ];
};

const NEXT_STATUS: Record<string, Record<string, number>> = {
  new: { paid: 8, cancelled: 1 },
  paid: { fulfilled: 9, refunded: 1 },
};

/** `order.status_changed`: paid, fulfilled, cancelled or refunded. */
export const changeOrderStatus: SeedAction = (step) => {
  const order = step.state.openOrders.pick(step.random);
  if (!order) return [];
  const before = order.status;
  const after = step.random.weighted(NEXT_STATUS[before] ?? { fulfilled: 1 }) as OrderStatus;
  order.status = after;
  if (after !== 'paid') step.state.openOrders.remove(order);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: 'orders.setStatus' }),
      action: 'order.status_changed',
      kind: 'update',
      subject: refs.order(order),
      refs: [{ type: 'customer', id: order.customerId, label: order.customerName }],
      changes: [{ path: 'status', before, after }],
    },
  ];
};

/** `order.deleted`: an order entered by mistake (it cannot be restored, seed 001). */
export const deleteOrder: SeedAction = (step) => {
  const order = step.state.openOrders.pick(step.random);
  if (order?.status !== 'new') return [];
  step.state.openOrders.remove(order);
  step.state.orders.delete(order._id);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: 'orders.delete' }),
      action: 'order.deleted',
      subject: refs.order(order),
      refs: [{ type: 'customer', id: order.customerId, label: order.customerName }],
      snapshot: { ...order, createdAt: order.createdAt.toISOString() },
    },
  ];
};

/** `sale.created` at the till (POS), sometimes for a known customer. */
export const sellAtTill: SeedAction = (step) => {
  const customer = step.random.chance(0.4) ? step.state.liveCustomers.pick(step.random) : undefined;
  const items = lineItems(step.random, step.state, 4);
  const sale = {
    _id: newId('S'),
    tenantId: step.state.tenant.id,
    location: step.staff.location,
    ...(customer && { customerId: customer._id }),
    items,
    total: totalOf(items),
    payment: step.random.chance(0.8) ? ('card' as const) : ('cash' as const),
    staffId: step.staff.actor.id,
    createdAt: step.time,
  };
  step.state.sales.push(sale);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: 'pos.sell' }),
      action: 'sale.created',
      subject: refs.sale(sale),
      refs: customer ? [refs.customer(customer)] : [],
      changes: [
        { path: 'total', after: sale.total },
        { path: 'payment', after: sale.payment },
      ],
      metadata: { items: items.length },
    },
  ];
};
