import { DataLayerWrites } from '@activitykit/core';
import type { ActivityEventInput, Actor, RecordRef } from '@activitykit/schema';
import { attemptedIdentifier, authStepEvent } from '@activitykit/schema';
import type { Request, Response } from 'express';
import type { ActivityDraft, CapturedRequest, PendingEvent } from './capturedRequest.ts';
import type { CaptureConfig } from './config.ts';
import { recordFinished } from './finish.ts';

/** A login attempt a handler reports itself. */
export interface LoginAttempt {
  /** Did the credentials check out? */
  success: boolean;
  /** What the user typed to identify themselves (email, username, phone) — never the password. */
  identifier?: string;
  /** Who signed in. Defaults to the `actor` resolver after the handler ran (`req.user`). */
  actor?: Actor;
  /** Why it failed (`bad_password`, `locked`…), stored in `metadata.reason`. */
  reason?: string;
}

/** A step of a one-time-password check. */
export type OtpStep = 'requested' | 'verified' | 'failed';

const ACTIVITY = Symbol('activitykit.activity');

/**
 * `req.activity`: what a handler tells the capture middleware about the request — the record's
 * before and after, a label, refs, a description — and events it records itself (logins, custom
 * events). Everything is recorded once the response finishes; nothing here touches the store.
 *
 * @example
 * ```ts
 * app.patch('/customers/:id', async (req, res) => {
 *   const before = await db.customers.findOne(req.params.id);
 *   const after = await db.customers.update(req.params.id, req.body);
 *   req.activity.before(before).after(after).label(after.name);
 *   res.json(after);
 * });
 * ```
 */
export class RequestActivity implements CapturedRequest {
  /** The request id: the incoming `X-Request-Id`, or a new one; echoed in the response. */
  readonly requestId: string;
  /** Shared by every event of the request (and the data-layer events of its writes). */
  readonly correlationId: string;
  /** @internal The records the data layer recorded changes to while the request ran. */
  readonly dataLayerWrites = new DataLayerWrites();
  /** @internal */
  readonly req: Request;
  /** @internal */
  readonly res: Response;
  /** @internal */
  readonly config: CaptureConfig;
  /** @internal What the handler said about the route's record. */
  draft: ActivityDraft | undefined;
  /** @internal Events the handler recorded itself. */
  pending: PendingEvent[] | undefined;
  /** @internal The handler asked not to record the route's own event. */
  skipped = false;
  /** @internal The request path, without the query string. */
  get path(): string {
    return pathOf(this.req.originalUrl);
  }
  /** @internal Actor and tenant resolved before the handler ran (logout routes). */
  early: { actor: Actor | undefined; tenantId: string | undefined } | undefined;

  /** @internal Made by `activityCapture`; handlers use `req.activity`. */
  constructor(
    req: Request,
    config: CaptureConfig,
    ids: { requestId: string; correlationId: string },
  ) {
    this.req = req;
    this.res = req.res as Response;
    this.config = config;
    this.requestId = ids.requestId;
    this.correlationId = ids.correlationId;
  }

  /** The record as it was before the change (diffed against `after`; a delete's snapshot). */
  before(record: unknown): this {
    this.edit().before = record;
    return this;
  }

  /** The record as it is after the change (its `id` names a created record). */
  after(record: unknown): this {
    this.edit().after = record;
    return this;
  }

  /** The subject's type, id or label, over what the route says. */
  subject(subject: Partial<RecordRef>): this {
    const draft = this.edit();
    draft.subject = { ...draft.subject, ...subject };
    return this;
  }

  /** The subject's human-readable name (`Bob Jones`, `Order #42`). */
  label(label: string): this {
    return this.subject({ label });
  }

  /** Other records the event touches (the customer of an order…). */
  ref(...refs: RecordRef[]): this {
    const draft = this.edit();
    draft.refs = [...(draft.refs ?? []), ...refs];
    return this;
  }

  /** A plain-language description, instead of the generated one. */
  describe(description: string): this {
    this.edit().description = description;
    return this;
  }

  /** Free-form metadata (size-capped by the store, secrets redacted). */
  metadata(metadata: Record<string, unknown>): this {
    const draft = this.edit();
    draft.metadata = { ...draft.metadata, ...metadata };
    return this;
  }

  /** The action, instead of `<type>.created` / `.updated` / `.deleted`. */
  action(action: string): this {
    this.edit().action = action;
    return this;
  }

  /** Records nothing for this route (events recorded with `record()` still are). */
  skip(): this {
    this.skipped = true;
    return this;
  }

  /** Records a custom event when the response finishes; actor, tenant and context are filled in. */
  record(event: ActivityEventInput): this {
    this.push({ event });
    return this;
  }

  /** Records a login (`auth.login`) or a failed one (`auth.login_failed`, with the identifier). */
  login(attempt: LoginAttempt): this {
    const metadata: Record<string, unknown> = {};
    const identifier = attemptedIdentifier(attempt.identifier);
    if (identifier) metadata.identifier = identifier;
    if (attempt.reason) metadata.reason = attempt.reason;
    const event: ActivityEventInput = {
      ...authStepEvent('login', attempt.success ? 'success' : 'failure'),
    };
    if (attempt.actor) event.actor = attempt.actor;
    else if (!attempt.success) event.actor = { id: 'anonymous', type: 'anonymous' };
    if (Object.keys(metadata).length > 0) event.metadata = metadata;
    this.push({ event, auth: true });
    return this;
  }

  /** Records a logout (`auth.logout`); the actor is resolved now, before the session ends. */
  logout(options: { actor?: Actor } = {}): this {
    const actor = options.actor ?? this.config.actor(this.req);
    this.push({ event: { ...authStepEvent('logout', 'success'), actor }, auth: true });
    return this;
  }

  /** Records a one-time-password step: `auth.otp_requested`, `auth.otp_verified`, `auth.otp_failed`. */
  otp(step: OtpStep, options: { identifier?: string; actor?: Actor } = {}): this {
    const event: ActivityEventInput = {
      ...authStepEvent(
        step === 'requested' ? 'otp_request' : 'otp_verify',
        step === 'failed' ? 'failure' : 'success',
      ),
    };
    if (options.actor) event.actor = options.actor;
    const identifier = attemptedIdentifier(options.identifier);
    if (identifier) event.metadata = { identifier };
    this.push({ event, auth: true });
    return this;
  }

  /** @internal Makes sure the response's end is watched (GET handlers that record something). */
  watch(): void {
    const res = this.res as Response & { [ACTIVITY]?: RequestActivity };
    if (res[ACTIVITY]) return;
    res[ACTIVITY] = this;
    res.on('finish', onFinish);
  }

  private edit(): ActivityDraft {
    this.draft ??= {};
    return this.draft;
  }

  private push(pending: PendingEvent): void {
    this.pending ??= [];
    this.pending.push(pending);
    this.watch();
  }
}

/** Shared by every response (no closure per request): records what the request did. */
function onFinish(this: Response & { [ACTIVITY]?: RequestActivity }): void {
  const activity = this[ACTIVITY];
  if (activity) recordFinished(activity);
}

declare global {
  namespace Express {
    interface Request {
      /** What the handler tells ActivityKit about this request (see `activityCapture`). */
      activity: RequestActivity;
    }
  }
}

/** `/a/b?x=1` → `/a/b`. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
