/**
 * Checking what a read is asked: its scope (deny by default) and its query, each parsed by the
 * schema with every problem named; and the filters a query's search syntax adds.
 */
import {
  type ActivityFilter,
  type ActivityQuery,
  type ActivityQueryInput,
  type ActivityScope,
  type ActivityScopeInput,
  activityQuerySchema,
  activityScopeSchema,
  describeIssues,
  parseSearch,
  SchemaError,
} from '@activitykit/schema';
import type { z } from 'zod';
import { ActivityError } from '../errors.ts';

/** Validates a scope; every read needs one, and there is no default but deny. */
export function parseScope(scope: ActivityScopeInput | undefined): ActivityScope {
  if (scope === undefined || scope === null) {
    throw new ActivityError(
      'INVALID_SCOPE',
      'Every read needs a scope, e.g. { tenants: ["acme"] } or { tenants: "*" } for administrators.',
    );
  }
  return parseWith(activityScopeSchema, scope, 'INVALID_SCOPE');
}

/** Validates a query (`INVALID_QUERY` naming every problem). */
export function parseQuery(query: ActivityQueryInput): ActivityQuery {
  return parseWith(activityQuerySchema, query, 'INVALID_QUERY');
}

/**
 * The filters a validated query asks for, ANDed: its fields, and its search syntax `q` (an
 * `INVALID_QUERY` error when `q` does not parse, as the reader answers).
 */
export function queryFilters(query: ActivityQuery): ActivityFilter[] {
  return query.q?.trim() ? [query, searchFilter(query.q, query.timeZone)] : [query];
}

/** The filter of a search string (`INVALID_QUERY` wrapping the schema's error when it does not parse). */
export function searchFilter(q: string, timeZone: string | undefined): ActivityFilter {
  try {
    return parseSearch(q, { timeZone });
  } catch (error) {
    if (error instanceof SchemaError) {
      throw new ActivityError('INVALID_QUERY', error.message, { cause: error });
    }
    throw error;
  }
}

function parseWith<T extends z.ZodType>(
  schema: T,
  value: unknown,
  code: 'INVALID_QUERY' | 'INVALID_SCOPE',
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues, { root: '(root)' });
  const what = code === 'INVALID_SCOPE' ? 'scope' : 'query';
  throw new ActivityError(code, `Invalid ${what}: ${problems}.`, { cause: result.error });
}
