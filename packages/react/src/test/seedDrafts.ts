import type { ActivityEventInput } from '@activitykit/schema';

const customer42 = { type: 'customer', id: '42', label: 'Olivia Martin' };

/**
 * The events every source test starts from: 42 of tenant `acme` and 5 of `beta` — creates, status
 * changes, a delete with a snapshot, failed logins, Anna's logins (the last from a new IP address),
 * a role change — within the last ten days. Each security signal has something to find.
 */
export function seedDrafts(): ActivityEventInput[] {
  const start = Date.now() - 10 * 86_400_000;
  const drafts: ActivityEventInput[] = [];
  for (let i = 0; i < 30; i++) {
    const order = { type: 'order', id: String(1000 + i), label: `Order #${1000 + i}` };
    drafts.push({
      tenantId: 'acme',
      occurredAt: new Date(start + i * 3_600_000 * 7),
      action: i % 3 === 0 ? 'order.created' : 'order.status_changed',
      actor: {
        id: i % 2 ? 'u-anna' : 'u-boris',
        type: 'user',
        name: i % 2 ? 'Anna Petrova' : 'Boris Ivanov',
        role: 'staff',
      },
      subject: order,
      refs: [order, customer42],
      ...(i % 3 === 0 ? {} : { changes: [{ path: 'status', before: 'new', after: 'paid' }] }),
      context: { ip: '10.0.0.7', location: 'north' },
    });
  }
  drafts.push({
    tenantId: 'acme',
    occurredAt: new Date(start + 200 * 3_600_000),
    action: 'customer.deleted',
    actor: { id: 'u-boris', type: 'user', name: 'Boris Ivanov', role: 'staff' },
    subject: { type: 'customer', id: '7', label: 'Lena Ivanova' },
    snapshot: { id: '7', name: 'Lena Ivanova' },
  });
  for (let i = 0; i < 6; i++) {
    drafts.push({
      tenantId: 'acme',
      occurredAt: new Date(start + 210 * 3_600_000 + i * 60_000),
      action: 'auth.login_failed',
      kind: 'login_failed',
      outcome: 'failure',
      actor: { id: 'anonymous', type: 'anonymous' },
      metadata: { identifier: 'boris@venue.test' },
      context: { ip: '198.51.100.23' },
    });
  }
  const anna = { id: 'u-anna', type: 'user' as const, name: 'Anna Petrova', role: 'staff' };
  for (const [day, ip] of [
    [1, '10.0.0.7'],
    [2, '10.0.0.7'],
    [8, '203.0.113.5'],
    [8.01, '203.0.113.5'],
  ] as const) {
    drafts.push({
      tenantId: 'acme',
      occurredAt: new Date(start + day * 86_400_000),
      action: 'auth.login',
      kind: 'login',
      actor: anna,
      context: { ip },
    });
  }
  drafts.push({
    tenantId: 'acme',
    occurredAt: new Date(start + 9 * 86_400_000),
    action: 'user.role_changed',
    actor: { id: 'u-boris', type: 'user', name: 'Boris Ivanov', role: 'staff' },
    subject: { type: 'user', id: 'u-anna', label: 'Anna Petrova' },
    changes: [{ path: 'role', before: 'staff', after: 'admin' }],
  });
  for (let i = 0; i < 5; i++) {
    drafts.push({
      tenantId: 'beta',
      occurredAt: new Date(start + i * 3_600_000),
      action: 'customer.created',
      actor: { id: 'u-bea', type: 'user', name: 'Bea Beta' },
      subject: { type: 'customer', id: `b${i}`, label: 'BETA-SECRET' },
    });
  }
  return drafts;
}
