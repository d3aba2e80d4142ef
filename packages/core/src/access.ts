/**
 * Who may read and do what: the one place both adapters turn an app's answer to "who is calling?"
 * into a checked scope (deny by default), and ask whether that scope covers a tenant.
 */
import {
  type ActivityScope,
  type ActivityScopeInput,
  type Actor,
  activityScopeSchema,
  actorSchema,
} from '@activitykit/schema';
import { z } from 'zod';
import { ActivityError } from './errors.ts';
import type { ViewerGrant } from './viewer/viewerClaims.ts';

/** What an app's `authorize` returns for a signed-in reader: what they may see and do, and who they are. */
export interface ActivityAuthorization {
  /** What the caller may read and do (`{ tenants: ['acme'], canNote: true }`). */
  scope: ActivityScopeInput;
  /** The caller: a note's author, a restorer, a bulk deleter. */
  actor: Actor;
}

/** An authorization checked by {@link resolveAccess}: its scope parsed, defaults filled in. */
export interface ActivityAccess {
  scope: ActivityScope;
  actor: Actor;
  /** Set when the access came from a viewer token: its id, permissions and expiry. */
  viewer?: ViewerGrant;
}

/** What a reader may see and do, as the `scope` route and procedure show it to their client. */
export interface ActivityPermissionsView {
  tenants: ActivityScope['tenants'];
  roles: ActivityScope['roles'];
  canDelete: boolean;
  canRestore: boolean;
  canNote: boolean;
  actor: { id: string; name?: string; role?: string };
}

const authorizationSchema = z.object({ scope: activityScopeSchema, actor: actorSchema });

/**
 * Checks what an app's `authorize` answered, denying by default: nothing (`null` / `undefined`) is
 * `UNAUTHORIZED`; a malformed scope or actor is `INVALID_SCOPE`; a scope with no tenant is
 * `FORBIDDEN`. REST and tRPC both call it, so they refuse alike.
 *
 * @example
 * ```ts
 * const access = resolveAccess(await authorize(req));
 * await store.list(query, access.scope);
 * ```
 */
export function resolveAccess(granted: unknown): ActivityAccess {
  if (granted === undefined || granted === null) {
    throw new ActivityError('UNAUTHORIZED', 'Sign in to see the activity log.');
  }
  const parsed = authorizationSchema.safeParse(granted);
  if (!parsed.success) {
    throw new ActivityError(
      'INVALID_SCOPE',
      'Your access could not be established: the server’s authorize() must return ' +
        '{ scope: { tenants: ["acme"] }, actor: { id, type } } (or tenants: "*" for administrators).',
      { cause: parsed.error },
    );
  }
  const { tenants } = parsed.data.scope;
  if (tenants !== '*' && tenants.length === 0) {
    throw new ActivityError(
      'FORBIDDEN',
      'Your account may not see the activity of any tenant; ask an administrator for access.',
    );
  }
  return parsed.data;
}

/** Whether `scope` covers `tenantId` (every tenant for `'*'`). */
export function scopeHasTenant(scope: ActivityScope, tenantId: string): boolean {
  return scope.tenants === '*' || scope.tenants.includes(tenantId);
}

/**
 * Refuses (`FORBIDDEN`) an operation on a tenant the scope does not cover.
 *
 * @example
 * ```ts
 * assertTenantInScope(access.scope, input.tenantId); // before verifying that tenant's chain
 * ```
 */
export function assertTenantInScope(scope: ActivityScope, tenantId: string): void {
  if (!scopeHasTenant(scope, tenantId)) {
    throw new ActivityError('FORBIDDEN', `Your scope does not include tenant "${tenantId}".`);
  }
}

/**
 * What a reader may see and do, for their client: the scope's tenants, roles and privileges, and
 * who they are (id, name, role — nothing else of the actor).
 *
 * @example
 * ```ts
 * permissionsView(resolveAccess(await authorize(req)));
 * // { tenants: ['acme'], roles: '*', canDelete: false, canRestore: true, canNote: true, actor: { id: 'u-ann', name: 'Ann' } }
 * ```
 */
export function permissionsView(access: ActivityAccess): ActivityPermissionsView {
  const { scope, actor } = access;
  const who: ActivityPermissionsView['actor'] = { id: actor.id };
  if (actor.name) who.name = actor.name;
  if (actor.role) who.role = actor.role;
  return {
    tenants: scope.tenants,
    roles: scope.roles,
    canDelete: scope.canDelete,
    canRestore: scope.canRestore,
    canNote: scope.canNote,
    actor: who,
  };
}
