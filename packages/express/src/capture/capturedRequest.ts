import type { DataLayerWrites } from '@activitykit/core';
import type { ActivityEventInput, Actor, RecordRef } from '@activitykit/schema';
import type { Request, Response } from 'express';
import type { CaptureConfig } from './config.ts';

/** What a handler said about the record it changed, read when the response finishes. */
export interface ActivityDraft {
  before?: unknown;
  after?: unknown;
  subject?: Partial<RecordRef>;
  refs?: RecordRef[];
  description?: string;
  metadata?: Record<string, unknown>;
  action?: string;
}

/** An event a handler recorded itself: its actor and tenant are resolved when the response ends. */
export interface PendingEvent {
  event: ActivityEventInput;
  /** The auth step it stands for, so a configured login route does not record it twice. */
  auth?: boolean;
}

/**
 * A request as the code that runs when its response finishes reads it (`finish.ts`, `facts.ts`,
 * `autoEvents.ts`, `signIn.ts`): `req.activity`'s state without its methods. `RequestActivity`
 * implements it and calls that code, which therefore never imports the class back.
 */
export interface CapturedRequest {
  /** The request id: the incoming `X-Request-Id`, or a new one. */
  readonly requestId: string;
  /** Shared by every event of the request: the app's (`correlationId` option), else the request id. */
  readonly correlationId: string;
  /** The records the data layer recorded changes to while the request ran. */
  readonly dataLayerWrites: DataLayerWrites;
  readonly req: Request;
  readonly res: Response;
  readonly config: CaptureConfig;
  /** What the handler said about the route's record. */
  readonly draft: ActivityDraft | undefined;
  /** Events the handler recorded itself. */
  readonly pending: readonly PendingEvent[] | undefined;
  /** The handler asked not to record the route's own event. */
  readonly skipped: boolean;
  /** The request path, without the query string. */
  readonly path: string;
  /** Actor and tenant resolved before the handler ran (logout routes). */
  readonly early: { actor: Actor | undefined; tenantId: string | undefined } | undefined;
}
