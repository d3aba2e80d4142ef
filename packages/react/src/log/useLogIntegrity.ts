import { isSealedBy } from '@activitykit/schema';
import { useMemo } from 'react';
import { useIntegrityStatus } from '../integrity/useIntegrity.ts';
import { useControllableState } from './useControllableState.ts';
import type { LogStateProps } from './useLogState.ts';

/**
 * Tamper evidence in the log, from one status request for the whole list: whether each row is
 * sealed (`undefined` when the source has no `integrity` or nothing is sealed anywhere), whether
 * the toolbar offers the panel, its open state, and the URL of an event when the log is in the URL.
 */
export function useLogIntegrity(props: LogStateProps) {
  const status = useIntegrityStatus().data;
  const [open, setOpen] = useControllableState({
    value: props.showIntegrity,
    defaultValue: props.defaultShowIntegrity ?? false,
    onChange: props.onShowIntegrityChange,
  });
  const sealed = useMemo(() => {
    const last = new Map(status?.tenants.map((tenant) => [tenant.tenantId, tenant.lastCheckpoint]));
    if (!status?.sealing && ![...last.values()].some(Boolean)) return undefined;
    return (event: { id: string; tenantId: string }) => isSealedBy(event, last.get(event.tenantId));
  }, [status]);
  const { urlSync } = props;
  return {
    sealed,
    available: !!status && (status.sealing || status.canVerify),
    open,
    setOpen,
    eventHref: urlSync
      ? (id: string) => {
          const params = urlSync.read();
          params.set(`${urlSync.prefix ?? ''}event`, id);
          return `?${params}`;
        }
      : undefined,
  };
}
