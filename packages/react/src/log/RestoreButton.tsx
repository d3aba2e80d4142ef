import type { ActivityEvent } from '@activitykit/schema';
import { useState } from 'react';
import { useRestoreEvent } from '../data/mutations.ts';
import type { ActivityPermissions } from '../data/source.ts';
import { Icon } from '../icons/Icon.tsx';
import { recordName } from '../internal/eventText.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { LogTranslate } from './messages.ts';

/** Props of {@link RestoreButton}. */
export interface RestoreButtonProps {
  event: ActivityEvent;
  canRestore?: ((event: ActivityEvent) => boolean) | undefined;
  permissions: ActivityPermissions | undefined;
  t: LogTranslate;
}

/** Whether an event offers "Restore": a delete with a snapshot that the app and the reader allow. */
export function isRestorable(
  event: ActivityEvent,
  options: Pick<RestoreButtonProps, 'canRestore' | 'permissions'>,
): boolean {
  return (
    event.kind === 'delete' &&
    event.outcome === 'success' &&
    event.snapshot !== undefined &&
    options.permissions?.canRestore === true &&
    (options.canRestore?.(event) ?? false)
  );
}

/**
 * "Restore" on a delete event (seed 001): shown only when the app's `canRestore(event)` and the
 * reader's `permissions.canRestore` both allow it; asks first (a confirm dialog naming the record,
 * as bulk delete does), then reports success or the server's reason.
 */
export function RestoreButton(props: RestoreButtonProps) {
  const { event, t } = props;
  const restore = useRestoreEvent();
  const [confirming, setConfirming] = useState(false);
  if (!isRestorable(event, props)) return null;
  const record = event.subject ? recordName(event.subject, t('title')) : event.id;
  return (
    <span className="ak-log-restore">
      <button
        type="button"
        className="ak-button ak-button--primary ak-button--small"
        disabled={restore.isPending || restore.isSuccess}
        onClick={() => setConfirming(true)}
      >
        <Icon name="refresh" />
        {restore.isSuccess ? t('detail.restored') : t('detail.restore')}
      </button>
      <span role="status" className="ak-log-restore-status">
        {restore.isError ? t('detail.restoreFailed', { message: restore.error.message }) : ''}
      </span>
      <ConfirmDialog
        open={confirming}
        tone="primary"
        title={t('detail.restoreConfirmTitle', { record })}
        message={t('detail.restoreConfirmMessage')}
        confirmLabel={t('detail.restore')}
        cancelLabel={t('bulk.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          restore.mutate(event.id);
        }}
      />
    </span>
  );
}
