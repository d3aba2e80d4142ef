import type { HTMLAttributes, ReactNode } from 'react';
import { useId } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';
import { StatePanel, stateOfError } from '../states/StatePanel.tsx';
import { TenantIntegrity } from './TenantIntegrity.tsx';
import { useIntegrityContext, useIntegrityStatus } from './useIntegrity.ts';
import type { EventLinks } from './VerifyReportView.tsx';

/** Props of {@link IntegrityPanel}. */
export interface IntegrityPanelProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children'>,
    EventLinks {
  /** Show only this tenant. Defaults to every tenant of the reader's scope. */
  tenantId?: string;
  /** The panel's heading (an `<h2>`). Defaults to "Integrity". */
  heading?: ReactNode;
}

/**
 * Tamper evidence people can see (SPEC §5): per tenant, the last checkpoint (number, time, events
 * it seals) and how many events wait for the next seal, and "Verify now", which runs
 * `source.verify({ tenantId })` and names every modified, deleted, inserted and late event, invalid
 * and missing checkpoints, the anchor's verdict and a wrong key. Event ids link to their rows
 * through `onOpenEvent` / `getEventHref`. Must be inside `<ActivityProvider>`; `<ActivityLog>`
 * shows it from its toolbar.
 *
 * @example
 * ```tsx
 * <ActivityProvider source={source}>
 *   <IntegrityPanel getEventHref={(id) => `/activity?event=${id}`} />
 * </ActivityProvider>
 * ```
 */
export function IntegrityPanel(props: IntegrityPanelProps): ReactNode {
  const { tenantId, heading, onOpenEvent, getEventHref, className, ...rest } = props;
  const { t } = useActivityI18n();
  const { source } = useIntegrityContext();
  const status = useIntegrityStatus();
  const headingId = useId();
  const data = status.data;
  const tenants = data
    ? tenantId
      ? [data.tenants.find((tenant) => tenant.tenantId === tenantId) ?? { tenantId, unsealed: 0 }]
      : data.tenants
    : [];
  return (
    <section
      {...rest}
      aria-labelledby={headingId}
      className={cx('ak-root ak-integrity', className)}
    >
      <h2 id={headingId} className="ak-integrity-title">
        <Icon name="shield" /> {heading ?? t('integrity.title')}
      </h2>
      {!source.integrity ? (
        <StatePanel kind="empty" compact title={t('integrity.off')} />
      ) : status.error ? (
        <StatePanel
          kind={stateOfError(status.error)}
          compact
          error={status.error}
          onRetry={() => void status.refetch()}
        />
      ) : !data ? (
        <StatePanel kind="loading" compact title={t('integrity.title')} />
      ) : (
        <>
          {data.sealing ? null : <p className="ak-integrity-note">{t('integrity.off')}</p>}
          {tenants.map((tenant) => (
            <TenantIntegrity
              key={tenant.tenantId}
              tenant={tenant}
              canVerify={data.canVerify && !!source.verify}
              links={{ onOpenEvent, getEventHref }}
            />
          ))}
        </>
      )}
    </section>
  );
}
