import type { ActivityEventInput, Actor, EventKind } from '@activitykit/schema';
import type { Request } from 'express';

/**
 * How one route is recorded, over what the route itself says. Keys of
 * {@link ActivityCaptureOptions.resources} are route patterns as the app declared them, with or
 * without a method: `'POST /customers/:id/refund'`, `'/customers/:id'`.
 */
export interface RouteCapture {
  /** The subject type. Defaults to the singular of the route's last resource segment (`customer`). */
  type?: string;
  /** The route parameter holding the subject's id. Defaults to the last parameter of the route. */
  idParam?: string;
  /** The action. Defaults to `<type>.created` / `.updated` / `.deleted` (or `.<verb>`). */
  action?: string;
  /** The kind. Defaults to the method's: POST create, PUT/PATCH update, DELETE delete. */
  kind?: EventKind;
  /** The category. Defaults to the store's inference from the type. */
  category?: string;
}

/** Which auth step a login route is. */
export type LoginStep = 'login' | 'logout' | 'otpRequest' | 'otpVerify';

/** Login capture (SPEC §3): the routes of each auth step, and where the attempted identifier is. */
export interface LoginCaptureOptions {
  /**
   * Routes by auth step, e.g. `{ login: 'POST /auth/login', logout: 'POST /auth/logout' }`. A 2xx/3xx
   * answer is a success, anything `isFailure` says is a failure. Defaults to none.
   */
  routes?: Partial<Record<LoginStep, string | readonly string[]>>;
  /**
   * The attempted identifier (never the password) of a login. Defaults to the body's `email`,
   * `username`, `login`, `identifier` or `phone`, whichever is a string first.
   */
  identifier?: (req: Request) => string | undefined;
}

/** What {@link ActivityCaptureOptions.signInTenant} is asked about: one sign-in attempt. */
export interface SignInAttempt {
  /** What the person typed to identify themselves (e-mail, username, phone), if known. */
  identifier?: string;
  /** The sign-in request: its host, path, headers and body. */
  req: Request;
}

/** A read recorded as an `access` event (seed 000 "Report"). */
export interface AccessCapture {
  /** The subject type. Defaults to the route's resource (`report`). */
  type?: string;
  /** The action. Defaults to `<type>.viewed`. */
  action?: string;
  /** The category. Defaults to the store's inference (`report` for reports). */
  category?: string;
}

/** What capture needs of a store: `record()`, which must not wait (the store's own never does). */
export interface CaptureStore {
  record(event: ActivityEventInput): unknown;
}

/** Options of {@link activityCapture}. */
export interface ActivityCaptureOptions {
  /** The activity store events are recorded into: the one from `createActivityStore()`. */
  store: CaptureStore;
  /**
   * Who acts. Defaults to `req.user` as `{ id, type: 'user', name, email, role }` when it has an
   * `id`, else an anonymous actor.
   */
  actor?: (req: Request) => Actor | undefined;
  /**
   * The tenant. Defaults to `req.user.tenantId`, else the store's `defaultTenantId` — except for
   * sign-in attempts (see `signInTenant`).
   */
  tenant?: (req: Request) => string | undefined;
  /**
   * The tenant of a sign-in attempt (login, failed login, OTP step) when `tenant` gives none —
   * nobody is signed in yet: from the identifier (look the account up) or the request (host, path,
   * a header). Return the same tenant for every attempt in a single-tenant app (`() => 'main'`),
   * and a tenant only your administrators read for identifiers that match no account. An attempt
   * with no tenant is not recorded (never in the store's default tenant, where it could show one
   * tenant's sign-ins and typed e-mail addresses to another) and `onError` is told. Defaults to
   * none.
   */
  signInTenant?: (attempt: SignInAttempt) => string | undefined | Promise<string | undefined>;
  /** The branch or site (seed 001). Defaults to none. */
  location?: (req: Request) => string | undefined;
  /** Per-route overrides; `false` leaves a route out. Defaults to `{}`. */
  resources?: Record<string, RouteCapture | false>;
  /** Login, logout and OTP routes. Defaults to none (use `req.activity.login()`). */
  login?: LoginCaptureOptions;
  /** Reads recorded as `access` events, by route: `{ 'GET /reports/:id': { type: 'report' } }`. Defaults to none. */
  access?: Record<string, AccessCapture | true>;
  /** Audit logging per record type (seed 002): `{ payment: false }`. Defaults to all on. */
  capture?: Record<string, boolean>;
  /** Paths never recorded: exact paths, prefixes ending in `/*`, or regular expressions. Defaults to none. */
  exclude?: readonly (string | RegExp)[];
  /** Which statuses make an event a failure. Defaults to `status >= 400`. */
  isFailure?: (status: number) => boolean;
  /** The request-id header read and echoed. Defaults to `'x-request-id'`. */
  requestIdHeader?: string;
  /**
   * The correlation id shared by every event of one request — the route's and those the data layer
   * records while it runs — so a user action that changes several records reads as one batch.
   * A value that is not 1–200 letters, digits or `._:@/+=-` is ignored. Defaults to the request id.
   */
  correlationId?: (req: Request) => string | undefined;
  /** Makes a request id when the request has none. Defaults to `crypto.randomUUID`. */
  generateRequestId?: () => string;
  /** Failures to build or record an event; never thrown into the request. Defaults to stderr. */
  onError?: (error: unknown, req: Request) => void;
}
