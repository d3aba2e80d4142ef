// browser-client.ts — bundled for the browser (Vite, webpack…), served with the API.
import { eventFromWire } from '@activitykit/schema';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from './server.js';

const token = sessionStorage.getItem('token') ?? '';

const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      // The browser's EventSource sends cookies but no headers: a bearer token goes as
      // connectionParams (with cookie sessions, leave connectionParams out).
      true: httpSubscriptionLink({ url: '/trpc', connectionParams: () => ({ token }) }),
      false: httpBatchLink({ url: '/trpc', headers: () => ({ authorization: `Bearer ${token}` }) }),
    }),
  ],
});

const list = document.querySelector('#activity') ?? document.body;
const show = (event: ReturnType<typeof eventFromWire>) => {
  const item = document.createElement('li');
  item.textContent = `${event.occurredAt.toLocaleString()} ${event.actor.name ?? event.actor.id}: ${event.action}`;
  list.prepend(item);
};

const page = await trpc.activity.list.query({ preset: 'today', limit: 50 });
for (const event of page.items.map(eventFromWire).reverse()) show(event);
// Resume after the newest event shown; reconnects resume after the last one received.
trpc.activity.live.subscribe(
  { query: { preset: 'today' }, lastEventId: page.items[0]?.id ?? null },
  { onData: ({ data }) => show(eventFromWire(data)) },
);
