import type { ActivityEvent } from '@activitykit/schema';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '../src/server/domain/accounts.ts';
import { type DemoFixture, startDemoFixture } from './demoFixture.ts';
import { callApi, createCustomer } from './pageApi.ts';

// The customer portal: a customer reads her history through a viewer token scoped to her record.
const demo: DemoFixture = await startDemoFixture('portal');
const own = `customer:${DEMO_CUSTOMER_ID}`;

/** A call of the activity API from the page with `token` as a bearer token (no other access). */
function withToken<T>(page: Page, path: string, token: string) {
  return page.evaluate(
    async ({ path, token }) => {
      const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: response.status, type: response.headers.get('content-type'), body };
    },
    { path, token },
  ) as Promise<{ status: number; type: string | null; body: T }>;
}

type Page_ = { items: ActivityEvent[] };
const about = (event: ActivityEvent) => event.refs.map((ref) => `${ref.type}:${ref.id}`);

describe('the customer portal', () => {
  it('shows a customer her own record through a viewer token, and nothing else', async () => {
    const staff = await demo.open('tom@harbor.test');
    const otherId = await createCustomer(staff.page, 'Oscar Other');
    const note = await callApi(staff.page, '/api/activity/notes', {
      method: 'POST',
      body: { ref: own, body: 'Internal: portal test note.' },
    });
    expect(note.status).toBe(201);
    const others = await callApi<Page_>(
      staff.page,
      `/api/activity/timeline?ref=${encodeURIComponent(`customer:${otherId}`)}`,
    );
    const otherEvent = others.body.items[0] as ActivityEvent;
    expect(otherEvent).toBeDefined();
    await staff.context.close();

    const { page, context } = await demo.open('emma@example.com');
    const minted = await callApi<{ token: string }>(page, '/api/history/viewer-token', {
      method: 'POST',
    });
    expect(minted.status).toBe(200);
    const { token } = minted.body;
    const mine = await withToken<Page_>(page, `/api/activity/timeline?ref=${own}`, token);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((event) => about(event).includes(own))).toBe(true);
    expect(mine.body.items.map((event) => event.kind)).not.toContain('note');
    // What changed and who did it, not from where: no staff IP addresses or browsers.
    expect(mine.body.items.every((event) => Object.keys(event.context).length === 0)).toBe(true);
    const all = await withToken<Page_>(page, '/api/activity?limit=200', token);
    expect(all.body.items.every((event) => about(event).includes(own))).toBe(true);
    const theirs = await withToken<Page_>(
      page,
      `/api/activity/timeline?ref=${encodeURIComponent(`customer:${otherId}`)}`,
      token,
    );
    expect(theirs.body.items).toEqual([]);
    expect((await withToken(page, `/api/activity/${otherEvent.id}`, token)).status).toBe(404);
    expect((await withToken(page, '/api/activity/export.csv', token)).status).toBe(403);
    const forged = await withToken<{ code: string }>(page, '/api/activity', `${token}x`);
    expect([forged.status, forged.type, forged.body.code]).toEqual([
      401,
      'application/problem+json; charset=utf-8',
      'INVALID_TOKEN',
    ]);
    // Without the token her session still reads nothing of the log.
    expect((await callApi(page, '/api/activity')).status).toBe(403);
    await context.close();

    // Her looks at the log are recorded: the business's partner sees them.
    const admin = await demo.open('maya@harbor.test');
    await expect
      .poll(async () => {
        const viewed = await callApi<Page_>(admin.page, '/api/activity?action=activity.viewed');
        return viewed.body.items.map((event) => event.actor.id);
      })
      .toContain('U-HARBOR-CUSTOMER');
    await admin.context.close();
  });
});
