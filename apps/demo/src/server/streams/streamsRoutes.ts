import { ActivityError, type ActivityStore } from '@activitykit/core';
import { activityStreamsApi } from '@activitykit/express';
import express, { type Express } from 'express';
import { actorOf, type DemoUser } from '../auth/user.ts';
import type { createDemoReceivers } from './demoReceivers.ts';

/** Where the demo's own receivers listen, for the Log streams page. */
export interface ReceiverAddresses {
  webhookUrl: string;
  syslog: { host: string; port: number } | null;
}

/** Only administrators manage log streams (they send a whole tenant's log out of the app). */
function authorizeAdmin(user: DemoUser | undefined) {
  if (!user) return undefined;
  if (user.role !== 'admin') {
    throw new ActivityError('FORBIDDEN', 'Only an administrator manages log streams.');
  }
  return { scope: { tenants: '*' as const }, actor: actorOf(user) };
}

/**
 * `/api/activity-streams` (the kit's `activityStreamsApi`, administrators only) and
 * `/api/streams-receiver` (what the demo's receivers took, and registering a webhook secret with
 * the demo receiver, as an admin pastes it into a SIEM).
 */
export function mountDemoStreams(
  app: Express,
  deps: {
    store: ActivityStore;
    receivers: ReturnType<typeof createDemoReceivers>;
    addresses: () => ReceiverAddresses;
  },
): void {
  app.use(
    '/api/activity-streams',
    activityStreamsApi({ store: deps.store, authorize: (req) => authorizeAdmin(req.user) }),
  );
  const receiver = express.Router();
  receiver.use((req, res, next) => {
    (req as { activity?: { skip(): void } }).activity?.skip();
    if (req.user?.role !== 'admin') {
      res.status(req.user ? 403 : 401).json({ error: 'Only an administrator sees the receivers.' });
      return;
    }
    next();
  });
  receiver.get('/', (_req, res) => {
    res.json({ ...deps.addresses(), arrivals: deps.receivers.arrivals() });
  });
  receiver.post('/secrets', (req, res) => {
    const { streamId, secret } = (req.body ?? {}) as { streamId?: unknown; secret?: unknown };
    if (
      typeof streamId !== 'string' ||
      !/^ls_\w+$/.test(streamId) ||
      typeof secret !== 'string' ||
      !/^whsec_[A-Za-z0-9+/=]{20,100}$/.test(secret)
    ) {
      res.status(400).json({ error: 'Give { streamId: "ls_…", secret: "whsec_…" }.' });
      return;
    }
    deps.receivers.register(streamId, secret);
    res.status(204).end();
  });
  app.use('/api/streams-receiver', receiver);
}
