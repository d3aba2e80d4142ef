import type { HTMLAttributes, ReactNode } from 'react';
import { useId } from 'react';
import { useActivityContext } from '../data/ActivityContext.ts';
import { useIntegrityStatus } from '../data/queries.ts';
import { Icon } from '../icons/Icon.tsx';
import { cx } from '../internal/cx.ts';
import type { ActivityLogUrlAdapter } from '../log/urlSync.ts';
import { useControllableState } from '../log/useControllableState.ts';
import { StatePanel, stateOfError } from '../states/StatePanel.tsx';
import { TenantIntegrity } from './TenantIntegrity.tsx';
import { useIntegrityI18n } from './useIntegrityI18n.ts';
import type { EventLinks } from './VerifyReportView.tsx';

/** Props of {@link IntegrityPanel}. */
export interface IntegrityPanelProps
  extends Omit<HTMLAttributes<HTMLElement>, 'children'>,
    EventLinks {
  /** Show only this tenant. Defaults to every tenant of the reader's scope. */
  tenantId?: string;
  /** The panel's heading (an `<h2>`). Defaults to "Integrity". */
  heading?: ReactNode;
  /**
   * Render an "Integrity" button (`aria-expanded`) that shows and hides the panel right after it,
   * as `<ActivityLog integrity={IntegrityPanel}>` does in its toolbar. The button shows only when
   * the server seals or can verify (or while the panel is open). Defaults to `false`: the panel
   * alone.
   */
  toggle?: boolean;
  /** With `toggle`: controlled open state. */
  open?: boolean;
  /** With `toggle`: whether the panel starts open. Defaults to `false`. */
  defaultOpen?: boolean;
  /** With `toggle`: called when the button opens or closes the panel. */
  onOpenChange?: (open: boolean) => void;
  /**
   * A log's URL adapter (`<ActivityLog>` passes its `urlSync`): without `getEventHref`, event ids
   * link to the URL with `event=<id>` (the log's detail drawer). Defaults to none.
   */
  urlSync?: ActivityLogUrlAdapter | undefined;
}

/**
 * Tamper evidence people can see (SPEC §5): per tenant, the last checkpoint (number, time, events
 * it seals) and how many events wait for the next seal, and "Verify now", which runs
 * `source.verify({ tenantId })` and names every modified, deleted, inserted and late event, invalid
 * and missing checkpoints, the anchor's verdict and a wrong key. Event ids link to their rows
 * through `onOpenEvent` / `getEventHref`. Must be inside `<ActivityProvider>`; from the entry
 * `@activitykit/react/integrity`. `<ActivityLog integrity={IntegrityPanel}>` shows it from its
 * toolbar (`toggle`). Its strings are `integrityMessages`, overridable through
 * `<ActivityProvider messages>`.
 *
 * @example
 * ```tsx
 * import { IntegrityPanel } from '@activitykit/react/integrity';
 *
 * <ActivityProvider source={source}>
 *   <IntegrityPanel getEventHref={(id) => `/activity?event=${id}`} />
 * </ActivityProvider>;
 * ```
 */
export function IntegrityPanel(props: IntegrityPanelProps): ReactNode {
  const { toggle, open: openProp, defaultOpen, onOpenChange, urlSync, ...panel } = props;
  const { t } = useIntegrityI18n();
  const status = useIntegrityStatus().data;
  const ownId = useId();
  const [open, setOpen] = useControllableState({
    value: openProp,
    defaultValue: defaultOpen ?? false,
    onChange: onOpenChange,
  });
  const id = panel.id ?? ownId;
  const getEventHref =
    panel.getEventHref ??
    (urlSync
      ? (event: string) => {
          const params = urlSync.read();
          params.set(`${urlSync.prefix ?? ''}event`, event);
          return `?${params}`;
        }
      : undefined);
  const section = <IntegritySection {...panel} id={id} getEventHref={getEventHref} />;
  if (!toggle) return section;
  if (!open && !(status?.sealing || status?.canVerify)) return null;
  return (
    <>
      <button
        type="button"
        className="ak-button ak-button--small ak-integrity-toggle"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name="shield" /> {t('integrity.title')}
      </button>
      {open ? section : null}
    </>
  );
}

/** The panel itself: a region named by its heading, one section per tenant. */
function IntegritySection(
  props: Omit<IntegrityPanelProps, 'toggle' | 'open' | 'defaultOpen' | 'onOpenChange' | 'urlSync'>,
): ReactNode {
  const { tenantId, heading, onOpenEvent, getEventHref, className, ...rest } = props;
  const { t } = useIntegrityI18n();
  const { source } = useActivityContext();
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
