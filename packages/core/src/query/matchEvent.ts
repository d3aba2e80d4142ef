import {
  type ActivityFilter,
  type ActivityQuery,
  parseSearch,
  SchemaError,
} from '@activitykit/schema';
import { ActivityError } from '../errors.ts';

/**
 * The filters a validated query asks for, ANDed: its fields, and its search syntax `q` (an
 * `INVALID_QUERY` error when `q` does not parse, as the reader answers).
 */
export function queryFilters(query: ActivityQuery): ActivityFilter[] {
  if (!query.q?.trim()) return [query];
  try {
    return [query, parseSearch(query.q, { timeZone: query.timeZone })];
  } catch (error) {
    if (error instanceof SchemaError) {
      throw new ActivityError('INVALID_QUERY', error.message, { cause: error });
    }
    throw error;
  }
}
