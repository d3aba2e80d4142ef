/**
 * Type test of @activitykit/trpc as a client compiled against the PUBLISHED packages sees it:
 * TypeScript 5.9, `skipLibCheck: false`, the packed `.d.ts` of schema, core and trpc — no sources.
 * Each `@ts-expect-error` is an input the router must refuse at compile time (an unused one fails the
 * compile), and each `expectType` pins an inferred type. `server.ts`, `node-client.ts` and
 * `browser-client.ts` are the README's examples, compiled here too.
 *
 * `pnpm test --filter @activitykit/pack-tests` runs it (internal/pack-tests packs every package,
 * installs the tarballs with npm into a new app and compiles this folder there). By hand, from the
 * repo root:
 *
 *   npx pnpm@10.34.8 --filter @activitykit/trpc... build
 *   rm -rf /tmp/ak-packed && mkdir -p /tmp/ak-packed/app
 *   for p in schema core trpc; do (cd packages/$p && npx pnpm@10.34.8 pack --pack-destination /tmp/ak-packed); done
 *   cp packages/trpc/test-d-packed/*.ts packages/trpc/test-d-packed/tsconfig.json /tmp/ak-packed/app
 *   cd /tmp/ak-packed/app && npm init -y >/dev/null && npm pkg set type=module
 *   npm install ../activitykit-*.tgz @trpc/server@11.22.1 @trpc/client@11.22.1 zod@4 eventsource@4 \
 *     typescript@5.9 @types/node@20 @types/ws@8.5.13
 *   npx tsc -p .
 *
 * `@types/node` is needed because the server's types (and mongodb's and @trpc/server's) name Node's
 * `http`, `stream` and `crypto`; `@types/ws` because @trpc/client's own `.d.ts` import `ws` (8.5.13:
 * the ESM types of 8.5.14 and later lack the `ws.WebSocket` that @trpc/server 11.22.1's `.d.ts`
 * read) — both only with `skipLibCheck: false`.
 */
import type { ActivityEvent, ActivityPage, SecuritySignal } from '@activitykit/schema';
import type { ActivityExportResult, ActivityPermissionsView } from '@activitykit/trpc';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './server.js';

/** Compiles only when `TActual` and `TExpected` are the same type. */
type Equal<TActual, TExpected> =
  (<T>() => T extends TActual ? 1 : 2) extends <T>() => T extends TExpected ? 1 : 2 ? true : false;
function expectType<TActual>(): { toBe<TExpected>(_: Equal<TActual, TExpected>): void } {
  return { toBe: () => {} };
}

const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: 'http://localhost:3000/trpc' }),
      false: httpBatchLink({ url: 'http://localhost:3000/trpc' }),
    }),
  ],
});

export async function badInputs(): Promise<void> {
  // @ts-expect-error limit is a number
  await trpc.activity.list.query({ limit: 'lots' });
  // @ts-expect-error actors are strings, not operator objects
  await trpc.activity.list.query({ actors: [{ $ne: null }] });
  // @ts-expect-error from is a Date or an ISO string
  await trpc.activity.list.query({ from: { $gt: 0 } });
  // @ts-expect-error categories are strings
  await trpc.activity.list.query({ categories: [42] });
  // @ts-expect-error epoch milliseconds are not a date
  await trpc.activity.stats.query({ query: { to: 1_700_000_000_000 } });
  // @ts-expect-error refs are `type:id` strings
  await trpc.activity.timeline.query({ ref: 'customer:42', query: { ips: [10] } });
  // @ts-expect-error an unknown filter
  await trpc.activity.list.query({ tenantId: 'beta' });
  // @ts-expect-error verify's dates are dates
  await trpc.activity.verify.mutate({ tenantId: 'acme', from: 0 });
  // @ts-expect-error bulk delete takes ids or a query
  await trpc.activity.bulkDelete.mutate({ ids: [1, 2] });
  // @ts-expect-error not an export format
  await trpc.activity.export.mutate({ format: 'xlsx' });
  // @ts-expect-error a suggestion limit is a number
  await trpc.activity.suggestActors.query({ prefix: 'al', limit: 'all' });
  // @ts-expect-error the app's own procedures are typed too
  await trpc.updateCustomer.mutate({ id: 42, email: 'x@y.z' });
}

export async function goodInputs(): Promise<void> {
  await trpc.activity.list.query({
    from: new Date('2026-11-01T00:00:00Z'),
    to: '2026-11-30',
    actors: ['u-alice'],
    categories: ['order'],
    kinds: ['delete'],
    refs: ['customer:42'],
    limit: 50,
    q: 'kind:delete actor:alice',
  });
  await trpc.activity.bulkDelete.mutate({ query: { kinds: ['delete'], to: '2025-01-01' } });
  await trpc.activity.verify.mutate({ tenantId: 'acme', from: '2026-11-01T00:00:00+03:00' });
}

type Inputs = inferRouterInputs<AppRouter>['activity'];
type Outputs = inferRouterOutputs<AppRouter>['activity'];
type ListInput = Inputs['list'];

// Inputs as the client writes them.
expectType<ListInput['from']>().toBe<Date | string | undefined>(true);
expectType<ListInput['to']>().toBe<Date | string | undefined>(true);
expectType<ListInput['limit']>().toBe<number | undefined>(true);
expectType<ListInput['actors']>().toBe<string[] | undefined>(true);
expectType<ListInput['roles']>().toBe<string[] | undefined>(true);
expectType<ListInput['categories']>().toBe<string[] | undefined>(true);
expectType<ListInput['actions']>().toBe<string[] | undefined>(true);
expectType<ListInput['subjects']>().toBe<string[] | undefined>(true);
expectType<ListInput['refs']>().toBe<string[] | undefined>(true);
expectType<ListInput['locations']>().toBe<string[] | undefined>(true);
expectType<ListInput['ips']>().toBe<string[] | undefined>(true);
expectType<ListInput['sort']>().toBe<'asc' | 'desc' | undefined>(true);
expectType<Inputs['get']>().toBe<{ id: string }>(true);
expectType<Inputs['timeline']['ref']>().toBe<string>(true);
expectType<Inputs['verify']>().toBe<{ tenantId: string; from?: Date | string; to?: Date | string }>(
  true,
);
expectType<Inputs['export']['format']>().toBe<'csv' | 'ndjson' | 'pdf'>(true);
expectType<Inputs['addNote']>().toBe<{ ref: string; body: string; tenantId?: string }>(true);
expectType<Inputs['suggestActors']>().toBe<{ prefix: string; limit?: number }>(true);

// Outputs over JSON: dates are strings.
type WireEvent = Outputs['list']['items'][number];
expectType<WireEvent['occurredAt']>().toBe<string>(true);
expectType<WireEvent['kind']>().toBe<ActivityEvent['kind']>(true);
expectType<WireEvent['actor']['id']>().toBe<string>(true);
expectType<Outputs['list']['nextCursor']>().toBe<string | undefined>(true);
expectType<Outputs['get']['id']>().toBe<string>(true);
expectType<Outputs['timeline']['items'][number]['action']>().toBe<string>(true);
expectType<Outputs['scope']>().toBe<ActivityPermissionsView>(true);
expectType<Outputs['stats']['total']>().toBe<number>(true);
expectType<Outputs['signals'][number]['type']>().toBe<SecuritySignal['type']>(true);
expectType<Outputs['verify']['ok']>().toBe<boolean>(true);
expectType<Outputs['restore']['kind']>().toBe<ActivityEvent['kind']>(true);
expectType<Outputs['bulkDelete']>().toBe<{ deleted: number; ids: string[] }>(true);
expectType<Outputs['addNote']['occurredAt']>().toBe<string>(true);
expectType<Outputs['export']>().toBe<ActivityExportResult>(true);
expectType<Outputs['suggestActors'][number]['value']>().toBe<string>(true);
expectType<Outputs['list']>().toBe<ActivityPage<ActivityEvent>>(false);

export function liveTypes(): void {
  trpc.activity.live.subscribe(
    { query: { kinds: ['delete'] }, lastEventId: null },
    {
      onData: ({ id, data }) => {
        expectType<typeof id>().toBe<string>(true);
        expectType<typeof data.occurredAt>().toBe<string>(true);
        expectType<typeof data.action>().toBe<string>(true);
      },
    },
  );
  // @ts-expect-error kind is not a filter (kinds is)
  trpc.activity.live.subscribe({ query: { kind: 'delete' } }, {});
}
