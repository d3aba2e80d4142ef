import type { ActivityEvent } from '@activitykit/schema';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { ruMessages } from '../locales/ru.ts';
import { memory, mountLog, settle } from '../log/testUtils.tsx';
import { CustomerTimeline } from './CustomerTimeline.tsx';

const customer = { type: 'customer', id: '42', label: 'Olivia Martin' };
const olga = { id: 'u-olga', type: 'user', name: 'Olga Petrova', role: 'admin' } as const;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 11, minute));
const event = (n: number, fields: Partial<ActivityEvent>): ActivityEvent => ({
  id: `01KMD2V00000000000000000${String(n).padStart(2, '0')}`,
  tenantId: 'acme',
  occurredAt: at(n),
  action: 'customer.updated',
  kind: 'update',
  category: 'customer',
  outcome: 'success',
  actor: olga,
  subject: customer,
  refs: [customer],
  context: {},
  ...fields,
});
/** One action (merging a duplicate) that changed the customer, a dependent and an order. */
const merge = { context: { correlationId: 'req-merge' } };
const events = [
  event(10, { action: 'customer.noted', kind: 'note', description: 'Called back' }),
  event(9, { ...merge, changes: [{ path: 'phone', before: null, after: '+47 555' }] }),
  event(8, {
    ...merge,
    action: 'dependent.updated',
    subject: { type: 'dependent', id: 'd-1', label: 'Mia' },
    refs: [{ type: 'dependent', id: 'd-1', label: 'Mia' }, customer],
  }),
  event(7, {
    ...merge,
    action: 'order.updated',
    subject: { type: 'order', id: 'o-5', label: 'Order #5' },
    refs: [{ type: 'order', id: 'o-5', label: 'Order #5' }, customer],
  }),
  event(2, { action: 'customer.created', kind: 'create' }),
];

const batchOf = (container: HTMLElement) =>
  container.querySelector<HTMLLIElement>('li.ak-timeline__batch') as HTMLLIElement;

describe('<CustomerTimeline> batches', () => {
  it('shows one action that changed three records as one entry that Enter opens', async () => {
    const { container } = mountLog(<CustomerTimeline record="customer:42" composer={false} />, {
      source: memory(events),
    });
    await settle(() => expect(batchOf(container)).toBeTruthy());
    const batch = batchOf(container);
    const summary = batch.querySelector('summary') as HTMLElement;
    expect(summary.textContent).toContain('Olga Petrova changed 3 records');
    expect(summary.textContent).toContain('11:09:00');
    // The entries of the day: the note, the batch, the creation.
    const day = container.querySelector('.ak-timeline__day > ol') as HTMLElement;
    expect(day.children).toHaveLength(3);
    const inside = () => [...batch.querySelectorAll<HTMLElement>('.ak-timeline__event')];
    expect(inside()).toHaveLength(3);
    expect(inside().every((entry) => !entry.checkVisibility())).toBe(true);

    summary.focus();
    await userEvent.keyboard('{Enter}');
    await settle(() => expect(batch.querySelector('details')?.open).toBe(true));
    expect(inside().every((entry) => entry.checkVisibility())).toBe(true);
    expect(inside()[2]?.textContent).toContain('Order #5');
    await userEvent.keyboard(' ');
    await settle(() => expect(batch.querySelector('details')?.open).toBe(false));
  });

  it('speaks the reader’s language', async () => {
    const { container } = mountLog(<CustomerTimeline record="customer:42" composer={false} />, {
      source: memory(events),
      locale: 'ru',
      messages: { ru: ruMessages },
    });
    await settle(() => expect(batchOf(container)).toBeTruthy());
    expect(batchOf(container).querySelector('summary')?.textContent).toContain(
      'Olga Petrova: изменено записей — 3',
    );
  });
});
