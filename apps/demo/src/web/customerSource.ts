import {
  type ActivitySource,
  ActivitySourceError,
  type ActivitySourceErrorCode,
} from '@activitykit/react';
import { pageFromWire } from '@activitykit/schema';
import { ApiError, api } from './api.ts';

const denied = () =>
  Promise.reject(
    new ActivitySourceError('FORBIDDEN', 'Customers read only their own history.', {
      status: 403,
    }),
  );

/**
 * The activity source of a signed-in customer: her own profile's history through the demo's
 * `/api/history/mine` (no staff notes, no staff IP addresses), read-only, nothing else. The
 * timeline asks for nothing she may not see, so her page loads without a single 403.
 */
export function createCustomerSource(customerId: string): ActivitySource {
  const own = `customer:${customerId}`;
  return {
    permissions: async () => ({ canDelete: false, canRestore: false, canNote: false }),
    async timeline(ref, query, options) {
      if (ref !== own) return denied();
      const params = new URLSearchParams();
      if (query.limit) params.set('limit', String(query.limit));
      if (query.cursor) params.set('cursor', query.cursor);
      try {
        const page = await api<Parameters<typeof pageFromWire>[0]>(`/history/mine?${params}`, {
          ...(options?.signal && { signal: options.signal }),
        });
        return pageFromWire(page);
      } catch (error) {
        if (error instanceof ApiError) {
          throw new ActivitySourceError(codeOf(error.status), error.message, {
            status: error.status,
          });
        }
        throw new ActivitySourceError('NETWORK', String(error), { cause: error });
      }
    },
    list: denied,
    get: denied,
    stats: denied,
    signals: denied,
    addNote: denied,
    restore: denied,
    bulkDelete: denied,
    export: denied,
    subscribe: () => () => {},
  };
}

function codeOf(status: number): ActivitySourceErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  return status >= 500 ? 'SERVER' : 'INVALID_INPUT';
}
