import type { ActivityScopeInput, Actor } from '@activitykit/schema';
import { actorOf, type DemoUser } from './auth/user.ts';

/**
 * What each role may see and do in the activity log (seed 003: administrators see everything,
 * partners only their own business):
 * - admin: every business, and may delete events, restore records and add notes;
 * - partner: their business, restore and notes;
 * - staff: their business, events by staff and customers (not the owner's), notes;
 * - customer: nothing (the default is deny).
 */
export function activityScopeOf(user: DemoUser): ActivityScopeInput {
  switch (user.role) {
    case 'admin':
      return { tenants: '*', canDelete: true, canRestore: true, canNote: true };
    case 'partner':
      return { tenants: [user.tenantId], canRestore: true, canNote: true };
    case 'staff':
      return { tenants: [user.tenantId], roles: ['staff', 'customer'], canNote: true };
    case 'customer':
      return { tenants: [] };
  }
}

/** The `authorize` of the activity REST API and tRPC router: the scope and actor of a user. */
export function authorizeUser(
  user: DemoUser | undefined,
): { scope: ActivityScopeInput; actor: Actor } | undefined {
  return user ? { scope: activityScopeOf(user), actor: actorOf(user) } : undefined;
}

/** The tenants a user's business pages may show: all for admins, else their own. */
export function tenantsOf(user: DemoUser): '*' | string[] {
  return user.role === 'admin' ? '*' : [user.tenantId];
}

/** A MongoDB filter on `tenantId` for the user's tenants. */
export function tenantFilter(user: DemoUser): { tenantId?: string | { $in: string[] } } {
  const tenants = tenantsOf(user);
  return tenants === '*' ? {} : { tenantId: { $in: tenants } };
}
