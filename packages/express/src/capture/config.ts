import { randomUUID } from 'node:crypto';
import type { Actor } from '@activitykit/schema';
import { attemptedIdentifier } from '@activitykit/schema';
import type { Request } from 'express';
import { ActivityHttpError } from '../errors.ts';
import type { AccessCapture, ActivityCaptureOptions, LoginStep, RouteCapture } from './options.ts';

/** The capture options, checked and compiled once. */
export interface CaptureConfig {
  store: ActivityCaptureOptions['store'];
  actor: (req: Request) => Actor | undefined;
  tenant: (req: Request) => string | undefined;
  signInTenant: ActivityCaptureOptions['signInTenant'];
  location: ((req: Request) => string | undefined) | undefined;
  identifier: (req: Request) => string | undefined;
  isFailure: (status: number) => boolean;
  requestIdHeader: string;
  generateRequestId: () => string;
  correlationId: ((req: Request) => string | undefined) | undefined;
  onError: (error: unknown, req: Request) => void;
  resources: Map<string, RouteCapture | false>;
  loginRoutes: Map<string, LoginStep>;
  access: Map<string, AccessCapture>;
  types: Map<string, boolean>;
  exclude: ((path: string) => boolean) | undefined;
}

const LOGIN_STEPS: readonly LoginStep[] = ['login', 'logout', 'otpRequest', 'otpVerify'];
const IDENTIFIER_FIELDS = ['email', 'username', 'login', 'identifier', 'phone'] as const;

/** Checks the options and compiles them into lookup tables; throws `INVALID_OPTIONS`. */
export function compileCaptureOptions(options: ActivityCaptureOptions): CaptureConfig {
  if (!options || typeof options.store?.record !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityCapture needs { store }: the store from createActivityStore().',
    );
  }
  if (options.signInTenant !== undefined && typeof options.signInTenant !== 'function') {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      'activityCapture: signInTenant must be a function ({ identifier, req }) => tenantId.',
    );
  }
  const loginRoutes = new Map<string, LoginStep>();
  for (const step of LOGIN_STEPS) {
    const routes = options.login?.routes?.[step];
    for (const route of typeof routes === 'string' ? [routes] : (routes ?? [])) {
      loginRoutes.set(routeKey(route, 'login.routes'), step);
    }
  }
  const access = new Map<string, AccessCapture>();
  for (const [route, setting] of Object.entries(options.access ?? {})) {
    access.set(routeKey(route, 'access'), setting === true ? {} : setting);
  }
  const resources = new Map<string, RouteCapture | false>();
  for (const [route, setting] of Object.entries(options.resources ?? {})) {
    resources.set(routeKey(route, 'resources'), setting);
  }
  return {
    store: options.store,
    actor: options.actor ?? defaultActor,
    tenant: options.tenant ?? defaultTenant,
    signInTenant: options.signInTenant,
    location: options.location,
    identifier: options.login?.identifier ?? defaultIdentifier,
    isFailure: options.isFailure ?? ((status) => status >= 400),
    requestIdHeader: (options.requestIdHeader ?? 'x-request-id').toLowerCase(),
    generateRequestId: options.generateRequestId ?? randomUUID,
    correlationId: options.correlationId,
    onError:
      options.onError ??
      ((error) => process.stderr.write(`[activitykit/express] ${String(error)}\n`)),
    resources,
    loginRoutes,
    access,
    types: new Map(Object.entries(options.capture ?? {})),
    exclude: compileExclude(options.exclude ?? []),
  };
}

/** `'post  /a/:id'` → `'POST /a/:id'`; `'/a'` stays. */
function routeKey(route: string, option: string): string {
  const match = /^\s*(?:([A-Za-z]+)\s+)?(\/\S*)\s*$/.exec(route);
  if (!match) {
    throw new ActivityHttpError(
      'INVALID_OPTIONS',
      `${option}: "${route}" is not a route; write a path like "/customers/:id", optionally after a method ("POST /login").`,
    );
  }
  const [, method, path] = match;
  return method ? `${method.toUpperCase()} ${path}` : (path as string);
}

/** Looks a route up by method + pattern, pattern, method + path, then path. */
export function lookupRoute<T>(
  map: Map<string, T>,
  request: { method: string; pattern: string | undefined; path: string },
): T | undefined {
  if (map.size === 0) return undefined;
  const { method, pattern, path } = request;
  if (pattern !== undefined) {
    const found = map.get(`${method} ${pattern}`) ?? map.get(pattern);
    if (found !== undefined) return found;
  }
  return pattern === path ? undefined : (map.get(`${method} ${path}`) ?? map.get(path));
}

function compileExclude(rules: readonly (string | RegExp)[]): CaptureConfig['exclude'] {
  if (rules.length === 0) return undefined;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) patterns.push(rule);
    else if (rule.endsWith('/*')) prefixes.push(rule.slice(0, -1));
    else exact.add(rule);
  }
  return (path) =>
    exact.has(path) ||
    prefixes.some((prefix) => path.startsWith(prefix) || `${path}/` === prefix) ||
    patterns.some((pattern) => pattern.test(path));
}

/** `req.user` as the actor: `{ id, type: 'user', name?, email?, role? }`, or anonymous. */
export function defaultActor(req: Request): Actor {
  const user = (req as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return ANONYMOUS;
  const { id, name, email, role } = user as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') return ANONYMOUS;
  const actor: Actor = { id: String(id), type: 'user' };
  if (typeof name === 'string' && name.trim()) actor.name = name;
  if (typeof email === 'string' && email.trim()) actor.email = email;
  if (typeof role === 'string' && role.trim()) actor.role = role;
  return actor;
}

/** Nobody signed in. */
export const ANONYMOUS: Actor = Object.freeze({ id: 'anonymous', type: 'anonymous' }) as Actor;

function defaultTenant(req: Request): string | undefined {
  const user = (req as { user?: { tenantId?: unknown } }).user;
  const tenantId = typeof user === 'object' && user !== null ? user.tenantId : undefined;
  return typeof tenantId === 'string' && tenantId ? tenantId : undefined;
}

function defaultIdentifier(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  for (const field of IDENTIFIER_FIELDS) {
    const identifier = attemptedIdentifier(body[field]);
    if (identifier) return identifier;
  }
  return undefined;
}
