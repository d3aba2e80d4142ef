import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ActivityStore, createActivityStore, fileAnchor } from '@activitykit/core';
import { activityApi, activityCapture } from '@activitykit/express';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { MongoClient } from 'mongodb';
import { type DemoSealing, storeIntegrity } from '../sealing.ts';
import { authorizeUser } from './access.ts';
import { AUTH_TENANT, authRouter, sessionMiddleware } from './auth/authRouter.ts';
import { capturedCollections } from './domain/captured.ts';
import { collections, ensureDomainIndexes } from './domain/model.ts';
import { PLATFORM_TENANT } from './domain/tenants.ts';
import { startBookingStatusJob } from './jobs/bookingStatusJob.ts';
import { withNoteLabels } from './noteLabels.ts';
import { customersRouter } from './rest/customersRouter.ts';
import { historyRouter } from './rest/historyRouter.ts';
import { errorHandler, LOCALS } from './rest/http.ts';
import { demoRestorers } from './restorers.ts';
import { createDemoReceivers } from './streams/demoReceivers.ts';
import { mountDemoStreams } from './streams/streamsRoutes.ts';
import { createAppRouter } from './trpc/appRouter.ts';
import { createContext } from './trpc/init.ts';

/** Options of {@link createDemoServer}. */
export interface DemoServerOptions {
  /** The MongoDB (or dev database) connection string. */
  mongoUri: string;
  /** The demo's database. */
  dbName: string;
  /** TCP port; `0` picks a free one. Defaults to `3000`. */
  port?: number;
  /** Interface to listen on. Defaults to `127.0.0.1`. */
  host?: string;
  /** The built web app to serve (`vite build` output). Defaults to none (API only). */
  webDir?: string;
  /** The activity writer's journal directory. Defaults to `.activitykit/journal`. */
  journalDir?: string;
  /** How often the booking job runs; `false` for never. Defaults to `30_000` ms. */
  jobIntervalMs?: number | false;
  /** Where one-time codes and notices go. Defaults to stdout. */
  log?: (line: string) => void;
  /**
   * Tamper evidence: seal the log in the background with this key pair, anchoring each checkpoint
   * in its file, and verify with its public half (REST and tRPC). Defaults to none (not sealed).
   */
  sealing?: DemoSealing;
  /** How often the server seals. Defaults to `15_000` ms, so that new events show their lock soon. */
  sealIntervalMs?: number | false;
  /** Events younger than this wait for the next seal. Defaults to `5_000` ms. */
  sealDelayMs?: number;
  /**
   * The secret the customer portal's viewer tokens are signed with (at least 32 random bytes).
   * Defaults to a new one per start (tokens then end with the process; the portal fetches new ones).
   */
  viewerTokenSecret?: string;
  /** The key log-stream secrets are encrypted with (32 bytes). Defaults to a new one per start. */
  streamsKey?: string | Uint8Array;
  /** TCP port of the demo's syslog receiver; `false` for none. Defaults to `0` (any free port). */
  syslogPort?: number | false;
}

/** A running demo server. */
export interface DemoServer {
  url: string;
  store: ActivityStore;
  /** Stops the job and the HTTP server, flushes the activity writer, closes MongoDB. */
  close(): Promise<void>;
}

/**
 * The demo app: Express 5 with `activityCapture` on every request, the REST API (`/api/auth`,
 * `/api/customers`, `/api/history`, `/api/activity` = `activityApi`, whose notes are labelled with
 * their record's name), the tRPC API at `/trpc` (business procedures
 * recorded by `activityMiddleware`, and `createActivityRouter` as `activity`), the booking job, and
 * the built web app. With `sealing`, the store seals the log in the background and both activity
 * APIs verify it (administrators only, see `access.ts`).
 */
export async function createDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const client = await MongoClient.connect(options.mongoUri);
  const db = collections(client.db(options.dbName));
  await ensureDomainIndexes(db);
  const { sealing } = options;
  // The checkpoints' copy outside MongoDB: the sealer appends to it, verify holds MongoDB to it.
  const verify = sealing && {
    publicKey: sealing.publicKey,
    anchor: fileAnchor(sealing.anchorFile),
  };
  const activityStore = createActivityStore({
    client,
    dbName: options.dbName,
    defaultTenantId: PLATFORM_TENANT,
    ...(options.journalDir && { journalDir: options.journalDir }),
    restorers: demoRestorers(db),
    bulkDelete: { enabled: true, maxEvents: 1000 },
    // A customer reads her own record's history through a viewer token (see historyRouter).
    viewerTokens: { secret: options.viewerTokenSecret ?? randomBytes(32).toString('base64url') },
    // Log streams, delivered from this process (the demo's receivers are on the same server).
    streams: { secretKey: options.streamsKey ?? randomBytes(32), settleMs: 2000 },
    // The store that bulk-deletes holds the key too, so that its deletes are signed, not tampering.
    ...(sealing && {
      integrity: storeIntegrity(sealing, {
        sealIntervalMs: options.sealIntervalMs ?? 15_000,
        sealDelayMs: options.sealDelayMs ?? 5_000,
      }),
    }),
  });
  const store = withNoteLabels(activityStore, db);
  // Customers and orders recorded at the data layer: every write, with its exact changes.
  const captured = capturedCollections(db, store);

  const app = express();
  app.disable('x-powered-by');
  // The demo's stand-in SIEM takes deliveries before any session or capture (a SIEM has neither).
  const receivers = createDemoReceivers();
  app.use('/hooks/demo-receiver', receivers.webhook);
  app.use(express.json({ limit: '100kb' }));
  app.use(sessionMiddleware(db));
  app.use(
    activityCapture({
      store,
      tenant: (req) =>
        req.res?.locals[LOCALS.tenant] ?? req.res?.locals[AUTH_TENANT] ?? req.user?.tenantId,
      location: (req) => req.res?.locals[LOCALS.location] ?? req.user?.location,
      resources: {
        'POST /api/customers/:customerId/waivers': { action: 'waiver.signed', kind: 'create' },
      },
      exclude: ['/api/activity/*', '/trpc/*', '/assets/*'],
    }),
  );
  app.use('/api/auth', authRouter(db, { log }));
  app.use('/api/customers', customersRouter(captured));
  app.use('/api/history', historyRouter(store));
  app.use(
    '/api/activity',
    activityApi({
      store,
      authorize: (req) =>
        authorizeUser(req.user, { verifying: req.method === 'POST' && req.path === '/verify' }),
      viewerTokens: true,
      ...(verify && { verify }),
    }),
  );
  const syslog =
    options.syslogPort === false
      ? undefined
      : await receivers.listenSyslog(options.syslogPort ?? 0, '127.0.0.1');
  mountDemoStreams(app, {
    store,
    receivers,
    addresses: () => ({
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/demo-receiver`,
      syslog: syslog ? { host: '127.0.0.1', port: syslog.port } : null,
    }),
  });
  app.use(
    '/trpc',
    createExpressMiddleware({
      router: createAppRouter({ db: captured, store }, { ...(verify && { verify }) }),
      createContext,
    }),
  );
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'No such API route.' });
  });
  serveWeb(app, options.webDir);
  app.use(errorHandler);

  const wanted = options.port ?? 3000;
  const server = app.listen(wanted, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) => {
      void store.close().then(() => client.close());
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${wanted} is in use: stop what runs there, or pick another (PORT=3001 pnpm demo).`,
              { cause: error },
            )
          : error,
      );
    });
  });
  const job =
    options.jobIntervalMs === false
      ? undefined
      : startBookingStatusJob({ db, store, intervalMs: options.jobIntervalMs });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    store,
    async close() {
      await job?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      syslog?.server.close();
      await client.close();
    },
  };
}

/** The built web app: its files, and `index.html` for every other page (client-side routes). */
function serveWeb(app: express.Express, webDir: string | undefined): void {
  if (!webDir) return;
  const index = join(webDir, 'index.html');
  app.use(express.static(webDir, { index: false, maxAge: '1h' }));
  app.get('/{*page}', (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text').send('The web app is not built yet: run `pnpm demo`.');
      return;
    }
    res.sendFile(index);
  });
}
