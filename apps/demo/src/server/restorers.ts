import type { Restorers } from '@activitykit/core';
import type { Collections, CustomerDoc } from './domain/model.ts';

/**
 * How deleted records come back from the activity log (core `restorers`, seed 001): a customer is
 * re-created from the delete's snapshot; an order cannot be restored.
 */
export function demoRestorers(db: Collections): Restorers {
  return {
    customer: async (snapshot) => {
      const customer = snapshot as unknown as CustomerDoc & { createdAt: string | Date };
      await db.customers.insertOne({
        _id: String(customer._id),
        tenantId: String(customer.tenantId),
        name: String(customer.name),
        email: String(customer.email),
        phone: String(customer.phone ?? ''),
        location: String(customer.location),
        dependents: Array.isArray(customer.dependents) ? customer.dependents : [],
        createdAt: new Date(customer.createdAt),
        updatedAt: new Date(),
      });
    },
    order: false,
  };
}
