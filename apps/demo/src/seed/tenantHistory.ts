import type { ActivityEventInput } from '@activitykit/schema';
import { DEMO_CUSTOMER_ID } from '../server/domain/accounts.ts';
import { refs } from '../server/domain/labels.ts';
import {
  changeRole,
  login,
  loginFromNewPlace,
  logout,
  mistypedPassword,
  passwordGuessing,
  viewReport,
} from './authActions.ts';
import { advanceBooking, changeBooking, createBooking } from './bookingActions.ts';
import { changeOrderStatus, createOrder, deleteOrder, sellAtTill } from './commerceActions.ts';
import {
  addDependent,
  addNote,
  createCustomer,
  deleteCustomer,
  makeCustomer,
  signWaiver,
  updateCustomer,
} from './customerActions.ts';
import type { Random } from './random.ts';
import { type SeedAction, type SeedStep, staffEvent } from './seedEvent.ts';
import type { TenantState } from './tenantState.ts';

/** How often each action happens, relative to the others. */
const ACTIONS: Record<string, [weight: number, action: SeedAction]> = {
  login: [8, login],
  logout: [5, logout],
  mistypedPassword: [1, mistypedPassword],
  passwordGuessing: [0.03, passwordGuessing],
  loginFromNewPlace: [0.15, loginFromNewPlace],
  changeRole: [0.3, changeRole],
  viewReport: [2, viewReport],
  createCustomer: [9, createCustomer],
  updateCustomer: [8, updateCustomer],
  deleteCustomer: [0.6, deleteCustomer],
  addDependent: [3, addDependent],
  signWaiver: [5, signWaiver],
  addNote: [2, addNote],
  createOrder: [8, createOrder],
  changeOrderStatus: [10, changeOrderStatus],
  deleteOrder: [0.4, deleteOrder],
  createBooking: [9, createBooking],
  changeBooking: [4, changeBooking],
  advanceBooking: [15, advanceBooking],
  sellAtTill: [10, sellAtTill],
};
const WEIGHTS = Object.fromEntries(Object.entries(ACTIONS).map(([key, [weight]]) => [key, weight]));

/**
 * One business's history, event by event, at the given instants: staff sign in, serve customers,
 * take orders, bookings and sales; the system moves bookings along; now and then someone mistypes
 * a password or guesses one. Records change in `state` as the events describe.
 */
export function* tenantHistory(
  random: Random,
  { state, timestamps }: { state: TenantState; timestamps: Float64Array },
): Generator<ActivityEventInput> {
  const staffWeights = Object.fromEntries(
    state.staff.map((staff, i) => [String(i), staff.actor.role === 'partner' ? 1 : 3]),
  );
  const stepAt = (time: number): SeedStep => ({
    state,
    random,
    time: new Date(time),
    staff: state.staff[Number(random.weighted(staffWeights))] as SeedStep['staff'],
  });
  if (state.tenant.id === 'harbor' && timestamps.length > 0) {
    yield* demoCustomer(stepAt(timestamps[0] as number));
  }
  for (const time of timestamps) {
    const step = stepAt(time);
    const key = state.liveCustomers.size < 20 ? 'createCustomer' : random.weighted(WEIGHTS);
    const events = (ACTIONS[key] as [number, SeedAction])[1](step);
    yield* events.length > 0 ? events : createCustomer(step);
  }
}

/** The customer the demo's customer account belongs to, with a little history of her own. */
function demoCustomer(step: SeedStep): ActivityEventInput[] {
  const customer = makeCustomer(step, DEMO_CUSTOMER_ID);
  Object.assign(customer, { name: 'Emma Clarke', email: 'emma@example.com' });
  return [
    {
      ...staffEvent(step, { method: 'POST', route: '/api/customers', status: 201 }),
      action: 'customer.created',
      subject: refs.customer(customer),
      changes: (['name', 'email', 'phone', 'location'] as const).map((path) => ({
        path,
        after: customer[path],
      })),
    },
  ];
}
