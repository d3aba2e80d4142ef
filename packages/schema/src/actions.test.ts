import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createActionRegistry } from './actions.ts';
import { SchemaError } from './errors.ts';
import { inferKind } from './inferKind.ts';

describe('inferKind', () => {
  it.each([
    ['customer.created', 'create'],
    ['order.item_added', 'create'],
    ['waiver.signed', 'create'],
    ['customer.restored', 'create'],
    ['customer.updated', 'update'],
    ['order.status_changed', 'update'],
    ['profile.renamed', 'update'],
    ['booking.rescheduled', 'update'],
    ['booking.cancelled', 'update'],
    ['waiver.expired', 'update'],
    ['customer.deleted', 'delete'],
    ['order.item_removed', 'delete'],
    ['auth.login', 'login'],
    ['auth.login_succeeded', 'login'],
    ['login', 'login'],
    ['auth.logout', 'logout'],
    ['auth.login_failed', 'login_failed'],
    ['otp.verify_failed', 'login_failed'],
    ['report.viewed', 'access'],
    ['report.sales', 'access'],
    ['customer.exported', 'access'],
    ['customer.searched', 'access'],
    ['note.added', 'note'],
    ['customer.note_added', 'note'],
    ['auth.otp_requested', 'other'],
    ['order.status-changed', 'update'],
    ['rocket.launched', 'other'],
  ] as const)('%s → %s', (action, kind) => {
    expect(inferKind(action)).toBe(kind);
  });
});

describe('createActionRegistry', () => {
  it('defines actions and prefixes, exact names first', () => {
    const actions = createActionRegistry()
      .define('report.*', { kind: 'access', category: 'report' })
      .define('report.payroll', { kind: 'access', category: 'system' });
    expect(actions.get('report.sales')?.category).toBe('report');
    expect(actions.get('report.payroll')?.category).toBe('system');
    expect(actions.get('order.created')).toBeUndefined();
    expect(actions.list().map((entry) => entry.action)).toEqual(['report.*', 'report.payroll']);
  });

  it('takes definitions up front', () => {
    const actions = createActionRegistry({ actions: { 'order.refunded': { kind: 'update' } } });
    expect(actions.get('order.refunded')).toEqual({ kind: 'update' });
  });

  it('rejects malformed action names', () => {
    expect(() => createActionRegistry().define('order refunded', {})).toThrow(SchemaError);
  });

  it('validates metadata and names the action and every failing path', () => {
    const actions = createActionRegistry().define('order.refunded', {
      metadata: z.object({ amount: z.number().positive(), reason: z.string() }),
    });
    expect(actions.validateMetadata('order.refunded', { amount: 5, reason: 'late' })).toEqual({
      amount: 5,
      reason: 'late',
    });
    let caught: unknown;
    try {
      actions.validateMetadata('order.refunded', { amount: 'ten' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaError);
    expect((caught as SchemaError).code).toBe('INVALID_METADATA');
    expect((caught as SchemaError).message).toContain('"order.refunded"');
    expect((caught as SchemaError).message).toMatch(/amount: .*; reason: /);
  });

  it('lets any metadata through for actions without a schema', () => {
    const value = { anything: [1, 2] };
    expect(createActionRegistry().validateMetadata('order.created', value)).toBe(value);
  });
});
