import { type FormEvent, useState } from 'react';
import type { DemoUser } from '../../server/auth/user.ts';
import type { CustomerDoc } from '../../server/domain/model.ts';
import { errorMessage } from '../api.ts';
import { useCatalog } from '../hooks.ts';
import { usePreferences } from '../i18n.tsx';
import { TenantOptions } from './TenantOptions.tsx';

/** The fields a customer form sends. */
export interface CustomerFields {
  name: string;
  email: string;
  phone: string;
  location: string;
  tenantId?: string;
}

/** Create or edit a customer: name, e-mail, phone, venue (and business, for an admin creating one). */
export function CustomerForm({
  user,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  user: DemoUser;
  initial?: CustomerDoc;
  submitLabel: string;
  onSubmit(fields: CustomerFields): Promise<unknown>;
  onCancel?(): void;
}) {
  const { t } = usePreferences();
  const catalog = useCatalog();
  const tenants = catalog.data ?? [];
  const [tenantId, setTenantId] = useState(
    initial?.tenantId ?? (user.role === 'admin' ? 'harbor' : user.tenantId),
  );
  const tenant = tenants.find((entry) => entry.id === tenantId) ?? tenants[0];
  const [fields, setFields] = useState({
    name: initial?.name ?? '',
    email: initial?.email ?? '',
    phone: initial?.phone ?? '',
    location: initial?.location ?? user.location ?? '',
  });
  const [error, setError] = useState<string>();
  const location = tenant?.locations.some((entry) => entry.id === fields.location)
    ? fields.location
    : (tenant?.locations[0]?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    try {
      await onSubmit({
        ...fields,
        location,
        ...(!initial && user.role === 'admin' && { tenantId: tenant?.id }),
      });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const text = (key: 'name' | 'email' | 'phone', type = 'text') => (
    <label className="field">
      <span>{t(key)}</span>
      <input
        type={type}
        name={key}
        required={key !== 'phone'}
        value={fields[key]}
        onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <form className="form-grid" onSubmit={submit}>
      {!initial && user.role === 'admin' && (
        <label className="field">
          <span>{t('business')}</span>
          <select
            name="tenant"
            value={tenant?.id ?? ''}
            onChange={(e) => setTenantId(e.target.value)}
          >
            <TenantOptions tenants={tenants} />
          </select>
        </label>
      )}
      {text('name')}
      {text('email', 'email')}
      {text('phone', 'tel')}
      <label className="field">
        <span>{t('location')}</span>
        <select
          name="location"
          value={location}
          onChange={(e) => setFields({ ...fields, location: e.target.value })}
        >
          {tenant?.locations.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
