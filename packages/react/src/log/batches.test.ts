import type { ActivityEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { batchCount, batchItems } from './batches.ts';

let next = 0;
const event = (correlationId?: string, action = 'customer.updated') =>
  ({
    id: `e${++next}`,
    action,
    context: correlationId ? { correlationId } : {},
  }) as ActivityEvent;

describe('batchItems', () => {
  it('makes one row of two or more consecutive events of one correlation id', () => {
    const events = [
      event('a'),
      event('b'),
      event('b', 'customer.bulk_updated'),
      event('b'),
      event(),
    ];
    const items = batchItems(events);
    expect(items.map((item) => (item.event ? item.event.id : item.key))).toEqual([
      events[0]?.id,
      'b#0',
      events[4]?.id,
    ]);
    const batch = items[1]?.batch;
    expect(batch?.events).toEqual(events.slice(1, 4));
    expect(batch?.summary).toBe(events[2]);
    expect(batch && batchCount(batch)).toBe(2);
  });

  it('follows an expanded batch with its events, and keys a second run of one id apart', () => {
    const events = [event('c'), event('c'), event('d'), event('c'), event('c')];
    const items = batchItems(events, new Set(['c#1']));
    expect(items.map((item) => item.key)).toEqual([
      'c#0',
      events[2]?.id,
      'c#1',
      events[3]?.id,
      events[4]?.id,
    ]);
    expect(items[3]?.batch?.key).toBe('c#1');
  });
});
