import type { ActivityEvent } from '@activitykit/schema';
import { memo } from 'react';
import type { ActivityI18n } from '../i18n/createI18n.ts';
import { Icon } from '../icons/Icon.tsx';
import { batchCount, type EventBatch } from './batches.ts';
import { actorLabel, eventDescription, type RowContext } from './LogRow.tsx';
import type { LogTranslate } from './messages.ts';

/**
 * What a batch did, in one line: "Olga Petrova: Archived 12 inactive customers" (its bulk write's
 * description, with who when it does not start with them), else "Olga Petrova changed 12 records".
 */
export function batchSummary(batch: EventBatch, t: LogTranslate, i18n: ActivityI18n): string {
  const actor = actorLabel(batch.events[0] as ActivityEvent, t);
  const bulk = batch.summary && eventDescription(batch.summary, i18n);
  if (!bulk) return t('batch.summary', { actor, count: batchCount(batch) });
  return bulk.startsWith(actor) ? bulk : `${actor}: ${bulk}`;
}

/** Props of {@link BatchRow}. */
export interface BatchRowProps {
  batch: EventBatch;
  index: number;
  /** Columns after the selection column. */
  span: number;
  open: boolean;
  active: boolean;
  context: RowContext;
  /** Changes once a minute so relative times stay fresh. */
  minute: number;
}

/**
 * The row of one user action that changed several records ("Olga changed 12 records", or the
 * bulk write's own description): Enter, Space, → / ← or the chevron show and hide its events,
 * which follow it as ordinary rows.
 */
export const BatchRow = memo(function BatchRow(props: BatchRowProps) {
  const { batch, index, open, context } = props;
  const { t, i18n } = context;
  const first = batch.events[0];
  if (!first) return null;
  const count = batchCount(batch);
  const summary = batchSummary(batch, t, i18n);
  const toggle = () => context.onToggleBatch(batch.key, !open);
  return (
    <tr
      ref={context.measure}
      data-index={index}
      data-batch-key={batch.key}
      aria-rowindex={index + 2}
      data-open={open}
      tabIndex={props.active ? 0 : -1}
      className="ak-log-row ak-log-batch"
      onClick={() => context.onActivate(batch.key)}
      onDoubleClick={toggle}
    >
      <td className="ak-log-cell ak-log-select">
        <button
          type="button"
          tabIndex={-1}
          className="ak-log-icon-button"
          aria-expanded={open}
          aria-label={t(open ? 'batch.collapse' : 'batch.expand', { count })}
          onClick={(click) => {
            click.stopPropagation();
            context.onActivate(batch.key);
            toggle();
          }}
        >
          <Icon name="chevron" />
        </button>
      </td>
      <td className="ak-log-cell ak-log-batch-summary" colSpan={props.span}>
        <span className="ak-log-ellipsis" title={summary}>
          {summary}
        </span>
        <span className="ak-badge">{t('batch.count', { count })}</span>
        <time className="ak-log-muted" dateTime={first.occurredAt.toISOString()}>
          {i18n.formatTime(first.occurredAt, 'relative')}
        </time>
      </td>
    </tr>
  );
});
