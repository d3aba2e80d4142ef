import { type ActivitySource, createRestSource } from '@activitykit/react';
import { api } from './api.ts';

/**
 * The activity source of a signed-in customer: the activity API itself, through a viewer token
 * the demo mints for her (`POST /api/history/viewer-token`): her own profile's history, read only,
 * and nothing else of the log — the API refuses every other record, tenant and write. The token
 * lives ten minutes; the source asks for a new one when the API answers 401.
 */
export function createCustomerSource(): ActivitySource {
  return createRestSource({
    baseUrl: '/api/activity',
    viewerToken: {
      get: async () =>
        (await api<{ token: string }>('/history/viewer-token', { method: 'POST' })).token,
    },
  });
}
