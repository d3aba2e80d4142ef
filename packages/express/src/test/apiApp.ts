import type { ActivityStore, ActivityStoreOptions } from '@activitykit/core';
import type { ActivityEvent, ActivityScopeInput } from '@activitykit/schema';
import type { TestDb } from '@activitykit/test-utils';
import express from 'express';
import { activityApi } from '../api/activityApi.ts';
import type { ActivityApiOptions } from '../api/options.ts';
import { activityCapture } from '../capture/activityCapture.ts';
import { createTestStore, listen } from './fixture.ts';

/** Text that only the other tenant's events hold: no answer to an `acme` caller may contain it. */
export const BETA_MARKER = 'BETA-SECRET';

/** Callers, chosen by the `x-as` header. */
const CALLERS: Record<string, { scope: ActivityScopeInput; actor: ActivityEvent['actor'] }> = {
  admin: {
    scope: { tenants: '*', canDelete: true, canRestore: true, canNote: true },
    actor: { id: 'u-admin', type: 'user', name: 'Ada Admin', role: 'admin' },
  },
  partner: {
    scope: { tenants: ['acme'], canNote: true, canRestore: true },
    actor: { id: 'u-pat', type: 'user', name: 'Pat Partner', role: 'partner' },
  },
  staffOnly: {
    scope: { tenants: ['acme'], roles: ['staff'] },
    actor: { id: 'u-sam', type: 'user', name: 'Sam Staff', role: 'staff' },
  },
  nobody: { scope: { tenants: [] }, actor: { id: 'u-no', type: 'user' } },
};

/** Seeds two tenants and serves the API (plus capture) over real HTTP. */
export async function startApiApp(
  testDb: TestDb,
  options: {
    store?: Partial<ActivityStoreOptions>;
    api?: Partial<ActivityApiOptions>;
  } = {},
): Promise<{
  base: string;
  store: ActivityStore;
  acme: ActivityEvent[];
  beta: ActivityEvent[];
  /** The store's collection, for tests that tamper through the driver. */
  collection: string;
}> {
  const { store, collection } = await createTestStore(testDb, {
    defaultTenantId: 'acme',
    bulkDelete: { enabled: true, maxEvents: 1000 },
    ...options.store,
  } as Partial<ActivityStoreOptions>);
  const acme: ActivityEvent[] = [];
  const beta: ActivityEvent[] = [];
  for (let i = 0; i < 12; i++) {
    acme.push(await seed(store, 'acme', i));
    beta.push(await seed(store, 'beta', i));
  }
  const app = express();
  app.set('trust proxy', false);
  app.use(activityCapture({ store }));
  app.post('/customers/:id', (_req, res) => res.json({ ok: true }));
  app.use(
    '/api/activity',
    activityApi({
      store,
      authorize: (req) => CALLERS[String(req.headers['x-as'])],
      onError: () => {},
      ...options.api,
    }),
  );
  return { base: await listen(app), store, acme, beta, collection };
}

async function seed(store: ActivityStore, tenantId: string, i: number): Promise<ActivityEvent> {
  const marker = tenantId === 'beta' ? `${BETA_MARKER}-${i}` : `Acme customer ${i}`;
  const kind = i % 3 === 0 ? 'deleted' : i % 3 === 1 ? 'created' : 'updated';
  const event = await store.record(
    {
      tenantId,
      action: i === 11 ? 'auth.login_failed' : `customer.${kind}`,
      actor:
        i === 11
          ? { id: 'anonymous', type: 'anonymous' }
          : {
              id: `${tenantId}-u${i % 2}`,
              type: 'user',
              name: `${marker} user`,
              role: i % 2 ? 'staff' : 'admin',
            },
      subject: {
        type: 'customer',
        id: `${tenantId === 'beta' ? 'b' : ''}${40 + (i % 4)}`,
        label: marker,
      },
      description: `${marker} did something`,
      snapshot: kind === 'deleted' ? { _id: `c${i}`, name: marker } : undefined,
      context: { ip: tenantId === 'beta' ? '198.51.100.7' : '10.0.0.7' },
      metadata: i === 11 ? { identifier: `${marker}@x.test` } : undefined,
    },
    { durable: true },
  );
  if (!event) throw new Error('seed event was not recorded');
  return event;
}

/** Headers of a caller. */
export const as = (who: keyof typeof CALLERS | 'anonymous'): Record<string, string> =>
  who === 'anonymous' ? {} : { 'x-as': who };
