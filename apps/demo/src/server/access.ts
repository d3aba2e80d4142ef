import { ActivityError } from '@activitykit/core';
import type { ActivityScopeInput, Actor, EventKind } from '@activitykit/schema';
import { actorOf, type DemoUser } from './auth/user.ts';
import { mayVerify } from './domain/roles.ts';

/**
 * What each role may see and do in the activity log (seed 003: administrators see everything,
 * partners only their own business):
 * - admin: every business, and may delete events, restore records and add notes;
 * - partner: their business, restore and notes;
 * - staff: their business, events by staff and customers (not the owner's), notes;
 * - customer: nothing (the default is deny); her own profile's history comes through a viewer
 *   token scoped to her record and to {@link CUSTOMER_HISTORY_KINDS}, which the activity API
 *   accepts (`POST /api/history/viewer-token`).
 *
 * Only administrators verify the sealed log ({@link mayVerify}); every role sees which rows are sealed.
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

/**
 * The `authorize` of the activity REST API and tRPC router: the scope and actor of a user. A call
 * of `verify` (`verifying`) by a user who may not verify is refused with `FORBIDDEN`.
 */
export function authorizeUser(
  user: DemoUser | undefined,
  call: { verifying?: boolean } = {},
): { scope: ActivityScopeInput; actor: Actor } | undefined {
  if (!user) return undefined;
  if (call.verifying && !mayVerify(user)) {
    throw new ActivityError('FORBIDDEN', 'Only an administrator may verify the activity log.');
  }
  return { scope: activityScopeOf(user), actor: actorOf(user) };
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

/** Every role of the demo, for telling whose events a scope hides. */
export const ROLES = ['admin', 'partner', 'staff', 'customer'] as const;

/** The roles whose events the user's scope hides (staff do not see the owner's or the admin's). */
export function hiddenRolesOf(user: DemoUser): string[] {
  const { roles = '*' } = activityScopeOf(user);
  return roles === '*' ? [] : ROLES.filter((role) => !roles.includes(role));
}

/** What a customer sees of her own record's history: every change, but not the staff's notes. */
export const CUSTOMER_HISTORY_KINDS: EventKind[] = ['create', 'update', 'delete', 'other'];
