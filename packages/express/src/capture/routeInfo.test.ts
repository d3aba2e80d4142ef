import { describe, expect, it } from 'vitest';
import { routeInfo, routeParams, singular } from './routeInfo.ts';

describe('routeInfo', () => {
  it('reads the resource type and id parameter of a route', () => {
    expect(routeInfo('/customers/:id')).toMatchObject({
      type: 'customer',
      idParam: 'id',
      parents: [],
    });
    expect(routeInfo('/api/v1/online-bookings')).toMatchObject({
      type: 'online_booking',
      idParam: undefined,
    });
  });

  it('links nested resources to their parents and reads a verb after the id', () => {
    expect(routeInfo('/customers/:customerId/dependents/:id')).toMatchObject({
      type: 'dependent',
      idParam: 'id',
      parents: [{ type: 'customer', param: 'customerId' }],
    });
    expect(routeInfo('/orders/:id/refund')).toMatchObject({
      type: 'order',
      idParam: 'id',
      verb: 'refund',
    });
  });

  it('reads the parameters again from the path once an error handler replaced them', () => {
    const info = routeInfo('/customers/:customerId/dependents/:id');
    expect(routeParams(info, {}, '/api/customers/c%201/dependents/7')).toEqual({
      customerId: 'c 1',
      id: '7',
    });
  });

  it('makes plural path words singular', () => {
    expect(
      ['customers', 'categories', 'addresses', 'status', 'boxes', 'waivers'].map(singular),
    ).toEqual(['customer', 'category', 'address', 'status', 'box', 'waiver']);
  });
});
