import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, staff } from '../test/fixtures.ts';
import { ActivityLog } from './ActivityLog.tsx';
import { generateActivityEvents } from './fixtures.ts';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

const events = generateActivityEvents({ count: 120, now: FIXTURE_NOW, names: 'en', seed: 5 });

describe('the live pill', () => {
  it('floats over the header row, not over the first visible row', async () => {
    const source = memory(events);
    const { container } = mountLog(<ActivityLog />, { source });
    await settle(() => expect(bodyRows(container).length).toBeGreaterThan(5));
    const scroller = container.querySelector('.ak-log-scroll') as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 600;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    act(() => {
      source.record({
        action: 'order.created',
        kind: 'create',
        category: 'order',
        occurredAt: FIXTURE_NOW,
        actor: staff.claire,
      });
    });
    let pill: HTMLElement | null = null;
    await settle(() => {
      pill = container.querySelector<HTMLElement>('.ak-log-pill');
      expect(pill).not.toBeNull();
    });
    const header = container.querySelector('thead') as HTMLElement;
    const below = header.getBoundingClientRect().bottom;
    const pillBox = (pill as unknown as HTMLElement).getBoundingClientRect();
    expect(pillBox.bottom).toBeLessThanOrEqual(below + 1);
  });
});
