import { isSealedBy } from '@activitykit/schema';
import { useMemo } from 'react';
import { useIntegrityStatus } from '../data/queries.ts';

/**
 * The log's seal locks, from one status request for the whole list: whether an event is sealed by
 * its tenant's last checkpoint, or `undefined` (no locks) when the source has no `integrity` or
 * nothing is sealed anywhere.
 */
export function useLogIntegrity():
  | ((event: { id: string; tenantId: string }) => boolean)
  | undefined {
  const status = useIntegrityStatus().data;
  return useMemo(() => {
    if (!status?.sealing && !status?.tenants.some((tenant) => tenant.lastCheckpoint)) return;
    return (event) =>
      isSealedBy(
        event,
        status.tenants.find((tenant) => tenant.tenantId === event.tenantId)?.lastCheckpoint,
      );
  }, [status]);
}
