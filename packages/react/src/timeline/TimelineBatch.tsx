import type { RecordRef } from '@activitykit/schema';
import { type ReactNode, useMemo } from 'react';
import { useActivityI18n } from '../i18n/I18nContext.tsx';
import { batchSummary } from '../log/BatchRow.tsx';
import { batchCount, type EventBatch } from '../log/batches.ts';
import { logTranslator } from '../log/messages.ts';
import { TimelineEvent } from './TimelineEvent.tsx';

/** Props of {@link TimelineBatch}. */
export interface TimelineBatchProps {
  batch: EventBatch;
  record: string;
  onOpenRecord?: ((ref: RecordRef) => void) | undefined;
  className?: string | undefined;
}

/**
 * One user action that changed several records, as one entry of the timeline: what it did and how
 * many records, its events behind a disclosure (`<details>`: Enter or Space opens it).
 */
export function TimelineBatch({
  batch,
  record,
  onOpenRecord,
  className,
}: TimelineBatchProps): ReactNode {
  const i18n = useActivityI18n();
  const t = useMemo(() => logTranslator(i18n), [i18n]);
  const count = batchCount(batch);
  const first = batch.events[0];
  return (
    <li className="ak-timeline__event ak-timeline__batch" data-batch={batch.key}>
      <span className="ak-timeline__marker" aria-hidden="true">
        {count}
      </span>
      <details className="ak-timeline__body">
        <summary className="ak-timeline__text">
          {batchSummary(batch, t, i18n)}{' '}
          <span className="ak-badge">{t('batch.count', { count })}</span>
          {first ? (
            <time className="ak-timeline__meta" dateTime={first.occurredAt.toISOString()}>
              {i18n.formatClock(first.occurredAt)}
            </time>
          ) : null}
        </summary>
        <ol className="ak-timeline__events">
          {batch.events.map((event) => (
            <TimelineEvent
              key={event.id}
              event={event}
              record={record}
              onOpenRecord={onOpenRecord}
              className={className}
            />
          ))}
        </ol>
      </details>
    </li>
  );
}
