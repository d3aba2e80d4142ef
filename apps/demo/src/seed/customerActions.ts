import { DEMO_CUSTOMER_ID } from '../server/domain/accounts.ts';
import { newId } from '../server/domain/ids.ts';
import { customerSnapshot, refs } from '../server/domain/labels.ts';
import type { CustomerDoc } from '../server/domain/model.ts';
import { NOTE_BODIES } from './catalog.ts';
import { type SeedAction, type SeedStep, staffEvent } from './seedEvent.ts';

/** A new customer of the step's business, stored in its state (not yet in an event). */
export function makeCustomer(
  { state, random, time, staff }: SeedStep,
  id = newId('C'),
): CustomerDoc {
  const { catalog } = state;
  const first = random.pick(catalog.firstNames);
  const last = random.pick(catalog.lastNames);
  const latin = /^[a-z]/i.test(first)
    ? `${first}.${last}`.toLowerCase()
    : `client${random.int(100, 99_999)}`;
  const customer: CustomerDoc = {
    _id: id,
    tenantId: state.tenant.id,
    name: `${first} ${last}`,
    email: `${latin}${random.int(1, 99)}@${random.pick(catalog.emailDomain)}`,
    phone: `${catalog.phonePrefix}${String(random.int(0, 99_999)).padStart(5, '0')}`,
    location: staff.location,
    dependents: [],
    createdAt: time,
    updatedAt: time,
  };
  state.customers.set(customer._id, customer);
  state.liveCustomers.add(customer);
  return customer;
}

/** `customer.created`, as `POST /api/customers` records it. */
export const createCustomer: SeedAction = (step) => {
  const customer = makeCustomer(step);
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
};

/** `customer.updated`: a new phone, e-mail or surname. */
export const updateCustomer: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  const picked = step.random.weighted({ phone: 3, email: 2, name: 1 });
  // The demo account signs in as this customer, with her name and e-mail: only her phone changes.
  const field = customer._id === DEMO_CUSTOMER_ID ? 'phone' : picked;
  const before = customer[field];
  const after =
    field === 'phone'
      ? `${step.state.catalog.phonePrefix}${String(step.random.int(0, 99_999)).padStart(5, '0')}`
      : field === 'email'
        ? before.replace(/^[^@]*/, (local) => `${local}.${step.random.int(1, 9)}`)
        : `${before.split(' ')[0]} ${step.random.pick(step.state.catalog.lastNames)}`;
  customer[field] = after;
  customer.updatedAt = step.time;
  return [
    {
      ...staffEvent(step, { method: 'PATCH', route: '/api/customers/:id' }),
      action: 'customer.updated',
      subject: refs.customer(customer),
      changes: [{ path: field, before, after }],
    },
  ];
};

/** `customer.deleted`, with the snapshot the log restores from (never the demo account's own). */
export const deleteCustomer: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer || customer._id === DEMO_CUSTOMER_ID) return [];
  step.state.liveCustomers.remove(customer);
  step.state.customers.delete(customer._id);
  return [
    {
      ...staffEvent(step, { method: 'DELETE', route: '/api/customers/:id', status: 204 }),
      action: 'customer.deleted',
      subject: refs.customer(customer),
      snapshot: customerSnapshot(customer),
    },
  ];
};

/** `dependent.created`: a child added to a customer's profile. */
export const addDependent: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  const dependent = {
    id: newId('D'),
    name: `${step.random.pick(step.state.catalog.childNames)} ${customer.name.split(' ')[1] ?? ''}`.trim(),
    birthYear: step.random.int(2012, 2023),
  };
  customer.dependents.push(dependent);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: '/api/customers/:id/dependents', status: 201 }),
      action: 'dependent.created',
      subject: { type: 'dependent', id: dependent.id, label: dependent.name },
      refs: [refs.customer(customer)],
      changes: [
        { path: 'name', after: dependent.name },
        { path: 'birthYear', after: dependent.birthYear },
      ],
    },
  ];
};

/** `waiver.signed` at the desk. */
export const signWaiver: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  const participant = step.random.pick([customer.name, ...customer.dependents.map((d) => d.name)]);
  const waiver = {
    _id: newId('W'),
    tenantId: customer.tenantId,
    customerId: customer._id,
    participant,
    signedAt: step.time,
  };
  step.state.waivers.push(waiver);
  return [
    {
      ...staffEvent(step, { method: 'POST', route: '/api/customers/:id/waivers', status: 201 }),
      action: 'waiver.signed',
      kind: 'create',
      subject: { type: 'waiver', id: waiver._id, label: `Waiver: ${participant}` },
      refs: [refs.customer(customer)],
      changes: [{ path: 'participant', after: participant }],
    },
  ];
};

/** `note.added` on a customer's timeline. */
export const addNote: SeedAction = (step) => {
  const customer = step.state.liveCustomers.pick(step.random);
  if (!customer) return [];
  return [
    {
      ...staffEvent(step, { method: 'POST', route: '/api/activity/notes', status: 201 }),
      action: 'note.added',
      kind: 'note',
      subject: refs.customer(customer),
      metadata: { note: step.random.pick(NOTE_BODIES) },
    },
  ];
};
