/**
 * Labels a stored event carries for the security signals, computed at write time from the same rules
 * the detectors apply: a server that filters only by top-level equality (FerretDB) then finds the
 * candidates of a rule no equality on the event's own fields expresses (a word inside an action or
 * a changed field's name) with `{ tenantId, day, marks: … }`.
 */
import type { Change } from '@activitykit/schema';

/** The mark of an event whose action or a changed field's name mentions roles or permissions. */
export const PERMISSION_MARK = 'permission_change';

const PERMISSION_WORDS = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'privilege',
  'privileges',
]);

/**
 * The words of a name: split at `.`, `_`, `-`, spaces and camelCase humps, lower-cased.
 *
 * @example
 * ```ts
 * words('user.isAdmin'); // ['user', 'is', 'admin']
 * ```
 */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * `is_admin`, `isAdmin`, `user.is-admin`: the words "is admin" in a row.
 *
 * @example
 * ```ts
 * isAdminFlag(words('settings.isAdmin')); // true
 * ```
 */
export function isAdminFlag(list: string[]): boolean {
  return list.some((word, i) => word === 'is' && list[i + 1] === 'admin');
}

/**
 * The rule for role and permission changes: an action name or a change path mentions permissions
 * when one of its words is `role(s)`, `permission(s)` or `privilege(s)`, or it contains `is_admin`
 * / `isAdmin` (the words "is admin"). Whole words only, so `customer.enrolled`, `payroll` or
 * `controller` do not count.
 *
 * @example
 * ```ts
 * mentionsPermissions('user.role_changed'); // true
 * mentionsPermissions('settings.isAdmin'); // true
 * mentionsPermissions('customer.enrolled'); // false
 * ```
 */
export function mentionsPermissions(text: string): boolean {
  const list = words(text);
  return list.some((word) => PERMISSION_WORDS.has(word)) || isAdminFlag(list);
}

/**
 * The marks of an event: {@link PERMISSION_MARK} when its action or a change path mentions
 * permissions (see {@link mentionsPermissions}); empty for most events.
 *
 * @example
 * ```ts
 * signalMarks({ action: 'user.updated', changes: [{ path: 'role', before: 'staff', after: 'admin' }] });
 * // ['permission_change']
 * ```
 */
export function signalMarks(event: {
  action: string;
  changes?: readonly Pick<Change, 'path'>[] | undefined;
}): string[] {
  const permission =
    mentionsPermissions(event.action) ||
    (event.changes ?? []).some((change) => mentionsPermissions(change.path));
  return permission ? [PERMISSION_MARK] : [];
}
