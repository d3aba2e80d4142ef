import { describe, expect, it } from 'vitest';
import {
  DataLayerWrites,
  getActivityContext,
  noteDataLayerWrite,
  withActivityContext,
} from './context.ts';

describe('withActivityContext', () => {
  it('merges nested contexts, the inner fields winning and undefined ones not erasing', () => {
    const seen = withActivityContext({ tenantId: 'acme', ip: '10.0.0.1' }, () =>
      withActivityContext({ tenantId: 'globex', ip: undefined, requestId: 'r1' }, () =>
        getActivityContext(),
      ),
    );
    expect(seen).toEqual({ tenantId: 'globex', ip: '10.0.0.1', requestId: 'r1' });
  });

  it('reads a function source when the context is asked for, not when it is entered', async () => {
    const user: { id?: string } = {};
    const seen = await withActivityContext(
      () => ({ actor: user.id ? { id: user.id, type: 'user' } : undefined }),
      async () => {
        const before = getActivityContext()?.actor;
        user.id = 'u7'; // an authentication middleware running after capture
        await Promise.resolve();
        return { before, after: getActivityContext()?.actor };
      },
    );
    expect(seen).toEqual({ before: undefined, after: { id: 'u7', type: 'user' } });
  });

  it('does not let a reader change the context it was given', () => {
    const outer = { tenantId: 'acme' };
    withActivityContext(outer, () => {
      const context = getActivityContext();
      if (context) context.tenantId = 'changed';
      expect(getActivityContext()?.tenantId).toBe('acme');
    });
    expect(outer.tenantId).toBe('acme');
  });

  it('notes data-layer writes in the request that runs them, and nowhere else', () => {
    const writes = new DataLayerWrites();
    withActivityContext({ dataLayerWrites: writes }, () =>
      withActivityContext({ tenantId: 'acme' }, () =>
        noteDataLayerWrite({ type: 'customer', id: '42' }),
      ),
    );
    noteDataLayerWrite({ type: 'customer', id: '43' }); // outside any request: ignored
    expect(writes.has({ type: 'customer', id: '42' })).toBe(true);
    expect(writes.has({ type: 'customer', id: '43' })).toBe(false);
    expect(writes.has({ type: 'order', id: '42' })).toBe(false);
    expect(writes.size).toBe(1);
  });
});
