import { describe, expect, it } from 'vitest';
import { createStreamSlots } from './streamSlots.ts';

describe('createStreamSlots', () => {
  it('refuses the stream past the cap of a tenant, and frees the slot on release (once)', () => {
    const slots = createStreamSlots({ maxPerTenant: 2 });
    const first = slots.take({ tenants: ['acme'] });
    const second = slots.take({ tenants: ['acme'] });
    expect(slots.take({ tenants: ['acme'] })).toEqual({ full: 'acme' });
    expect('release' in slots.take({ tenants: ['beta'] })).toBe(true);
    if (!('release' in first) || !('release' in second)) throw new Error('expected slots');
    first.release();
    first.release();
    expect(slots.open('acme')).toBe(1);
    expect('release' in slots.take({ tenants: ['acme'] })).toBe(true);
    expect(slots.take({ tenants: ['acme'] })).toEqual({ full: 'acme' });
  });

  it('takes a slot in every tenant of a scope or in none, and counts "*" on its own', () => {
    const slots = createStreamSlots({ maxPerTenant: 1 });
    slots.take({ tenants: ['beta'] });
    expect(slots.take({ tenants: ['acme', 'beta'] })).toEqual({ full: 'beta' });
    expect(slots.open('acme')).toBe(0);
    expect('release' in slots.take({ tenants: '*' })).toBe(true);
    expect(slots.take({ tenants: '*' })).toEqual({ full: '*' });
    expect('release' in slots.take({ tenants: ['acme'] })).toBe(true);
  });

  it('refuses a cap that is not a whole number of at least 1', () => {
    expect(() => createStreamSlots({ maxPerTenant: 0 })).toThrow(/at least 1/);
    expect(() => createStreamSlots({ maxPerTenant: 1.5 })).toThrow(/at least 1/);
  });
});
