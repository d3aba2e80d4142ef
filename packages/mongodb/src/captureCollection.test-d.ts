import type { ActivityStore } from '@activitykit/core';
import type { Collection, ObjectId, UpdateResult, WithId } from 'mongodb';
import { expectTypeOf, it } from 'vitest';
import { captureCollection } from './captureCollection.ts';

interface Customer {
  _id: ObjectId;
  name: string;
  address: { city: string };
}

declare const collection: Collection<Customer>;
declare const store: ActivityStore;

it('keeps the driver collection type and its generics', () => {
  const customers = captureCollection(collection, { type: 'customer', store });
  expectTypeOf(customers).toEqualTypeOf<Collection<Customer>>();
  expectTypeOf(
    customers.findOne({ name: 'Ann' }),
  ).resolves.toEqualTypeOf<WithId<Customer> | null>();
  expectTypeOf(customers.updateOne).returns.resolves.toEqualTypeOf<UpdateResult<Customer>>();
  // The driver's filter and update types still check fields.
  // @ts-expect-error: no such field's value type
  customers.updateOne({ name: 42 }, { $set: { name: 'Bo' } });
  // @ts-expect-error: the wrong type for a field
  customers.insertOne({ name: 1, address: { city: 'Oslo' } });
});

it('types the label function with the collection schema', () => {
  captureCollection(collection, {
    type: 'customer',
    store,
    label: (customer) => {
      expectTypeOf(customer).toEqualTypeOf<WithId<Customer>>();
      return customer.address.city;
    },
  });
  // @ts-expect-error: a capture needs a record type
  captureCollection(collection, { store });
});
