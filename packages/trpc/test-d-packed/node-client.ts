// node-client.ts — Node ≥ 20: npm install @trpc/client eventsource@4; run: npx tsx node-client.ts
import { eventFromWire } from '@activitykit/schema';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from './server.js';

const url = process.env.TRPC_URL ?? `http://localhost:${process.env.PORT ?? 3000}/trpc`;
const token = process.env.TOKEN ?? 'token-ada';

const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      // Node 20 has no global EventSource: pass the `eventsource` package's. It sends no
      // Authorization header, so the token travels as connectionParams (in the URL: use HTTPS).
      true: httpSubscriptionLink({ url, EventSource, connectionParams: () => ({ token }) }),
      false: httpBatchLink({ url, headers: () => ({ authorization: `Bearer ${token}` }) }),
    }),
  ],
});

const page = await trpc.activity.list.query({ preset: 'this_week', kinds: ['update'], limit: 20 });
console.log(`Updates this week: ${page.items.length}`);

// Once the live stream is open, change a customer; print its event as it arrives, then stop.
const live = trpc.activity.live.subscribe(
  { query: { categories: ['customer'] } },
  {
    onStarted: () => {
      void trpc.updateCustomer.mutate({ id: '42', email: `bob+${Date.now()}@new.test` });
    },
    onData: ({ id, data }) => {
      const event = eventFromWire(data);
      console.log(
        `live ${id} ${event.action} ${event.occurredAt.toISOString()} ${event.context.ip}`,
      );
      live.unsubscribe();
    },
    onError: (error) => {
      console.error(`live: ${error.message}`);
      live.unsubscribe();
    },
  },
);
