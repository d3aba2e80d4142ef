import { useActivityPermissions, useRestoreEvent, useTimeline } from '@activitykit/react';
import { errorMessage } from '../api.ts';
import { usePreferences } from '../i18n.tsx';
import { fill, type MessageKey } from '../messages.ts';
import type { PageRecordType } from '../records.ts';
import { SnapshotDetails } from './SnapshotDetails.tsx';

const HEADLINES: Record<PageRecordType, MessageKey> = {
  customer: 'deletedCustomer',
  order: 'deletedOrder',
  booking: 'deletedBooking',
  sale: 'deletedSale',
};

/** Deleted records the demo can bring back (core `restorers`: customers yes, orders no). */
const RESTORABLE: ReadonlySet<PageRecordType> = new Set(['customer']);

/**
 * A record that is gone: its last snapshot, from its newest delete event in the log, who deleted
 * it and when, and — for those allowed — a button that restores it. Nothing to show when the
 * reader cannot see a delete of it (another business's record, or hidden by their role).
 */
export function DeletedRecord({
  type,
  id,
  onRestored,
}: {
  type: PageRecordType;
  id: string;
  /** Called once the record exists again. */
  onRestored(): void;
}) {
  const { t, formatDateTime } = usePreferences();
  const deletes = useTimeline(`${type}:${id}`, { kinds: ['delete'], limit: 1 });
  const permissions = useActivityPermissions();
  const restore = useRestoreEvent();
  const event = deletes.data?.pages[0]?.items[0];

  if (deletes.isPending) return <p className="page-status">{t('loading')}</p>;
  if (!event) {
    return (
      <section className="card">
        <h1>{id}</h1>
        <p className="page-status">{t('noRecord')}</p>
      </section>
    );
  }
  const snapshot = event.snapshot ?? { _id: id };
  const name = typeof snapshot.name === 'string' ? snapshot.name : `${t(type)} ${id}`;
  const canRestore = RESTORABLE.has(type) && permissions.data?.canRestore === true;
  return (
    <section className="card deleted-record" aria-labelledby="record-title">
      <div className="page-head">
        <h1 id="record-title">{name}</h1>
        <span className="status status-deleted">{t('deletedBadge')}</span>
      </div>
      <p className="notice">
        <strong>{t(HEADLINES[type])}.</strong>{' '}
        {fill(t('deletedDetail'), {
          who: event.actor.name ?? event.actor.email ?? event.actor.id,
          when: formatDateTime(event.occurredAt),
        })}
      </p>
      <SnapshotDetails record={snapshot} className="details snapshot" />
      {canRestore ? (
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={restore.isPending}
            onClick={() => restore.mutate(event.id, { onSuccess: onRestored })}
          >
            {restore.isPending ? t('restoring') : t('restore')}
          </button>
        </div>
      ) : RESTORABLE.has(type) ? null : (
        <p className="page-status">{t('cannotRestore')}</p>
      )}
      {restore.error && (
        <p className="alert" role="alert">
          {errorMessage(restore.error)}
        </p>
      )}
    </section>
  );
}
