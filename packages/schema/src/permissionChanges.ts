import type { Change } from './event.ts';

/**
 * The rule of the `permission_change` security signal, shared by the store's detector, the marks
 * the writer stores for it, and the React kit's in-memory source, so all three agree.
 */

const PERMISSION_WORDS = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'privilege',
  'privileges',
]);
const ADMIN_WORDS = new Set(['admin', 'administrator', 'owner', 'superuser', 'superadmin', 'root']);

/** The words of a name: split at `.`, `_`, `-`, spaces and camelCase humps, lower-cased. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `is_admin`, `isAdmin`, `user.is-admin`: the words "is admin" in a row. */
function isAdminFlag(list: string[]): boolean {
  return list.some((word, i) => word === 'is' && list[i + 1] === 'admin');
}

/**
 * Whether an action name or a change path mentions roles or permissions: one of its words is
 * `role(s)`, `permission(s)` or `privilege(s)`, or it contains `is_admin` / `isAdmin` (the words
 * "is admin"). Whole words only, so `customer.enrolled`, `payroll` or `controller` do not count.
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
 * A change's value as short text — strings, numbers, booleans and non-empty lists of strings —
 * or `undefined` for anything else (objects, empty lists, nothing).
 *
 * @example
 * ```ts
 * changeValueText(['staff', 'admin']); // 'staff, admin'
 * changeValueText({ level: 2 }); // undefined
 * ```
 */
export function changeValueText(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return value.join(', ');
  }
  return undefined;
}

const mentionsAdmin = (text: string | undefined) =>
  words(text ?? '').some((word) => ADMIN_WORDS.has(word));

/**
 * Whether a change hands out administrator rights: an `is_admin` / `isAdmin` flag turned on, or a
 * value that names an administrator role (admin, owner, superuser, root…) where the value before
 * did not. A redacted change grants nothing anyone can see.
 */
function grantsAdmin(change: Change): boolean {
  if (change.redacted) return false;
  if (isAdminFlag(words(change.path))) return change.after === true;
  return (
    mentionsAdmin(changeValueText(change.after)) && !mentionsAdmin(changeValueText(change.before))
  );
}

/** What makes an event a role or permission change. */
export interface PermissionChange {
  /** Its changes whose path mentions permissions (none for an action such as `user.role_granted`). */
  changes: Change[];
  /**
   * It makes someone an administrator: one of those changes does, or an action without them names
   * an administrator role (`user.admin_granted`). The signal is high then, else medium.
   */
  grantsAdmin: boolean;
}

/**
 * Whether an event changes roles or permissions — its action or a change path mentions them (see
 * {@link mentionsPermissions}) — and if so, which of its changes do and whether it makes someone an
 * administrator; `undefined` for any other event.
 *
 * @example
 * ```ts
 * permissionChange({ action: 'user.updated', changes: [{ path: 'role', before: 'staff', after: 'admin' }] });
 * // { changes: [{ path: 'role', … }], grantsAdmin: true }
 * permissionChange({ action: 'customer.updated', changes: [{ path: 'phone', before: '1', after: '2' }] });
 * // undefined
 * ```
 */
export function permissionChange(event: {
  action: string;
  changes?: readonly Change[] | undefined;
}): PermissionChange | undefined {
  const changes = (event.changes ?? []).filter((change) => mentionsPermissions(change.path));
  if (changes.length === 0 && !mentionsPermissions(event.action)) return undefined;
  return {
    changes,
    grantsAdmin: changes.some(grantsAdmin) || (changes.length === 0 && mentionsAdmin(event.action)),
  };
}
