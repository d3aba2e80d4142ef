import type { ActivityEvent, ActivityEventInput, Actor, RecordRef } from '@activitykit/schema';
import { attemptedIdentifier, authStepEvent } from '@activitykit/schema';

/** What a procedure told the middleware through `ctx.activity` while it ran. */
export interface CapturedState {
  before?: unknown;
  hasBefore: boolean;
  after?: unknown;
  hasAfter: boolean;
  subject?: RecordRef;
  refs: RecordRef[];
  description?: string;
  metadata: Record<string, unknown>;
  actor?: Actor;
  tenantId?: string;
  identifier?: string;
  skipped: boolean;
}

/** Attempted sign-in details for {@link ActivityCapture.loginFailed}. */
export interface LoginFailure {
  /** What the user typed as their login: an email, a username (never the password). */
  identifier?: string;
  /** Why it failed, e.g. `'wrong_password'`. Defaults to none. */
  reason?: string;
}

/**
 * `ctx.activity` inside an audited procedure: tell the middleware the record's state before and
 * after (diffed and redacted when recorded; a delete keeps `before` as its snapshot), name the
 * subject, add refs, a description or metadata, skip recording, or record events of your own.
 *
 * @example
 * ```ts
 * .mutation(async ({ ctx, input }) => {
 *   ctx.activity.before(await db.customers.find(input.id));
 *   const after = await db.customers.update(input.id, input.patch);
 *   ctx.activity.after(after);
 *   return after;
 * })
 * ```
 */
export interface ActivityCapture {
  /** The record as it was before the change (a delete's snapshot). */
  before(record: unknown): void;
  /** The record as it is after the change. */
  after(record: unknown): void;
  /** The record acted on, over the one from meta. */
  subject(ref: RecordRef): void;
  /** Records the event touches besides the subject. */
  refs(...refs: RecordRef[]): void;
  /** A plain-language description, over the one from meta. */
  describe(text: string): void;
  /** Metadata to add (merged). */
  metadata(values: Record<string, unknown>): void;
  /** Who acts, over the resolver's: e.g. the user who just signed in. */
  actor(actor: Actor): void;
  /** The tenant, over the resolver's. */
  tenant(tenantId: string): void;
  /** For a sign-in step: the attempted identifier (never the password). */
  identifier(value: string): void;
  /** Do not record this call. */
  skip(): void;
  /** Records a custom event now, with this request's actor, tenant and context filled in. */
  record(event: ActivityEventInput): ActivityEvent | undefined;
  /** Records a successful sign-in of `actor` (`auth.login`). */
  login(actor: Actor): ActivityEvent | undefined;
  /** Records a failed sign-in (`auth.login_failed`), with the attempted identifier. */
  loginFailed(failure?: LoginFailure): ActivityEvent | undefined;
  /** Records a sign-out (`auth.logout`) of this request's actor. */
  logout(): ActivityEvent | undefined;
  /** Records a one-time-password step: `auth.otp_requested`, `auth.otp_verified` or `auth.otp_failed`. */
  otp(
    step: 'requested' | 'verified' | 'failed',
    details?: { identifier?: string },
  ): ActivityEvent | undefined;
}

/** What the helper needs from the middleware to record events right away. */
export interface CaptureHelperDeps {
  /** Records an event with the request's actor, tenant and context filled in; never throws. */
  recordNow: (event: ActivityEventInput) => ActivityEvent | undefined;
}

const ANONYMOUS: Actor = { id: 'anonymous', type: 'anonymous' };

/** Creates `ctx.activity` and the state it fills. */
export function createCaptureHelper(deps: CaptureHelperDeps): {
  helper: ActivityCapture;
  state: CapturedState;
} {
  const state: CapturedState = {
    hasBefore: false,
    hasAfter: false,
    refs: [],
    metadata: {},
    skipped: false,
  };
  const auth = (event: ActivityEventInput) => deps.recordNow({ category: 'logins', ...event });
  const helper: ActivityCapture = {
    before(record) {
      state.before = record;
      state.hasBefore = true;
    },
    after(record) {
      state.after = record;
      state.hasAfter = true;
    },
    subject(ref) {
      state.subject = ref;
    },
    refs: (...refs) => void state.refs.push(...refs),
    describe(text) {
      state.description = text;
    },
    metadata: (values) => void Object.assign(state.metadata, values),
    actor(actor) {
      state.actor = actor;
    },
    tenant(tenantId) {
      state.tenantId = tenantId;
    },
    identifier(value) {
      state.identifier = value;
    },
    skip() {
      state.skipped = true;
    },
    record: (event) => deps.recordNow(event),
    login: (actor) => {
      state.actor = actor;
      const { action, kind } = authStepEvent('login', 'success');
      return auth({ action, kind, actor });
    },
    loginFailed: (failure = {}) =>
      auth({
        ...authStepEvent('login', 'failure'),
        actor: ANONYMOUS,
        metadata: identifierMetadata(failure.identifier ?? state.identifier, failure.reason),
      }),
    logout: () => {
      const { action, kind } = authStepEvent('logout', 'success');
      return auth({ action, kind });
    },
    otp: (step, details = {}) =>
      auth({
        ...authStepEvent(
          step === 'requested' ? 'otp_request' : 'otp_verify',
          step === 'failed' ? 'failure' : 'success',
        ),
        metadata: identifierMetadata(details.identifier ?? state.identifier),
      }),
  };
  return { helper, state };
}

/** `{ identifier, reason }` without empty fields, or `undefined`. */
export function identifierMetadata(
  identifier: string | undefined,
  reason?: string,
): Record<string, unknown> | undefined {
  const metadata: Record<string, unknown> = {};
  const kept = attemptedIdentifier(identifier);
  if (kept) metadata.identifier = kept;
  if (reason) metadata.reason = reason;
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}
