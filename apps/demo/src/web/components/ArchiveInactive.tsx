import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useAppMutation, useCatalog } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { TenantOptions } from './TenantOptions.tsx';

/**
 * The administrators' "archive inactive customers": one business's customers with no booking and
 * no order for 30 days are archived by one `updateMany`, which the activity log shows as one batch.
 */
export function ArchiveInactive() {
  const { t } = usePreferences();
  const tenants = useCatalog().data ?? [];
  const [tenantId, setTenantId] = useState('harbor');
  const archive = useAppMutation(
    (body: { tenantId: string }) =>
      api<{ archived: number }>('/customers/archive-inactive', { method: 'POST', body }),
    { invalidate: [['customers']] },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    archive.mutate({ tenantId });
  };
  return (
    <form className="archive-inactive" onSubmit={submit}>
      <label className="field inline">
        <span>{t('archiveOf')}</span>
        <select value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
          <TenantOptions tenants={tenants} />
        </select>
      </label>
      <button type="submit" className="button secondary" disabled={archive.isPending}>
        {t('archiveInactive')}
      </button>
      {archive.data && (
        <span role="status">
          {t('archivedCount')}: {archive.data.archived}
        </span>
      )}
      {archive.error && <span role="alert">{errorMessage(archive.error)}</span>}
    </form>
  );
}
