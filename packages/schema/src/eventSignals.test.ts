import { describe, expect, it } from 'vitest';
import { bulkDeleteSignals, failedLoginIpSignals } from './eventSignals.ts';
import { type SignalEvent, signalRules } from './signalRules.ts';
import { BULK_DELETED, bulkDeletedEventInputs } from './systemEvents.ts';

const rules = signalRules();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute));
const ann = { id: 'u-ann', type: 'user' as const, name: 'Ann' };

describe('failedLoginIpSignals', () => {
  it('makes a spray against three accounts from one address high', () => {
    const failed: SignalEvent[] = ['a', 'b', 'c', 'a', 'b'].map((who, i) => ({
      id: `f${i}`,
      tenantId: 'acme',
      occurredAt: at(i),
      action: 'auth.login_failed',
      kind: 'login_failed',
      actor: { id: 'anonymous', type: 'anonymous' },
      metadata: { identifier: `${who}@acme.test` },
      context: { ip: '198.51.100.7' },
    }));
    expect(failedLoginIpSignals(failed, rules)).toMatchObject([
      { key: '198.51.100.7', count: 5, severity: 'high', eventIds: ['f0', 'f1', 'f2', 'f3', 'f4'] },
    ]);
    expect(failedLoginIpSignals(failed.slice(0, 4), rules)).toEqual([]);
  });
});

describe('bulkDeleteSignals', () => {
  it('makes one signal of the records of one bulk delete, counting the entries they list', () => {
    const ids = Array.from(
      { length: 450 },
      (_, i) => `01KBX0000000000000000${String(i).padStart(5, '0')}`,
    );
    const records = bulkDeletedEventInputs({ tenantId: 'acme', ids, actor: ann });
    expect(records.map((record) => record.metadata)).toEqual([
      { ids: ids.slice(0, 400), total: 450, part: { from: 1, to: 400 } },
      { ids: ids.slice(400), total: 450, part: { from: 401, to: 450 } },
    ]);
    const stored: SignalEvent[] = records.map((record, i) => ({
      ...record,
      id: `r${i}`,
      tenantId: 'acme',
      // One operation's records are stored moments apart.
      occurredAt: new Date(at(0).getTime() + i * 1000),
      actor: ann,
      action: BULK_DELETED,
    }));
    expect(bulkDeleteSignals(stored, rules)).toMatchObject([
      { type: 'bulk_delete', severity: 'high', count: 450, eventIds: ['r0', 'r1'] },
    ]);
  });
});
