import type { ActivityStore } from '@activitykit/core';
import { type Actor, refKey } from '@activitykit/schema';
import { initTRPC } from '@trpc/server';
import { activityErrorData } from '../errors.ts';
import type { ActivityProcedureMeta } from '../meta.ts';
import {
  type ActivityRouterOptions,
  createActivityRouter,
} from '../router/createActivityRouter.ts';
import type { TestContext, TestUser } from './harness.ts';

/** The export link secret of the test app. */
export const EXPORT_SECRET = 'a-test-secret-that-is-long-enough-to-sign-links';

const actorOf = (user: TestUser): Actor => ({
  id: user.id,
  type: 'user',
  name: user.name,
  role: user.role,
});

/** Admins see every tenant and may do anything; partners their own tenant; `nobody` nothing. */
export function authorize(ctx: TestContext) {
  const user = ctx.user;
  if (!user) return null;
  const actor = actorOf(user);
  if (user.role === 'admin') {
    return {
      scope: { tenants: '*' as const, canDelete: true, canRestore: true, canNote: true },
      actor,
    };
  }
  if (user.role === 'nobody') return { scope: { tenants: [] }, actor };
  if (user.role === 'manager') {
    const privileges = { canDelete: true, canRestore: true, canNote: true };
    return { scope: { tenants: [user.tenantId], ...privileges }, actor };
  }
  return { scope: { tenants: [user.tenantId], canNote: true }, actor };
}

/** An app router with the activity router nested under `activity`, built with the app's `t`. */
export function createRouterApp(
  store: ActivityStore,
  options: Partial<ActivityRouterOptions<TestContext>> = {},
) {
  const t = initTRPC
    .context<TestContext>()
    .meta<ActivityProcedureMeta>()
    .create({
      errorFormatter: ({ shape, error }) => ({
        ...shape,
        data: { ...shape.data, activity: activityErrorData(error) },
      }),
      sse: {
        ping: { enabled: true, intervalMs: 500 },
        client: { reconnectAfterInactivityMs: 3000 },
      },
    });
  return t.router({
    activity: createActivityRouter({
      t,
      store,
      authorize,
      live: { pollIntervalMs: 100, lookbackMs: 2000 },
      ...options,
    }),
    health: t.procedure.query(() => 'ok'),
  });
}

/** The test app's router. */
export type RouterApp = ReturnType<typeof createRouterApp>;

/** `type:id` of a record, for inputs. */
export const key = (type: string, id: string) => refKey({ type, id });
