import type { ActivityEvent, RecordRef } from '@activitykit/schema';
import { useEffect, useId, useRef } from 'react';
import type { ActivityPermissions } from '../data/source.ts';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { Icon } from '../icons/Icon.tsx';
import { StatePanel } from '../states/StatePanel.tsx';
import { EventDetail } from './EventDetail.tsx';
import type { LogTranslate } from './messages.ts';
import { RestoreButton } from './RestoreButton.tsx';

/** Props of {@link DetailDrawer}. */
export interface DetailDrawerProps {
  /** The open event's id, or `undefined` when closed. */
  eventId: string | undefined;
  /** The event, when loaded (from the list or fetched by id). */
  event: ActivityEvent | undefined;
  loading: boolean;
  error: unknown;
  onClose(): void;
  onOpenRecord?: ((ref: RecordRef, event: ActivityEvent) => void) | undefined;
  canRestore?: ((event: ActivityEvent) => boolean) | undefined;
  permissions: ActivityPermissions | undefined;
  t: LogTranslate;
  i18n: ActivityI18n;
}

/**
 * The detail view: a modal side drawer (a native `<dialog>`, so focus is trapped, Esc closes it
 * and focus returns to the row that opened it).
 */
export function DetailDrawer(props: DetailDrawerProps) {
  const { eventId, event, t, i18n, onClose } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnFocus = useRef<HTMLElement | null>(null);
  const open = eventId !== undefined;

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) {
      returnFocus.current = document.activeElement as HTMLElement | null;
      node.showModal();
      // Focus starts on Close, never on an action like Restore.
      node.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
    } else if (!open && node.open) {
      node.close();
    }
  }, [open]);

  useEffect(() => {
    if (open) return;
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="ak-drawer ak-log-drawer"
      aria-labelledby={titleId}
      onClose={() => open && onClose()}
      onKeyDown={(key) => {
        // Synthetic key events (tests, assistive tech) do not fire the native cancel.
        if (key.key === 'Escape') {
          key.preventDefault();
          onClose();
        }
      }}
      onCancel={(cancel) => {
        cancel.preventDefault();
        onClose();
      }}
      onClick={(click) => {
        if (click.target === click.currentTarget) onClose();
      }}
    >
      {open ? (
        <>
          <header className="ak-drawer__header">
            <h2 id={titleId} className="ak-drawer__title">
              {event ? event.action : t('detail.title', { id: eventId })}
            </h2>
            <div className="ak-log-drawer-actions">
              {event ? (
                <RestoreButton
                  event={event}
                  canRestore={props.canRestore}
                  permissions={props.permissions}
                  t={t}
                />
              ) : null}
              <button
                type="button"
                className="ak-button ak-button--ghost ak-button--icon"
                aria-label={t('detail.close')}
                data-initial-focus=""
                onClick={onClose}
              >
                <Icon name="x" />
              </button>
            </div>
          </header>
          <div className="ak-drawer__body">
            <p className="ak-log-mono ak-muted ak-log-detail-id">
              {t('detail.title', { id: eventId })}
            </p>
            {event ? (
              <EventDetail event={event} t={t} i18n={i18n} onOpenRecord={props.onOpenRecord} />
            ) : props.loading ? (
              <StatePanel kind="loading" compact />
            ) : (
              <StatePanel kind="error" compact title={t('detail.loadFailed')} error={props.error} />
            )}
          </div>
        </>
      ) : null}
    </dialog>
  );
}
