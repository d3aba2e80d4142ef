import type { ActivityScope } from '@activitykit/schema';

/**
 * What two scopes both allow: the tenants, roles, records and kinds each lets through, and a privilege
 * only when both grant it. A viewer token's scope meets the scope of whoever minted it, and the
 * session of whoever presents it, with this: a token can only narrow.
 *
 * @example
 * ```ts
 * narrowScope(
 *   { tenants: '*', roles: '*', canDelete: true, canRestore: true, canNote: true },
 *   { tenants: ['acme'], roles: ['staff'], refs: ['customer:42'], canDelete: false, canRestore: false, canNote: false },
 * ); // { tenants: ['acme'], roles: ['staff'], refs: ['customer:42'], canDelete: false, … }
 * ```
 */
export function narrowScope(a: ActivityScope, b: ActivityScope): ActivityScope {
  const scope: ActivityScope = {
    tenants: meet(a.tenants, b.tenants),
    roles: meet(a.roles, b.roles),
    canDelete: a.canDelete && b.canDelete,
    canRestore: a.canRestore && b.canRestore,
    canNote: a.canNote && b.canNote,
  };
  const refs = meet(a.refs ?? '*', b.refs ?? '*');
  if (refs !== '*') scope.refs = refs;
  const kinds = meet(a.kinds ?? '*', b.kinds ?? '*');
  if (kinds !== '*') scope.kinds = kinds as NonNullable<ActivityScope['kinds']>;
  return scope;
}

/** The values both lists allow (`'*'` allows all). */
function meet(a: '*' | readonly string[], b: '*' | readonly string[]): '*' | string[] {
  if (a === '*') return b === '*' ? '*' : [...b];
  if (b === '*') return [...a];
  const inB = new Set(b);
  return [...new Set(a.filter((value) => inB.has(value)))];
}
