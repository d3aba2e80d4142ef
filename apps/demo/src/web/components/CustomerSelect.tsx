import { useQuery } from '@tanstack/react-query';
import type { CustomerDoc } from '../../server/domain/model.ts';
import { api } from '../api.ts';
import { usePreferences } from '../i18n.tsx';

/** Picks one of the hundred newest customers. */
export function CustomerSelect({ value, onChange }: { value: string; onChange(id: string): void }) {
  const { t } = usePreferences();
  const customers = useQuery({
    queryKey: ['customers', ''],
    queryFn: () => api<{ items: CustomerDoc[] }>('/customers?q='),
  });
  return (
    <label className="field">
      <span>{t('customer')}</span>
      <select required value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {customers.data?.items.map((customer) => (
          <option key={customer._id} value={customer._id}>
            {customer.name} ({customer.tenantId})
          </option>
        ))}
      </select>
    </label>
  );
}
