import type { ActivityEvent, ActivityPage, SecuritySignal } from '@activitykit/schema';
import type { TRPCClient } from '@trpc/client';
import { type inferRouterInputs, type inferRouterOutputs, initTRPC } from '@trpc/server';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { activityMiddleware } from './capture/activityMiddleware.ts';
import type { ActivityCapture } from './capture/captureHelper.ts';
import type { ActivityProcedureMeta } from './meta.ts';
import { createActivityRouter } from './router/createActivityRouter.ts';
import type { ActivityExportResult } from './router/exportProcedure.ts';
import type { ActivityPermissionsView } from './router/readProcedures.ts';
import type { RouterApp } from './test/routerApp.ts';

declare const store: Parameters<typeof createActivityRouter>[0]['store'];
interface Context {
  user?: { id: string; tenantId: string };
}
const t = initTRPC.context<Context>().meta<ActivityProcedureMeta>().create();
const audited = t.procedure.use(activityMiddleware<Context>({ store }));

describe('meta', () => {
  it('types meta.activity: a wrong field or path is a compile error', () => {
    audited.meta({
      activity: { action: 'customer.updated', subject: { type: 'customer', id: 'input.id' } },
    });
    audited.meta({ activity: false });
    audited.meta({ activity: { auth: 'login', identifier: 'input.email' } });
    // @ts-expect-error a misspelt field
    audited.meta({ activity: { acton: 'customer.updated' } });
    // @ts-expect-error a path must start with input. or output.
    audited.meta({ activity: { subject: { type: 'customer', id: 'inptu.id' } } });
    // @ts-expect-error not an event kind
    audited.meta({ activity: { kind: 'explode' } });
    // @ts-expect-error not an auth step
    audited.meta({ activity: { auth: 'signup' } });
  });

  it('gives procedures ctx.activity', () => {
    audited.input(z.object({ id: z.string() })).mutation(({ ctx }) => {
      expectTypeOf(ctx.activity).toEqualTypeOf<ActivityCapture>();
      expectTypeOf(ctx.user).toEqualTypeOf<{ id: string; tenantId: string } | undefined>();
    });
  });

  it('fits after other middlewares and inputs, and into a meta with more fields', () => {
    interface AppMeta extends ActivityProcedureMeta {
      requiresAdmin?: boolean;
    }
    const app = initTRPC.context<Context>().meta<AppMeta>().create();
    const authed = app.procedure.use(({ ctx, next }) =>
      next({ ctx: { userId: ctx.user?.id ?? '' } }),
    );
    authed
      .input(z.object({ id: z.string() }))
      .use(activityMiddleware({ store, tenant: (ctx: Context) => ctx.user?.tenantId }))
      .meta({ requiresAdmin: true, activity: { subject: { type: 'customer', id: 'input.id' } } })
      .mutation(({ ctx, input }) => {
        expectTypeOf(ctx.userId).toEqualTypeOf<string>();
        expectTypeOf(ctx.activity).toEqualTypeOf<ActivityCapture>();
        return input.id;
      });
  });

  it("types the resolvers with the app's context", () => {
    activityMiddleware<Context>({
      store,
      tenant: (ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<Context>();
        return ctx.user?.tenantId;
      },
    });
  });
});

describe('router', () => {
  type Outputs = inferRouterOutputs<RouterApp>['activity'];
  type Inputs = inferRouterInputs<RouterApp>['activity'];

  it('infers every procedure for the client, dates as strings over JSON', () => {
    expectTypeOf<Outputs['list']['items'][number]['occurredAt']>().toEqualTypeOf<string>();
    expectTypeOf<Outputs['get']['id']>().toEqualTypeOf<string>();
    expectTypeOf<Outputs['scope']>().toEqualTypeOf<ActivityPermissionsView>();
    expectTypeOf<Outputs['export']>().toEqualTypeOf<ActivityExportResult>();
    expectTypeOf<Outputs['bulkDelete']>().toEqualTypeOf<{ deleted: number; ids: string[] }>();
    expectTypeOf<Outputs['signals'][number]['type']>().toEqualTypeOf<SecuritySignal['type']>();
    expectTypeOf<Outputs['stats']['total']>().toEqualTypeOf<number>();
    expectTypeOf<Outputs['verify']['ok']>().toEqualTypeOf<boolean>();
    expectTypeOf<Outputs['addNote']['kind']>().toEqualTypeOf<ActivityEvent['kind']>();
  });

  it('types the inputs', () => {
    expectTypeOf<Inputs['get']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Inputs['timeline']['ref']>().toEqualTypeOf<string>();
    expectTypeOf<Inputs['export']['format']>().toEqualTypeOf<'csv' | 'ndjson' | 'pdf'>();
    expectTypeOf<{ ids: string[] }>().toExtend<Inputs['bulkDelete']>();
    expectTypeOf<{ query: { kinds: ['delete'] } }>().toExtend<Inputs['bulkDelete']>();
  });

  it('types every filter precisely: no unknown for a client to smuggle operators through', () => {
    type List = Inputs['list'];
    expectTypeOf<List['from']>().toEqualTypeOf<Date | string | undefined>();
    expectTypeOf<List['to']>().toEqualTypeOf<Date | string | undefined>();
    expectTypeOf<List['limit']>().toEqualTypeOf<number | undefined>();
    type ListFilters = 'actors' | 'roles' | 'categories' | 'actions' | 'subjectTypes' | 'subjects';
    type MoreListFilters = 'refs' | 'locations' | 'ips' | 'ids';
    expectTypeOf<Pick<List, ListFilters | MoreListFilters>>().toEqualTypeOf<
      Partial<Record<ListFilters | MoreListFilters, string[]>>
    >();
    expectTypeOf<Inputs['verify']['from']>().toEqualTypeOf<Date | string | undefined>();
    expectTypeOf<Inputs['suggestActors']>().toEqualTypeOf<{ prefix: string; limit?: number }>();
    expectTypeOf<NonNullable<Inputs['stats']['query']>['from']>().toEqualTypeOf<
      Date | string | undefined
    >();

    const client = {} as TRPCClient<RouterApp>;
    // @ts-expect-error limit is a number
    void client.activity.list.query({ limit: 'lots' });
    // @ts-expect-error actors are strings
    void client.activity.list.query({ actors: [{ $ne: null }] });
    // @ts-expect-error from is a Date or an ISO string
    void client.activity.list.query({ from: { $gt: 0 } });
    // @ts-expect-error categories are strings
    void client.activity.list.query({ categories: [42] });
    // @ts-expect-error epoch milliseconds are not a date
    void client.activity.verify.mutate({ tenantId: 'acme', to: 0 });
    void client.activity.list.query({ from: new Date(), to: '2026-11-30', limit: 10 });
  });

  it('types the live subscription as tracked events', () => {
    type Live = Outputs['live'] extends AsyncIterable<infer T> ? T : never;
    expectTypeOf<Live['id']>().toEqualTypeOf<string>();
    expectTypeOf<Live['data']['action']>().toEqualTypeOf<string>();
    expectTypeOf<Live['data']['occurredAt']>().toEqualTypeOf<string>();
    type Subscribe = TRPCClient<RouterApp>['activity']['live']['subscribe'];
    expectTypeOf<{ query: { kinds: ['delete'] }; lastEventId: string }>().toExtend<
      Parameters<Subscribe>[0]
    >();
    // @ts-expect-error not a filter of a query
    expectTypeOf<{ query: { kind: 'delete' } }>().toExtend<Parameters<Subscribe>[0]>();
  });

  it("nests without the app's t, typed by the authorize context", () => {
    const router = t.router({
      activity: createActivityRouter({
        store,
        authorize: (ctx: Context) =>
          ctx.user
            ? { scope: { tenants: [ctx.user.tenantId] }, actor: { id: ctx.user.id, type: 'user' } }
            : null,
      }),
    });
    type Page = inferRouterOutputs<typeof router>['activity']['list'];
    expectTypeOf<Page['nextCursor']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ActivityPage<ActivityEvent>['items']>().not.toEqualTypeOf<Page['items']>();
  });
});
