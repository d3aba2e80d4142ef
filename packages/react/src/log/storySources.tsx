import type { ActivityEvent } from '@activitykit/schema';
import { type ReactNode, useEffect } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { createMemorySource, type MemorySource } from '../memory.ts';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import type { StoryActivity } from '../test/storyActivity.ts';
import { generateActivityEvents } from './fixtures.ts';

/** Fixture events of the log's stories, made once per module. */
export const STORY_EVENTS: readonly ActivityEvent[] = generateActivityEvents({
  count: 300,
  now: FIXTURE_NOW,
  names: 'en',
});
export const CYRILLIC_EVENTS: readonly ActivityEvent[] = generateActivityEvents({
  count: 200,
  now: FIXTURE_NOW,
  names: 'ru',
  seed: 7,
});

let lastSource: MemorySource | undefined;

/** The source most recently made by {@link storySource} (for play functions that add events). */
export function currentStorySource(): MemorySource {
  if (!lastSource) throw new Error('No story source yet.');
  return lastSource;
}

/** `parameters.activity` with a memory source over `events`. */
export function storySource(
  events: readonly ActivityEvent[] | (() => readonly ActivityEvent[]),
  options: Omit<Parameters<typeof createMemorySource>[0] & object, 'events'> = {},
): { activity: StoryActivity } {
  return {
    activity: {
      source: () => {
        lastSource = createMemorySource({
          now: () => FIXTURE_NOW,
          ...options,
          events: typeof events === 'function' ? events() : events,
        });
        return lastSource;
      },
    },
  };
}

/** The first fixture event of a kind (and action), for stories that open or select one. */
export function fixtureOf(kind: ActivityEvent['kind'], action?: string): ActivityEvent {
  const found = STORY_EVENTS.find(
    (event) => event.kind === kind && (!action || event.action === action),
  );
  if (!found) throw new Error(`No ${kind} fixture.`);
  return found;
}

/** Records a new event in the story's memory source every `everyMs` while mounted. */
export function LiveFeed({ everyMs, children }: { everyMs: number; children: ReactNode }) {
  const { source } = useActivityContext();
  useEffect(() => {
    let serial = 0;
    const timer = setInterval(() => {
      serial++;
      (source as MemorySource).record({
        action: 'order.status_changed',
        kind: 'update',
        category: 'order',
        // The stories' clock stands still at FIXTURE_NOW (the provider's and the source's `now`):
        // a live event lands within half a second of it, each a millisecond after the last, so
        // it reads "now" (not "in 6 seconds") and the newest stays on top.
        occurredAt: new Date(FIXTURE_NOW.getTime() - 400 + serial),
        actor: { id: 'u-live', type: 'user', name: 'Live Operator', role: 'staff' },
        subject: { type: 'order', id: `L-${serial}`, label: `Order #L-${serial}` },
        changes: [{ path: 'status', before: 'new', after: 'paid' }],
        context: { ip: '10.0.0.99', location: 'North branch' },
      });
    }, everyMs);
    return () => clearInterval(timer);
  }, [source, everyMs]);
  return children;
}
