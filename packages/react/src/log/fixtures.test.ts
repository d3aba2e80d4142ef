import { activityEventSchema, EVENT_KINDS } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { generateActivityEvents } from './fixtures.ts';

describe('generateActivityEvents', () => {
  it('makes valid, newest-first events that are the same for a seed', () => {
    const events = generateActivityEvents({ count: 500, seed: 3 });
    for (const event of events) expect(activityEventSchema.safeParse(event).success).toBe(true);
    for (let i = 1; i < events.length; i++) {
      expect(events[i - 1]?.occurredAt.getTime()).toBeGreaterThan(
        events[i]?.occurredAt.getTime() ?? 0,
      );
    }
    expect(generateActivityEvents({ count: 500, seed: 3 })).toEqual(events);
    expect(new Set(events.map((event) => event.kind))).toEqual(new Set(EVENT_KINDS));
    expect(events.some((event) => event.kind === 'delete' && event.snapshot)).toBe(true);
  });
});
