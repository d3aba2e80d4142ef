import { type ActivitySource, createRestSource, createTrpcSource } from '@activitykit/react';
import { trpc } from './api.ts';

/** How the activity components get their data: the REST API or the tRPC router. */
export type SourceKind = 'rest' | 'trpc';

/** Both sources, made once: `activityApi` at `/api/activity`, `createActivityRouter` at `trpc.activity`. */
export const ACTIVITY_SOURCES: Record<SourceKind, ActivitySource> = {
  rest: createRestSource({ baseUrl: '/api/activity' }),
  trpc: createTrpcSource(trpc.activity),
};
