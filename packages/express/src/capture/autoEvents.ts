import {
  type ActivityEventInput,
  type AuthStep,
  authStepEvent,
  diff,
  type EventKind,
  type RecordRef,
} from '@activitykit/schema';
import type { CapturedRequest } from './capturedRequest.ts';
import { lookupRoute } from './config.ts';
import type { RequestFacts } from './facts.ts';
import type { LoginStep } from './options.ts';
import { paramValue, parentRefs, type RouteInfo, routeInfo, routeParams } from './routeInfo.ts';

/** The response body a handler sent with `res.json()`, kept for the id of a created record. */
export const RESPONSE_BODY = Symbol('activitykit.responseBody');

const METHOD_KINDS: Readonly<Record<string, EventKind>> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};
const KIND_VERBS: Partial<Record<EventKind, string>> = {
  create: 'created',
  update: 'updated',
  delete: 'deleted',
};

/** The event of a configured login, logout or OTP route, or `undefined`. */
export function authEvent(
  activity: CapturedRequest,
  facts: RequestFacts,
): ActivityEventInput | undefined {
  const step = lookupRoute(activity.config.loginRoutes, facts);
  if (!step) return undefined;
  const { failure } = facts;
  const event: Omit<ActivityEventInput, 'action'> = { outcome: failure ? 'failure' : 'success' };
  const tenantId = facts.tenantId();
  if (tenantId !== undefined) event.tenantId = tenantId;
  event.context = facts.context;
  const identifier = step === 'logout' ? undefined : activity.config.identifier(activity.req);
  if (identifier) event.metadata = { identifier };
  const recorded = authStepEvent(AUTH_STEP[step], failure ? 'failure' : 'success');
  if (recorded.kind === 'login_failed') return { ...event, ...recorded, actor: ANONYMOUS_ACTOR };
  let actor = facts.actor();
  if (step === 'login' && actor.type === 'anonymous' && identifier) {
    actor = { id: identifier, type: 'user' };
  }
  return { ...event, ...recorded, actor };
}

const ANONYMOUS_ACTOR = { id: 'anonymous', type: 'anonymous' } as const;

/** The schema's sign-in step of each login route option. */
const AUTH_STEP: Record<LoginStep, AuthStep> = {
  login: 'login',
  logout: 'logout',
  otpRequest: 'otp_request',
  otpVerify: 'otp_verify',
};

/** The create / update / delete of a mutating request on a matched route, or `undefined`. */
export function resourceEvent(
  activity: CapturedRequest,
  facts: RequestFacts,
): ActivityEventInput | undefined {
  const methodKind = METHOD_KINDS[facts.method];
  if (!methodKind || facts.pattern === undefined) return undefined;
  const override = lookupRoute(activity.config.resources, facts);
  if (override === false) return undefined;
  const draft = activity.draft ?? {};
  const info = routeInfo(facts.pattern);
  const params = routeParams(info, activity.req.params ?? {}, facts.path);
  const type = override?.type ?? draft.subject?.type ?? info.type;
  if (!type || activity.config.types.get(type) === false) return undefined;
  const routeId = paramValue(params[override?.idParam ?? info.idParam ?? '']);
  const id =
    draft.subject?.id ??
    routeId ??
    idOf(draft.after) ??
    idOf((activity.res as { [RESPONSE_BODY]?: unknown })[RESPONSE_BODY]) ??
    idOf(draft.before);
  const namedAction = draft.action ?? override?.action;
  if (capturedBelow(activity, { type, id, namedAction })) return undefined;
  // A named action or a verb route (`/orders/:id/refund`) lets the store infer the kind.
  const kind =
    override?.kind ?? (namedAction || info.verb ? undefined : itemKind(methodKind, routeId, info));
  const action = namedAction ?? `${type}.${info.verb ?? KIND_VERBS[kind ?? 'update']}`;
  const event: ActivityEventInput = {
    action,
    outcome: facts.failure ? 'failure' : 'success',
    actor: facts.actor(),
    context: facts.context,
  };
  if (kind) event.kind = kind;
  if (override?.category) event.category = override.category;
  const tenantId = facts.tenantId();
  if (tenantId !== undefined) event.tenantId = tenantId;
  if (id) event.subject = subjectOf(type, id, draft.subject?.label);
  const refs = [...parentRefs(info, params), ...(draft.refs ?? [])];
  if (refs.length > 0) event.refs = refs;
  addChanges(event, kind ?? methodKind, draft);
  if (draft.description) event.description = draft.description;
  if (draft.metadata) event.metadata = draft.metadata;
  return event;
}

/**
 * The rule against double events: the data layer recorded the route's record (its event has the
 * exact changes), or the route names no record and the data layer recorded what the request wrote
 * (its events, a bulk write's summary among them, tell it) unless the app named the route's action.
 */
function capturedBelow(
  activity: CapturedRequest,
  route: { type: string; id: string | undefined; namedAction: string | undefined },
): boolean {
  const writes = activity.dataLayerWrites;
  if (route.id) return writes.has({ type: route.type, id: route.id });
  return writes.size > 0 && route.namedAction === undefined;
}

/** A read of a route configured in `access`, recorded as an `access` event, or `undefined`. */
export function accessEvent(
  activity: CapturedRequest,
  facts: RequestFacts,
): ActivityEventInput | undefined {
  if (facts.method !== 'GET' && facts.method !== 'HEAD') return undefined;
  const access = lookupRoute(activity.config.access, facts);
  if (!access) return undefined;
  const draft = activity.draft ?? {};
  const info = facts.pattern === undefined ? undefined : routeInfo(facts.pattern);
  const params = info ? routeParams(info, activity.req.params ?? {}, facts.path) : {};
  const type = access.type ?? draft.subject?.type ?? info?.type ?? 'report';
  if (activity.config.types.get(type) === false) return undefined;
  const id = draft.subject?.id ?? paramValue(params[info?.idParam ?? '']) ?? facts.path;
  const event: ActivityEventInput = {
    action: draft.action ?? access.action ?? `${type}.viewed`,
    kind: 'access',
    outcome: facts.failure ? 'failure' : 'success',
    actor: facts.actor(),
    subject: subjectOf(type, id, draft.subject?.label),
    context: facts.context,
  };
  if (access.category) event.category = access.category;
  const tenantId = facts.tenantId();
  if (tenantId !== undefined) event.tenantId = tenantId;
  const metadata = { ...draft.metadata };
  const query = queryObject(activity.req.originalUrl);
  if (query) metadata.query = query;
  if (Object.keys(metadata).length > 0) event.metadata = metadata;
  if (draft.refs?.length) event.refs = draft.refs;
  if (draft.description) event.description = draft.description;
  return event;
}

/** POST to a collection creates; POST to an item updates it. */
function itemKind(kind: EventKind, routeId: string | undefined, info: RouteInfo): EventKind {
  return kind === 'create' && routeId !== undefined && info.idParam !== undefined ? 'update' : kind;
}

function subjectOf(type: string, id: string, label: string | undefined): RecordRef {
  const subject: RecordRef = { type, id: id.slice(0, 200) };
  if (label) subject.label = label.slice(0, 500);
  return subject;
}

function addChanges(
  event: ActivityEventInput,
  kind: EventKind,
  draft: { before?: unknown; after?: unknown },
): void {
  const { before, after } = draft;
  if (kind === 'delete') {
    if (isPlainObject(before)) event.snapshot = before;
    return;
  }
  if (before === undefined && after === undefined) return;
  const changes = diff(before ?? (isPlainObject(after) ? {} : undefined), after ?? {});
  if (changes.length > 0) event.changes = changes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(record: unknown): string | undefined {
  if (!isPlainObject(record)) return undefined;
  const id = record.id ?? record._id;
  if (typeof id === 'string' && id) return id;
  if (typeof id === 'number' || typeof id === 'bigint') return String(id);
  if (typeof id === 'object' && id !== null && typeof id.toString === 'function') {
    const text = String(id);
    return text && text !== '[object Object]' ? text : undefined;
  }
  return undefined;
}

/**
 * A read's query string as an object (`{ month: '2026-11', kind: ['a', 'b'] }`), so the store's
 * redactor hides secret parameters (`token`, `apiKey`…) by name; at most 50 parameters.
 */
function queryObject(url: string): Record<string, string | string[]> | undefined {
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  const query: Record<string, string | string[]> = Object.create(null);
  let count = 0;
  for (const [name, value] of new URLSearchParams(url.slice(start + 1))) {
    if (++count > 50) break;
    const key = name.slice(0, 100);
    const seen = query[key];
    const text = value.slice(0, 500);
    query[key] = seen === undefined ? text : Array.isArray(seen) ? [...seen, text] : [seen, text];
  }
  return count === 0 ? undefined : { ...query };
}
