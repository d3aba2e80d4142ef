import type { KeyObject } from 'node:crypto';
import type {
  ActivityAuthorization,
  ActivityStore,
  CheckpointAnchor,
  Restorers,
  StoreSignalOptions,
  WatchOptions,
} from '@activitykit/core';
import type { Request } from 'express';

/** Who is asking, as the app's `authorize` says: what they may see, and who they are (core's `ActivityAuthorization`). */
export type ActivityAccess = ActivityAuthorization;

/** Live-stream settings of {@link ActivityApiOptions}. */
export interface LiveOptions extends Pick<WatchOptions, 'pollIntervalMs' | 'maxPerPoll'> {
  /** How often a `: ping` comment keeps the connection open. Defaults to `15000` ms. */
  heartbeatMs?: number;
  /**
   * How far back each poll looks, for events other processes stored late (writers batch and
   * retry); raise it for writers that fall behind. Defaults to core's `DEFAULT_WATCH_LOOKBACK_MS`
   * (`5000` ms), as `store.watch`.
   */
  lookbackMs?: number;
  /**
   * The most live streams one tenant may hold open on this API (a scope of several tenants takes
   * a slot in each; an all-tenant scope counts as one tenant, `'*'`). The next one is refused with
   * a 429 `TOO_MANY_STREAMS` problem; closing a stream frees its slot. Defaults to core's
   * `DEFAULT_MAX_STREAMS_PER_TENANT` (`100`).
   */
  maxStreamsPerTenant?: number;
}

/** Options of {@link activityApi}. */
export interface ActivityApiOptions {
  /** The activity store to read. */
  store: ActivityStore;
  /**
   * The access of the request's caller, or `undefined` / `null` when nobody is signed in (401). A
   * scope whose `tenants` is `[]` is refused (403) on every route. There is no default: deny.
   */
  authorize: (
    req: Request,
  ) => ActivityAccess | undefined | null | Promise<ActivityAccess | undefined | null>;
  /**
   * The public key (and anchor) `POST /verify` checks with; `GET /integrity` answers `canVerify`
   * by it. Defaults to none: `POST /verify` answers 501 (`NOT_CONFIGURED`).
   */
  verify?: { publicKey: string | KeyObject; anchor?: CheckpointAnchor };
  /** Restorers for `POST /:id/restore`, over the store's. Defaults to the store's. */
  restorers?: Restorers;
  /** Live-stream polling and heartbeats. */
  live?: LiveOptions;
  /** Security-signal settings of `GET /signals` (business hours, thresholds). Defaults to the store's. */
  signals?: StoreSignalOptions;
  /** File name of exports, without the extension. Defaults to `'activity'`. */
  exportName?: string;
  /** Largest JSON body accepted. Defaults to `'100kb'`. */
  bodyLimit?: string;
  /**
   * Accept viewer tokens (`store.createViewerToken`) as `Authorization: Bearer <token>`: a request
   * with one reads what the token allows (read routes, live, and exports when it may export),
   * narrowed by the app's session when `authorize` answers one too; a bad token is a 401
   * (`INVALID_TOKEN`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`). Pages, timelines and events opened through a
   * token are recorded as `activity.viewed` events. With `true`, every `Bearer` credential of the
   * `Authorization` header is taken for a viewer token; an app whose own sessions are bearer
   * tokens passes `{ authorization: (req) => … }` instead, returning `Bearer <token>` from wherever
   * it sends viewer tokens (e.g. an `X-Viewer-Token` header). Defaults to `false`.
   */
  viewerTokens?: boolean | { authorization: (req: Request) => string | null | undefined };
  /** Server-side failures (5xx answers, a live stream's poll failing). Defaults to stderr. */
  onError?: (error: unknown, req: Request) => void;
}
