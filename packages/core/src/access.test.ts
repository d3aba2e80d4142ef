import { describe, expect, it } from 'vitest';
import { assertTenantInScope, permissionsView, resolveAccess, scopeHasTenant } from './access.ts';

const actor = { id: 'u-ann', type: 'user' as const, name: 'Ann', email: 'ann@acme.test' };

describe('resolveAccess: deny by default', () => {
  it('refuses nobody with UNAUTHORIZED, a malformed answer with INVALID_SCOPE, no tenant with FORBIDDEN', () => {
    expect(() => resolveAccess(null)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
    expect(() => resolveAccess(undefined)).toThrow(
      expect.objectContaining({ code: 'UNAUTHORIZED' }),
    );
    for (const malformed of [
      {},
      { scope: { tenants: 'acme' }, actor },
      { scope: { tenants: [{ $ne: null }] }, actor },
      { scope: { tenants: ['acme'] } },
      { scope: { tenants: ['acme'] }, actor: { id: 42 } },
    ]) {
      expect(() => resolveAccess(malformed), JSON.stringify(malformed)).toThrow(
        expect.objectContaining({ code: 'INVALID_SCOPE' }),
      );
    }
    expect(() => resolveAccess({ scope: { tenants: [] }, actor })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('fills the scope’s defaults, and shows the reader only their permissions and name', () => {
    const access = resolveAccess({ scope: { tenants: ['acme'], canNote: true }, actor });
    expect(access.scope).toMatchObject({ tenants: ['acme'], canNote: true, canDelete: false });
    expect(permissionsView(access)).toEqual({
      tenants: ['acme'],
      roles: access.scope.roles,
      canDelete: false,
      canRestore: false,
      canNote: true,
      actor: { id: 'u-ann', name: 'Ann' },
    });
  });

  it('says whether a scope covers a tenant', () => {
    const { scope } = resolveAccess({ scope: { tenants: ['acme'] }, actor });
    expect(scopeHasTenant(scope, 'acme')).toBe(true);
    expect(scopeHasTenant(scope, 'beta')).toBe(false);
    expect(() => assertTenantInScope(scope, 'beta')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Your scope does not include tenant "beta".',
      }),
    );
    const admin = resolveAccess({ scope: { tenants: '*' }, actor }).scope;
    expect(scopeHasTenant(admin, 'beta')).toBe(true);
  });
});
