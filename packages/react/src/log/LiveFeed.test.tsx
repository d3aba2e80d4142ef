import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { LiveFeed } from './storySources.tsx';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 40, now: FIXTURE_NOW, names: 'en', seed: 3 });

describe('the stories’ live feed', () => {
  it('records live rows at the frozen story clock, so they read "now", never "in 6 seconds"', async () => {
    const { container } = mountLog(
      <LiveFeed everyMs={30}>
        <ActivityLog />
      </LiveFeed>,
      { source: memory(events) },
    );
    await settle(() =>
      expect(bodyRows(container).filter((row) => row.textContent?.includes('L-3'))).not.toEqual([]),
    );
    const live = bodyRows(container).filter((row) => row.textContent?.includes('Order #L-'));
    expect(live.length).toBeGreaterThan(0);
    for (const row of live) {
      expect(row.textContent).not.toMatch(/\bin \d+ seconds?\b/);
      expect(row.textContent).toContain('now');
    }
    // The newest live event is on top.
    expect(bodyRows(container)[0]?.textContent).toMatch(/Order #L-\d+/);
  });
});
