import { describe, expect, it } from 'vitest';
import { changeValueText, mentionsPermissions, permissionChange } from './permissionChanges.ts';

describe('mentionsPermissions', () => {
  it('matches whole words role(s), permission(s), privilege(s) and is_admin / isAdmin', () => {
    const yes = [
      'user.role_changed',
      'team.roles_updated',
      'permissions.canDelete',
      'member.permission-granted',
      'privilege_level',
      'isAdmin',
      'is_admin',
      'settings.IS_ADMIN',
      'userRoles',
      'roleId',
    ];
    const no = [
      'customer.enrolled',
      'payroll',
      'controller.changed',
      'parole',
      'admin_note',
      'console',
    ];
    expect(yes.filter((text) => !mentionsPermissions(text))).toEqual([]);
    expect(no.filter((text) => mentionsPermissions(text))).toEqual([]);
  });
});

describe('permissionChange', () => {
  it('finds the changes that mention permissions, and whether one makes an administrator', () => {
    const role = { path: 'role', before: 'staff', after: 'admin' };
    expect(
      permissionChange({
        action: 'user.updated',
        changes: [{ path: 'phone', before: '1', after: '2' }, role],
      }),
    ).toEqual({ changes: [role], grantsAdmin: true });
    expect(
      permissionChange({
        action: 'user.updated',
        changes: [{ path: 'isAdmin', before: true, after: false }],
      }),
    ).toEqual({ changes: [{ path: 'isAdmin', before: true, after: false }], grantsAdmin: false });
    expect(
      permissionChange({
        action: 'customer.updated',
        changes: [{ path: 'phone', before: '1', after: '2' }],
      }),
    ).toBeUndefined();
  });

  it('reads admin as a word: a role named badminton coach is no administrator', () => {
    const found = permissionChange({
      action: 'user.updated',
      changes: [{ path: 'role', before: 'staff', after: 'badminton coach' }],
    });
    expect(found?.grantsAdmin).toBe(false);
  });

  it('does not count an administrator kept, or a redacted value', () => {
    expect(
      permissionChange({
        action: 'user.updated',
        changes: [{ path: 'roles', before: ['admin'], after: ['admin', 'staff'] }],
      })?.grantsAdmin,
    ).toBe(false);
    expect(
      permissionChange({ action: 'user.updated', changes: [{ path: 'role', redacted: true }] })
        ?.grantsAdmin,
    ).toBe(false);
  });

  it('takes an action without changes that names an administrator role', () => {
    expect(permissionChange({ action: 'user.admin_role_granted' })).toEqual({
      changes: [],
      grantsAdmin: true,
    });
    expect(permissionChange({ action: 'user.role_revoked' })).toEqual({
      changes: [],
      grantsAdmin: false,
    });
  });
});

describe('changeValueText', () => {
  it('writes strings, numbers, booleans and lists of strings, and nothing else', () => {
    expect([
      changeValueText('a'),
      changeValueText(2),
      changeValueText(false),
      changeValueText(['a', 'b']),
    ]).toEqual(['a', '2', 'false', 'a, b']);
    expect([
      changeValueText({}),
      changeValueText([]),
      changeValueText([1]),
      changeValueText(null),
    ]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
