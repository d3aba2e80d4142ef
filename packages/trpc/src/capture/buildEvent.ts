import {
  type ActivityEventInput,
  attemptedIdentifier,
  authStepEvent,
  diff,
  type EventKind,
  inferKind,
  type RecordRef,
} from '@activitykit/schema';
import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { ActivityMeta, CaptureArgs, CaptureValue, RecordSpec } from '../meta.ts';
import { type CapturedState, identifierMetadata } from './captureHelper.ts';

/** One settled procedure call, as the middleware saw it. */
export interface SettledCall {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ActivityMeta;
  args: CaptureArgs;
  state: CapturedState;
  /** The error the procedure threw, if it did. */
  error?: TRPCError;
}

const IDENTIFIER_FIELDS = ['identifier', 'email', 'username', 'login', 'phone'] as const;

/** Reads `input.a.b` / `output.a.b` from the call's input or output. */
export function readPath(args: CaptureArgs, path: string): unknown {
  const [root, ...keys] = path.split('.');
  let value: unknown = root === 'input' ? args.input : root === 'output' ? args.output : undefined;
  for (const key of keys) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function captured<T>(spec: CaptureValue<T> | undefined, args: CaptureArgs): unknown {
  if (spec === undefined) return undefined;
  return typeof spec === 'function' ? spec(args) : readPath(args, spec);
}

const idString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number' || typeof value === 'bigint'
      ? String(value)
      : undefined;

function recordOf(spec: RecordSpec, args: CaptureArgs): RecordRef | undefined {
  const id = idString(
    spec.id === undefined
      ? (readPath(args, 'output.id') ?? readPath(args, 'input.id'))
      : captured(spec.id, args),
  );
  if (!id) return undefined;
  const label = captured(spec.label, args);
  return typeof label === 'string' && label !== ''
    ? { type: spec.type, id, label }
    : { type: spec.type, id };
}

function subjectOf(call: SettledCall): RecordRef | undefined {
  const { meta, args, state, path } = call;
  if (state.subject) return state.subject;
  if (typeof meta.subject === 'function') return meta.subject(args);
  if (meta.subject) return recordOf(meta.subject, args);
  const segments = path.split('.');
  const type = segments.length > 1 ? segments.at(-2) : undefined;
  return type ? recordOf({ type }, args) : undefined;
}

function refsOf(call: SettledCall): RecordRef[] {
  const refs: RecordRef[] = [];
  for (const spec of call.meta.refs ?? []) {
    const found = typeof spec === 'function' ? spec(call.args) : recordOf(spec, call.args);
    if (Array.isArray(found)) refs.push(...found);
    else if (found) refs.push(found);
  }
  return [...refs, ...call.state.refs];
}

/** The attempted identifier of a sign-in step, as stored (`attemptedIdentifier`: trimmed, capped). */
function identifierOf(call: SettledCall): string | undefined {
  if (call.state.identifier) return attemptedIdentifier(call.state.identifier);
  if (call.meta.identifier) return attemptedIdentifier(captured(call.meta.identifier, call.args));
  for (const field of IDENTIFIER_FIELDS) {
    const identifier = attemptedIdentifier(readPath(call.args, `input.${field}`));
    if (identifier) return identifier;
  }
  return undefined;
}

/** Action and kind of a sign-in step, by outcome (the schema's one table). */
function authAction(call: SettledCall): { action: string; kind: EventKind } {
  const step = call.meta.auth ?? 'otp_verify';
  const { action, kind } = authStepEvent(step, call.error === undefined ? 'success' : 'failure');
  return { action, kind };
}

/** The `changes` / `snapshot` from what the procedure passed to `ctx.activity.before/after`. */
function changesOf(state: CapturedState, kind: EventKind | undefined): Partial<ActivityEventInput> {
  if (!state.hasBefore && !state.hasAfter) return {};
  if (kind === 'delete') {
    const snapshot = state.before;
    return snapshot !== null && typeof snapshot === 'object' && !Array.isArray(snapshot)
      ? { snapshot: snapshot as Record<string, unknown> }
      : {};
  }
  const changes = diff(state.hasBefore ? state.before : undefined, state.after);
  return changes.length > 0 ? { changes } : {};
}

/**
 * The event for a settled call, without actor, tenant and request context (the middleware adds
 * those from its resolvers).
 */
export function buildEvent(call: SettledCall): ActivityEventInput {
  const { meta, args, state, error } = call;
  const auth = meta.auth ? authAction(call) : undefined;
  const action = auth?.action ?? meta.action ?? call.path;
  const kind =
    auth?.kind ?? meta.kind ?? (call.type === 'query' ? 'access' : undefined) ?? undefined;
  const description =
    state.description ??
    (typeof meta.description === 'function' ? meta.description(args) : meta.description);
  const metadata = {
    ...(meta.metadata?.(args) ?? {}),
    ...(auth ? identifierMetadata(identifierOf(call)) : {}),
    ...(error ? { error: { code: error.code } } : {}),
    ...state.metadata,
  };
  const subject = auth ? state.subject : subjectOf(call);
  const event: ActivityEventInput = {
    action,
    outcome: error ? 'failure' : 'success',
    ...(kind ? { kind } : {}),
    ...(meta.category ? { category: meta.category } : {}),
    ...(subject ? { subject } : {}),
    ...changesOf(state, kind ?? inferKind(action)),
    ...(description ? { description } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
    context: { route: call.path, status: error ? getHTTPStatusCodeFromError(error) : 200 },
  };
  const refs = refsOf(call);
  if (refs.length > 0) event.refs = refs;
  if (auth && !meta.category) event.category = 'logins';
  return event;
}
