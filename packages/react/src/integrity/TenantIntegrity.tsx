import type { IntegrityStatus } from '@activitykit/schema';
import { useId } from 'react';
import { Icon } from '../icons/Icon.tsx';
import { useIntegrityI18n } from './useIntegrityI18n.ts';
import { useVerifyIntegrity } from './useVerifyIntegrity.ts';
import { type EventLinks, VerifyReportView } from './VerifyReportView.tsx';

/** Props of {@link TenantIntegrity}. */
export interface TenantIntegrityProps {
  tenant: IntegrityStatus['tenants'][number];
  canVerify: boolean;
  links: EventLinks;
}

/** One tenant: its last checkpoint, the unsealed count, "Verify now" and the verify report. */
export function TenantIntegrity({ tenant, canVerify, links }: TenantIntegrityProps) {
  const { t, formatTime, formatNumber } = useIntegrityI18n();
  const verify = useVerifyIntegrity();
  const id = useId();
  const last = tenant.lastCheckpoint;
  const running = verify.isPending;
  const report = running ? undefined : verify.data;
  const name = tenant.tenantId;
  return (
    <section
      className="ak-integrity-tenant"
      aria-labelledby={id}
      aria-busy={running || undefined}
      data-state={running ? 'running' : report ? (report.ok ? 'ok' : 'failed') : undefined}
    >
      <div className="ak-integrity-head">
        <h3 id={id}>{t('integrity.tenant', { tenant: name })}</h3>
        <button
          type="button"
          className="ak-button ak-button--primary"
          // While it runs the button stays focusable (aria-disabled): disabling it would drop focus.
          disabled={!canVerify}
          aria-disabled={running || undefined}
          aria-describedby={canVerify ? id : `${id}-why`}
          onClick={() => {
            if (!running) verify.mutate({ tenantId: name });
          }}
        >
          <Icon name="shield" /> {t('integrity.verify')}
        </button>
      </div>
      <dl className="ak-integrity-facts">
        <div>
          <dt>{t('integrity.lastCheckpoint')}</dt>
          <dd>
            {last ? (
              <>
                #{last.seq} ·{' '}
                <time dateTime={last.createdAt.toISOString()}>{formatTime(last.createdAt)}</time> ·{' '}
                {t('event.count', { count: last.count })}
              </>
            ) : (
              t('integrity.nothingSealed')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('integrity.notSealed')}</dt>
          <dd>{t('event.count', { count: tenant.unsealed })}</dd>
        </div>
      </dl>
      {canVerify ? null : (
        <p id={`${id}-why`} className="ak-integrity-note">
          {t('integrity.cannotVerify')}
        </p>
      )}
      <div role="status" className="ak-integrity-status">
        {running ? (
          <>
            <progress aria-labelledby={`${id}-run`} />
            <span id={`${id}-run`}>{t('integrity.verifying')}</span>
          </>
        ) : verify.error ? (
          t('state.errorDetail', { message: verify.error.message })
        ) : report ? (
          <>
            <Icon name={report.ok ? 'shield' : 'alert'} />
            {report.ok
              ? t('integrity.ok', {
                  checkpoints: formatNumber(report.checkedCheckpoints),
                  events: formatNumber(report.checkedEvents),
                })
              : t('integrity.failed')}
          </>
        ) : null}
      </div>
      {report ? <VerifyReportView report={report} links={links} /> : null}
    </section>
  );
}
