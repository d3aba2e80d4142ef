import {
  type ActivityScope,
  type ActivityScopeInput,
  type Actor,
  describeIssues,
  SchemaError,
} from '@activitykit/schema';
import type { z } from 'zod';
import { ActivityError } from '../errors.ts';
import type { RequestContext } from '../internal/auditText.ts';
import { parseScope } from '../query/readInputs.ts';

/** Who manages a stream: their scope (it must cover the tenant, every role), and the actor recorded. */
export interface StreamAccess {
  scope: ActivityScopeInput;
  actor: Actor;
  /** Where the change came from (IP, user agent, request id). Defaults to none. */
  context?: RequestContext;
}

/**
 * Refuses (`FORBIDDEN`) a scope that does not cover `tenantId` with every role: a stream sends
 * every event of the tenant that matches its filter, so only a reader who sees them all manages it.
 */
export function assertManages(scope: ActivityScope, tenantId: string): void {
  const tenants = scope.tenants === '*' || scope.tenants.includes(tenantId);
  if (!tenants || scope.roles !== '*') {
    throw new ActivityError(
      'FORBIDDEN',
      `Managing the log streams of tenant "${tenantId}" needs a scope over all of its events (every role).`,
    );
  }
}

/** The parsed scope of an access (`INVALID_SCOPE` when malformed). */
export function scopeOf(access: StreamAccess): ActivityScope {
  return parseScope(access?.scope);
}

/** Parses input with a schema: `INVALID_INPUT` naming every problem. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SchemaError(
    'INVALID_INPUT',
    `Invalid ${what}: ${describeIssues(result.error.issues, { root: '(root)' })}.`,
    { cause: result.error },
  );
}
