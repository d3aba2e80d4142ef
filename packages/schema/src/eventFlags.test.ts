import { describe, expect, it } from 'vitest';
import { isStatusNote, isSystemEvent } from './eventFlags.ts';

describe('event flags', () => {
  it('reads an update of a status field as a status note', () => {
    expect(
      isStatusNote({ kind: 'update', changes: [{ path: 'status', before: 'new', after: 'paid' }] }),
    ).toBe(true);
    expect(
      isStatusNote({ kind: 'update', changes: [{ path: 'booking.status', after: 'cancelled' }] }),
    ).toBe(true);
    expect(isStatusNote({ kind: 'update', changes: [{ path: 'statusText', after: 'x' }] })).toBe(
      false,
    );
    expect(isStatusNote({ kind: 'create', changes: [{ path: 'status', after: 'new' }] })).toBe(
      false,
    );
    expect(isStatusNote({ kind: 'update' })).toBe(false);
  });

  it('marks changes made by the system actor', () => {
    expect(isSystemEvent({ actor: { id: 'system', type: 'system' } })).toBe(true);
    expect(isSystemEvent({ actor: { id: 'u1', type: 'user' } })).toBe(false);
  });
});
