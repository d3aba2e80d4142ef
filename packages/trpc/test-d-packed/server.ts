// server.ts — run: MONGODB_URI=mongodb://127.0.0.1:27017/app npx tsx server.ts
import { createActivityStore } from '@activitykit/core';
import {
  type ActivityProcedureMeta,
  activityMiddleware,
  createActivityRouter,
  withActivityRequest,
} from '@activitykit/trpc';
import { initTRPC, TRPCError } from '@trpc/server';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { z } from 'zod';

interface User {
  id: string;
  name: string;
  role: 'admin' | 'partner';
  tenantId: string;
}
type Context = { user?: User };

// Your sessions and data (in memory here): a bearer token names a signed-in user.
const sessions = new Map<string, User>([
  ['token-ada', { id: 'u-ada', name: 'Ada Admin', role: 'admin', tenantId: 'acme' }],
  ['token-pat', { id: 'u-pat', name: 'Pat Partner', role: 'partner', tenantId: 'acme' }],
]);
const customers = new Map([['42', { id: '42', name: 'Bob Jones', email: 'bob@old.test' }]]);

const store = createActivityStore({
  uri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/app',
});
const t = initTRPC
  .context<Context>()
  .meta<ActivityProcedureMeta>()
  .create({
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 30_000 },
    },
  });
const audited = t.procedure.use(activityMiddleware<Context>({ store })); // actor/tenant from ctx.user

export const appRouter = t.router({
  updateCustomer: audited
    .meta({
      activity: {
        action: 'customer.updated',
        subject: { type: 'customer', id: 'input.id', label: 'output.name' },
      },
    })
    .input(z.object({ id: z.string(), email: z.email() }))
    .mutation(({ input, ctx }) => {
      const before = customers.get(input.id);
      if (!before) throw new TRPCError({ code: 'NOT_FOUND', message: `No customer ${input.id}` });
      ctx.activity.before(before); // diffed and redacted when recorded
      const after = { ...before, email: input.email };
      customers.set(input.id, after);
      ctx.activity.after(after);
      return after;
    }),
  activity: createActivityRouter({
    t,
    store,
    authorize: ({ user }) =>
      user && {
        scope:
          user.role === 'admin'
            ? { tenants: '*', canRestore: true }
            : { tenants: [user.tenantId], canNote: true },
        actor: { id: user.id, type: 'user', name: user.name, role: user.role },
      },
  }),
});
export type AppRouter = typeof appRouter;

createHTTPServer({
  router: appRouter,
  basePath: '/trpc/',
  // withActivityRequest hands the request to the capture middleware: events get IP and user agent.
  createContext: withActivityRequest(({ req, info }) => {
    // EventSource sends no headers: a subscription's token comes as connectionParams.
    const bearer = req.headers.authorization?.replace(/^Bearer /i, '');
    const token = bearer ?? info.connectionParams?.token;
    return { user: token ? sessions.get(token) : undefined };
  }),
}).listen(Number(process.env.PORT ?? 3000));
