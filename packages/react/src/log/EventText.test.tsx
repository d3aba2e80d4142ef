import { type ActivityEvent, describe as describeEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { ruMessages } from '../locales/ru.ts';
import { CustomerTimeline } from '../timeline/CustomerTimeline.tsx';
import { ActivityLog } from './ActivityLog.tsx';
import { bodyRows, memory, mountLog, settle } from './testUtils.tsx';

/** A failed sign-in by nobody known, on a public booking form that touches customer 42. */
const anonymous: ActivityEvent = {
  id: '01KMD2V0000000000000000001',
  tenantId: 'acme',
  occurredAt: new Date('2026-11-23T11:03:27Z'),
  action: 'booking.requested',
  kind: 'create',
  category: 'online_booking',
  outcome: 'success',
  actor: { id: 'anonymous', type: 'anonymous' },
  subject: { type: 'booking', id: 'B-1' },
  refs: [
    { type: 'booking', id: 'B-1' },
    { type: 'customer', id: '42', label: 'Olivia Martin' },
  ],
  context: { ip: '203.0.113.9' },
};

/** A bulk delete of the log, as the core store records it: facts only, described in English. */
const bulkDeleted: ActivityEvent = {
  id: '01KMD2V0000000000000000002',
  tenantId: 'acme',
  occurredAt: new Date('2026-11-23T11:05:00Z'),
  action: 'activity.bulk_deleted',
  kind: 'delete',
  category: 'system',
  outcome: 'success',
  actor: { id: 'u-ada', type: 'user', name: 'Ada Admin' },
  subject: { type: 'activity_log', id: 'acme' },
  refs: [{ type: 'activity_log', id: 'acme' }],
  context: { ip: '10.0.0.7' },
  metadata: { ids: [anonymous.id], total: 1 },
};
bulkDeleted.description = describeEvent(bulkDeleted, 'en');

describe('how events read', () => {
  it('shows each time to the second with its zone, and the full date and time on hover', async () => {
    const { container } = mountLog(<ActivityLog live={false} />, { source: memory([anonymous]) });
    await settle(() => expect(bodyRows(container)).toHaveLength(1));
    const time = bodyRows(container)[0]?.querySelector('time') as HTMLTimeElement;
    expect(time.firstElementChild?.textContent).toBe('Nov 23, 2026, 11:03:27 AM UTC');
    expect(time.title).toBe('Monday, November 23, 2026 at 11:03:27 AM Coordinated Universal Time');
  });

  it('calls an anonymous actor «Аноним» in Russian: in the row, the detail and the timeline', async () => {
    const source = memory([anonymous]);
    const { container } = mountLog(
      <>
        <ActivityLog live={false} defaultOpenEventId={anonymous.id} />
        <CustomerTimeline record="customer:42" />
      </>,
      { source, locale: 'ru', messages: { ru: ruMessages } },
    );
    await settle(() => expect(bodyRows(container)).toHaveLength(1));
    const user = bodyRows(container)[0]?.querySelector('[data-column="user"]');
    expect(user?.textContent).toBe('Аноним');
    const drawer = container.querySelector('dialog.ak-log-drawer') as HTMLDialogElement;
    await settle(() => expect(drawer.open).toBe(true));
    const facts = [...drawer.querySelectorAll('.ak-log-facts dd')].map((dd) => dd.textContent);
    expect(facts).toContain('Аноним');
    await settle(() =>
      expect(container.querySelector('.ak-timeline__actor-name')?.textContent).toBe('Аноним'),
    );
    // Only the raw JSON keeps the stored words.
    const shown = container.cloneNode(true) as HTMLElement;
    for (const raw of shown.querySelectorAll('.ak-log-raw pre')) raw.remove();
    expect(shown.textContent).not.toMatch(/anonymous/i);
    const clock = container.querySelector('.ak-timeline__meta time') as HTMLTimeElement;
    expect(clock.textContent).toBe('11:03:27 UTC');
    expect(clock.title).toMatch(/^понедельник, 23 ноября 2026 г\.,? в 11:03:27/);
  });

  it('reads a bulk delete of the log in Russian, naming the log by its Russian title', async () => {
    const { container } = mountLog(<ActivityLog live={false} onOpenRecord={() => {}} />, {
      source: memory([bulkDeleted]),
      locale: 'ru',
      messages: { ru: ruMessages },
    });
    await settle(() => expect(bodyRows(container)).toHaveLength(1));
    const row = bodyRows(container)[0] as HTMLElement;
    expect(row.querySelector('.ak-log-ref')?.textContent).toBe('Журнал событий');
    expect(row.querySelector('.ak-log-description .ak-log-ellipsis')?.textContent).toBe(
      `Ada Admin: удалено 1 событие из журнала действий (${anonymous.id}), IP 10.0.0.7`,
    );
  });
});
