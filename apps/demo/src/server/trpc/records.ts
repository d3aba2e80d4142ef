import { TRPCError } from '@trpc/server';
import type { Collection } from 'mongodb';
import { tenantFilter } from '../access.ts';
import type { DemoUser } from '../auth/user.ts';
import type { Collections, CustomerDoc } from '../domain/model.ts';

/** A record of one of the user's businesses, or `NOT_FOUND`. */
export async function findRecord<T extends { _id: string; tenantId: string }>(
  collection: Collection<T>,
  { id, user }: { id: string; user: DemoUser },
): Promise<T> {
  const filter = { _id: id, ...tenantFilter(user) } as Parameters<Collection<T>['findOne']>[0];
  const found = (await collection.findOne(filter)) as T | null;
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: `No record ${id}.` });
  return found;
}

/** The customer an order, booking or sale is for, in the user's business. */
export function findCustomer(db: Collections, { id, user }: { id: string; user: DemoUser }) {
  return findRecord<CustomerDoc>(db.customers, { id, user });
}
